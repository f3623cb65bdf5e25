package study

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residentinsight/insight/internal/exampletext"
)

// TestRebuildEqualsFreshBuild is issue 11's rule for the caches a rebuild
// reads (parsed transcripts, coders' files, pages): after each kind of
// edit, the rebuilt site equals, byte for byte, a fresh build of a copy of
// the study that has no caches. Two copies of the study take every edit:
// one rebuilt as `insight build` does (caches on disk), one as
// `insight build --watch` does (caches kept in memory too).
func TestRebuildEqualsFreshBuild(t *testing.T) {
	ctx := context.Background()
	dirs := []string{exampletext.Copy(t), exampletext.Copy(t)}
	srcs := []Source{{Dir: dirs[0]}, watchSource(Source{Dir: dirs[1]})}
	outs := []string{filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "site")}
	rebuild := func(what string) map[string][]byte {
		t.Helper()
		fresh := filepath.Join(t.TempDir(), "study")
		if err := os.CopyFS(fresh, os.DirFS(dirs[0])); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(filepath.Join(fresh, CacheDir))
		freshOut := filepath.Join(t.TempDir(), "site")
		if err := Build(ctx, Source{Dir: fresh}, BuildOptions{Out: freshOut}); err != nil {
			t.Fatalf("%s, fresh build: %v", what, err)
		}
		want := snapshot(t, freshOut)
		var got map[string][]byte
		for i, src := range srcs {
			how := []string{"rebuilt", "rebuilt by a watch"}[i]
			if err := Build(ctx, src, BuildOptions{Out: outs[i]}); err != nil {
				t.Fatalf("%s, %s: %v", what, how, err)
			}
			got = snapshot(t, outs[i])
			for name, data := range want {
				if g, ok := got[name]; !ok {
					t.Errorf("%s: %s is in a fresh build but not in the site %s", what, name, how)
				} else if !bytes.Equal(g, data) {
					t.Errorf("%s: %s %s differs from a fresh build's", what, name, how)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: %s is in the site %s but not in a fresh build", what, name, how)
				}
			}
		}
		return got
	}
	edit := func(file, old, new string) {
		t.Helper()
		for _, dir := range dirs {
			p := filepath.Join(dir, filepath.FromSlash(file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s has no %q", file, old)
			}
			if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	has := func(site map[string][]byte, text string) bool {
		for _, data := range site {
			if bytes.Contains(data, []byte(text)) {
				return true
			}
		}
		return false
	}

	rebuild("first build")
	edit("transcripts/int-003.md", "I went and got them in my dressing gown.", "I went and fetched them in my dressing gown.")
	if site := rebuild("a transcript edited"); !has(site, "fetched them in my dressing gown") {
		t.Error("the edited words are not on the rebuilt site")
	}
	for _, dir := range dirs {
		exampletext.Append(t, filepath.Join(dir, "codings", "tom.jsonl"),
			`{"doc": "int-003", "theme": "debt", "quote": "I got into debt", "memo": "added by the rebuild test"}`+"\n")
	}
	if site := rebuild("a coding added to a coder's file"); !has(site, "added by the rebuild test") {
		t.Error("the new coding's memo is not on the rebuilt site")
	}
	// A watch keeps each document's coding by a key of its records: a
	// memo edited in place changes no record's place or count.
	edit("codings/tom.jsonl", `"memo": "youth worker as advocate in meetings"`, `"memo": "youth worker speaks up in meetings"`)
	if site := rebuild("a coder's memo edited"); !has(site, "youth worker speaks up in meetings") {
		t.Error("the edited memo is not on the rebuilt site")
	}
	// ... and by a key of the codebook's rules.
	edit("codebook.yaml", `"worse it gets", "threshold",`, `"worse it gets", "threshold", "dressing gown",`)
	rebuild("a keyword added to the codebook")
	// P03's words come from transcripts the cache already holds: the
	// withdrawal must reach them anyway.
	secret := "I went and fetched them in my dressing gown."
	edit("participants.csv", "P03,kinship carer,Marsh End,55-64,kinship,yes", "P03,kinship carer,Marsh End,55-64,kinship,withdrawn")
	if site := rebuild("a participant withdrew"); has(site, secret) || has(site, "added by the rebuild test") {
		t.Error("a withdrawn participant's words or codes are still on the rebuilt site")
	}
	edit("codebook.yaml", `name: "The worse it gets, the more they do"`, `name: "Worse before help"`)
	if site := rebuild("a theme renamed in the codebook"); !has(site, "Worse before help") {
		t.Error("the renamed theme is not on the rebuilt site")
	}
	// A watch keeps the colours it assigned while the codebook's are
	// the same.
	edit("codebook.yaml", `colour: "#6941c6"`, `colour: "#1570ef"`)
	if site := rebuild("a theme's colour changed in the codebook"); !has(site, "#1570ef") {
		t.Error("the new colour is not on the rebuilt site")
	}
	for _, dir := range dirs {
		if err := os.WriteFile(filepath.Join(dir, "transcripts", "int-011.md"), []byte("P04: The housing officer came twice and never wrote anything down.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if site := rebuild("a transcript added"); site["transcripts/int-011.html"] == nil {
		t.Error("the new transcript has no page")
	}
	for _, dir := range dirs {
		if err := os.Remove(filepath.Join(dir, "transcripts", "int-006.md")); err != nil {
			t.Fatal(err)
		}
	}
	if site := rebuild("a transcript removed"); site["transcripts/int-006.html"] != nil {
		t.Error("the removed transcript still has a page")
	}
}

// TestWatchRebuildsAfterAnEdit runs the watch loop itself: it builds, sees
// a saved edit and rebuilds with it, reports a failed build and goes on,
// and stops when its context ends.
func TestWatchRebuildsAfterAnEdit(t *testing.T) {
	dir := exampletext.Copy(t)
	out := filepath.Join(t.TempDir(), "site")
	ctx, cancel := context.WithCancel(context.Background())
	builds := make(chan error, 8)
	stopped := make(chan error)
	var log bytes.Buffer
	go func() {
		stopped <- Watch(ctx, Source{Dir: dir}, BuildOptions{Out: out, Log: &log}, 10*time.Millisecond, func(err error, _ time.Duration) { builds <- err })
	}()
	next := func(what string) error {
		t.Helper()
		select {
		case err := <-builds:
			return err
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: the watch did not build", what)
			return nil
		}
	}
	if err := next("start"); err != nil {
		t.Fatal(err)
	}
	exampletext.Append(t, filepath.Join(dir, "transcripts", "int-001.md"), "\nInterviewer: Thank you, that is all for the watch.\n")
	if err := next("after an edit"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "transcripts", "int-001.html")); !bytes.Contains(data, []byte("that is all for the watch")) {
		t.Error("the rebuilt page lacks the edit")
	}
	exampletext.Append(t, filepath.Join(dir, "codings", "tom.jsonl"), "not json\n")
	if err := next("after a broken edit"); err == nil || !IsProblems(err) {
		t.Errorf("a broken codings line: err = %v, want the study's problems", err)
	}
	cancel()
	if err := <-stopped; err != nil {
		t.Errorf("the watch ended with %v", err)
	}
	if !strings.Contains(log.String(), "build failed (watching for the next change)") {
		t.Errorf("the log does not say the build failed and the watch goes on:\n%s", log.String())
	}
}
