// Package synth writes deterministic synthetic studies for benchmarks and
// property tests: same options, byte-identical files.
//
// A study has the folder layout of a real one (insight.yaml, codebook.yaml,
// participants.csv, transcripts/, codings/) and text built from a few
// hundred words of spoken English about public services. It holds no
// personal-data-looking strings unless Options.PlantPII asks for some.
package synth

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/residentinsight/insight/coding"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// Options sizes a study. Each document draws from its own random stream
// (Seed and its index), so documents do not change when Docs grows, and
// codings draw from another stream, so transcripts do not change with Coders.
type Options struct {
	Docs        int // transcripts
	WordsPerDoc int // spoken and observed words per transcript, labels and timestamps excluded
	Themes      int // themes in the codebook
	Coders      int // codings/<coder>.jsonl files
	Seed        int64
	Withdrawn   int // participants with consent withdrawn
	PlantPII    int // personal identifiers to plant (names, phone numbers, postcodes); 0 for none
	// Families and ContactsPerFamily size contacts.csv; 0 Families writes
	// no contacts, costs.yaml or journey: section.
	Families          int
	ContactsPerFamily int
	// Dense has every coder code every codeable sentence (the issue's
	// "denser study"): the second coder gives three in four the first
	// coder's theme and quote, the rest another theme.
	Dense bool
}

// Default is the benchmark study: 1,000 transcripts of 8,000 words (about
// half a million sentences), 40 themes and two coders.
func Default() Options {
	return Options{Docs: 1000, WordsPerDoc: 8000, Themes: 40, Coders: 2, Seed: 1}
}

func (o Options) check() error {
	var errs []error
	for _, f := range []struct {
		name     string
		val, min int
	}{
		{"Docs", o.Docs, 1}, {"WordsPerDoc", o.WordsPerDoc, 20}, {"Themes", o.Themes, 1},
		{"Coders", o.Coders, 0}, {"Withdrawn", o.Withdrawn, 0}, {"PlantPII", o.PlantPII, 0},
		{"Families", o.Families, 0}, {"ContactsPerFamily", o.ContactsPerFamily, 0},
	} {
		if f.val < f.min {
			errs = append(errs, fmt.Errorf("synth: %s is %d; it must be at least %d", f.name, f.val, f.min))
		}
	}
	if o.Coders > maxCoders {
		errs = append(errs, fmt.Errorf("synth: Coders is %d; at most %d are supported", o.Coders, maxCoders))
	}
	return errors.Join(errs...)
}

// Random streams: one for the plan (people, kinds, dates), one for each
// document's text and one for each coder of each document. Each document
// having its own streams makes the output independent of the order in
// which documents are written, and lets them be written in parallel.
const (
	planStream = math.MaxUint64
	maxCoders  = 1<<16 - 2
)

func docStream(i int) uint64      { return uint64(i) << 16 }
func coderStream(i, k int) uint64 { return uint64(i)<<16 | uint64(k+1) }

// Write writes a complete study into dir, which must be empty or not yet
// exist, so that files of an older, larger study can never mix in.
func Write(dir string, o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	if err := emptyDir(dir); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(o.Seed), planStream))
	ts := buildThemes(o.Themes)
	pickT := themePicker(r, len(ts))
	c, err := newCast(r, o)
	if err != nil {
		return err
	}
	plans := c.plan(r, o)

	for _, f := range []struct {
		name string
		data []byte
	}{
		{"insight.yaml", settingsYAML(o)},
		{"codebook.yaml", codebookYAML(ts)},
		{"participants.csv", c.csv()},
	} {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	if err := writeContacts(dir, o, ts); err != nil {
		return err
	}
	for _, sub := range []string{"transcripts", "codings"} {
		if sub == "codings" && o.Coders == 0 {
			continue
		}
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}

	// Documents are independent, so they are written in parallel; each
	// keeps its coders' lines until all are done, to write them in order.
	lines := make([][][]byte, len(plans)) // [doc][coder]
	errs := make([]error, len(plans))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				lines[i], errs[i] = writeDoc(dir, o, ts, pickT, plans[i], i)
			}
		}()
	}
	for i := range plans {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for k := range o.Coders {
		if err := writeCoder(filepath.Join(dir, "codings", coderName(k)+".jsonl"), lines, k); err != nil {
			return err
		}
	}
	return nil
}

// emptyDir creates dir or checks it is empty.
func emptyDir(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err != io.EOF {
		if err == nil {
			return fmt.Errorf("synth: %s is not empty; choose a new or empty folder so old files cannot mix with the new study", dir)
		}
		return fmt.Errorf("synth: %s: %w", dir, err)
	}
	return nil
}

