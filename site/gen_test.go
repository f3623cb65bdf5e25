package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// genStudy writes a study of docs interviews, each with turns participant
// turns, every one mentioning waiting (auto-coded) and some coded inline.
func genStudy(t testing.TB, docs, turns int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("insight.yaml", "title: Generated\ndescription: A generated study.\nfacilitators: [Interviewer]\n")
	write("codebook.yaml", `themes:
  - id: access
    name: Getting help
    description: Reaching services.
    colour: "#0072b2"
    children:
      - id: waiting
        name: Waiting
        description: Delays.
        keywords: [waited]
        auto: evidence # so every turn is a quote: pagination needs many
  - id: trust
    name: Trusted worker
    description: Known worker.
    keywords: [knew us]
`)
	var csv strings.Builder
	csv.WriteString("id,role,ward,consent\n")
	for p := range 40 {
		fmt.Fprintf(&csv, "P%02d,%s,%s,yes\n", p, []string{"parent", "young person", "worker"}[p%3], []string{"North", "South"}[p%2])
	}
	write("participants.csv", csv.String())
	for d := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "---\nkind: interview\ncase: H%02d\n---\n\n", d%7)
		for i := range turns {
			fmt.Fprintf(&b, "Interviewer: What happened on visit %d?\n\n", i)
			fmt.Fprintf(&b, "P%02d: We waited %d weeks for a call. [She was the one who knew us]{.trust .access} in the end. "+
				"Nothing else came of it, and the letters kept arriving at the flat.\n\n", (d+i)%40, i+d)
		}
		write(fmt.Sprintf("transcripts/int-%03d.md", d), b.String())
	}
	return dir
}

// TestPagination: a theme's first page shows its strongest fullQuotes in
// full; its quotes are listed, every one once, listPerPage to a page, each
// linking to its sentence; pages link to each other.
func TestPagination(t *testing.T) {
	in := load(t, genStudy(t, 25, 10)) // 250 turns that each mention waiting
	const per = 100
	out, _ := buildTo(t, in, Options{listPerPage: per})
	files := readSite(t, out)
	tests := []struct {
		page, prev, next string
		full, listed     int
	}{
		{"waiting.html", "", "waiting-2.html", fullQuotes, per},
		{"waiting-2.html", "waiting.html", "waiting-3.html", 0, per},
		{"waiting-3.html", "waiting-2.html", "", 0, 250 - 2*per},
	}
	perDoc := map[string]int{} // quotes the theme pages count for each transcript
	for _, tt := range tests {
		page := string(files["themes/"+tt.page])
		if page == "" {
			t.Fatalf("themes/%s missing", tt.page)
		}
		if n := strings.Count(page, `<figure class="quote`); n != tt.full {
			t.Errorf("%s: %d quotes in full, want %d", tt.page, n, tt.full)
		}
		_, list, _ := strings.Cut(page, `<h3 id="all">`)
		listed := 0
		for _, l := range listLine.FindAllStringSubmatch(list, -1) {
			if l[2] != "q1" {
				t.Errorf("%s links %s#%s, not waiting's quotes there", tt.page, l[1], l[2])
			}
			for _, c := range lineCount.FindAllStringSubmatch(l[3], -1) {
				n, _ := strconv.Atoi(c[1])
				listed += n
				perDoc[l[1]] += n
			}
		}
		if listed != tt.listed {
			t.Errorf("%s: %d quotes listed, want %d", tt.page, listed, tt.listed)
		}
		if got := strings.Contains(page, `rel="prev" href="`+tt.prev+`#quotes"`); got != (tt.prev != "") {
			t.Errorf("%s: prev link to %q present=%v", tt.page, tt.prev, got)
		}
		if got := strings.Contains(page, `rel="next" href="`+tt.next+`#quotes"`); got != (tt.next != "") {
			t.Errorf("%s: next link to %q present=%v", tt.page, tt.next, got)
		}
		for _, other := range []string{"waiting.html", "waiting-2.html", "waiting-3.html"} {
			if other != tt.page && !strings.Contains(page, `<a href="`+other+`#quotes">`) {
				t.Errorf("%s: no pager link to %s", tt.page, other)
			}
		}
	}
	checkPassages(t, files, "q1", perDoc)
	// access, waiting's parent: its item holds waiting's, nested, and
	// links only the inline-coded sentences itself.
	accessDoc := map[string]int{}
	for name, page := range files {
		if !strings.HasPrefix(name, "themes/access") {
			continue
		}
		for _, l := range listLine.FindAllStringSubmatch(string(page), -1) {
			for _, c := range lineCount.FindAllStringSubmatch(l[3], -1) {
				n, _ := strconv.Atoi(c[1])
				accessDoc[l[1]] += n
			}
		}
	}
	checkPassages(t, files, "q0", accessDoc)
	if _, own, _, _, _ := passageItem(string(files["transcripts/int-000.html"]), "q0"); own != 10 {
		t.Errorf("int-000's access item links %d quotes itself, want its 10 inline-coded sentences", own)
	}
	if _, ok := files["themes/waiting-4.html"]; ok {
		t.Error("a fourth page for 250 quotes")
	}
	// access includes its child waiting: per turn, the waiting sentence and
	// the inline-coded sentence are separate passages, 500 in all.
	if !strings.Contains(string(files["themes/access.html"]), "500 quotes: the 30 strongest in full") {
		t.Error("themes/access.html does not report 500 quotes")
	}
	if _, ok := files["themes/access-5.html"]; !ok {
		t.Error("themes/access-5.html missing")
	}
}

