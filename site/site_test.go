package site

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// load reads a study folder with the real loaders, the way the CLI does.
func load(t testing.TB, dir string) Input {
	t.Helper()
	ctx := context.Background()
	fsys := os.DirFS(dir)
	st, probs := corpus.Load(ctx, fsys, dir)
	if probs.HasErrors() {
		t.Fatalf("corpus.Load: %v", probs)
	}
	cb, probs := themes.Load(fsys, "codebook.yaml", "codebook.yaml")
	if probs.HasErrors() {
		t.Fatalf("themes.Load: %v", probs)
	}
	recs, probs := coding.LoadRecords(fsys, dir)
	if probs.HasErrors() {
		t.Fatalf("coding.LoadRecords: %v", probs)
	}
	coded, probs := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true})
	if probs.HasErrors() {
		t.Fatalf("coding.Merge: %v", probs)
	}
	msgs, probs := messages.Load(fsys, dir, st, cb)
	if probs.HasErrors() {
		t.Fatalf("messages.Load: %v", probs)
	}
	return Input{Study: st, Codebook: cb, Coded: coded, Table: query.New(st, cb, coded), Messages: msgs}
}

// copyDir copies a study folder so a test can edit it.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// readSite returns every file of a built site by slash path.
func readSite(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func buildTo(t testing.TB, in Input, opts Options) (string, stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	st, err := build(context.Background(), in, in.Table, out, opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, st
}

func TestGolden(t *testing.T) {
	out, _ := buildTo(t, load(t, "testdata/study"), Options{})
	got := readSite(t, out)
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		for name, data := range got {
			p := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := readSite(t, golden)
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing from output", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s differs from golden (run go test ./site -run TestGolden -update and review the diff)", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not in golden", name)
		}
	}
}

// TestPages checks what the pages must say, independently of the golden files.
func TestPages(t *testing.T) {
	in := load(t, "testdata/study")
	out, _ := buildTo(t, in, Options{})
	files := readSite(t, out)
	freq, err := in.Table.Freq(query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range freq {
		if _, ok := files["themes/"+c.Theme+".html"]; !ok {
			t.Errorf("no page for theme %s", c.Theme)
		}
	}
	tests := []struct {
		file        string
		want, avoid []string
	}{
		// Counted by hand: P01 and P02 (parents) raise waiting or access, in
		// int-001, fg-01 and fieldnote-01 (the observer); P01 (int-001) and W01
		// (fg-01) raise trust; int-003 is withheld, P03 withdrew.
		{"index.html", []string{"Raised by 2 of 3 participants (67%) in 3 of 3 transcripts (100%)", "Raised by 2 of 3 participants (67%) in 2 of 3 transcripts (67%)", "<em>tiny</em>", `href="themes/access.html"`, `href="participants.html"`, `href="transcripts/index.html"`, "support &amp; waiting"}, nil},
		{"transcripts/index.html", []string{`href="int-001.html"`, `href="fg-01.html"`, `href="fieldnote-01.html"`}, []string{"int-003"}},
		{"transcripts/fg-01.html", []string{"[turn withheld: consent withdrawn]", " class=o><b>Observer</b>", " class=f><b>Interviewer</b>"}, []string{"do not want", "P03"}},
		{"transcripts/int-001.html", []string{`<a id=s`, `<i class=t0>Getting help (inline)</i>`, `<i class=t1>Waiting</i>`, `<i class=k1>Waiting?</i>`, `I <u class=t1>waited</u> at the door`, "[00:00:09]", "location"}, nil},
		{"participants.html", []string{"P01", "W01", `href="transcripts/fg-01.html"`, "H01", "H02"}, []string{"P03", "int-003", "H03"}},
		// A keyword hit no person coded is a suggestion: listed apart, in a
		// collapsed list, after the quotes, never among them.
		{"themes/waiting.html", []string{"<summary>Suggested by keyword rules, not reviewed (1)</summary>", "4 quotes, the strongest of each group first."}, nil},
		{"themes/access.html", []string{"Waiting", "strong example", "coder ann", `href="../transcripts/int-001.html#s`, "Include", "Exclude", "role"}, nil},
	}
	for _, tt := range tests {
		page := string(files[tt.file])
		if page == "" {
			t.Errorf("%s: missing or empty", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: want %q", tt.file, w)
			}
		}
		for _, a := range tt.avoid {
			if strings.Contains(page, a) {
				t.Errorf("%s: must not contain %q", tt.file, a)
			}
		}
	}
	if _, ok := files["transcripts/int-003.html"]; ok {
		t.Error("withheld document int-003 got a page")
	}
	for _, name := range []string{"themes/waiting.html", "themes/access.html"} {
		page := string(files[name])
		at, open := strings.Index(page, "waited</u> at the door"), strings.Index(page, `<details class="suggested-list">`)
		if at < 0 || open < 0 || at < open {
			t.Errorf("%s: the unreviewed keyword hit must be shown only in the suggestions list (at %d, list at %d)", name, at, open)
		}
	}
	for name, data := range files {
		if bytes.Contains(data, []byte("P03")) {
			t.Errorf("%s names the withdrawn participant P03", name)
		}
		// An external request is an href, src or url() to another origin
		// (xmlns="http://www.w3.org/2000/svg" names a namespace, fetches nothing).
		if externalRef.Match(data) {
			t.Errorf("%s has an absolute or external link: %s", name, externalRef.Find(data))
		}
	}
}

var externalRef = regexp.MustCompile(`(?i)(href|src)\s*=\s*["']?\s*(https?:|//|/)|url\(\s*["']?\s*(https?:|//)|@import`)

// quoteLink is a theme page's link to a sentence of a transcript, its
// href quoted (a full quote's caption) or not (the compact list): file
// and anchor.
var quoteLink = regexp.MustCompile(`href="?\.\./transcripts/([^"#> ]+)#([^"> ]+)"?[ >]`)

// hasAnchor says whether a transcript page has a sentence with this id:
// an <a id> around the sentence, or the <p id> of a one-sentence turn;
// or, for a theme page's line, the <li id> of the theme's quotes there.
func hasAnchor(page, id string) bool {
	return strings.Contains(page, "<a id="+id+">") || strings.Contains(page, "<p id="+id+">") || strings.Contains(page, "<p id="+id+" ") || strings.Contains(page, "<li id="+id+" ")
}

// Every anchor a theme page links to exists in the transcript it names.
func TestQuoteLinksResolve(t *testing.T) {
	out, _ := buildTo(t, load(t, "testdata/study"), Options{})
	files := readSite(t, out)
	links := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "themes/") {
			continue
		}
		for _, m := range quoteLink.FindAllStringSubmatch(string(data), -1) {
			file, anchor, target := m[1], m[2], m[1]+"#"+m[2]
			links++
			if !hasAnchor(string(files["transcripts/"+file]), anchor) {
				t.Errorf("%s links to %s, which has no such anchor", name, target)
			}
		}
	}
	if links == 0 {
		t.Error("no quote links found")
	}
}

