package index

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	bq "github.com/blevesearch/bleve/v2/search/query"
)

// A segment's exact-value fields (themes, sources, coded, voice, and its
// unit, which stands for its attributes: units.go) are indexed as terms
// "name=value" of one field, facetField, not as a field each: bleve's cost
// is per field and per value, and one field of a dozen terms costs much
// less to build than a dozen one-term fields (README, "Speed and size").
// Searches name the fields as before (role:parent, themes:duplication);
// rewriteFields turns them into questions about facetField.
const (
	facetField     = "f"
	facetAnalyzer  = "insight-facets"
	facetSeparator = '\x00' // between the terms of facetField's value
)

func init() {
	// A tokenizer in Go, not bleve's regexp one, which cost a sixth of the
	// build. Registered once, by name, so an index on disk reopens with it.
	err := registry.RegisterAnalyzer(facetAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return facetAnalyzerOf(), nil
	})
	if err != nil {
		panic(err) // only a second registration of the name can fail
	}
}

func facetAnalyzerOf() analysis.Analyzer {
	return &analysis.DefaultAnalyzer{Tokenizer: facetTokenizer{}}
}

// facetTokenizer makes one token of each facetSeparator-separated term.
type facetTokenizer struct{}

func (facetTokenizer) Tokenize(input []byte) analysis.TokenStream {
	// One allocation for the tokens, not one each: a segment has a dozen.
	ta := make([]analysis.Token, 0, bytes.Count(input, []byte{facetSeparator})+1)
	start := 0
	for start < len(input) {
		end := bytes.IndexByte(input[start:], facetSeparator)
		if end < 0 {
			end = len(input)
		} else {
			end += start
		}
		if end > start {
			ta = append(ta, analysis.Token{Term: input[start:end], Start: start, End: end, Position: len(ta) + 1, Type: analysis.AlphaNumeric})
		}
		start = end + 1
	}
	out := make(analysis.TokenStream, len(ta))
	for i := range ta {
		out[i] = &ta[i]
	}
	return out
}

// facetTerm is the term of facetField for value v of field name.
func facetTerm(name, v string) string { return name + "=" + v }

// appendFacet adds a term to a facetField value under construction.
func appendFacet(b []byte, name, v string) []byte {
	if len(b) > 0 {
		b = append(b, facetSeparator)
	}
	// A separator inside a value would split it; values never hold one in
	// practice (it is a NUL byte), and dropping it keeps the rest findable.
	b = append(append(b, name...), '=')
	for i := 0; i < len(v); i++ {
		if v[i] != facetSeparator {
			b = append(b, v[i])
		}
	}
	return b
}

// facetQuery matches segments with value v of field name, as a filter.
func facetQuery(name, v string) bq.Query {
	t := bq.NewTermQuery(facetTerm(name, v))
	t.SetField(facetField)
	return filterQuery{t}
}

// rewriteFields turns the fielded leaves of a parsed query-string query
// (role:parent, themes:dup*, ward:"Marsh End") into the same questions
// about the index: an attribute's into a filter of units (units.go), a
// segment field's (segmentFacets) into terms of facetField. Unfielded and
// text: leaves are left alone; a field the index does not have matches
// nothing, as it did as a field of its own.
func (ix *Index) rewriteFields(q bq.Query) (bq.Query, error) {
	var err error
	switch q := q.(type) {
	case *bq.BooleanQuery:
		for _, p := range []*bq.Query{&q.Must, &q.Should, &q.MustNot} {
			if *p != nil && err == nil {
				*p, err = ix.rewriteFields(*p)
			}
		}
	case *bq.ConjunctionQuery:
		for i := range q.Conjuncts {
			if err == nil {
				q.Conjuncts[i], err = ix.rewriteFields(q.Conjuncts[i])
			}
		}
	case *bq.DisjunctionQuery:
		for i := range q.Disjuncts {
			if err == nil {
				q.Disjuncts[i], err = ix.rewriteFields(q.Disjuncts[i])
			}
		}
	case bq.FieldableQuery:
		field := q.Field()
		if field == "" || field == "text" {
			if p, ok := q.(*bq.MatchPhraseQuery); ok && ix.search != nil {
				return fastPhrase(p, ix.search.idx[0].Mapping()), nil
			}
			return q, nil
		}
		if segmentFacets[field] {
			return rewriteFacet(q), nil
		}
		ok, err := valueMatcher(q)
		if err != nil {
			return nil, err
		}
		if ok == nil {
			return q, nil // a range, say: the field does not exist, so nothing
		}
		a := slices.IndexFunc(ix.Table.Attrs, func(name string) bool { return FieldName(name) == field })
		if a < 0 {
			return &unitsQuery{}, nil
		}
		return ix.attrQuery(a, ok, false), nil
	}
	return q, err
}

// segmentFacets are the fields that differ from segment to segment, indexed
// as terms "name=value" of facetField.
var segmentFacets = map[string]bool{"themes": true, "sources": true, "coded": true, "voice": true}

// rewriteFacet turns a leaf on a segment field into terms of facetField,
// as a filter: a boost on it has nothing to weigh.
func rewriteFacet(q bq.Query) bq.Query {
	switch q := q.(type) {
	case *bq.MatchQuery:
		// The field was a keyword field: the whole value is one term.
		if q.Fuzziness > 0 {
			return fuzzyFacet(q.FieldVal, q.Match, q.Fuzziness)
		}
		return facetQuery(q.FieldVal, q.Match)
	case *bq.MatchPhraseQuery:
		if q.Fuzziness > 0 {
			return fuzzyFacet(q.FieldVal, q.MatchPhrase, q.Fuzziness)
		}
		return facetQuery(q.FieldVal, q.MatchPhrase)
	case *bq.TermQuery:
		return facetQuery(q.FieldVal, q.Term)
	case *bq.FuzzyQuery:
		return fuzzyFacet(q.FieldVal, q.Term, q.Fuzziness)
	case *bq.WildcardQuery:
		return regexpFacet(q.FieldVal, wildcardRegexp.Replace(q.Wildcard))
	case *bq.RegexpQuery:
		return regexpFacet(q.FieldVal, "(?:"+q.Regexp+")")
	}
	return q
}

func fuzzyFacet(name, v string, fuzziness int) bq.Query {
	f := bq.NewFuzzyQuery(facetTerm(name, v))
	f.SetFuzziness(fuzziness)
	f.SetPrefix(len(name) + 1) // the edits fall in the value, not the name
	f.SetField(facetField)
	return filterQuery{f}
}

func regexpFacet(name, re string) bq.Query {
	r := bq.NewRegexpQuery(regexp.QuoteMeta(name+"=") + re)
	r.SetField(facetField)
	return filterQuery{r}
}

// wildcardRegexp is bleve's own translation of a wildcard (search/query,
// unexported there), so themes:dup* means what it meant on a field of its own.
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")
