package coding

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// lightNouns are words the tagger calls nouns that say nothing about a
// theme: indefinite pronouns, light nouns and talk fillers. They are
// common in what people say, so a few coded segments can make any of them
// look typical.
var lightNouns = []string{
	"anybody", "anyone", "anything", "everybody", "everyone", "everything",
	"nobody", "none", "nothing", "somebody", "someone", "something",
	"one", "other", "others", "thing", "stuff", "sort", "kind", "lot", "bit",
	"way", "time", "fact", "yeah", "yes", "okay", "ok", "erm", "um", "like",
}

// Suggestion limits. A keyword has to be seen twice in a theme's coded text
// to be more than an accident, and one found in a fifth of all segments would
// code everything.
const (
	SuggestMinCoded    = 3   // human-coded segments a theme needs before it gets suggestions
	SuggestMinCount    = 2   // coded segments a candidate must occur in
	SuggestMaxShare    = 0.2 // share of all segments above which a candidate is too generic
	suggestMaxWords    = 3   // longest noun phrase suggested
	suggestMinWordRune = 2   // one-letter words are never keywords
)

// TaggedToken is one token of a text with its Penn Treebank part-of-speech tag.
type TaggedToken struct {
	Text string
	Tag  string // NN, NNS, JJ, VBZ...
}

// Tagger tags the tokens of a short text. It must be safe to call from
// several goroutines at once.
type Tagger interface {
	Tag(text string) ([]TaggedToken, error)
}

// ProseTagger is prose's averaged-perceptron part-of-speech tagger, loaded once
// and shared: prose reloads its model for every document unless given one.
type ProseTagger struct{ model *prose.Model }

// NewProseTagger loads prose's tagging model (about 0.2 s). prose has no
// exported way to load the tagger alone; a document made with tagging but no
// entity extraction loads exactly that, and its Model can be reused.
func NewProseTagger() (t *ProseTagger, err error) {
	defer func() {
		if r := recover(); r != nil { // prose panics if its embedded model is unreadable
			err = fmt.Errorf("loading prose's tagging model: %v", r)
		}
	}()
	doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, fmt.Errorf("loading prose's tagging model: %w", err)
	}
	return &ProseTagger{model: doc.Model}, nil
}

