package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
)

// label is a person's code's theme label in a transcript: its class, theme
// name and, in brackets, who applied it when that is not every coder.
var label = regexp.MustCompile(`<i class=(t\d+)>([^<(]+?)(?: \(([^)<]*)\))?</i>`)

// everyCoder is the legend's sentence naming a transcript's coders, whom
// a label without brackets stands for.
var everyCoder = regexp.MustCompile(`A name alone was applied by (?:every coder of this transcript \(([^)]*)\)|([^,]+), the only coder of this transcript)`)

// Every theme label says, as text a screen reader reads (not a title),
// who applied the code: a label without brackets stands for every coder
// the legend names. Two coders agree on one passage and one alone codes
// another; each label must name exactly coders who applied that theme in
// the transcript, and together a theme's labels name all of them.
func TestLabelsNameTheirCoders(t *testing.T) {
	dir := copyDir(t, "testdata/study")
	ann, err := os.ReadFile(filepath.Join(dir, "codings", "ann.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	// bea agrees with ann's codes and alone codes "Nobody rang back" in
	// int-001 as trust.
	bea := string(ann) + `{"doc":"int-001","theme":"trust","quote":"Nobody rang back"}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "codings", "bea.jsonl"), []byte(bea), 0o644); err != nil {
		t.Fatal(err)
	}
	in := load(t, dir)
	files := readSite(t, must(buildTo(t, in, Options{})))
	page := string(files["transcripts/int-001.html"])
	head, body, ok := strings.Cut(page, `<div class="tx">`)
	if !ok {
		t.Fatal("int-001 has no transcript")
	}
	m := everyCoder.FindStringSubmatch(head)
	if m == nil {
		t.Fatalf("the legend names no coders: %s", head)
	}
	every := strings.Split(m[1]+m[2], ", ")
	if !slices.Equal(every, []string{"ann", "bea"}) {
		t.Errorf("the legend says every coder is %q, want ann and bea", every)
	}
	// Who applied each theme in int-001, from the codings themselves.
	want := map[string][]string{}
	for _, a := range in.Coded.Apps {
		if in.Study.Documents[a.Doc].ID != "int-001" || a.Source == coding.SourceAuto {
			continue
		}
		name := in.Codebook.Lookup(a.Theme).Name
		if !slices.Contains(want[name], a.Source) {
			want[name] = append(want[name], a.Source)
		}
	}
	said := map[string][]string{}
	plain := 0
	for _, l := range label.FindAllStringSubmatch(body, -1) {
		name, who := l[2], every
		if l[3] == "" {
			plain++
		} else {
			who = strings.Split(l[3], ", ")
		}
		for _, w := range who {
			if !slices.Contains(want[name], w) {
				t.Errorf("label %q says %s applied it; in int-001 only %q did", l[0], w, want[name])
			}
			if !slices.Contains(said[name], w) {
				said[name] = append(said[name], w)
			}
		}
	}
	for name, ws := range want {
		slices.Sort(ws)
		slices.Sort(said[name])
		if !slices.Equal(said[name], ws) {
			t.Errorf("%s: the labels name %q, want %q", name, said[name], ws)
		}
	}
	if plain == 0 {
		t.Error("no label of both coders' code is left without names")
	}
}