func TestDeterministic(t *testing.T) {
	in := load(t, "testdata/study")
	a := readSite(t, must(buildTo(t, in, Options{})))
	b := readSite(t, must(buildTo(t, load(t, "testdata/study"), Options{})))
	if len(a) != len(b) {
		t.Fatalf("builds differ in file count: %d vs %d", len(a), len(b))
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func must(s string, _ stats) string { return s }

// TestEscaping plants markup in every place untrusted text can come from and
// checks none of it reaches any page unescaped.
func TestEscaping(t *testing.T) {
	const attack = `<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)>`
	dir := copyDir(t, "testdata/study")
	edit := func(name, old, new string) {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q to replace", name, old)
		}
		os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
	}
	edit("transcripts/int-001.md", "Then it got better.", "Then "+attack+" got better.")
	edit("transcripts/int-001.md", "location: library", `location: "`+attack+`"`)
	edit("codebook.yaml", "name: Trusted worker", `name: "`+attack+`"`)
	edit("codebook.yaml", "description: A worker who knows the family.", `description: "`+attack+`"`)
	edit("insight.yaml", "A *tiny* study", "A *tiny* "+attack+" study")
	edit("codebook.yaml", "include: First contact with any service.", "include: \"First "+strings.ReplaceAll(attack, `"`, `\"`)+"\"")
	edit("codebook.yaml", `examples: ["I rang them three times"]`, `examples: ["I rang `+strings.ReplaceAll(attack, `"`, `\"`)+`"]`)
	edit("insight.yaml", "title: \"Tiny", "title: \""+strings.ReplaceAll(attack, `"`, `\"`)+" Tiny")
	edit("codings/ann.jsonl", `"strong example"`, `"`+strings.ReplaceAll(attack, `"`, `\"`)+`"`)
	edit("messages.yaml", "title: Families wait for help", `title: "`+attack+`"`)
	edit("messages.yaml", "statement: One worker", `statement: `+attack+` One worker`)
	in := load(t, dir)
	// corpus only accepts plain speaker labels and document ids; the site must
	// not rely on that.
	in.Study.Documents[0].Turns[len(in.Study.Documents[0].Turns)-1].Speaker = attack
	in.Study.Documents[0].Case = attack
	in.Study.Participants[0].Attributes["ward"] = attack
	in.Banner = attack
	in.Codebook.Lookup("trust").Colour = "red;background:url(http://x)" // themes.Load rejects it
	out, _ := buildTo(t, in, Options{})
	files := readSite(t, out)
	for name, data := range files {
		for _, bad := range []string{"<script>alert", "<img src=x", "url(http", "<svg onload"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q unescaped", name, bad)
			}
		}
	}
	// The planted text must have reached these pages, shown as text.
	hostileMsg := ""
	for name := range files {
		if strings.HasPrefix(name, "messages/script-alert") {
			hostileMsg = name
		}
	}
	for _, name := range []string{"index.html", "transcripts/int-001.html", "themes/access.html", "themes/trust.html", "participants.html",
		hostileMsg, "messages/trust-matters.html", "memos-waiting.html"} {
		if !bytes.Contains(files[name], []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
			t.Errorf("%s does not show the planted markup as text", name)
		}
	}
	// The hostile theme name is a chart label on the home page: inside the
	// charts it must be text too, and every <svg> there is one of ours.
	home := string(files["index.html"])
	if n, ours := strings.Count(home, "<svg"), strings.Count(home, `<svg xmlns="http://www.w3.org/2000/svg" class="chart"`); n != ours || n < 3 {
		t.Errorf("index.html has %d <svg> elements, %d of them charts (want all, and at least 3)", n, ours)
	}
	if !strings.Contains(home, "&lt;svg onload=alert(1)&gt;: 2 of 3 (67%)</title>") {
		t.Error("the hostile theme name is not a text label in a chart")
	}
	if !bytes.Contains(files["index.html"], []byte("raw HTML omitted")) {
		t.Error("raw HTML in the description was not omitted by goldmark")
	}
}

