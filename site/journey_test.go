package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/journey"
)

// loadJourneys reads a study folder's contacts for the site, as the study
// glue does.
func loadJourneys(t testing.TB, dir string, in *Input) {
	t.Helper()
	j, probs := journey.Load(journey.Input{
		FS: os.DirFS(dir), Config: in.Study.Config.Journey, Codebook: in.Codebook,
		Participants: in.Study.Participants, Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Cases: func() map[string]bool {
			m := map[string]bool{}
			for _, d := range in.Study.Documents {
				m[d.Case] = true
			}
			return m
		},
	})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	in.Journeys = j
	in.Said = journey.Interviews(in.Study, in.Coded, &j.Settings, func(i int) bool { return in.Coded.Apps[i].Source != coding.SourceAuto })
}

func TestJourneyPagesCache(t *testing.T) {
	dir := copyDir(t, "../example/study")
	cache := t.TempDir()
	in := load(t, dir)
	loadJourneys(t, dir, &in)
	pages := len(in.Journeys.Cases) + 1
	out, st := buildTo(t, in, Options{CacheDir: cache})
	if st.journeyRendered != pages || st.journeyCached != 0 {
		t.Fatalf("first build: %+v, want %d case pages and the resource map rendered", st, pages)
	}
	files := readSite(t, out)
	if len(filesUnder(files, "cases/")) != pages-1 || files["resource-map.html"] == nil {
		t.Fatalf("site lacks case pages or the resource map")
	}
	if _, st := buildTo(t, in, Options{CacheDir: cache}); st.journeyRendered != 0 || st.journeyCached != pages {
		t.Errorf("unchanged rebuild: %+v, want every journey page from the cache", st)
	}
	// Only costs.yaml changes: only the case pages and the resource map are rendered.
	p := filepath.Join(dir, "costs.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("cost: 400,"), []byte("cost: 410,"), 1), 0o644)
	loadJourneys(t, dir, &in)
	out, st = buildTo(t, in, Options{CacheDir: cache})
	if st.journeyRendered != pages || st.rendered != 0 || st.themeRendered != 0 {
		t.Errorf("after changing a unit cost: %+v, want %d journey pages and nothing else rendered", st, pages)
	}
	fresh, _ := buildTo(t, in, Options{})
	a, b := readSite(t, out), readSite(t, fresh)
	for name := range b {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s from the cache differs from a fresh build", name)
		}
	}
}

func TestJourneyPagesEscapeAndDescribe(t *testing.T) {
	dir := copyDir(t, "../example/study")
	p := filepath.Join(dir, "contacts.csv")
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("H01,child-b,2025-09-09,schools,visit,,\"<script>alert(1)</script>\",\n")
	f.Close()
	// An agency's name reaches the problems × agencies rows, written outside the template.
	cb := filepath.Join(dir, "codebook.yaml")
	data, _ := os.ReadFile(cb)
	os.WriteFile(cb, bytes.Replace(data, []byte("name: Housing\n"), []byte("name: \"Housing <b>+</b> 'lets'\"\n"), 1), 0o644)
	in := load(t, dir)
	loadJourneys(t, dir, &in)
	out, _ := buildTo(t, in, Options{})
	files := readSite(t, out)
	page := string(files["cases/H01.html"])
	if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("a contact's source reaches the case page unescaped")
	}
	for name, data := range files {
		if !strings.HasPrefix(name, "cases/") && name != "resource-map.html" {
			continue
		}
		s := string(data)
		if n := strings.Count(s, `role="img"`); n == 0 || n != strings.Count(s, "<title id=") || n != strings.Count(s, "<desc id=") {
			t.Errorf("%s: %d charts, each needs a title and a desc", name, n)
		}
		if strings.Contains(s, "P09") {
			t.Errorf("%s names the withdrawn participant", name)
		}
	}
	if strings.Contains(page, "<b>+") || !strings.Contains(page, "<td>Housing &lt;b&gt;&#43;&lt;/b&gt; &#39;lets&#39;</td>") {
		t.Error("an agency's name reaches the problems × agencies table unescaped, or escaped otherwise than the template would")
	}
	if !strings.Contains(page, "3 weeks for P01 (H01)") {
		t.Error("H01's duplication finding is not in words on its page")
	}
}

// TestJourneyPack: the case pages and the resource map live in one pack
// file, not a store entry and hash per page; an unchanged rebuild leaves
// the pack as it is, and a damaged page in it is rendered again.
func TestJourneyPack(t *testing.T) {
	dir := copyDir(t, "../example/study")
	cache := t.TempDir()
	in := load(t, dir)
	loadJourneys(t, dir, &in)
	pages := len(in.Journeys.Cases) + 1
	first, _ := buildTo(t, in, Options{CacheDir: cache})
	pack := filepath.Join(cache, packFile)
	before, err := os.Stat(pack)
	if err != nil {
		t.Fatalf("no pack after the first build: %v", err)
	}
	entries, _ := os.ReadDir(cache)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left in the cache: %s", e.Name())
		}
	}
	if _, st := buildTo(t, in, Options{CacheDir: cache}); st.journeyCached != pages {
		t.Fatalf("unchanged rebuild: %+v", st)
	}
	if after, _ := os.Stat(pack); !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged rebuild rewrote the pack")
	}

	// Flip a byte inside the first page of the pack: that page alone is rendered again.
	data, _ := os.ReadFile(pack)
	i := bytes.Index(data, []byte("<h1>"))
	if i < 0 {
		t.Fatal("no page in the pack")
	}
	data[i+1] = 'X'
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, st := buildTo(t, in, Options{CacheDir: cache})
	if st.journeyRendered != 1 || st.journeyCached != pages-1 {
		t.Errorf("after damaging one page of the pack: %+v, want 1 rendered", st)
	}
	a, b := readSite(t, first), readSite(t, out)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs from the first build's", name)
		}
	}
	// The damaged copy is gone from the rewritten pack.
	if _, st := buildTo(t, in, Options{CacheDir: cache}); st.journeyCached != pages {
		t.Errorf("after the repair: %+v", st)
	}
}
