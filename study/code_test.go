package study

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/query"
)

// Accepting a theme's suggestions turns exactly those rule hits into a
// person's codes: the coder's old lines stay as they were, the default
// count of the theme then equals the count of every source, and a second
// run adds nothing.
func TestAcceptSuggestions(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "s")
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	src := Source{Dir: dir}
	count := func(coders ...string) int {
		op, probs := Open(ctx, src)
		if probs.HasErrors() {
			t.Fatal(probs)
		}
		freq, err := op.Table.Freq(query.Filter{Coders: coders})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range freq {
			if c.Theme == "duplication" {
				return c.Segments
			}
		}
		t.Fatal("no duplication row")
		return 0
	}
	before, all := count(), count(query.AllCoders)
	if before >= all {
		t.Fatalf("the example should have unreviewed duplication hits: people %d, all %d", before, all)
	}
	path := filepath.Join(dir, "codings", "amira.jsonl")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Accept(ctx, src, &out, "duplication", "amira"); err != nil {
		t.Fatal(err)
	}
	now, _ := os.ReadFile(path)
	if !bytes.HasPrefix(now, old) {
		t.Fatal("amira.jsonl's existing lines changed")
	}
	added, _ := coding.ParseRecords(path, now[len(old):])
	if len(added) == 0 {
		t.Fatal("nothing accepted")
	}
	for _, r := range added {
		if r.Theme != "duplication" || r.Memo != coding.AcceptMemo {
			t.Errorf("accepted %+v", r)
		}
	}
	if after := count(); after != all {
		t.Errorf("after accepting, duplication has %d segments by default, want %d (every source)", after, all)
	}
	out.Reset()
	if err := Accept(ctx, src, &out, "duplication", "amira"); err != nil || !strings.HasPrefix(out.String(), "accepted 0 ") {
		t.Errorf("second run: %q, %v", out.String(), err)
	}
	if err := Accept(ctx, src, &out, "no-such-theme", "amira"); err == nil {
		t.Error("an unknown theme was accepted")
	}
	if err := Accept(ctx, Source{Example: true}, &out, "all", "amira"); err == nil {
		t.Error("--accept wrote into the embedded example")
	}
}
