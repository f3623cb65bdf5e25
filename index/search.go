package index

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/residentinsight/insight/query"
)

// Request is a search over the segments.
type Request struct {
	// Query is in bleve's query-string syntax; unfielded words search the
	// text with English stemming.
	Query  string
	Filter query.Filter // where, coders, facilitators: as for counts
	// Theme keeps segments coded with the theme or one of its descendants
	// (by the filter's coders, when given).
	Theme string
	Limit int // at most this many hits; 0 means 10
}

// Hit is one matching segment. Matches are byte ranges of Text, in order and
// not overlapping.
type Hit struct {
	Segment string   `json:"segment"`
	Doc     string   `json:"doc"`
	Speaker string   `json:"speaker"`
	Line    int      `json:"line"`
	Themes  []string `json:"themes"` // themes applied to the segment (not their ancestors)
	Score   float64  `json:"score"`
	Text    string   `json:"text"`
	Matches [][2]int `json:"matches"`
}

// Results are the hits of a search, best first, and how many matched in all.
type Results struct {
	Total uint64
	Hits  []Hit
}

// QueryError is a search the query-string parser cannot read: a mistake on
// the command line, not in the study.
type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("cannot read the search %q: %v (see insight query search --help for the syntax)", e.Query, e.Err)
}

func (e *QueryError) Unwrap() error { return e.Err }

var errNoSearch = errors.New("index: opened for counts only (Options.Search was false)")

// Search runs req and returns the best hits with the matched words located.
func (ix *Index) Search(ctx context.Context, req Request) (*Results, error) {
	if strings.TrimSpace(req.Query) == "" {
		return nil, &QueryError{req.Query, errors.New("it is empty: give words to look for, e.g. \"rent arrears\"")}
	}
	q, err := bleve.NewQueryStringQuery(req.Query).Parse()
	if err != nil {
		return nil, &QueryError{req.Query, err}
	}
	limit := req.Limit
	if limit <= 0 {
		limit = 10
	}
	if q, err = ix.rewriteFields(q); err != nil {
		return nil, &QueryError{req.Query, err}
	}
	sr, err := ix.run(ctx, q, req.Filter, req.Theme, limit, nil)
	if err != nil {
		return nil, err
	}
	res := &Results{Total: sr.Total}
	for _, h := range sr.Hits {
		hit := hitOf(h)
		hit.Score = h.Score
		res.Hits = append(res.Hits, hit)
	}
	return res, nil
}