// listLine is a theme page's compact list's line for one transcript: a
// link to the transcript's list of the theme's quotes, then per speaker
// how many quotes are theirs.
var listLine = regexp.MustCompile(`<li><a href=\.\./transcripts/([^#> ]+)#(q\d+)>[^<]*</a>((?: · [^:\n<]+: \d+ quotes?)+)\n`)

var lineCount = regexp.MustCompile(`: (\d+) quotes?`)

// passageHead is the start of a transcript's item listing one theme's
// quotes in it: its count, and how many it links itself when it has
// child themes' items nested in it.
var passageHead = regexp.MustCompile(`<li id=(q\d+) class=t\d+>[^<]*?: (\d+) quotes?(, (\d+) here|, all under its child themes)?:`)

var passageLink = regexp.MustCompile(`<a href=([^ >]*)#([^ >]+)>(\d+)</a>`)

// passageItem is theme id's item in a transcript page's quotes by theme:
// the count it states, the part it links itself, and the whole item, its
// child themes' items included; ok is false when there is none.
func passageItem(page, id string) (stated, own int, ownPart, whole string, ok bool) {
	for _, m := range passageHead.FindAllStringSubmatchIndex(page, -1) {
		if page[m[2]:m[3]] != id {
			continue
		}
		stated, _ = strconv.Atoi(page[m[4]:m[5]])
		own = -1 // every link, when no child theme's item is nested in it
		if m[8] >= 0 {
			own, _ = strconv.Atoi(page[m[8]:m[9]])
		} else if m[6] >= 0 {
			own = 0
		}
		// The item ends at the next item or the end of the list it is in.
		end, depth := len(page), 0
		for i := m[1]; i < len(page); i++ {
			switch {
			case strings.HasPrefix(page[i:], "<ul>"):
				depth++
			case strings.HasPrefix(page[i:], "</ul>") && depth == 0, strings.HasPrefix(page[i:], "<li ") && depth == 0:
				end = i
			case strings.HasPrefix(page[i:], "</ul>"):
				depth--
			}
			if end == i {
				break
			}
		}
		whole = page[m[0]:end]
		ownPart, _, _ = strings.Cut(whole, "\n<ul>")
		return stated, own, ownPart, whole, true
	}
	return 0, 0, "", "", false
}

