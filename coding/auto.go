package coding

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

// rule is one keyword of one theme, as a sequence of word stems.
type rule struct {
	theme string
	stems []string
}

// AutoCode applies the codebook's rules to every turn that may be used:
// keywords match whole words by their Porter stem (so "assessment" also finds
// "assessments"), case-insensitively; patterns are Go regular expressions
// matched as written. Each match becomes an application with source "auto"
// spanning the matched words. Documents are coded in parallel; the result is
// in document order, so it is deterministic.
func AutoCode(st *corpus.Study, cb *themes.Codebook) []Application {
	apps, _ := autoCode(st, cb, "")
	return apps
}

// autoCode is AutoCode with the matches of unchanged documents taken from
// the cache in cacheDir ("" for none). It reports how many documents it
// coded afresh.
func autoCode(st *corpus.Study, cb *themes.Codebook, cacheDir string) ([]Application, int) {
	perDoc, n, saved := autoCodeDocs(st, cb, cacheDir)
	saved()
	return slices.Concat(perDoc...), n
}

// autoCodeDocs is autoCode's matches per document. The cache is written
// while the caller goes on: saved waits until it is.
func autoCodeDocs(st *corpus.Study, cb *themes.Codebook, cacheDir string) (perDoc [][]Application, coded int, saved func()) {
	perDoc = make([][]Application, len(st.Documents))
	rs := newRuleSet(cb)
	if rs.empty() {
		return perDoc, 0, func() {}
	}
	keys := make([]string, len(st.Documents))
	var todo []int
	stale := false // the cache holds entries this study no longer uses
	if cacheDir != "" {
		cache, rules := loadAutoCache(cacheDir), rulesKey(cb)
		used := map[string]bool{}
		for di, d := range st.Documents {
			if len(d.Body) < math.MaxInt32 { // cached offsets are int32
				keys[di] = autoDocKey(rules, d)
			}
			hits, ok := cache.Docs[keys[di]]
			if ok && keys[di] != "" {
				perDoc[di], ok = cache.apps(di, hits)
			}
			if !ok {
				todo = append(todo, di)
			}
			used[keys[di]] = true
		}
		stale = len(cache.Docs) > len(used)
	} else {
		for di := range st.Documents {
			todo = append(todo, di)
		}
	}
	rs.code(st, todo, perDoc)
	if cacheDir == "" || (len(todo) == 0 && !stale) {
		return perDoc, len(todo), func() {}
	}
	done := make(chan struct{})
	go func() {
		// A cache that cannot be written costs the next run time, not results.
		_ = saveAutoCache(cacheDir, keys, perDoc)
		close(done)
	}()
	return perDoc, len(todo), func() { <-done }
}

// ruleSet is a codebook's rules made ready for matching.
type ruleSet struct {
	byFirst   map[string][]rule // keywords by their first stem
	patterned []*themes.Theme
}

func newRuleSet(cb *themes.Codebook) ruleSet {
	rs := ruleSet{byFirst: map[string][]rule{}}
	for _, t := range cb.All {
		for _, stems := range t.KeywordStems() {
			if len(stems) > 0 {
				rs.byFirst[stems[0]] = append(rs.byFirst[stems[0]], rule{t.ID, stems})
			}
		}
		if len(t.Regexps) > 0 {
			rs.patterned = append(rs.patterned, t)
		}
	}
	return rs
}

func (rs ruleSet) empty() bool { return len(rs.byFirst) == 0 && len(rs.patterned) == 0 }

// code sets perDoc[di] to the matches in each document of todo, on
// every core.
func (rs ruleSet) code(st *corpus.Study, todo []int, perDoc [][]Application) {
	if rs.empty() {
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			kw := &keywords{byFirst: rs.byFirst, stems: themes.NewStemmer()}
			// Matches are gathered in one buffer and copied out at their
			// length: a list grown by doubling for each document was most
			// of keyword coding's garbage.
			var buf []Application
			for di := range next {
				buf = autoCodeDoc(buf[:0], di, st.Documents[di], kw, rs.patterned)
				if len(buf) > 0 {
					perDoc[di] = slices.Clone(buf)
				}
			}
		}()
	}
	for _, di := range todo {
		next <- di
	}
	close(next)
	wg.Wait()
}

// keywords is one worker's view of the keyword rules: the rules a word
// as written starts are looked up once and kept by the word's number
// (themes.Stemmer.AppendWords), where a map lookup for every word of the
// study was a fifth of keyword coding.
type keywords struct {
	byFirst map[string][]rule
	stems   *themes.Stemmer
	first   [][]rule // by word number
	known   []bool   // by word number: first is looked up
}

// starting returns the rules whose first stem is that of word number n,
// whose stem is stem.
func (k *keywords) starting(n int32, stem string) []rule {
	if grow := int(n) + 1 - len(k.known); grow > 0 {
		k.known = append(k.known, make([]bool, grow)...)
		k.first = append(k.first, make([][]rule, grow)...)
	}
	if !k.known[n] {
		k.first[n], k.known[n] = k.byFirst[stem], true
	}
	return k.first[n]
}

// autoCodeDoc appends document di's matches to out.
func autoCodeDoc(out []Application, di int, d *corpus.Document, kw *keywords, patterned []*themes.Theme) []Application {
	if d.Withheld {
		return out
	}
	// One application per theme and span, however many rules match it.
	// Keyword spans that match start at the same word, so the few
	// applications made at that word are all a keyword match need be
	// checked against; a map of every span (most of keyword coding's
	// garbage) is kept only for patterns, which may match anywhere.
	type span struct {
		start, end int
		theme      string
	}
	var seen map[span]bool
	if len(patterned) > 0 {
		seen = map[span]bool{}
	}
	emit := func(theme string, start, end int) {
		if seen != nil {
			k := span{start, end, theme}
			if seen[k] {
				return
			}
			seen[k] = true
		}
		out = append(out, Application{Theme: theme, Doc: di, Start: start, End: end, Source: SourceAuto})
	}
	var words []themes.Word // reused from turn to turn
	var nums []int32
	for _, t := range d.Turns {
		if t.Withheld {
			continue
		}
		text := d.Body[t.Start:t.End]
		if len(kw.byFirst) > 0 {
			words, nums = kw.stems.AppendWords(words[:0], nums[:0], text)
			for i, w := range words {
				atWord := len(out)
				for _, r := range kw.starting(nums[i], w.Stem) {
					if matchAt(words, i, r.stems) {
						last := words[i+len(r.stems)-1]
						if !madeAt(out[atWord:], r.theme, t.Start+last.End) {
							emit(r.theme, t.Start+w.Start, t.Start+last.End)
						}
					}
				}
			}
		}
		for _, th := range patterned {
			for _, re := range th.Regexps {
				for _, m := range re.FindAllStringIndex(text, -1) {
					if m[1] > m[0] {
						emit(th.ID, t.Start+m[0], t.Start+m[1])
					}
				}
			}
		}
	}
	return out
}

// madeAt reports whether apps, all starting at one place, hold one of
// theme ending at end.
func madeAt(apps []Application, theme string, end int) bool {
	for _, a := range apps {
		if a.End == end && a.Theme == theme {
			return true
		}
	}
	return false
}

func matchAt(words []themes.Word, i int, stems []string) bool {
	if i+len(stems) > len(words) {
		return false
	}
	for j, s := range stems {
		if words[i+j].Stem != s {
			return false
		}
	}
	return true
}
