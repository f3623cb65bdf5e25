package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// TestPhraseMatchesBleve runs phrases through bleve's phrase query and
// through phraseQuery over the example's segments: the same segments, in
// the same order, with the same scores and highlighted words.
func TestPhraseMatchesBleve(t *testing.T) {
	ix := buildExampleIndex(t, t.TempDir())
	defer ix.Close()
	m := ix.search.idx[0].Mapping()
	phrases := []string{
		"same questions", "the", "housing office", "rent arrears", "I was", "to the", "the the",
		"at the end of", "social worker", "didn't know", "Mum's", "nobody told", "no such phrase here",
		"was was was", "help", "school school",
	}
	for _, p := range phrases {
		t.Run(p, func(t *testing.T) {
			mq := bleve.NewMatchPhraseQuery(p)
			fq := fastPhrase(mq, m)
			if _, ok := fq.(*phraseQuery); !ok {
				t.Fatalf("%q was not made a phraseQuery", p)
			}
			for _, locs := range []bool{false, true} {
				want := runQuery(t, ix, mq, locs)
				got := runQuery(t, ix, fq, locs)
				if got != want {
					t.Errorf("locations %v:\nbleve  %s\nfaster %s", locs, want, got)
				}
			}
		})
	}
	// Not one position per word: left to bleve.
	if _, ok := fastPhrase(bleve.NewMatchPhraseQuery(""), m).(*phraseQuery); ok {
		t.Error("an empty phrase became a phraseQuery")
	}
	fz := bleve.NewMatchPhraseQuery("housing ofice")
	fz.SetFuzziness(1)
	if _, ok := fastPhrase(fz, m).(*phraseQuery); ok {
		t.Error("a fuzzy phrase became a phraseQuery")
	}
}

// runQuery describes every hit of q (as a search would restrict it to
// participants' words), in score order.
func runQuery(t *testing.T, ix *Index, q bq.Query, locs bool) string {
	t.Helper()
	all := bleve.NewBooleanQuery()
	all.AddMust(q)
	all.AddMustNot(facetQuery("voice", "facilitator"))
	r := bleve.NewSearchRequestOptions(all, 10000, 0, false)
	r.SortBy([]string{"-_score", "_id"})
	r.IncludeLocations = locs
	r.Fields = []string{"text"}
	ctx := context.WithValue(context.Background(), search.SearchTypeKey, search.GlobalScoring)
	sr, err := ix.search.alias.SearchInContext(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("total %d:", sr.Total)
	for _, h := range sr.Hits {
		out += fmt.Sprintf(" %s %.6f", h.ID, h.Score)
		if locs {
			out += fmt.Sprint(hitOf(h).Matches)
		}
	}
	return out
}

// buildExampleIndex indexes the example study in dir, as study.OpenIndex
// would (which this package's own tests cannot import).
func buildExampleIndex(t *testing.T, dir string) *Index {
	t.Helper()
	fsys := example.Study()
	load := func(ctx context.Context) (*Input, error) {
		st, probs := corpus.Load(ctx, fsys, "")
		cb, p := themes.Load(fsys, "codebook.yaml", "codebook.yaml")
		probs.Add(p...)
		recs, p := coding.LoadRecords(fsys, "")
		probs.Add(p...)
		coded, p := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true})
		probs.Add(p...)
		if probs.HasErrors() {
			return nil, probs
		}
		return &Input{Study: st, Codebook: cb, Coded: coded, Table: query.New(st, cb, coded), Records: recs}, nil
	}
	ix, err := Open(context.Background(), Options{Dir: filepath.Join(dir, "index"), FS: fsys, Load: load, Search: true})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}
