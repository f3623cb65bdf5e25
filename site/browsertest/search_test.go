package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/site/search"
	"github.com/residentinsight/insight/study"
)

// searchCase is a query run on the site and by `insight query search`.
type searchCase struct {
	Q      string            `json:"q"`
	Theme  string            `json:"theme,omitempty"`
	Groups map[string]string `json:"groups,omitempty"`
}

// TestSearchMatchesCLI runs words, phrases and filters through the site's
// search and through the study's bleve index: the same segments must come
// back. It runs from file://, where a page may not fetch anything.
func TestSearchMatchesCLI(t *testing.T) {
	ctx := context.Background()
	ix, err := study.OpenIndex(ctx, study.Source{Dir: env.studyDir}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []searchCase{
		{Q: "assessment"},
		{Q: "assessed"},
		{Q: `"same questions"`},
		{Q: "rent arrears"},
		{Q: `"rent arrears"`},
		{Q: "school"},
		{Q: `"the school"`},
		{Q: "+school -attendance"},
		{Q: "police worker's"},
		{Q: `"social worker" housing`},
		{Q: "waited", Theme: "duplication"},
		{Q: "school", Groups: map[string]string{"role": "parent"}},
		{Q: "help", Theme: "agencies", Groups: map[string]string{"role": "parent", "ward": "Northgate"}},
		{Q: "zzzznotaword"},
		{Q: "the"}, // in most segments: postings that list the segments without it
		{Q: "+the -school"},
	}
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html")
	if state := waitSearch(t, tb); state != "empty" {
		t.Fatalf("search.html with no query: state %q", state)
	}
	nonEmpty := 0
	for _, c := range cases {
		req := index.Request{Query: c.Q, Theme: c.Theme, Limit: 100000}
		for k, v := range c.Groups {
			if req.Filter.Where == nil {
				req.Filter.Where = map[string][]string{}
			}
			req.Filter.Where[k] = []string{v}
		}
		res, err := ix.Search(ctx, req)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		var want []string
		for _, h := range res.Hits {
			want = append(want, fmt.Sprintf("%s %d %s", h.Doc, h.Line, h.Text))
		}
		arg, _ := json.Marshal(c)
		got := eval[[]string](t, tb, "insightSearch.all("+string(arg)+")")
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%+v: site finds %d segments, insight query search %d\nsite only: %q\ncli only: %q", c, len(got), len(want), minus(got, want), minus(want, got))
		}
		if len(want) > 0 {
			nonEmpty++
		}
		t.Logf("%-40s %3d segments", fmt.Sprintf("%+v", c), len(want))
	}
	if nonEmpty < len(cases)-2 {
		t.Errorf("only %d of %d queries found anything: the comparison proves little", nonEmpty, len(cases))
	}
	tb.check(t, "search.html")
}