func TestBanner(t *testing.T) {
	in := load(t, "testdata/study")
	in.Banner = "Published with unreviewed personal-data risk"
	out, _ := buildTo(t, in, Options{})
	for name, data := range readSite(t, out) {
		if strings.HasSuffix(name, ".html") && !bytes.Contains(data, []byte(`<div class="banner" role="alert"><strong>`+in.Banner)) {
			t.Errorf("%s lacks the banner", name)
		}
	}
}

func TestAtomicReplace(t *testing.T) {
	in := load(t, "testdata/study")
	t.Run("replaces an old site", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		// A page the last build wrote (its manifest says so) whose theme
		// has gone since.
		stale := filepath.Join(out, "themes", "gone.html")
		os.WriteFile(stale, []byte("old"), 0o644)
		marker, _ := os.ReadFile(filepath.Join(out, markerFile))
		os.WriteFile(filepath.Join(out, markerFile), append(marker, "themes/gone.html\n"...), 0o644)
		if _, err := build(context.Background(), in, in.Table, out, Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("old file survived the rebuild: %v", err)
		}
		assertNoLeftovers(t, filepath.Dir(out), "site")
	})
	t.Run("failed build leaves old site", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		before := readSite(t, out)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		in2 := load(t, "testdata/study")
		in2.Study.Config.Title = "changed"
		if _, err := build(ctx, in2, in2.Table, out, Options{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled build: err = %v, want context.Canceled", err)
		}
		after := readSite(t, out)
		if fmt.Sprint(len(before)) != fmt.Sprint(len(after)) || !bytes.Equal(before["index.html"], after["index.html"]) {
			t.Error("cancelled build changed the old site")
		}
		assertNoLeftovers(t, filepath.Dir(out), "site")
	})
	// A build cancelled while writing: see TestInterruptedBuild.
	t.Run("failing counts leave old site", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		before := readSite(t, out)
		_, err := build(context.Background(), in, failing{}, out, Options{})
		if err == nil || !strings.Contains(err.Error(), "counting themes") {
			t.Fatalf("err = %v, want a counting error", err)
		}
		if !bytes.Equal(before["index.html"], readSite(t, out)["index.html"]) {
			t.Error("failed build changed the old site")
		}
		assertNoLeftovers(t, filepath.Dir(out), "site")
	})
	tests := []struct {
		name  string
		setup func(dir string) string
		ok    bool
	}{
		{"new folder", func(d string) string { return filepath.Join(d, "new", "site") }, true},
		{"empty folder", func(d string) string { return d }, true},
		{"user folder", func(d string) string { os.WriteFile(filepath.Join(d, "thesis.docx"), []byte("x"), 0o644); return d }, false},
		{"a file", func(d string) string { p := filepath.Join(d, "f"); os.WriteFile(p, nil, 0o644); return p }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.setup(t.TempDir())
			_, err := build(context.Background(), in, in.Table, out, Options{})
			if tt.ok != (err == nil) {
				t.Fatalf("build into %s: err = %v, want ok=%v", tt.name, err, tt.ok)
			}
			if !tt.ok {
				if !strings.Contains(err.Error(), out) {
					t.Errorf("error %q does not name %s", err, out)
				}
				if tt.name == "user folder" {
					if _, serr := os.Stat(filepath.Join(out, "thesis.docx")); serr != nil {
						t.Errorf("user's file is gone: %v", serr)
					}
					if !strings.Contains(err.Error(), "refusing") {
						t.Errorf("error %q does not say it refuses", err)
					}
				}
			}
		})
	}
}

