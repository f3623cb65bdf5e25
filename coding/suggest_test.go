package coding_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/study"
	"github.com/residentinsight/insight/themes"
)

// fakeTagger calls the listed words nouns or adjectives and everything else
// a verb, so the ranking can be tested without prose's judgment in the way.
type fakeTagger struct {
	nouns, adjs map[string]bool
	mu          sync.Mutex
	calls       int
}

func (f *fakeTagger) Tag(text string) ([]coding.TaggedToken, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	var out []coding.TaggedToken
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		tag := "VB"
		switch l := strings.ToLower(w); {
		case f.nouns[l]:
			tag = "NN"
		case f.adjs[l]:
			tag = "JJ"
		}
		out = append(out, coding.TaggedToken{Text: w, Tag: tag})
	}
	return out, nil
}

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

func TestNounPhrases(t *testing.T) {
	tag := func(pairs ...string) []coding.TaggedToken {
		var out []coding.TaggedToken
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, coding.TaggedToken{Text: pairs[i], Tag: pairs[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		toks []coding.TaggedToken
		want []string
	}{
		{"noun compound", tag("the", "DT", "rent", "NN", "arrears", "NNS", "grew", "VBD"),
			[]string{"rent", "rent arrears", "arrears"}},
		{"adjective then noun", tag("a", "DT", "new", "JJ", "housing", "NN", "officer", "NN"),
			[]string{"new housing", "new housing officer", "housing", "housing officer", "officer"}},
		{"adjective alone is no phrase", tag("it", "PRP", "was", "VBD", "hard", "JJ"), nil},
		{"adjective after a noun ends the phrase", tag("letters", "NNS", "late", "JJ", "again", "RB"), []string{"letters"}},
		{"at most three words", tag("job", "NN", "centre", "NN", "work", "NN", "coach", "NN"),
			[]string{"job", "job centre", "job centre work", "centre", "centre work", "centre work coach", "work", "work coach", "coach"}},
		{"proper nouns count", tag("the", "DT", "Job", "NNP", "Centre", "NNP"), []string{"job", "job centre", "centre"}},
		{"hyphenated token is two words", tag("joined-up", "JJ", "working", "NN"), []string{"joined up working", "working"}},
		{"numbers, contractions and single letters end phrases", tag("she'd", "NN", "3", "NN", "x", "NN", "bills", "NNS"), []string{"bills"}},
		{"punctuation tagged as a noun ends phrases", tag("folder", "NN", "--", "NN", "forms", "NNS"), []string{"folder", "forms"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range coding.NounPhrases(tc.toks) {
				got = append(got, p.Text)
				if len(p.Stems) != len(strings.Fields(p.Text)) {
					t.Errorf("%q has stems %v", p.Text, p.Stems)
				}
				for i, w := range strings.Fields(p.Text) {
					if themes.Stem(w) != p.Stems[i] {
						t.Errorf("%q: stem %q, want themes.Stem(%q) = %q", p.Text, p.Stems[i], w, themes.Stem(w))
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// proseTagger loads prose's model once for all tests that need it.
var proseTagger = sync.OnceValues(coding.NewProseTagger)

func TestProseNounPhrases(t *testing.T) {
	tagger, err := proseTagger()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"We fell behind with the rent arrears and the housing officer came round.", []string{"rent arrears", "housing officer"}},
		{"I had three different assessments and nobody read the last one.", []string{"different assessments"}},
		{"My work coach at the job centre said the sanction was automatic.", []string{"work coach", "job centre", "sanction"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			toks, err := tagger.Tag(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, p := range coding.NounPhrases(toks) {
				got[p.Text] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("no noun phrase %q in %v (tags %v)", w, got, toks)
				}
			}
			for p := range got {
				if strings.Contains(p, "came") || strings.Contains(p, "said") || strings.Contains(p, "fell") {
					t.Errorf("verb in noun phrase %q", p)
				}
			}
		})
	}
}

func FuzzNounPhrases(f *testing.F) {
	f.Add("We fell behind with the rent arrears and the housing officer came round.")
	f.Add("P03: [00:01:02] She'd ring them — 'the left hand doesn't know' — £40 a week!!")
	f.Add("Café naïve señora's joined-up working… 123-456 :) @someone http://x.y")
	tagger, err := proseTagger()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks, err := tagger.Tag(text)
		if err != nil {
			return // an error is an answer; a panic or hang is not
		}
		for _, p := range coding.NounPhrases(toks) {
			words := strings.Fields(p.Text)
			if len(p.Stems) == 0 || len(p.Stems) > 3 || len(p.Stems) != len(words) {
				t.Fatalf("phrase %q has stems %q", p.Text, p.Stems)
			}
			for _, s := range p.Stems {
				if s == "" {
					t.Fatalf("phrase %q has an empty stem", p.Text)
				}
			}
		}
	})
}

// suggestStudy is a small study built by repetition, so every count the
// test expects follows from the loop bounds below.
type suggestStudy struct {
	themed, landlordOnly, repairsElse, familyElse, facilitatorLandlord, filler int
}

func (s suggestStudy) build(t *testing.T) (*corpus.Study, *themes.Codebook, *coding.Coded) {
	t.Helper()
	cb, probs := themes.Parse("codebook.yaml", []byte(`- id: tenancy
  name: Tenancy
  keywords: [council]
- id: other
  name: Other
- id: rare
  name: Rare
  keywords: [mould]
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var b strings.Builder
	b.WriteString("---\nid: d1\n---\n")
	// Coded with tenancy: every one mentions repairs, the family and the
	// council; the first landlordOnly mention the landlord, the first two a
	// private landlord, and the first a boiler.
	for i := range s.themed {
		text := "The repairs for the family waited on the council"
		if i < s.landlordOnly {
			text += " and the landlord"
		}
		if i < 2 {
			text += " and a private landlord"
		}
		if i == 0 {
			text += " with the boiler"
		}
		fmt.Fprintf(&b, "P01: [%s]{.tenancy}.\n", text)
	}
	for range s.repairsElse {
		b.WriteString("P01: The repairs were slow for the family, the council said.\n")
	}
	for range s.familyElse {
		b.WriteString("P01: My family is fine.\n")
	}
	for range s.filler {
		b.WriteString("P01: Nothing to report today.\n")
	}
	for range s.facilitatorLandlord {
		b.WriteString("Interviewer: Tell me about the landlord.\n")
	}
	// Two segments coded "rare": too few for suggestions.
	b.WriteString("P01: [The mould and the damp]{.rare}.\nP01: [Damp everywhere]{.rare}.\n")
	d, probs := corpus.ParseDocument("transcripts/d1.md", []byte(b.String()))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	for i := range d.Turns {
		if d.Turns[i].Speaker == "Interviewer" {
			d.Turns[i].Role = corpus.RoleFacilitator
		}
	}
	st := &corpus.Study{Documents: []*corpus.Document{d}}
	coded, probs := coding.Merge(context.Background(), st, cb, nil, coding.Options{Auto: true})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return st, cb, coded
}

func TestSuggestRanking(t *testing.T) {
	tagger := &fakeTagger{
		nouns: set("repairs", "family", "council", "landlord", "boiler", "damp", "mould"),
		adjs:  set("private"),
	}
	s := suggestStudy{themed: 6, landlordOnly: 4, repairsElse: 8, familyElse: 30, facilitatorLandlord: 20, filler: 40}
	st, cb, coded := s.build(t)
	got, err := coding.Suggest(context.Background(), st, cb, coded, tagger, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Theme != "tenancy" || got[0].Coded != s.themed {
		t.Fatalf("want suggestions for tenancy only (%d coded), got %+v", s.themed, got)
	}
	if tagger.calls != s.themed {
		t.Errorf("tagged %d segments, want only the %d coded ones", tagger.calls, s.themed)
	}
	byPhrase := map[string]coding.Suggestion{}
	var order []string
	for _, sg := range got[0].Suggestions {
		byPhrase[sg.Phrase] = sg
		order = append(order, sg.Phrase)
	}
	tests := []struct {
		phrase           string
		present          bool
		coded, elsewhere int
		why              string
	}{
		{"landlord", true, s.landlordOnly, 0, "facilitators' mentions are not counted"},
		{"repairs", true, s.themed, s.repairsElse, ""},
		{"council", false, 0, 0, "already a keyword"},
		{"family", false, 0, 0, "in more than 20% of segments"},
		{"boiler", false, 0, 0, "in only one coded segment"},
		{"private landlord", false, 0, 0, "contains a better suggestion"},
		{"damp", false, 0, 0, "coded with a theme too rarely coded"},
	}
	for _, tc := range tests {
		sg, ok := byPhrase[tc.phrase]
		if ok != tc.present {
			t.Errorf("%q present = %v, want %v (%s); got %v", tc.phrase, ok, tc.present, tc.why, order)
			continue
		}
		if ok && (sg.Coded != tc.coded || sg.Elsewhere != tc.elsewhere) {
			t.Errorf("%q: coded %d elsewhere %d, want %d and %d (%s)", tc.phrase, sg.Coded, sg.Elsewhere, tc.coded, tc.elsewhere, tc.why)
		}
		if ok {
			d := st.Documents[sg.Example.Doc]
			seg := d.Segments[sg.Example.Seg]
			if !strings.Contains(strings.ToLower(d.Body[seg.Start:seg.End]), tc.phrase) {
				t.Errorf("%q: example %q does not contain it", tc.phrase, d.Body[seg.Start:seg.End])
			}
		}
	}
	if len(order) < 2 || order[0] != "landlord" {
		t.Errorf("want landlord (only in the theme) ranked before repairs (also elsewhere), got %v", order)
	}

	one, err := coding.Suggest(context.Background(), st, cb, coded, tagger, 1)
	if err != nil || len(one) != 1 || len(one[0].Suggestions) != 1 || one[0].Suggestions[0].Phrase != order[0] {
		t.Errorf("n=1: got %+v, %v; want only %q", one, err, order[0])
	}
}

func TestSuggestNeedsPeoplesCodes(t *testing.T) {
	tagger := &fakeTagger{nouns: set("council", "repairs", "family", "landlord")}
	// Auto-coded segments are not evidence: "council" auto-codes tenancy in
	// every segment, but with no theme coded by people there is nothing to
	// suggest and nothing is tagged.
	st, cb, coded := suggestStudy{themed: 0, repairsElse: 5, familyElse: 5}.build(t)
	autos := 0
	for _, a := range coded.Apps {
		if a.Source == coding.SourceAuto && a.Theme == "tenancy" {
			autos++
		}
	}
	if autos == 0 {
		t.Fatal("the test study should have auto-coded segments")
	}
	got, err := coding.Suggest(context.Background(), st, cb, coded, tagger, 5)
	if err != nil || len(got) != 0 || tagger.calls != 0 {
		t.Errorf("got %+v, %v after %d tagger calls; want nothing", got, err, tagger.calls)
	}
}

type failingTagger struct{}

func (failingTagger) Tag(string) ([]coding.TaggedToken, error) {
	return nil, fmt.Errorf("model broken")
}

func TestSuggestErrors(t *testing.T) {
	st, cb, coded := suggestStudy{themed: 4, landlordOnly: 2}.build(t)
	_, err := coding.Suggest(context.Background(), st, cb, coded, failingTagger{}, 5)
	if err == nil || !strings.Contains(err.Error(), "transcripts/d1.md:") || !strings.Contains(err.Error(), "model broken") {
		t.Errorf("tagger failure: got %v, want it named with file:line", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := coding.Suggest(ctx, st, cb, coded, &fakeTagger{}, 5); err == nil {
		t.Error("cancelled context: want an error")
	}
}

// TestSuggestExample runs the real tagger over the bundled study: for the
// themes with suggestions, each is a word or phrase found in a segment
// people coded with the theme and is not yet one of its keywords.
func TestSuggestExample(t *testing.T) {
	tagger, err := proseTagger()
	if err != nil {
		t.Fatal(err)
	}
	op, probs := study.Open(context.Background(), study.Source{Example: true})
	if op == nil || probs.HasErrors() {
		t.Fatal(probs)
	}
	got, err := coding.Suggest(context.Background(), op.Study, op.Codebook, op.Coded, tagger, 5)
	if err != nil {
		t.Fatal(err)
	}
	withSome := 0
	for _, ts := range got {
		th := op.Codebook.Lookup(ts.Theme)
		if th == nil || ts.Coded < coding.SuggestMinCoded {
			t.Errorf("theme %q with %d coded segments got suggestions", ts.Theme, ts.Coded)
			continue
		}
		if len(ts.Suggestions) > 5 {
			t.Errorf("%s: %d suggestions, asked for 5", ts.Theme, len(ts.Suggestions))
		}
		if len(ts.Suggestions) > 0 {
			withSome++
		}
		for _, sg := range ts.Suggestions {
			for _, kw := range th.KeywordStems() {
				if slices.Equal(kw, sg.Stems) {
					t.Errorf("%s: %q is already a keyword", ts.Theme, sg.Phrase)
				}
			}
			if sg.Coded < coding.SuggestMinCount {
				t.Errorf("%s: %q in only %d coded segments", ts.Theme, sg.Phrase, sg.Coded)
			}
			d := op.Study.Documents[sg.Example.Doc]
			seg := d.Segments[sg.Example.Seg]
			text := d.Body[seg.Start:seg.End]
			if !containsStems(text, sg.Stems) {
				t.Errorf("%s: %q is not in its example %q", ts.Theme, sg.Phrase, text)
			}
			if !codedBy(op.Coded, sg.Example, ts.Theme) {
				t.Errorf("%s: example of %q at %s:%d is not coded with the theme by a person", ts.Theme, sg.Phrase, d.Path, d.Line(seg.Start))
			}
			for _, r := range sg.Phrase {
				if !unicode.IsLetter(r) && r != ' ' && r != '\'' {
					t.Errorf("%s: %q is not a plain word or phrase", ts.Theme, sg.Phrase)
					break
				}
			}
		}
	}
	if withSome == 0 {
		t.Errorf("no theme of the example study got a suggestion: %+v", got)
	}
}

func containsStems(text string, stems []string) bool {
	words := themes.Words(text)
	for i := 0; i+len(stems) <= len(words); i++ {
		match := true
		for j, s := range stems {
			if words[i+j].Stem != s {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

func codedBy(c *coding.Coded, r coding.SegmentRef, theme string) bool {
	for _, ai := range c.SegmentApps[r.Doc][r.Seg] {
		if a := c.Apps[ai]; a.Theme == theme && a.Source != coding.SourceAuto {
			return true
		}
	}
	return false
}

func BenchmarkSuggestExample(b *testing.B) {
	tagger, err := proseTagger()
	if err != nil {
		b.Fatal(err)
	}
	op, probs := study.Open(context.Background(), study.Source{Example: true})
	if op == nil || probs.HasErrors() {
		b.Fatal(probs)
	}
	for b.Loop() {
		if _, err := coding.Suggest(context.Background(), op.Study, op.Codebook, op.Coded, tagger, 5); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewProseTagger(b *testing.B) {
	for b.Loop() {
		if _, err := coding.NewProseTagger(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProseTagExample tags every segment of the example study, one
// call per segment as Suggest does, to show the tagger's throughput.
func BenchmarkProseTagExample(b *testing.B) {
	tagger, err := proseTagger()
	if err != nil {
		b.Fatal(err)
	}
	op, probs := study.Open(context.Background(), study.Source{Example: true})
	if op == nil || probs.HasErrors() {
		b.Fatal(probs)
	}
	var texts []string
	n := 0
	for _, d := range op.Study.Documents {
		for _, s := range d.Segments {
			texts = append(texts, d.Body[s.Start:s.End])
			n += s.End - s.Start
		}
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			if _, err := tagger.Tag(t); err != nil {
				b.Fatal(err)
			}
		}
	}
}
