// Package site owns the static insight site: HTML pages for the study, each
// theme with its quotes, each transcript with its codes highlighted, and the
// participants — built from templates and CSS embedded in the binary, with
// relative links only, so the folder works from disk or any web server.
//
// Transcript text is untrusted: it reaches HTML only through html/template
// escaping — its templates, or its escaper where html.go writes highlighted
// text directly for speed — and codebook colours reach CSS only after
// validation.
package site

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

//go:embed assets
var assets embed.FS

// quotesPerPage bounds the compact list of quotes on one theme page: a
// theme may have tens of thousands of quotes.
const quotesPerPage = 5000

// Input is what a site is built from.
type Input struct {
	Study    *corpus.Study
	Codebook *themes.Codebook
	Coded    *coding.Coded
	Table    *query.Table
	Messages []messages.Message // key messages, led with on the home page
	// Agreement is the coders' agreement from package agree, as insight
	// agree reports it; nil leaves the page saying there is none.
	Agreement *Agreement
	// Journeys, when the study has contacts, adds a page per family and the
	// resource map; Said is what the families' transcripts say of their
	// problems and agencies (journey.Interviews).
	Journeys *journey.Journeys
	Said     []journey.Evidence
	// Banner, when non-empty, is shown at the top of every page (e.g.
	// "published with unreviewed personal-data risk").
	Banner string
}

// Options tune a build.
type Options struct {
	// CacheDir, when non-empty, keeps rendered transcript and theme pages
	// keyed by everything they depend on, so a rebuild re-renders only
	// changed ones and copies the rest into the new site.
	CacheDir string
	// StudyDir, when non-empty, is the study folder the site is built
	// from: a build refuses an output folder that holds it.
	StudyDir string
	// Progress, if set, is called after each file is written, from the
	// writing goroutines but never two calls at once.
	Progress func(done, total int)

	partBytes   int // of text per transcript page; 0 means transcriptPartBytes (tests set it)
	listPerPage int // quotes per theme page's list; 0 means quotesPerPage (tests set it)
}

// counter is the part of *query.Table the site uses; tests can stand in for it.
type counter interface {
	Freq(query.Filter) ([]query.ThemeCount, error)
	Matrix(query.Filter, string, query.Unit) (query.Matrix, error)
	Attributes() []string
	IncludesAuto(query.Filter, string) bool
	Total(query.Filter, query.Unit) (int, error)
	Union(query.Filter, []string) (query.ThemeCount, error)
	Cooccur(query.Filter, query.Within) (query.Cooccurrence, error)
}

// stats says how a build went, for tests of the cache: transcript pages
// and theme pages rendered or reused.
type stats struct {
	rendered, cached, themeRendered, themeCached int
	journeyRendered, journeyCached               int // case pages and the resource map
}

// outcome is what a job did, for stats.
type outcome int

const (
	wrote outcome = iota
	docRendered
	docCached
	pageRendered
	pageCached
	journeyRendered
	journeyCached
)

func (s *stats) count(o outcome) {
	switch o {
	case docRendered:
		s.rendered++
	case docCached:
		s.cached++
	case pageRendered:
		s.themeRendered++
	case pageCached:
		s.themeCached++
	case journeyRendered:
		s.journeyRendered++
	case journeyCached:
		s.journeyCached++
	}
}

// Build writes the site for in to the folder out. It writes into a
// temporary folder beside out and swaps it in only when every page is
// written, so a failed or cancelled build leaves any old site untouched.
// It refuses to replace a non-empty folder that is not an insight site.
func Build(ctx context.Context, in Input, out string, opts Options) error {
	if in.Table == nil {
		return errors.New("site: no counts table (Input.Table is nil)")
	}
	_, err := build(ctx, in, in.Table, out, opts)
	return err
}

