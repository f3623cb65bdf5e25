package site

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site/search"
	"github.com/residentinsight/insight/themes"
)

// FuzzBuild feeds arbitrary transcript text and coder records through the
// real loaders and the site: a build must never panic, and no page may carry
// markup the site did not write itself.
func FuzzBuild(f *testing.F) {
	f.Add("---\nkind: interview\ncase: H1\n---\n\n[00:00:01] Interviewer: Hello?\n\nP01: [We waited]{.waiting} and <script>alert(1)</script>.\n",
		`{"doc":"t","theme":"waiting","quote":"We waited","start":0,"end":9,"memo":"<img src=x onerror=alert(1)>"}`)
	f.Add("Notes before any label.\n\nP02: [nested [spans]{.waiting} here]{.access}. Café ünïcode — ok.\n", `{"doc":"t","theme":"access","quote":"ünïcode"}`)
	f.Add("P01: [open span never closed\n\nP03: withdrawn speaker text.\n", `{"doc":"t","theme":"access","quote":"x","start":-5,"end":99999}`)
	mfs := fstest.MapFS{
		"insight.yaml":     {Data: []byte("title: Fuzz\ndescription: d\nfacilitators: [Interviewer]\n")},
		"codebook.yaml":    {Data: []byte("themes:\n  - id: access\n    name: Access\n    description: d\n    children:\n      - id: waiting\n        name: Waiting\n        description: d\n        keywords: [waited]\n")},
		"participants.csv": {Data: []byte("id,role,consent\nP01,parent,yes\nP02,worker,yes\nP03,parent,withdrawn\n")},
		"messages.yaml":    {Data: []byte("messages:\n  - title: People wait\n    themes: [waiting, access]\n    quotes:\n      - {doc: t, quote: We waited}\n  - {title: Other, themes: [access]}\n")},
	}
	f.Fuzz(func(t *testing.T, transcript, record string) {
		fsys := fstest.MapFS{}
		for k, v := range mfs {
			fsys[k] = v
		}
		fsys["transcripts/t.md"] = &fstest.MapFile{Data: []byte(transcript)}
		fsys["codings/ann.jsonl"] = &fstest.MapFile{Data: []byte(record)}
		ctx := context.Background()
		st, probs := corpus.Load(ctx, fsys, "study")
		if probs.HasErrors() {
			return
		}
		cb, probs := themes.Load(fsys, "codebook.yaml", "codebook.yaml")
		if probs.HasErrors() {
			t.Fatalf("fixed codebook: %v", probs)
		}
		recs, _ := coding.LoadRecords(fsys, "study")
		coded, probs := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true})
		if probs.HasErrors() {
			return
		}
		msgs, probs := messages.Load(fsys, "study", st, cb)
		if probs.HasErrors() {
			t.Fatalf("fixed messages.yaml: %v", probs)
		}
		in := Input{Study: st, Codebook: cb, Coded: coded, Table: query.New(st, cb, coded), Messages: msgs}
		out := filepath.Join(t.TempDir(), "site")
		if err := Build(ctx, in, out, Options{}); err != nil {
			t.Fatalf("Build: %v", err)
		}
		for name, data := range readSite(t, out) {
			if name == "search/search.js" && bytes.Equal(data, search.Script) {
				continue // the site's own script, a constant
			}
			if name == "search.html" { // the script tags the site writes
				data = bytes.Replace(data, []byte(`<script src="search/search.js"></script>`), nil, 1)
				data = bytes.Replace(data, []byte(`<script src="search/meta.js"></script>`), nil, 1)
			}
			for _, bad := range []string{"<script", "<img"} {
				if bytes.Contains(data, []byte(bad)) {
					t.Errorf("%s contains %q", name, bad)
				}
			}
		}
	})
}