// run restricts q by the filter and theme and executes it.
func (ix *Index) run(ctx context.Context, q bq.Query, f query.Filter, theme string, size int, sortBy []string) (*bleve.SearchResult, error) {
	if ix.search == nil {
		return nil, errNoSearch
	}
	// The table knows the valid names and says so in its errors.
	if err := ix.Table.Check(f); err != nil {
		return nil, err
	}
	must := []bq.Query{q}
	for _, attr := range slices.Sorted(maps.Keys(f.Where)) {
		must = append(must, ix.whereQuery(attr, f.Where[attr]))
	}
	if theme != "" {
		if _, err := ix.Table.ThemeIndex(theme); err != nil {
			return nil, err
		}
		if len(f.Coders) == 0 {
			must = append(must, facetQuery("themes", theme))
		} else {
			var any []bq.Query
			coders := f.Coders
			if slices.Contains(coders, query.AllCoders) {
				coders = ix.Table.Sources
			}
			for _, c := range coders {
				any = append(any, facetQuery("coded", theme+"@"+c))
			}
			must = append(must, bleve.NewDisjunctionQuery(any...))
		}
	}
	all := bleve.NewBooleanQuery()
	all.AddMust(must...)
	if !f.IncludeFacilitators {
		all.AddMustNot(facetQuery("voice", "facilitator"))
	}
	r := bleve.NewSearchRequestOptions(all, size, 0, false)
	// Score with term statistics of the whole study, not of each shard, so
	// ranking does not depend on how documents fall into shards.
	sctx := context.WithValue(ctx, search.SearchTypeKey, search.GlobalScoring)
	var top *topN
	if sortBy == nil {
		// Best first, ties in id order so output is stable (topn.go).
		top = newTopN(size)
		sctx = context.WithValue(sctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(top.handler))
		sortBy = []string{"-_score"}
	}
	r.SortBy(sortBy)
	sr, err := ix.search.alias.SearchInContext(sctx, r)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if top != nil {
		if sr.Hits, err = top.best(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	// The hits passed the filters; only q has words to locate.
	if err := ix.complete(ctx, q, sr.Hits); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return sr, nil
}

// complete fills in the stored fields and matched-word locations of hits,
// found by a search that asked for neither: asking there makes bleve
// gather locations for every match (tens of thousands for a common word),
// where only the hits shown need them. The same query, restricted to the
// hits' ids, gathers them for those alone.
func (ix *Index) complete(ctx context.Context, q bq.Query, hits search.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	r := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	r.Fields = []string{"text", storedField}
	r.IncludeLocations = true
	sr, err := ix.search.alias.SearchInContext(ctx, r)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(sr.Hits))
	for _, h := range sr.Hits {
		byID[h.ID] = h
	}
	for _, h := range hits {
		c := byID[h.ID]
		if c == nil {
			return fmt.Errorf("segment %s matched, then could not be read back", h.ID)
		}
		h.Fields, h.Locations = c.Fields, c.Locations
	}
	return nil
}

// whereQuery matches the segments whose attribute has one of vs; "" or
// query.NoValue matches segments without the attribute, as in a count filter.
func (ix *Index) whereQuery(attr string, vs []string) bq.Query {
	none := false
	want := map[string]bool{}
	for _, v := range vs {
		if v == "" || v == query.NoValue {
			none = true
		}
		want[v] = true
	}
	return ix.attrQuery(slices.Index(ix.Table.Attrs, attr), func(v string) bool { return want[v] }, none)
}

func hitOf(h *search.DocumentMatch) Hit {
	hit := Hit{Text: str(h.Fields["text"])}
	storedHit(str(h.Fields[storedField]), &hit)
	var spans [][2]int
	for _, locs := range h.Locations["text"] {
		for _, l := range locs {
			if int(l.End) <= len(hit.Text) && l.Start < l.End {
				spans = append(spans, [2]int{int(l.Start), int(l.End)})
			}
		}
	}
	hit.Matches = mergeSpans(spans)
	return hit
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// mergeSpans sorts spans and joins overlapping ones.
func mergeSpans(spans [][2]int) [][2]int {
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out [][2]int
	for _, s := range spans {
		if n := len(out); n > 0 && s[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// Line is one keyword-in-context line.
type Line struct {
	Segment string `json:"segment"`
	Doc     string `json:"doc"`
	Speaker string `json:"speaker"`
	Line    int    `json:"line"`
	Left    string `json:"left"`
	Keyword string `json:"keyword"`
	Right   string `json:"right"`
}

// KWIC lists each occurrence of word (stemmed, so "assess" finds "assessed"
// and "assessments") with up to width characters of context either side,
// in document and line order. A phrase of several words is one keyword.
// Limit bounds the lines (0 means 100).
func (ix *Index) KWIC(ctx context.Context, word string, f query.Filter, theme string, width, limit int) ([]Line, error) {
	word = strings.TrimSpace(word)
	if word == "" {
		return nil, &QueryError{word, errors.New("kwic needs a word to look for")}
	}
	if width <= 0 {
		width = 40
	}
	if limit <= 0 {
		limit = 100
	}
	q := bleve.NewMatchPhraseQuery(word)
	q.SetField("text")
	if ix.search == nil {
		return nil, errNoSearch
	}
	sr, err := ix.run(ctx, fastPhrase(q, ix.search.idx[0].Mapping()), f, theme, limit, []string{"_id"})
	if err != nil {
		return nil, err
	}
	var out []Line
	for _, h := range sr.Hits {
		hit := hitOf(h)
		matches := hit.Matches
		if len(strings.Fields(word)) > 1 {
			matches = joinPhrase(hit.Text, matches)
		}
		for _, m := range matches {
			out = append(out, Line{
				Segment: hit.Segment, Doc: hit.Doc, Speaker: hit.Speaker, Line: hit.Line,
				Left:    lastRunes(oneLine(hit.Text[:m[0]]), width),
				Keyword: oneLine(hit.Text[m[0]:m[1]]),
				Right:   firstRunes(oneLine(hit.Text[m[1]:]), width),
			})
			if len(out) >= limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// joinPhrase merges matches separated only by spaces and punctuation, so
// the words of a phrase form one keyword.
func joinPhrase(text string, spans [][2]int) [][2]int {
	var out [][2]int
	for _, s := range spans {
		if n := len(out); n > 0 && strings.IndexFunc(text[out[n-1][1]:s[0]], unicode.IsLetter) < 0 && s[0]-out[n-1][1] <= 3 {
			out[n-1][1] = s[1]
			continue
		}
		out = append(out, s)
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func lastRunes(s string, n int) string {
	if c := utf8.RuneCountInString(s); c > n {
		r := []rune(s)
		return string(r[c-n:])
	}
	return s
}

func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return string([]rune(s)[:n])
	}
	return s
}