func build(ctx context.Context, in Input, cnt counter, out string, opts Options) (stats, error) {
	if in.Study == nil || in.Codebook == nil {
		return stats{}, errors.New("site: Input needs a Study and a Codebook")
	}
	if in.Coded == nil {
		in.Coded = &coding.Coded{}
	}
	// Absolute, so that "." or "site/" still has a parent to stage beside.
	out, err := filepath.Abs(out)
	if err != nil {
		return stats{}, fmt.Errorf("site: output folder: %w", err)
	}
	if err := checkStudyOutside(out, opts.StudyDir); err != nil {
		return stats{}, err
	}
	if err := checkReplaceable(out); err != nil {
		return stats{}, err
	}
	b, err := newBuilder(in, cnt, opts)
	if err != nil {
		return stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return stats{}, fmt.Errorf("site: build stopped: %w", err)
	}
	tmp, marker, err := stage(out)
	if err != nil {
		return stats{}, err
	}
	defer marker.Close()
	st, err := b.write(ctx, tmp)
	if err == nil {
		err = writeManifest(tmp, marker)
	}
	if err == nil {
		err = replace(tmp, out)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return stats{}, err
	}
	if opts.CacheDir != "" {
		if err := cachePrune(opts.CacheDir, b.used); err != nil {
			return st, err
		}
	}
	return st, nil
}

// job is one file of the site: run writes it at dst.
type job struct {
	path string // slash path inside the site
	run  func(dst string) (outcome, error)
}

// write writes every file of the site into dir in two rounds: first the
// transcript pages, which also key each document's quotes, then the theme
// pages, whose cache keys are made of those keys.
func (b *builder) write(ctx context.Context, dir string) (stats, error) {
	subs := []string{"themes", "transcripts", "search"}
	if len(b.msgPages) > 0 { // an empty folder is not in the manifest, so a rebuild would call it foreign
		subs = append(subs, "messages")
	}
	if b.hasJourneys() {
		subs = append(subs, "cases")
	}
	for _, sub := range subs {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			return stats{}, fmt.Errorf("site: %w", err)
		}
	}
	b.store = store{dir: b.cacheDir}
	if b.cacheDir != "" {
		if err := os.MkdirAll(b.cacheDir, 0o755); err != nil {
			return stats{}, fmt.Errorf("site: cache: %w", err)
		}
	}
	first, err := b.docJobs()
	if err != nil {
		return stats{}, err
	}
	sj, err := b.searchJobs(ctx)
	if err != nil {
		return stats{}, err
	}
	first = append(first, sj...)
	second := append(b.themeJobs(), b.journeyJobs()...)
	r := runner{dir: dir, total: len(first) + len(second), progress: b.progress}
	if err := r.run(ctx, first); err != nil {
		return stats{}, err
	}
	if err := r.run(ctx, second); err != nil {
		return stats{}, err
	}
	return r.st, nil
}

// runner runs jobs on every core, counting them across rounds.
type runner struct {
	dir      string
	total    int
	progress func(done, total int)
	done     int
	st       stats
}

// run runs one round of jobs. The first error cancels the rest.
func (r *runner) run(ctx context.Context, jobs []job) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				o, err := j.run(filepath.Join(r.dir, filepath.FromSlash(j.path)))
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("site: %s: %w", j.path, err)
					cancel()
				}
				if err == nil {
					r.done++
					r.st.count(o)
					if r.progress != nil {
						r.progress(r.done, r.total)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- j:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("site: build stopped: %w", err)
	}
	return nil
}

// writeFile writes a small page straight into the site.
func writeFile(dst string, data []byte) (outcome, error) {
	return wrote, os.WriteFile(dst, data, 0o644)
}

// parseTemplates builds one template set per page, each sharing the layout.
func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{"add": func(a, b int) int { return a + b }, "nof": nOf}
	base, err := template.New("").Funcs(funcs).ParseFS(assets, "assets/layout.html")
	if err != nil {
		return nil, fmt.Errorf("site: templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range []string{"index", "theme", "transcript", "transcripts", "participants", "message", "methods", "search", "case", "resources", "agreement", "memos"} {
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(assets, "assets/"+name+".html")
		}
		if err != nil {
			return nil, fmt.Errorf("site: templates: %w", err)
		}
		pages[name] = t
	}
	return pages, nil
}