// TestKeepsForeignFiles is issue 12's F1: replacing a site must never
// delete what insight did not write there. The old site's marker lists the
// files its build wrote; anything else, or the study itself inside the
// output, stops the build and is named.
func TestKeepsForeignFiles(t *testing.T) {
	in := load(t, "testdata/study")
	ctx := context.Background()
	t.Run("files added to a built site", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		mine := map[string]string{
			"mystudy/transcripts/int-001.md": "P01: my words",
			"themes/notes.txt":               "my notes",
			"index.html.bak":                 "a copy I kept",
		}
		for rel, text := range mine {
			p := filepath.Join(out, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(text), 0o644)
		}
		os.Mkdir(filepath.Join(out, "empty"), 0o755)
		_, err := build(ctx, in, in.Table, out, Options{})
		if err == nil {
			t.Fatal("a site holding files insight did not write was replaced")
		}
		for _, rel := range []string{"mystudy/", "themes/notes.txt", "index.html.bak", "empty/"} {
			if !strings.Contains(err.Error(), rel) {
				t.Errorf("the refusal does not name %s: %v", rel, err)
			}
		}
		for rel, text := range mine {
			if data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel))); string(data) != text {
				t.Errorf("%s was changed or deleted", rel)
			}
		}
		assertNoLeftovers(t, filepath.Dir(out), "site")
	})
	t.Run("the study inside the output", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		study := filepath.Join(out, "themes") // a folder the last build wrote
		if _, err := build(ctx, in, in.Table, out, Options{StudyDir: study}); err == nil || !strings.Contains(err.Error(), "inside") {
			t.Fatalf("build with the study inside the output: err = %v, want a refusal", err)
		}
		// Through a link to the site's parent.
		link := filepath.Join(t.TempDir(), "link")
		os.Symlink(filepath.Dir(out), link)
		if _, err := build(ctx, in, in.Table, out, Options{StudyDir: filepath.Join(link, "site", "themes")}); err == nil || !strings.Contains(err.Error(), "inside") {
			t.Fatalf("build with the study inside the output through a link: err = %v, want a refusal", err)
		}
	})
	t.Run("rebuild of a study without messages", func(t *testing.T) {
		bare := in
		bare.Messages = nil
		out, _ := buildTo(t, bare, Options{})
		if _, err := build(ctx, bare, bare.Table, out, Options{}); err != nil {
			t.Fatalf("rebuilding a site with no messages: %v", err)
		}
	})
	t.Run("a site from before manifests", func(t *testing.T) {
		out, _ := buildTo(t, in, Options{})
		// Such a site held only the pages builds wrote then: leave those.
		memoPages, _ := filepath.Glob(filepath.Join(out, "memos-*.html"))
		for _, e := range []string{"messages", "search", "methods.html", "search.html", "agreement.html", "memos.html", "favicon.svg"} {
			os.RemoveAll(filepath.Join(out, e))
		}
		for _, p := range memoPages {
			os.Remove(p)
		}
		os.WriteFile(filepath.Join(out, markerFile), []byte(markerText), 0o644)
		if _, err := build(ctx, in, in.Table, out, Options{}); err != nil {
			t.Fatalf("an old site of site files only was not replaced: %v", err)
		}
		os.WriteFile(filepath.Join(out, markerFile), []byte(markerText), 0o644)
		os.WriteFile(filepath.Join(out, "transcripts", "mine.md"), []byte("x"), 0o644)
		if _, err := build(ctx, in, in.Table, out, Options{}); err == nil || !strings.Contains(err.Error(), "transcripts/mine.md") {
			t.Fatalf("an old site holding a foreign file: err = %v, want a refusal naming it", err)
		}
	})
}

