package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// rebuild builds in into out again, as `insight build` does after an edit.
func rebuild(t testing.TB, in Input, out string, opts Options) stats {
	t.Helper()
	st, err := build(context.Background(), in, in.Table, out, opts)
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	return st
}

// mtimes returns every file's modification time in a site.
func mtimes(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	times := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			times[filepath.ToSlash(rel)] = fi.ModTime()
		}
		return err
	})
	return times
}

// TestIncrementalRebuild is issue 11's rule: after one transcript is
// edited, a rebuild renders its page and the theme pages quoting it, and
// writes exactly the files whose bytes changed; everything else is left
// as it was. The result equals a fresh build.
func TestIncrementalRebuild(t *testing.T) {
	// 240 quotes of waiting, listed 40 to a page, so some theme pages do
	// not quote the edited transcript.
	dir := genStudy(t, 40, 6)
	opts := Options{CacheDir: t.TempDir(), listPerPage: 40}
	in := load(t, dir)
	docs := len(in.Study.Documents)
	out, st := buildTo(t, in, opts)
	files := readSite(t, out)
	themePages := len(filesUnder(files, "themes/"))
	if st.rendered != docs || st.themeRendered != themePages || st.written != len(files)-1 { // the marker is not a page
		t.Fatalf("first build: %+v, want %d transcripts, %d theme pages and %d files", st, docs, themePages, len(files)-1)
	}
	if st := rebuild(t, in, out, opts); st.rendered != 0 || st.themeRendered != 0 || st.written != 1 {
		t.Errorf("unchanged rebuild: %+v, want nothing rendered and only the front page written", st)
	}

	// edit replaces old with new in int-005 and rebuilds; it checks that
	// only the files whose bytes changed were written, that the rebuilt
	// site equals a fresh build, and returns the stats and how many theme
	// pages changed.
	var in2 Input
	edit := func(old, new string) (stats, int) {
		t.Helper()
		before, times := readSite(t, out), mtimes(t, out)
		time.Sleep(10 * time.Millisecond) // so a rewritten file's time differs
		p := filepath.Join(dir, "transcripts", "int-005.md")
		data, _ := os.ReadFile(p)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("int-005 has no %q", old)
		}
		os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
		in2 = load(t, dir)
		st := rebuild(t, in2, out, opts)
		after := readSite(t, out)
		changed := map[string]bool{"index.html": true} // the front page is always written last
		for name, data := range after {
			if name != markerFile && !bytes.Equal(data, before[name]) {
				changed[name] = true
			}
		}
		if st.written != len(changed) || len(changed) >= len(after)/4 {
			t.Errorf("after editing %q: %d files written, want the %d whose bytes changed of %d: %v", old, st.written, len(changed), len(after), changed)
		}
		for name, was := range times {
			if now, ok := mtimes(t, out)[name]; ok && !changed[name] && name != markerFile && !now.Equal(was) {
				t.Errorf("%s was rewritten though its bytes did not change", name)
			}
		}
		fresh, _ := buildTo(t, in2, Options{listPerPage: opts.listPerPage})
		want := readSite(t, fresh)
		for name := range want {
			if !bytes.Equal(after[name], want[name]) {
				t.Errorf("after editing %q: %s differs from a fresh build", old, name)
			}
		}
		for name := range after {
			if want[name] == nil {
				t.Errorf("after editing %q: %s is in the rebuilt site but not in a fresh one", old, name)
			}
		}
		themes := 0
		for name := range changed {
			if strings.HasPrefix(name, "themes/") {
				themes++
			}
		}
		return st, themes
	}

	// Words no quote shows: the transcript's page only.
	st, _ = edit("letters kept arriving", "letters kept coming")
	if st.rendered != 1 || st.cached != docs-1 || st.themeRendered != 0 || st.themeCached != themePages {
		t.Errorf("after editing words no quote shows: %+v, want 1 transcript and no theme page rendered, the other %d and %d kept", st, docs-1, themePages)
	}
	// Words a quote shows: the theme pages quoting the transcript too are
	// rendered again; only those showing the quote in full change, since
	// the compact list counts the transcript's quotes without their words.
	quoting := 0
	for _, page := range filesUnder(readSite(t, out), "themes/") {
		if bytes.Contains(page, []byte(`href=../transcripts/int-005.html#`)) {
			quoting++
		}
	}
	st, themesChanged := edit("We waited 5 weeks for a call.", "We waited 5 weeks for a reply.")
	if themesChanged > quoting || quoting == 0 || quoting == themePages {
		t.Fatalf("%d theme pages changed, %d of %d quote int-005: the test proves nothing", themesChanged, quoting, themePages)
	}
	if st.rendered != 1 || st.themeRendered != quoting || st.themeCached != themePages-quoting {
		t.Errorf("after editing a quoted sentence: %+v, want 1 transcript and the %d theme pages quoting it rendered", st, quoting)
	}
	in2.Banner = "new banner"
	if st := rebuild(t, in2, out, opts); st.rendered != docs || st.themeRendered != themePages {
		t.Errorf("after changing the banner: %+v, want every page re-rendered", st)
	}
}