// Tag tokenizes and tags text. Only reading the model, it is safe for
// concurrent use.
func (p *ProseTagger) Tag(text string) (toks []TaggedToken, err error) {
	defer func() {
		if r := recover(); r != nil { // never let odd text crash a command
			toks, err = nil, fmt.Errorf("prose could not tag the text: %v", r)
		}
	}()
	doc, err := prose.NewDocument(text, prose.UsingModel(p.model),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	ptoks := doc.Tokens()
	toks = make([]TaggedToken, len(ptoks))
	for i, t := range ptoks {
		toks[i] = TaggedToken{Text: t.Text, Tag: t.Tag}
	}
	return toks, nil
}

// SegmentRef names one segment: Study.Documents[Doc].Segments[Seg].
type SegmentRef struct{ Doc, Seg int }

// Suggestion is one candidate keyword for a theme.
type Suggestion struct {
	Phrase    string   // lower-cased words as they most often read in the coded text
	Stems     []string // what a keyword rule would match (themes.Stem of each word)
	Coded     int      // segments people coded with the theme that contain it
	Elsewhere int      // other segments that contain it
	Score     float64  // z-score of the log-odds ratio; higher is more typical of the theme
	Example   SegmentRef
}

// ThemeSuggestions are the suggestions for one theme, best first.
type ThemeSuggestions struct {
	Theme       string
	Coded       int // segments people coded with the theme
	Suggestions []Suggestion
}

// Suggest proposes up to n auto-coding keywords for every theme that people
// coded in at least SuggestMinCoded segments. It tags only those segments —
// a tagger is slow, and the coded text is small — and takes their nouns and
// noun phrases (adjectives and nouns ending in a noun, up to three words) as
// candidates, matched everywhere else by stem as a keyword rule would match
// them.
//
// Candidates are ranked by the log-odds ratio of a segment containing them
// in the theme's coded segments against all other segments, with an
// informative Dirichlet prior from the whole study, as a z-score (Monroe,
// Colaresi and Quinn 2008, "Fightin' words"). Dropped: candidates in fewer
// than SuggestMinCount coded segments, in more than SuggestMaxShare of all
// segments, pseudonyms and light nouns ("thing", "nobody"), phrases that are
// part of another theme's keyword or that a pattern of the theme matches,
// and those that contain a keyword of the theme or a better suggestion (the
// shorter one already matches all they match).
//
// Segments are those counts use: neither a facilitator's nor withheld; only
// a theme's own codings count, not its children's, since a keyword codes the
// theme it is written under. Nothing is written anywhere.
func Suggest(ctx context.Context, st *corpus.Study, cb *themes.Codebook, coded *Coded, tagger Tagger, n int) ([]ThemeSuggestions, error) {
	if n <= 0 {
		return nil, nil
	}
	segs := eligibleSegments(st)
	codedBy := codedByPeople(coded, segs)
	var chosen []*themes.Theme
	toTag := map[int]bool{}
	for _, t := range cb.All {
		if len(codedBy[t.ID]) >= SuggestMinCoded {
			chosen = append(chosen, t)
			for _, i := range codedBy[t.ID] {
				toTag[i] = true
			}
		}
	}
	if len(chosen) == 0 {
		return nil, nil
	}
	tags, err := tagSegments(ctx, st, segs, toTag, tagger)
	if err != nil {
		return nil, err
	}

	skip := stemSet(append(append([]string(nil), lightNouns...), st.Config.Vocabulary.Pseudonyms...))
	keywords := map[string][][]string{} // theme -> its keywords' stems
	for _, t := range cb.All {
		keywords[t.ID] = t.KeywordStems()
	}
	cands := newCandidates()
	themeCands := make([]map[int]bool, len(chosen))
	for ti, t := range chosen {
		themeCands[ti] = map[int]bool{}
		for _, i := range codedBy[t.ID] {
			for _, p := range NounPhrases(tags[i]) {
				if !slices.ContainsFunc(p.Stems, func(s string) bool { return skip[s] }) {
					themeCands[ti][cands.add(p)] = true
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	occurs := cands.occurrences(st, segs)

	out := make([]ThemeSuggestions, 0, len(chosen))
	for ti, t := range chosen {
		out = append(out, ThemeSuggestions{
			Theme:       t.ID,
			Coded:       len(codedBy[t.ID]),
			Suggestions: rank(t, themeCands[ti], cands, occurs, segs, codedBy[t.ID], keywords, n),
		})
	}
	return out, nil
}

// rank scores a theme's candidates and returns its best n.
func rank(t *themes.Theme, ids map[int]bool, cands *candidates, occurs [][]int, segs []SegmentRef, codedSegs []int, keywords map[string][][]string, n int) []Suggestion {
	inTheme := make(map[int]bool, len(codedSegs))
	for _, i := range codedSegs {
		inTheme[i] = true
	}
	var ranked []Suggestion
	for ci := range ids {
		s := Suggestion{Phrase: cands.phrase(ci), Stems: cands.stems[ci]}
		for _, i := range occurs[ci] {
			if !inTheme[i] {
				s.Elsewhere++
				continue
			}
			if s.Coded == 0 {
				s.Example = segs[i]
			}
			s.Coded++
		}
		total := s.Coded + s.Elsewhere
		if s.Coded < SuggestMinCount || float64(total) > SuggestMaxShare*float64(len(segs)) {
			continue
		}
		s.Score = logOddsZ(s.Coded, len(codedSegs), s.Elsewhere, len(segs)-len(codedSegs), total, len(segs))
		if s.Score > 0 && !partOfOthersKeyword(s.Stems, t.ID, keywords) && !matchedByPattern(t, s.Phrase) {
			ranked = append(ranked, s)
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Coded != b.Coded {
			return a.Coded > b.Coded
		}
		return a.Phrase < b.Phrase
	})
	var out []Suggestion
	kept := slices.Clone(keywords[t.ID])
	for _, s := range ranked {
		if len(out) == n {
			break
		}
		if containsAny(s.Stems, kept) {
			continue
		}
		kept = append(kept, s.Stems)
		out = append(out, s)
	}
	return out
}

// codedByPeople lists, per theme, the positions in segs of the segments a
// person coded with it (inline or in a codings file, not the rules).
func codedByPeople(coded *Coded, segs []SegmentRef) map[string][]int {
	out := map[string][]int{}
	for i, r := range segs {
		seen := map[string]bool{}
		for _, ai := range coded.SegmentApps[r.Doc][r.Seg] {
			a := coded.Apps[ai]
			if a.Source != SourceAuto && !seen[a.Theme] {
				seen[a.Theme] = true
				out[a.Theme] = append(out[a.Theme], i)
			}
		}
	}
	return out
}

// eligibleSegments lists, in study order, the segments counts use by
// default: the participants' and observers' words, never a facilitator's.
// Withheld segments are already gone from Document.Segments.
func eligibleSegments(st *corpus.Study) []SegmentRef {
	var out []SegmentRef
	for di, d := range st.Documents {
		if d.Withheld {
			continue
		}
		for si, s := range d.Segments {
			if t := d.Turns[s.Turn]; t.Role != corpus.RoleFacilitator && !t.Withheld {
				out = append(out, SegmentRef{di, si})
			}
		}
	}
	return out
}

// tagSegments tags the marked segments in parallel; the tagger dominates
// the cost of Suggest.
func tagSegments(ctx context.Context, st *corpus.Study, segs []SegmentRef, want map[int]bool, tagger Tagger) (map[int][]TaggedToken, error) {
	jobs := make([]int, 0, len(want))
	for i := range want {
		jobs = append(jobs, i)
	}
	sort.Ints(jobs) // so the first error reported is the same every run
	res := make([][]TaggedToken, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				r := segs[jobs[j]]
				d := st.Documents[r.Doc]
				seg := d.Segments[r.Seg]
				res[j], errs[j] = tagger.Tag(d.Body[seg.Start:seg.End])
				if errs[j] != nil {
					errs[j] = fmt.Errorf("%s:%d: tagging the coded text: %w", d.Path, d.Line(seg.Start), errs[j])
				}
			}
		}()
	}
	for j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make(map[int][]TaggedToken, len(jobs))
	for j, i := range jobs {
		if errs[j] != nil {
			return nil, errs[j]
		}
		out[i] = res[j]
	}
	return out, nil
}

// Phrase is one noun phrase as found in a text.
type Phrase struct {
	Text  string   // its words, lower-cased, joined by spaces
	Stems []string // themes.Stem of each word: what a keyword rule matches
}

// NounPhrases returns every run of up to three words, within a run of
// adjectives and nouns, that is adjectives then nouns and ends in a noun:
// "arrears", "rent arrears", "new housing officer". Tokens are re-split
// with themes.Words so a phrase's stems are what a keyword would match.
// Numbers, one-letter words and contractions the tokenizer kept whole
// ("she'd", which taggers often call a noun) end a phrase.
func NounPhrases(toks []TaggedToken) []Phrase {
	var out []Phrase
	for i := range toks {
		var stems, words []string
		sawNoun := false
		for j := i; j < len(toks); j++ {
			tag := toks[j].Tag
			isNoun, isAdj := strings.HasPrefix(tag, "NN"), strings.HasPrefix(tag, "JJ")
			if !isNoun && (!isAdj || sawNoun) {
				break
			}
			sawNoun = sawNoun || isNoun
			ws := themes.Words(toks[j].Text)
			if len(ws) == 0 || len(stems)+len(ws) > suggestMaxWords {
				break
			}
			ok := true
			for _, w := range ws {
				text := toks[j].Text[w.Start:w.End]
				if len([]rune(text)) < suggestMinWordRune || isNumber(text) || strings.Contains(w.Stem, "'") {
					ok = false
				}
				stems = append(stems, w.Stem)
				words = append(words, strings.ToLower(text))
			}
			if !ok {
				break
			}
			if isNoun {
				out = append(out, Phrase{strings.Join(words, " "), slices.Clone(stems)})
			}
		}
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func stemSet(words []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words {
		for _, x := range themes.Words(w) {
			out[x.Stem] = true
		}
	}
	return out
}

// candidates interns phrases by their stems, remembering each surface form.
type candidates struct {
	ids      map[string]int
	stems    [][]string
	surfaces []map[string]int // surface form -> times seen
	byFirst  map[string][]int // first stem -> candidate ids, for matching
}

func newCandidates() *candidates {
	return &candidates{ids: map[string]int{}, byFirst: map[string][]int{}}
}

func (c *candidates) add(p Phrase) int {
	key := strings.Join(p.Stems, " ")
	id, ok := c.ids[key]
	if !ok {
		id = len(c.stems)
		c.ids[key] = id
		c.stems = append(c.stems, p.Stems)
		c.surfaces = append(c.surfaces, map[string]int{})
		c.byFirst[p.Stems[0]] = append(c.byFirst[p.Stems[0]], id)
	}
	c.surfaces[id][p.Text]++
	return id
}

// phrase is the commonest surface form, the alphabetically first on a tie.
func (c *candidates) phrase(id int) string {
	best, n := "", 0
	for s, k := range c.surfaces[id] {
		if k > n || k == n && s < best {
			best, n = s, k
		}
	}
	return best
}

// occurrences lists, per candidate, the positions in segs of the segments
// whose words contain its stems consecutively, in order. It needs no tagger:
// this is how a keyword rule would match, over every segment.
func (c *candidates) occurrences(st *corpus.Study, segs []SegmentRef) [][]int {
	out := make([][]int, len(c.stems))
	for i, r := range segs {
		d := st.Documents[r.Doc]
		seg := d.Segments[r.Seg]
		words := themes.Words(d.Body[seg.Start:seg.End])
		for wi, w := range words {
			for _, id := range c.byFirst[w.Stem] {
				if o := out[id]; (len(o) == 0 || o[len(o)-1] != i) && matchAt(words, wi, c.stems[id]) {
					out[id] = append(o, i)
				}
			}
		}
	}
	return out
}

// logOddsZ is the z-score of the log-odds ratio that a segment contains a
// word in the theme (y of n segments) against elsewhere (yo of no), with an
// informative Dirichlet prior from the whole study: a pseudo-count of the
// word's segments (total of all). The prior pulls rare words toward the
// study's rate, so one stray mention cannot outrank a steady one.
func logOddsZ(y, n, yo, no, total, all int) float64 {
	a, a0 := float64(total), float64(all)
	lo := func(y, n float64) float64 { return math.Log((y + a) / (n + a0 - y - a)) }
	delta := lo(float64(y), float64(n)) - lo(float64(yo), float64(no))
	variance := 1/(float64(y)+a) + 1/(float64(yo)+a)
	return delta / math.Sqrt(variance)
}

// partOfOthersKeyword reports whether the phrase is, or is part of, a
// keyword of another theme ("centre" of job-centre's "job centre"): it names
// that theme's subject, and as a keyword here would code it as this theme too.
func partOfOthersKeyword(stems []string, theme string, keywords map[string][][]string) bool {
	for id, kws := range keywords {
		if id == theme {
			continue
		}
		for _, kw := range kws {
			if containsAny(kw, [][]string{stems}) {
				return true
			}
		}
	}
	return false
}

// matchedByPattern reports whether one of the theme's patterns already
// codes the phrase.
func matchedByPattern(t *themes.Theme, phrase string) bool {
	for _, re := range t.Regexps {
		if re.MatchString(phrase) {
			return true
		}
	}
	return false
}

// containsAny reports whether stems contains one of the sequences
// consecutively: a keyword that contains another matches nothing more.
func containsAny(stems []string, seqs [][]string) bool {
	for _, seq := range seqs {
		for i := 0; i+len(seq) <= len(stems); i++ {
			if len(seq) > 0 && slices.Equal(stems[i:i+len(seq)], seq) {
				return true
			}
		}
	}
	return false
}