func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// TestStemmerMatchesGo compares search.js's analysis of single words with
// bleve's, on every word of the example and on made-up words that reach
// each step of the Porter stemmer.
func TestStemmerMatchesGo(t *testing.T) {
	words := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(env.studyDir, "transcripts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		for _, w := range strings.FieldsFunc(string(data), func(r rune) bool {
			return !(r == '\'' || r == '’' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127)
		}) {
			words[w] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	suffixes := []string{"", "s", "sses", "ies", "ss", "eed", "ed", "ing", "ated", "bled", "ized", "hopping", "filing", "y", "ational", "tional",
		"enci", "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness",
		"ousness", "aliti", "iviti", "biliti", "logi", "icate", "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence",
		"er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "'s", "’s"}
	for _, base := range []string{"rel", "cond", "val", "hop", "fil", "conform", "sens", "agree", "troubl", "size", "gener", "control", "roll", "cease", "sky", "y", "by", "oy", "Assess", "CAFÉ", "naïve", "ΣΟΦΟΣ"} {
		for _, s := range suffixes {
			words[base+s] = true
		}
	}
	an := search.Analyzer()
	var list, want []string
	for w := range words {
		toks := an.Analyze([]byte(w))
		if len(toks) != 1 {
			continue // the tokenizer splits it: not a single word
		}
		list = append(list, w)
		want = append(want, string(toks[0].Term))
	}
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html")
	arg, _ := json.Marshal(list)
	got := eval[[]string](t, tb, "("+string(arg)+").map(w => insightSearch.term(w))")
	bad := 0
	for i := range list {
		if got[i] != want[i] {
			bad++
			if bad <= 20 {
				t.Errorf("%q: search.js stems to %q, bleve to %q", list[i], got[i], want[i])
			}
		}
	}
	t.Logf("%d words compared, %d differ", len(list), bad)
}

// TestSearchPage types a query into the page and checks what a reader sees:
// the hit, its highlighted word, speaker, link and the size of what loaded.
func TestSearchPage(t *testing.T) {
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html?q=%22same+questions%22&theme=duplication")
	if state := waitSearch(t, tb); state != "done" {
		t.Fatalf("search ended %q", state)
	}
	type view struct {
		Status  string
		Hits    int
		Marks   []string
		Links   []string
		Speaker string
	}
	v := eval[view](t, tb, `({
		Status: document.getElementById('search-status').textContent,
		Hits: document.querySelectorAll('.hit').length,
		Marks: [...document.querySelectorAll('.hit mark')].map(m => m.textContent.toLowerCase()),
		Links: [...document.querySelectorAll('.hit-meta a')].map(a => a.getAttribute('href')),
		Speaker: (document.querySelector('.hit-speaker') || {}).textContent,
	})`)
	if v.Hits == 0 || !strings.Contains(v.Status, "segment") {
		t.Fatalf("no hits shown: %+v", v)
	}
	for _, m := range v.Marks {
		if !strings.HasPrefix(m, "same") && !strings.HasPrefix(m, "question") {
			t.Errorf("highlighted %q, which is not a word of the query", m)
		}
	}
	if len(v.Marks) < 2*v.Hits || v.Speaker == "" {
		t.Errorf("hits lack their highlights or speaker: %+v", v)
	}
	if len(v.Links) == 0 || !strings.HasPrefix(v.Links[0], "transcripts/") || !strings.Contains(v.Links[0], "#s") {
		t.Errorf("first hit links to %q, not a place in a transcript", v.Links)
	}
	// A record may leave its anchor for search.js to work out from the
	// sentence's text: every link to a sentence must land on an id its page has.
	for _, l := range v.Links {
		file, frag, ok := strings.Cut(l, "#")
		if !ok {
			continue // a theme's page
		}
		page, err := os.ReadFile(filepath.Join(env.siteDir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatalf("hit link %s: %v", l, err)
		}
		if !hasID(string(page), frag) {
			t.Errorf("hit link %s: %s has no id %q", l, file, frag)
		}
	}
	tb.check(t, "search.html")
	// Everything the page loaded, itself included, counts against the budget.
	var total int64
	for _, u := range tb.requests() {
		if strings.HasPrefix(u, "data:") {
			continue
		}
		p := strings.TrimPrefix(strings.SplitN(u, "?", 2)[0], origins()[0].root)
		fi, err := os.Stat(filepath.Join(env.siteDir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatalf("request %s: %v", u, err)
		}
		total += fi.Size()
	}
	t.Logf("first query loaded %d files, %.1f KiB", len(tb.requests()), float64(total)/1024)
	if total > 100<<10 {
		t.Errorf("the first query on the example loaded %d bytes, more than 100 KiB", total)
	}
}

// TestPostingsDecoder reads every form of postings in search.js, over
// ids that are all segments and over ids with room left between
// documents (every 7th id of 10 is a segment).
func TestPostingsDecoder(t *testing.T) {
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html")
	forms := map[byte]int{}
	for _, gappy := range []bool{false, true} {
		for _, n := range []int{0, 1, 2, 31, 32, 33, 1000} {
			var valid []uint32
			for s := range uint32(n) {
				if !gappy || s%10 < 7 {
					valid = append(valid, s)
				}
			}
			for name, keep := range map[string]func(uint32) bool{
				"none": func(uint32) bool { return false },
				"all":  func(uint32) bool { return true },
				"one":  func(s uint32) bool { return s == uint32(n)/2 },
				"most": func(s uint32) bool { return s%17 != 3 },
				"half": func(s uint32) bool { return s%2 == 1 },
			} {
				var segs []uint32
				for _, s := range valid {
					if keep(s) {
						segs = append(segs, s)
					}
				}
				mask, arg := valid, "null"
				if !gappy {
					mask = nil
				} else {
					b, _ := json.Marshal(valid)
					arg = string(b)
				}
				enc := search.EncodePostings(segs, mask, n)
				forms[enc[0]]++
				got := eval[[]uint32](t, tb, fmt.Sprintf("insightSearch.decode(%s, %d, %s)", jsString(string(search.AppendText(nil, enc))), n, arg))
				if !slices.Equal(got, segs) && len(got)+len(segs) > 0 {
					t.Errorf("n=%d %s gappy=%v: %.10q… decodes to %v, want %v", n, name, gappy, enc, got, segs)
				}
			}
		}
	}
	if len(forms) != 3 {
		t.Errorf("forms used: %v, want all three", forms)
	}
}

// TestTokensMatchGo checks that search.js finds a record's words where
// bleve found them, whether the record ships their offsets or leaves the
// script to guess: on every line of the example and on awkward text.
func TestTokensMatchGo(t *testing.T) {
	texts := []string{"", "I waited for months.", "Don't ask; it's the council’s job.", "It’s 10:30, U.K. e.g. 1,000 a_b",
		"café naïve ΣΟΦΟΣ", "emoji 👍🏽 then words", "'quoted' ‘single’ “double”", "a''b a'b'c 'a a'", "日本語のテキスト", "AB12cd 34 x’"}
	err := filepath.WalkDir(filepath.Join(env.studyDir, "transcripts"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		texts = append(texts, strings.Split(string(data), "\n")...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	type tc struct {
		Enc, Text string
	}
	var cases []tc
	var want [][][2]int
	guessed := 0
	for _, text := range texts {
		enc, spans := search.Tokens(text)
		if enc == "" && len(spans) > 0 {
			guessed++
		}
		cases = append(cases, tc{enc, text})
		want = append(want, spans)
	}
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html")
	arg, _ := json.Marshal(cases)
	got := eval[[][][2]int](t, tb, "("+string(arg)+").map(c => insightSearch.tokens(c.Enc, c.Text))")
	for i := range cases {
		if len(got[i])+len(want[i]) > 0 && !slices.Equal(got[i], want[i]) {
			t.Errorf("%q (encoded %q): search.js finds words at %v, bleve at %v", cases[i].Text, cases[i].Enc, got[i], want[i])
		}
	}
	if guessed == 0 || guessed == len(cases) {
		t.Errorf("%d of %d texts left to the guess: the test checks too little", guessed, len(cases))
	}
	t.Logf("%d texts, %d left to the script's guess", len(cases), guessed)
}

// TestSearchWithoutDecompression opens the search page in a browser that
// lacks DecompressionStream: the reader is told why there are no results.
func TestSearchWithoutDecompression(t *testing.T) {
	tb := newTab(t, origins()[0].root)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: `delete window.DecompressionStream;`}); err != nil {
		t.Fatal(err)
	}
	tb.open(t, "search.html?q=school")
	if state := waitSearch(t, tb); state != "failed" {
		t.Fatalf("search ended %q, want failed", state)
	}
	msg := eval[string](t, tb, "document.getElementById('search-status').textContent")
	if !strings.Contains(msg, "DecompressionStream") || !strings.Contains(msg, "current Chrome") {
		t.Errorf("status %q does not say why search failed", msg)
	}
}

// TestTextDecoderMatchesGo decodes, in the page's script, text written by
// search.AppendText — random bytes of every length to 64 and the real
// files of the example site — and wants the bytes the Go decoder gives.
func TestTextDecoderMatchesGo(t *testing.T) {
	tb := newTab(t, origins()[0].root)
	tb.open(t, "search.html")
	r := rand.New(rand.NewPCG(3, 4))
	type textCase struct {
		text string
		want []byte
	}
	var cases []textCase
	for n := 0; n <= 64; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		cases = append(cases, textCase{string(search.AppendText(nil, b)), b})
	}
	files, _ := filepath.Glob(filepath.Join(env.siteDir, "search", "[mtpr]*.js"))
	if len(files) < 3 {
		t.Fatalf("the example site has %d search files", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		z, err := search.Deflated(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		j := strings.LastIndexByte(string(data), '"')
		i := strings.LastIndexByte(string(data[:j]), '"')
		cases = append(cases, textCase{string(data[i+1 : j]), z})
	}
	for _, c := range cases {
		got := eval[[]int](t, tb, "insightSearch.bytes_("+jsString(c.text)+")")
		if len(got) != len(c.want) {
			t.Fatalf("%.40q… decodes to %d bytes in the browser, %d in Go", c.text, len(got), len(c.want))
		}
		for i := range c.want {
			if got[i] != int(c.want[i]) {
				t.Fatalf("%.40q…: byte %d is %d in the browser, %d in Go", c.text, i, got[i], c.want[i])
			}
		}
	}
	// A character outside the digits is an error, not wrong bytes.
	if ok := eval[bool](t, tb, `(function () { try { insightSearch.bytes_("a\\b"); return true } catch (e) { return false } })()`); ok {
		t.Error(`the browser decodes "a\b" without an error`)
	}
}

// hasID reports whether an HTML page has an element with the id, written
// with or without quotes.
func hasID(page, id string) bool {
	for _, form := range []string{"id=" + id + ">", "id=" + id + " ", `id="` + id + `"`} {
		if strings.Contains(page, form) {
			return true
		}
	}
	return false
}