// themePicker draws themes with weights 1/√rank over a seeded order, so
// some themes are common and some rare, as in real studies. The returned
// function only reads shared state, so documents may call it in parallel.
func themePicker(r *rand.Rand, n int) func(*rand.Rand) int {
	order := r.Perm(n)
	cum := make([]float64, n)
	total := 0.0
	for rank := range order {
		total += 1 / math.Sqrt(float64(rank+1))
		cum[rank] = total
	}
	return func(rr *rand.Rand) int {
		x := rr.Float64() * total
		return order[min(n-1, sort.SearchFloat64s(cum, x))]
	}
}

func coderName(k int) string {
	if k < 26 {
		return "coder-" + string(rune('a'+k))
	}
	return fmt.Sprintf("coder-%d", k+1)
}

func writeDoc(dir string, o Options, ts []theme, pickT func(*rand.Rand) int, p docPlan, i int) ([][]byte, error) {
	g := &docGen{r: rand.New(rand.NewPCG(uint64(o.Seed), docStream(i))), o: o, themes: ts, pickT: pickT, plan: p}
	g.write()
	name := filepath.Join(dir, "transcripts", p.id+".md")
	if err := os.WriteFile(name, []byte(g.raw.String()), 0o644); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	return codings(o, i, p.id, ts, pickT, g.cands), nil
}

var memos = []string{"strong example", "borderline, discuss with the team", "also about the timeline", "check the wider context"}

// codings has each coder code about one sentence in 300 words. The first
// coder chooses freely; every other coder takes 70% of their codings from
// the first coder's (a quarter of those under a different theme) and finds
// the rest alone. A quote is a whole sentence or its theme clause. Each
// coder draws from its own stream, so adding a coder changes no other file.
func codings(o Options, i int, doc string, ts []theme, pickT func(*rand.Rand) int, cands []cand) [][]byte {
	out := make([][]byte, o.Coders)
	if o.Coders == 0 {
		return out
	}
	add := func(r *rand.Rand, k int, c cand, clause bool, theme int) {
		rec := coding.Record{Doc: doc, Theme: ts[theme].id, Quote: c.text, Start: c.start, End: c.end}
		if clause {
			rec.Quote, rec.Start, rec.End = c.clause, c.ts, c.te
		}
		if r.IntN(12) == 0 {
			rec.Memo = memos[r.IntN(len(memos))]
		}
		b, _ := json.Marshal(rec) // plain strings and ints: cannot fail
		out[k] = append(append(out[k], b...), '\n')
	}
	// choose picks the quote and theme a coder gives a sentence.
	choose := func(r *rand.Rand, c cand) (clause bool, theme int) {
		clause = c.theme >= 0 && r.IntN(2) == 0
		theme = c.theme
		if theme < 0 {
			theme = pickT(r)
		}
		return clause, theme
	}
	type pick struct {
		clause bool
		theme  int
	}
	first := make([]*pick, len(cands))
	probs := make([]float64, len(cands))
	r := rand.New(rand.NewPCG(uint64(o.Seed), coderStream(i, 0)))
	for ci, c := range cands {
		// Coders code mostly what is about a theme: 80% of codings fall
		// on the sentences with a theme clause.
		p := float64(c.words) / 300 * 0.2 / (1 - themeRate)
		if c.theme >= 0 {
			p = float64(c.words) / 300 * 0.8 / themeRate
		}
		probs[ci] = min(0.9, p)
		if o.Dense || r.Float64() < probs[ci] {
			clause, theme := choose(r, c)
			first[ci] = &pick{clause, theme}
			add(r, 0, c, clause, theme)
		}
	}
	for k := 1; k < o.Coders; k++ {
		r := rand.New(rand.NewPCG(uint64(o.Seed), coderStream(i, k)))
		for ci, c := range cands {
			p := probs[ci]
			switch f := first[ci]; {
			case f != nil && (o.Dense || r.Float64() < 0.7):
				t := f.theme
				if r.IntN(4) == 0 && len(ts) > 1 {
					t = (t + 1 + r.IntN(len(ts)-1)) % len(ts)
				}
				add(r, k, c, f.clause, t)
			case f == nil && r.Float64() < 0.3*p/(1-p):
				clause, theme := choose(r, c)
				add(r, k, c, clause, theme)
			}
		}
	}
	return out
}

func writeCoder(name string, lines [][][]byte, k int) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	for _, doc := range lines {
		w.Write(doc[k])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("synth: %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("synth: %s: %w", name, err)
	}
	return nil
}