// TestBuildsAreIndependent is issue 12's F6: editing one built site must
// not change another built from the same study and cache, and a page
// edited in a site is rendered again by its next build, never trusted.
func TestBuildsAreIndependent(t *testing.T) {
	in := load(t, "testdata/study")
	cache := t.TempDir()
	a, _ := buildTo(t, in, Options{CacheDir: cache})
	want := readSite(t, a)
	b, _ := buildTo(t, in, Options{CacheDir: cache})
	page := filepath.Join("transcripts", "int-001.html")
	theme := filepath.Join("themes", "waiting.html")
	for _, p := range []string{page, theme} {
		f, err := os.OpenFile(filepath.Join(b, p), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("X appended to build b")
		f.Close()
	}
	if got := readSite(t, a); !bytes.Equal(got[filepath.ToSlash(page)], want[filepath.ToSlash(page)]) {
		t.Error("editing build b changed build a")
	}
	if st := rebuild(t, in, a, Options{CacheDir: cache}); st.rendered != 0 || st.themeRendered != 0 {
		t.Errorf("rebuilding a after b was edited: %+v, want nothing rendered", st)
	}
	st := rebuild(t, in, b, Options{CacheDir: cache})
	if st.rendered != 1 || st.themeRendered != 1 {
		t.Errorf("rebuilding the edited b: %+v, want the 2 edited pages rendered again", st)
	}
	for name, data := range readSite(t, b) {
		if !bytes.Equal(data, want[name]) {
			t.Errorf("%s in b differs from a after its rebuild", name)
		}
	}
}

// TestInterruptedBuild: a build stopped while writing leaves a site whose
// front page and marker say it is incomplete, never one that looks whole,
// and the next build completes it.
func TestInterruptedBuild(t *testing.T) {
	in := load(t, "testdata/study")
	cache := t.TempDir()
	out, _ := buildTo(t, in, Options{CacheDir: cache})
	in2 := load(t, "testdata/study")
	in2.Study.Config.Title = "changed"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pages := 0
	_, err := build(ctx, in2, in2.Table, out, Options{CacheDir: cache, Progress: func(done, total int) {
		pages = done
		if done == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || pages < 3 {
		t.Fatalf("err = %v after %d pages, want context.Canceled after 3", err, pages)
	}
	got := readSite(t, out)
	if !bytes.Equal(got["index.html"], []byte(placeholder)) {
		t.Errorf("an interrupted build left a front page that looks complete:\n%s", got["index.html"])
	}
	if !strings.Contains(string(got[markerFile]), incompleteText) {
		t.Errorf("the marker does not say the site is incomplete:\n%s", got[markerFile])
	}
	assertNoLeftovers(t, filepath.Dir(out), "site")
	rebuild(t, in2, out, Options{CacheDir: cache})
	fresh, _ := buildTo(t, in2, Options{})
	want := readSite(t, fresh)
	got = readSite(t, out)
	if len(got) != len(want) {
		t.Errorf("completed site has %d files, a fresh one %d", len(got), len(want))
	}
	for name := range want {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs from a fresh build after the interrupted one was completed", name)
		}
	}
}

// TestRebuildRemovesPagesNoLongerMade: a theme removed from the codebook
// takes its page with it, and the folder of a kind of page no longer made.
func TestRebuildRemovesPagesNoLongerMade(t *testing.T) {
	in := load(t, "testdata/study")
	out, _ := buildTo(t, in, Options{})
	if len(in.Messages) == 0 {
		t.Fatal("the test study has no messages: the test proves nothing")
	}
	bare := in
	bare.Messages = nil
	rebuild(t, bare, out, Options{})
	if _, err := os.Stat(filepath.Join(out, "messages")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("messages/ survived a build without messages: %v", err)
	}
	fresh, _ := buildTo(t, bare, Options{})
	if a, b := fmt.Sprint(len(readSite(t, out))), fmt.Sprint(len(readSite(t, fresh))); a != b {
		t.Errorf("rebuilt site has %s files, a fresh one %s", a, b)
	}
}

// TestRebuildReplacesLinks: a page is written as a new file, so a hard
// link to it in a copy of the site, or a symbolic link put in its place,
// never carries the new bytes out of the site.
func TestRebuildReplacesLinks(t *testing.T) {
	in := load(t, "testdata/study")
	out, _ := buildTo(t, in, Options{})
	page := filepath.Join(out, "transcripts", "int-001.html")
	outside := filepath.Join(t.TempDir(), "outside.html")
	os.WriteFile(outside, []byte("mine"), 0o644)
	copyOf := filepath.Join(t.TempDir(), "copy.html")
	if err := os.Link(page, copyOf); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	before, _ := os.ReadFile(copyOf)
	theme := filepath.Join(out, "themes", "waiting.html")
	os.Remove(theme)
	if err := os.Symlink(outside, theme); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	in.Banner = "changed, so every page is written"
	rebuild(t, in, out, Options{})
	if data, _ := os.ReadFile(outside); string(data) != "mine" {
		t.Errorf("the build wrote through a symbolic link: %q", data[:min(len(data), 40)])
	}
	if data, _ := os.ReadFile(copyOf); !bytes.Equal(data, before) {
		t.Error("the build wrote through a hard link into a copy of the site")
	}
	if fi, err := os.Lstat(theme); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("%s is not a page after the rebuild: %v", theme, err)
	}
}

// TestQuoteKeyMemo is the rule of the quote-key memo: a document's quote
// key is reused only while its memo key (quoteMemoKey, with its page key)
// is unchanged, so the memo key must change whenever the quote key does,
// and an edit must change it for the edited document alone.
func TestQuoteKeyMemo(t *testing.T) {
	dir := genStudy(t, 12, 4)
	type keys struct{ memo, quote string }
	keysOf := func() map[string]keys {
		t.Helper()
		in := load(t, dir)
		b, err := newBuilder(in, in.Table, Options{listPerPage: 5})
		if err != nil {
			t.Fatal(err)
		}
		ks := map[string]keys{}
		for d, doc := range in.Study.Documents {
			if b.docFile[d] != "" {
				ks[doc.ID] = keys{b.quoteMemoKey(d, b.docKey(d)), b.quoteKey(d)}
			}
		}
		return ks
	}
	replace := func(file, old, new string) {
		t.Helper()
		p := filepath.Join(dir, file)
		data, _ := os.ReadFile(p)
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
	}
	// check edits the study and checks every document's keys against
	// those before; memoChanged are the documents whose memo key must
	// change, and no other's may.
	check := func(what string, edit func(), memoChanged ...string) {
		t.Helper()
		before := keysOf()
		edit()
		after := keysOf()
		quoteChanged := 0
		for id, k := range after {
			was := before[id]
			if k.memo == was.memo && k.quote != was.quote {
				t.Errorf("%s: %s's quote key changed but its memo key did not: a stale quote key would be reused", what, id)
			}
			if k.quote != was.quote {
				quoteChanged++
			}
			if want := slices.Contains(memoChanged, id); (k.memo != was.memo) != want {
				t.Errorf("%s: %s's memo key changed = %v, want %v", what, id, k.memo != was.memo, want)
			}
		}
		if quoteChanged == 0 {
			t.Errorf("%s: no quote key changed: the case proves nothing", what)
		}
	}
	check("editing a quoted sentence", func() {
		replace("transcripts/int-005.md", "We waited 5 weeks for a call.", "We waited 5 weeks for a reply.")
	}, "int-005")
	// Same length, so no offset moves: only the page key's file hash
	// and segment ids say the quoted words changed (the memo key no
	// longer hashes the body; drop both and this case fails).
	check("editing a quoted word in place", func() {
		replace("transcripts/int-005.md", "in the end.", "in the ent.")
	}, "int-005")
	// A new first group, spoken in int-000 alone (P00 speaks there and in
	// no other of the 12), renumbers every document's quotes' group
	// classes and reorders the theme pages' lists, which for the other
	// documents only the memo key says.
	var others []string
	for d := range 12 {
		others = append(others, fmt.Sprintf("int-%03d", d))
	}
	check("adding a group that sorts first", func() {
		replace("participants.csv", "P00,parent,", "P00,aardvark,")
	}, others...)
	// int-005's speakers (P05-P08) made one group: a new first group
	// then leaves its quotes' order on every theme page as it was, and
	// only their group's number (their class) says they changed.
	replace("participants.csv", "P06,parent,", "P06,worker,")
	replace("participants.csv", "P07,young person,", "P07,worker,")
	check("adding a group that sorts first, beside a document of one group", func() {
		replace("participants.csv", "P01,young person,", "P01,aaa,")
	}, others...)
}
