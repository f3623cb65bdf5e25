// Package search owns the insight site's search: an inverted index of the
// words of every searchable segment, written as small script files that a
// page loads with <script> tags, so search works from file:// (where a page
// may not fetch JSON) as well as from any web server, with no request
// leaving the site.
//
// Words are analysed exactly as the study's bleve index analyses them
// (bleve's unicode tokenizer, the English possessive filter, lower case and
// go-porterstemmer's Porter stemmer, no stop words), so a plain word or
// phrase finds the same segments on the site as `insight query search`.
// search.js repeats the stemmer for the query; the segments' token offsets
// are shipped, so the script never has to tokenize a transcript.
//
// Layout of the search/ folder (see files.go):
//
//	meta.js     counts, shard count, themes and groups for the filters
//	t-N.js      term shard N: stem -> postings, by hash of the stem
//	p-N.js      the postings of one frequent stem, too big for a shard
//	f-N.js      the segments of one filter value (a theme, a group value)
//	r-N.js      the records of segments N*BlockSize.. : text, speaker, link
//
// The cost of a query is bounded by the size of one term's postings (at
// most a bitmap of every segment) plus the record blocks of one page of
// hits, whatever the size of the study.
package search

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// Theme is a theme the results can be filtered by and show.
type Theme struct {
	ID, Name string
	Href     string // the theme's page, relative to the site root
	Depth    int    // 0 for a top-level theme, for indenting the filter
}

// Group is a participant attribute the results can be filtered by.
type Group struct {
	Name   string
	Values []string // value ids in Segment.Groups index this; index 0 is "no value"
}

// Doc is a transcript page.
type Doc struct{ ID, Href string }

// Segment is one searchable sentence. Callers pass only what may be shown:
// no withheld turn, nothing of a withdrawn participant.
type Segment struct {
	Doc     int // index into Input.Docs
	Line    int
	Speaker string
	Anchor  string // the segment's id on its transcript page
	Groups  []int  // per Input.Groups: index into its Values (0: none)
	Themes  []int  // applied themes, indexes into Input.Themes, shown with the hit
	Filter  []int  // themes the segment counts for (applied and ancestors), for the theme filter
	Text    string
}

// Input is what the search is built from.
type Input struct {
	Docs     []Doc
	Themes   []Theme
	Groups   []Group
	Segments []Segment
}

// Index is the analysed input, ready to be written as files.
type Index struct {
	in    Input
	terms map[string][]uint32 // stem -> segment numbers, ascending
	toks  []string            // per segment: its token offsets, encoded (see encodeTokens)
}

// Analyzer is the analysis of the study's bleve index (index.newMapping's
// text_en): unicode words, possessive 's removed, lower case, Porter stems.
func Analyzer() analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer: unicode.NewUnicodeTokenizer(),
		TokenFilters: []analysis.TokenFilter{
			en.NewPossessiveFilter(), lowercase.NewLowerCaseFilter(), porter.NewPorterStemmer(),
		},
	}
}

// Build analyses every segment's text, on every core.
func Build(ctx context.Context, in Input) (*Index, error) {
	for i, s := range in.Segments {
		if s.Doc < 0 || s.Doc >= len(in.Docs) || len(s.Groups) != len(in.Groups) {
			return nil, fmt.Errorf("search: segment %d: document or groups out of range", i)
		}
	}
	ix := &Index{in: in, terms: map[string][]uint32{}, toks: make([]string, len(in.Segments))}
	an := Analyzer()
	workers := runtime.GOMAXPROCS(0)
	const chunk = 4096
	parts := make([]map[string][]uint32, (len(in.Segments)+chunk-1)/chunk)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				m := map[string][]uint32{}
				for i := c * chunk; i < min(len(in.Segments), (c+1)*chunk); i++ {
					toks := an.Analyze([]byte(in.Segments[i].Text))
					ix.toks[i] = encodeTokens(in.Segments[i].Text, toks)
					for _, t := range toks {
						st := string(t.Term)
						if p := m[st]; len(p) == 0 || p[len(p)-1] != uint32(i) {
							m[st] = append(p, uint32(i))
						}
					}
				}
				parts[c] = m
			}
		}()
	}
	for c := range parts {
		if ctx.Err() != nil {
			break
		}
		next <- c
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	for _, m := range parts { // chunks in order, so postings stay ascending
		for st, p := range m {
			ix.terms[st] = append(ix.terms[st], p...)
		}
	}
	return ix, nil
}

// Stems lists the distinct stems of the index, sorted: for tests that
// compare the script's stemmer with Go's.
func (ix *Index) Stems() []string {
	out := make([]string, 0, len(ix.terms))
	for t := range ix.terms {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// encodeTokens encodes where the words of text are, as the script reads
// them: per token, the gap since the previous token's end and its length,
// in UTF-16 code units (JavaScript's string indexes), each written as one
// character 0x30+n. A segment with a gap or word too long for that is
// written as a JSON list of numbers instead ("[" marks it).
func encodeTokens(text string, toks analysis.TokenStream) string {
	units := make([]int, 0, 2*len(toks))
	pos, at := 0, 0 // byte offset and its UTF-16 offset
	u16 := func(to int) int {
		for pos < to {
			r, n := utf8.DecodeRuneInString(text[pos:])
			// An invalid byte decodes as U+FFFD, one unit, as JSON writes it.
			at += utf16.RuneLen(r)
			pos += n
		}
		return at
	}
	prevEnd := 0
	for _, t := range toks {
		s := u16(t.Start)
		e := u16(t.End)
		units = append(units, s-prevEnd, e-s)
		prevEnd = e
	}
	const base, limit = 0x30, 0xD000 // stay below the surrogates
	b := make([]rune, 0, len(units))
	for _, u := range units {
		if u+base >= limit {
			return numberList(units)
		}
		b = append(b, rune(base+u))
	}
	return string(b)
}

func numberList(units []int) string {
	b := []byte{'['}
	for i, u := range units {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%d", u)
	}
	return string(append(b, ']'))
}
