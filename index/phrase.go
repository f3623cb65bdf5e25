package index

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is bleve's phrase search of the text, exact words only, with
// a cheaper check of the words' positions. bleve's checks each segment
// holding every word (34,000 for "housing office" in the benchmark study)
// by building a map of term to locations and walking it recursively, which
// was most of a whole-process search; a segment has a sentence's words, so
// scanning its few locations directly is enough. Same segments, same scores
// (the words' conjunction, as bleve scores a phrase), same highlighted
// words: TestPhraseMatchesBleve.
type phraseQuery struct {
	field string
	terms []string // one per position, none empty
	boost float64
}

// fastPhrase returns q as a phraseQuery when it is an exact phrase of the
// text whose words take one position each (what textAnalyzer makes), else q.
func fastPhrase(q *bq.MatchPhraseQuery, m mapping.IndexMapping) bq.Query {
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	if field != "text" || q.Fuzziness != 0 || q.Analyzer != "" {
		return q
	}
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	if an == nil {
		return q
	}
	tokens := an.Analyze([]byte(q.MatchPhrase))
	if len(tokens) == 0 {
		return q
	}
	p := &phraseQuery{field: field, boost: q.BoostVal.Value()}
	for i, t := range tokens {
		if t.Position != tokens[0].Position+i || len(t.Term) == 0 {
			return q
		}
		p.terms = append(p.terms, string(t.Term))
	}
	return p
}

func (q *phraseQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	opts.IncludeTermVectors = true // positions
	var terms []search.Searcher
	for _, t := range q.terms {
		ts, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, opts)
		if err != nil {
			for _, s := range terms {
				s.Close()
			}
			return nil, err
		}
		terms = append(terms, ts)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, terms, opts)
	if err != nil {
		for _, s := range terms {
			s.Close()
		}
		return nil, err
	}
	s := &phraseSearcher{must: must, field: q.field, terms: q.terms}
	must.SetQueryNorm(1 / math.Sqrt(must.Weight())) // as bleve's phrase searcher does
	return s, nil
}

// phraseSearcher keeps the conjunction's matches whose words stand in order.
type phraseSearcher struct {
	must  search.Searcher
	field string
	terms []string
	curr  *search.DocumentMatch
	init  bool
	path  []search.FieldTermLocation
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.init {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.init = true
	}
	for s.curr != nil {
		hit := s.check()
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		if hit != nil {
			return hit, nil
		}
	}
	return nil, nil
}

func (s *phraseSearcher) advance(ctx *search.SearchContext) error {
	if s.curr != nil {
		ctx.DocumentMatchPool.Put(s.curr)
	}
	var err error
	s.curr, err = s.must.Next(ctx)
	return err
}

// check returns the current match, its locations cut to the phrase's
// words, if the words stand in order at least once; else nil.
func (s *phraseSearcher) check() *search.DocumentMatch {
	locs := s.curr.FieldTermLocations
	s.path = s.path[:0]
	for _, first := range locs {
		if first.Field != s.field || first.Term != s.terms[0] {
			continue
		}
		start := len(s.path)
		s.path = append(s.path, first)
		for i, t := range s.terms[1:] {
			at := -1
			for j, l := range locs {
				if l.Field == s.field && l.Term == t && l.Location.Pos == first.Location.Pos+uint64(i+1) && l.Location.ArrayPositions.Equals(first.Location.ArrayPositions) {
					at = j
					break
				}
			}
			if at < 0 {
				s.path = s.path[:start]
				break
			}
			s.path = append(s.path, locs[at])
		}
	}
	if len(s.path) == 0 {
		return nil
	}
	hit := s.curr
	s.curr = nil
	hit.FieldTermLocations = append(hit.FieldTermLocations[:0], s.path...)
	return hit
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.init {
		if err := s.advance(ctx); err != nil {
			return nil, err
		}
		s.init = true
	}
	if s.curr == nil {
		return nil, nil
	}
	if s.curr.IndexInternalID.Compare(id) >= 0 {
		return s.Next(ctx)
	}
	ctx.DocumentMatchPool.Put(s.curr)
	var err error
	if s.curr, err = s.must.Advance(ctx, id); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
