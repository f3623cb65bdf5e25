package index

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/residentinsight/insight/example"
)

// bleveChain is the analysis textAnalyzer stands in for, built from bleve's
// own components.
func bleveChain(t testing.TB) analysis.Analyzer {
	a, err := registry.NewCache().DefineAnalyzer("chain", map[string]any{
		"type":          custom.Name,
		"tokenizer":     "unicode",
		"token_filters": []string{"possessive_en", "to_lower", porter.Name},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func tokenString(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%q@%d-%d#%d ", t.Term, t.Start, t.End, t.Position)
	}
	return b.String()
}

func sameTokens(t *testing.T, want analysis.Analyzer, got *textAnalyzer, text string) {
	t.Helper()
	w := tokenString(want.Analyze([]byte(text)))
	if g := tokenString(got.Analyze([]byte(text))); g != w {
		t.Fatalf("analysis of %q:\n got %s\nwant %s", text, g, w)
	}
}

func TestTextAnalyzerMatchesBleve(t *testing.T) {
	want := bleveChain(t)
	cached := newTextAnalyzer()
	for _, text := range []string{
		"", "a", "ab", ".", "'s", "Mum's", "MUM'S flat", "dogs' homes", "don't", "e.g. this", "a.b.c", "a..b",
		"3.5", "1,000.50", "1,a", "a,1", "a.1", "1.a", "10:30", "a:b", "a1:b", "a:1", "x'y'z", "'quoted'",
		"it's 5 o'clock", "rent-arrears", "Housing Office!", "W015: And then", "[00:00:49] Interviewer: How?",
		"snake_case", "café", "naïve résumé", "tab\there", "line\nbreak\r\n", "a;b 1;2", "end.", "end'",
		"The housing officer relied on the housing office.",
	} {
		sameTokens(t, want, &textAnalyzer{}, text)
		sameTokens(t, want, cached, text)
		sameTokens(t, want, cached, text) // again, from the cache
	}
	// Every transcript of the example study, sentence by sentence.
	err := fs.WalkDir(example.Study(), "transcripts", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(example.Study(), p)
		for _, line := range strings.Split(string(data), "\n") {
			sameTokens(t, want, cached, line)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzTextAnalyzer(f *testing.F) {
	for _, s := range []string{"don't", "1,000.50", "a:b", "Mum's", "e.g.", "x_y", "café", "a.1"} {
		f.Add(s)
	}
	want := bleveChain(f)
	cached := newTextAnalyzer()
	f.Fuzz(func(t *testing.T, text string) {
		sameTokens(t, want, cached, text)
	})
}

// Random strings over the bytes whose word-boundary rules the ASCII loop
// implements, seeded so a failure repeats.
func TestTextAnalyzerRandomASCII(t *testing.T) {
	want := bleveChain(t)
	cached := newTextAnalyzer()
	const alphabet = "aZs9 0.,;:'!?-\"()\t\nS"
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 12)
	for range 20000 {
		for i := range buf {
			buf[i] = alphabet[r.IntN(len(alphabet))]
		}
		sameTokens(t, want, cached, string(buf[:r.IntN(len(buf)+1)]))
	}
}
