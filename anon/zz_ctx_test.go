package anon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZCtx(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("ZZSETS")) {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
		for _, f := range files {
			src, _ := os.ReadFile(f)
			h := parseHeldOutHeader(string(src))
			text, gs, _ := parseLabelled(string(src))
			fs := NewDetector(Options{Allow: h.Allow}).Detect(text)
			for _, x := range fs {
				if x.Kind != Person && x.Kind != AgeWithName {
					continue
				}
				hit := false
				for _, g := range gs {
					hit = hit || overlaps(x, g)
				}
				if hit {
					continue
				}
				a, b := max(0, x.Start-120), min(len(text), x.End+60)
				ctx := strings.ReplaceAll(text[a:x.Start]+"[["+text[x.Start:x.End]+"]]"+text[x.End:b], "\n", " / ")
				t.Logf("%s %s %s %q (%s)\n      %s", dir, filepath.Base(f), x.Kind, x.Text, x.Reason, ctx)
			}
		}
	}
}
