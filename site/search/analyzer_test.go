package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// bleveAnalyzer is the index's text_en analysis as bleve composes it.
func bleveAnalyzer() analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer:    unicode.NewUnicodeTokenizer(),
		TokenFilters: []analysis.TokenFilter{en.NewPossessiveFilter(), lowercase.NewLowerCaseFilter(), porter.NewPorterStemmer()},
	}
}

// checkAnalyzer runs texts, in order, through one Analyzer (so its memory
// carries from text to text, as in a build) and through bleve's.
func checkAnalyzer(t *testing.T, texts ...string) {
	t.Helper()
	ours, theirs := Analyzer(), bleveAnalyzer()
	for _, text := range texts {
		got, want := ours.Analyze([]byte(text)), theirs.Analyze([]byte(text))
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, bleve %d", text, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position {
				t.Fatalf("%q: token %d is %q %d-%d pos %d; bleve's %q %d-%d pos %d", text, i, g.Term, g.Start, g.End, g.Position, w.Term, w.Start, w.End, w.Position)
			}
		}
	}
}

// Words written in several cases share the memory of the first seen, not
// its stem: each form is lowered and stemmed once, as bleve would.
func TestAnalyzerCases(t *testing.T) {
	checkAnalyzer(t, "", "a", "Waiting WAITING waiting waited", "The Council's councils’ COUNCIL'S",
		"İstanbul ΣΊΣΥΦΟΣ Straße ǅemal", "Waiting waiting", "x_y 3.5 O'Neil o'neil")
}

func FuzzAnalyzer(f *testing.F) {
	f.Add("Waiting waiting", "WAITING lists' list")
	f.Add("", "İ i I ı")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkAnalyzer(t, a, b, a+" "+b)
	})
}
