package search

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/residentinsight/insight/example"
)

// sameTokens fails t when the fast tokenizer's tokens of text differ from
// bleve's in any field.
func sameTokens(t *testing.T, where string, text []byte) {
	t.Helper()
	want := unicode.NewUnicodeTokenizer().Tokenize(bytes.Clone(text))
	got := newFastTokenizer().Tokenize(bytes.Clone(text))
	if len(got) != len(want) {
		t.Fatalf("%s: %d tokens, bleve %d, in %q", where, len(got), len(want), text)
	}
	for i := range want {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Term, w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position || g.Type != w.Type {
			t.Fatalf("%s: token %d is %q %d-%d pos %d type %d; bleve's %q %d-%d pos %d type %d, in %q",
				where, i, g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type, text)
		}
	}
}

// fastShare counts the lines the fast path covers, so the test notices when
// it stops covering the text it exists for.
func fastShare(lines [][]byte) (fast int) {
	for _, l := range lines {
		ok := true
		for i := 0; i < len(l); {
			c, n := runeClass(l[i:])
			ok = ok && c != cSlow
			i += n
		}
		if ok {
			fast++
		}
	}
	return fast
}

// On the example study's transcripts and the real ones in ../shared, line
// by line as segments are and whole, the fast tokenizer agrees with bleve's.
func TestFastTokenizer(t *testing.T) {
	var lines [][]byte
	check := func(where string, data []byte) {
		sameTokens(t, where, data)
		for i, l := range bytes.Split(data, []byte("\n")) {
			sameTokens(t, where+":"+string(rune('0'+i%10)), l)
			lines = append(lines, l)
		}
	}
	err := fs.WalkDir(example.Study(), "transcripts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(example.Study(), p)
		check(p, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fast := fastShare(lines); fast < len(lines)*9/10 {
		t.Errorf("the fast path covers %d of the example's %d lines, want 90%%", fast, len(lines))
	}
	for _, s := range tokenizerSeeds {
		sameTokens(t, "seed", []byte(s))
	}
	dir := filepath.Join("..", "..", "..", "shared", "refi", "transcripts")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatalf("INSIGHT_REQUIRE_SHARED=1 but %s is missing: %v", dir, err)
		}
		t.Skipf("skipping the real transcripts: %s is absent", dir)
	}
	n := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".docx") {
			return err
		}
		data, err := os.ReadFile(p)
		check(p, data)
		n++
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("read %d real transcripts: %v", n, err)
	}
}

var tokenizerSeeds = []string{
	"", "a", "ab", "I'm here.", "e.g. this", "3.5 1,000 10:30 a:b 1;2 a;b", "it's the council’s ‘job’",
	"café — “quoted” … £5 €10", "a'b'c a''b 1'2 a.1 1.a a1.2 x.y.z", "don’t—won’t", "'tis 'a' '", ".a. ,1, :a:",
	"naïve façade Œuvre ÀÉÎ×÷", "[laughs] (pause) - -- ? ! / &", "under_score", "tab\there", "line\r\nbreak",
	"日本語 text", "ﬁ ligature", "a\u00adb", "mixed 12abc abc12 1a2b",
}

// On any text the fast tokenizer agrees with bleve's.
func FuzzFastTokenizer(f *testing.F) {
	for _, s := range tokenizerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTokens(t, "fuzz", []byte(s)) })
}

// FuzzFastTokenizerAlphabet writes each fuzz byte as one of the characters
// the fast path handles, so that nearly every input takes it.
func FuzzFastTokenizerAlphabet(f *testing.F) {
	alphabet := []string{"a", "Z", "é", "1", "9", "'", ".", ":", ",", ";", " ", "’", "‘", "—", "-", "\n", "\"", "s", "Ā", "×", "#"}
	f.Add([]byte{0, 5, 0, 1, 3, 4, 3, 6, 0, 11, 17, 10, 2, 7, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var b strings.Builder
		for _, c := range data {
			b.WriteString(alphabet[int(c)%len(alphabet)])
		}
		sameTokens(t, "fuzz", []byte(b.String()))
	})
}

// Analyzer, with its fast tokenizer and remembered stems, analyses the
// example's transcripts exactly as bleve's own text_en chain does, even
// when one Analyzer sees the same words many times.
func TestAnalyzerMatchesBleve(t *testing.T) {
	bleve := &analysis.DefaultAnalyzer{
		Tokenizer: unicode.NewUnicodeTokenizer(),
		TokenFilters: []analysis.TokenFilter{
			en.NewPossessiveFilter(), lowercase.NewLowerCaseFilter(), porter.NewPorterStemmer(),
		},
	}
	ours := Analyzer()
	err := fs.WalkDir(example.Study(), "transcripts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(example.Study(), p)
		for pass := range 2 {
			for _, l := range bytes.Split(data, []byte("\n")) {
				want, got := bleve.Analyze(bytes.Clone(l)), ours.Analyze(bytes.Clone(l))
				if len(got) != len(want) {
					t.Fatalf("%s pass %d: %d tokens, bleve %d: %q", p, pass, len(got), len(want), l)
				}
				for i := range want {
					if !bytes.Equal(got[i].Term, want[i].Term) || got[i].Start != want[i].Start || got[i].End != want[i].End {
						t.Fatalf("%s pass %d: token %d %q, bleve %q: %q", p, pass, i, got[i].Term, want[i].Term, l)
					}
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// guessRunes is guessTokens as first written, over []rune: the reference
// for the byte-wise version.
func guessRunes(text string) []int {
	var units []int
	rs := []rune(text)
	alnum := func(i int) bool {
		if i >= len(rs) {
			return false
		}
		r := rs[i]
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	at, prevEnd := 0, 0
	for i := 0; i < len(rs); {
		if !alnum(i) {
			at += utf16.RuneLen(rs[i])
			i++
			continue
		}
		start := at
		for alnum(i) || i < len(rs) && (rs[i] == '\'' || rs[i] == '\u2019') && alnum(i+1) {
			at++
			i++
		}
		units = append(units, start-prevEnd, at-start)
		prevEnd = at
	}
	return units
}

func FuzzGuessTokens(f *testing.F) {
	for _, s := range tokenizerSeeds {
		f.Add(s)
	}
	f.Add("bad\xffbyte’s x'y '’a 😀b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := guessTokens(s), guessRunes(s); !slices.Equal(got, want) {
			t.Fatalf("guessTokens(%q) = %v, want %v", s, got, want)
		}
	})
}