// assertNoLeftovers checks a build left only out itself in its parent.
func assertNoLeftovers(t *testing.T, parent, out string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != out {
			t.Errorf("leftover %s next to the site", e.Name())
		}
	}
}

type failing struct{}

func (failing) Freq(query.Filter) ([]query.ThemeCount, error) { return nil, errors.New("boom") }
func (failing) Matrix(query.Filter, string, query.Unit) (query.Matrix, error) {
	return query.Matrix{}, errors.New("boom")
}
func (failing) Attributes() []string                        { return nil }
func (failing) IncludesAuto(query.Filter, string) bool      { return false }
func (failing) Total(query.Filter, query.Unit) (int, error) { return 0, errors.New("boom") }
func (failing) Union(query.Filter, []string) (query.ThemeCount, error) {
	return query.ThemeCount{}, errors.New("boom")
}
func (failing) Cooccur(query.Filter, query.Within) (query.Cooccurrence, error) {
	return query.Cooccurrence{}, errors.New("boom")
}

// filesUnder returns the files of a site inside one folder.
func filesUnder(files map[string][]byte, prefix string) map[string][]byte {
	out := map[string][]byte{}
	for name, data := range files {
		if strings.HasPrefix(name, prefix) {
			out[name] = data
		}
	}
	return out
}

func TestProgress(t *testing.T) {
	in := load(t, "testdata/study")
	var calls, last, total int
	buildTo(t, in, Options{Progress: func(d, n int) { calls++; last, total = d, n }})
	if calls == 0 || last != total || calls != total {
		t.Errorf("progress: %d calls, last %d of %d", calls, last, total)
	}
}

// A relative "." must be refused when it holds the user's files, never emptied.
func TestRefusesWorkingDir(t *testing.T) {
	in := load(t, "testdata/study")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	t.Chdir(dir)
	_, err := build(context.Background(), in, in.Table, ".", Options{})
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("build into . = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(data) != "mine" {
		t.Error("user's file changed")
	}
	assertNoLeftovers(t, filepath.Dir(dir), filepath.Base(dir))
}

// A build removes staging folders a killed build of an older version (which
// staged sites beside the output) left,
// and nothing else: not another build's folder in use, not a folder without
// the marker, not a folder named like another output's.
func TestRemovesStaleStaging(t *testing.T) {
	in := load(t, "testdata/study")
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	mkdir := func(name string, marker bool) string {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(dir, "themes"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "themes", "x.html"), []byte("half a page"), 0o644)
		if marker {
			os.WriteFile(filepath.Join(dir, markerFile), []byte(markerText), 0o644)
		}
		return dir
	}
	// A build of an older version still running: it holds its marker locked.
	live := mkdir(".site.tmp-999", true)
	marker, err := os.OpenFile(filepath.Join(live, markerFile), os.O_RDWR, 0)
	if err == nil {
		err = lockFile(marker)
	}
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		dir   string
		stale bool
	}{
		{"killed build", mkdir(".site.tmp-123", true), true},
		{"old site moved aside", mkdir(".site.tmp-456.old", true), true},
		{"no marker", mkdir(".site.tmp-789", false), false},
		{"other output", mkdir(".site2.tmp-123", true), false},
		{"other name", mkdir(".site.tmp-abc", true), false},
		{"not hidden", mkdir("site.tmp-123", true), false},
		{"running build", live, false},
	}
	if _, err := build(context.Background(), in, in.Table, out, Options{}); err != nil {
		t.Fatal(err)
	}
	marker.Close()
	for _, tt := range tests {
		_, err := os.Stat(tt.dir)
		if gone := errors.Is(err, fs.ErrNotExist); gone != tt.stale {
			t.Errorf("%s: removed = %v, want %v", tt.name, gone, tt.stale)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("site not built: %v", err)
	}
}