// Every quote a theme page counts for a transcript is there, a click from
// the page's line for it: theme id's item in the transcript states that
// count and links that many sentences, each an anchor of the transcript,
// in it or the items of its child themes nested in it; the item itself
// links, numbered from 1, only sentences none of those links, and says
// how many.
func checkPassages(t *testing.T, files map[string][]byte, id string, perDoc map[string]int) {
	t.Helper()
	total := 0
	for file, n := range perDoc {
		page := string(files["transcripts/"+file])
		stated, own, ownPart, whole, ok := passageItem(page, id)
		if !ok {
			t.Errorf("%s has no quotes of %s, which a theme page links", file, id)
			continue
		}
		target := func(l []string) string {
			if l[1] != "" {
				return l[1] + "#" + l[2]
			}
			return file + "#" + l[2]
		}
		ownLinks := passageLink.FindAllStringSubmatch(ownPart, -1)
		if own >= 0 && own != len(ownLinks) {
			t.Errorf("%s: %s says %d quotes here and links %d", file, id, own, len(ownLinks))
		}
		below := map[string]bool{}
		for _, l := range passageLink.FindAllStringSubmatch(whole[len(ownPart):], -1) {
			below[target(l)] = true
		}
		seen := map[string]bool{}
		for k, l := range ownLinks {
			if l[3] != strconv.Itoa(k+1) || seen[target(l)] || below[target(l)] {
				t.Errorf("%s: %s's link %s to %s is misnumbered, twice, or in a child theme's item too", file, id, l[3], target(l))
			}
			seen[target(l)] = true
		}
		for l := range below {
			seen[l] = true
		}
		if stated != n || len(seen) != n {
			t.Errorf("%s: %s says %d quotes and reaches %d; the theme pages count %d", file, id, stated, len(seen), n)
		}
		for l := range seen {
			f, a, _ := strings.Cut(l, "#")
			if !hasAnchor(string(files["transcripts/"+f]), a) {
				t.Errorf("%s: %s links %s, no sentence", file, id, l)
			}
		}
		total += n
	}
	if total == 0 {
		t.Error("no quotes counted")
	}
}

func BenchmarkBuild(b *testing.B) {
	in := load(b, genStudy(b, 200, 40))
	parent := b.TempDir()
	out := filepath.Join(parent, "site")
	b.ResetTimer()
	for b.Loop() {
		if _, err := build(context.Background(), in, in.Table, out, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildCached(b *testing.B) {
	in := load(b, genStudy(b, 200, 40))
	out := filepath.Join(b.TempDir(), "site")
	opts := Options{CacheDir: b.TempDir()}
	if _, err := build(context.Background(), in, in.Table, out, opts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := build(context.Background(), in, in.Table, out, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// oneTurnStudy is genStudy's study with one transcript of a single turn
// on a single line of about size bytes: thousands of sentences, each
// auto-coded and some coded inline, and no line break anywhere.
func oneTurnStudy(t testing.TB, size int) string {
	t.Helper()
	dir := genStudy(t, 0, 0)
	var b strings.Builder
	b.WriteString("---\nkind: interview\n---\n\nP01: ")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "We waited %d weeks for a call. [She was the one who knew us]{.trust .access} in the end. Nothing else came of it. ", i)
	}
	b.WriteString("\n")
	if err := os.MkdirAll(filepath.Join(dir, "transcripts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "transcripts", "long.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// BenchmarkLongTurn builds a study whose one transcript is one turn on one
// line. Time per MB (s/MB) must stay flat: splitting the text between
// sentences against every code of the turn once made it quadratic.
func BenchmarkLongTurn(b *testing.B) {
	for _, mb := range []float64{0.25, 1, 4} {
		b.Run(fmt.Sprintf("%gMB", mb), func(b *testing.B) {
			in := load(b, oneTurnStudy(b, int(mb*1e6)))
			out := filepath.Join(b.TempDir(), "site")
			start := time.Now()
			for b.Loop() {
				if _, err := build(context.Background(), in, in.Table, out, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N)/mb, "s/MB")
		})
	}
}
