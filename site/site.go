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
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
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
	// Agreement returns the coders' agreement from package agree, as
	// insight agree reports it; nil, or a nil result, leaves the page
	// saying there is none. It is first asked for while the site is
	// written, not prepared, so the caller can work it out meanwhile;
	// it may be called more than once, from several goroutines.
	Agreement func() *Agreement
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
	// CacheDir, when non-empty, keeps what each file of the site was made
	// from (one state file per output folder), so a rebuild renders and
	// writes only the pages whose inputs changed.
	CacheDir string
	// StudyDir, when non-empty, is the study folder the site is built
	// from: a build refuses an output folder that holds it.
	StudyDir string
	// Progress, if set, is called after each file is written, from the
	// writing goroutines but never two calls at once.
	Progress func(done, total int)
	// Memo, when set, keeps what the site derives from one document alone
	// between builds (a watch's), so a rebuild works out again only what
	// changed. One build at a time.
	Memo *Memo

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
// and theme pages rendered or kept as the last build wrote them, and how
// many files were written.
type stats struct {
	rendered, cached, themeRendered, themeCached int
	journeyRendered, journeyCached               int // case pages and the resource map
	written                                      int // files written, of every kind
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

// Build writes the site for in to the folder out, updating in place the
// site a previous build left there: a page whose inputs are unchanged is
// neither rendered nor written, a page rendered again is written only when
// its bytes differ, and a file the previous build wrote that this one does
// not is deleted. A build that fails before writing leaves the old site
// untouched; one interrupted while writing leaves a site whose front page
// and marker file say so, which the next build completes. It refuses a
// non-empty folder that is not an insight site, and an insight site holding
// files it did not write. Build is Prepare, then Write.
func Build(ctx context.Context, in Input, out string, opts Options) error {
	p, err := Prepare(ctx, in, out, opts)
	if err != nil {
		return err
	}
	return p.Write(ctx)
}

// Prepared is a site ready to be written: the output folder checked, the
// quotes collected and the search index built, but nothing written to the
// folder yet. A caller can prepare while it runs a check that must pass
// before anything is published (study runs the personal-data scan), then
// Write or Discard.
type Prepared struct {
	b      *builder
	rounds [][]job
	out    string
	opts   Options
}

// Prepare does the part of Build that writes nothing to out.
func Prepare(ctx context.Context, in Input, out string, opts Options) (*Prepared, error) {
	if in.Table == nil {
		return nil, errors.New("site: no counts table (Input.Table is nil)")
	}
	return prepare(ctx, in, in.Table, out, opts)
}

// Write writes the prepared site; see Build.
func (p *Prepared) Write(ctx context.Context) error {
	_, err := p.write(ctx)
	return err
}

// Discard gives up a prepared site without writing it.
func (p *Prepared) Discard() { p.b.searchCache.abort() }

func build(ctx context.Context, in Input, cnt counter, out string, opts Options) (stats, error) {
	p, err := prepare(ctx, in, cnt, out, opts)
	if err != nil {
		return stats{}, err
	}
	return p.write(ctx)
}

func prepare(ctx context.Context, in Input, cnt counter, out string, opts Options) (*Prepared, error) {
	if in.Study == nil || in.Codebook == nil {
		return nil, errors.New("site: Input needs a Study and a Codebook")
	}
	if in.Coded == nil {
		in.Coded = &coding.Coded{}
	}
	// Absolute, so that "." or "site/" names one folder however it is reached.
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("site: output folder: %w", err)
	}
	if err := checkStudyOutside(out, opts.StudyDir); err != nil {
		return nil, err
	}
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	b, err := newBuilder(in, cnt, opts)
	if err != nil {
		return nil, err
	}
	rounds, err := b.jobs(ctx)
	if err != nil {
		b.searchCache.abort()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		b.searchCache.abort()
		return nil, fmt.Errorf("site: build stopped: %w", err)
	}
	return &Prepared{b: b, rounds: rounds, out: out, opts: opts}, nil
}

// write is the part of Build that writes to the output folder.
func (p *Prepared) write(ctx context.Context) (stats, error) {
	b, out, opts := p.b, p.out, p.opts
	defer b.searchCache.abort() // unless saved below
	if err := ctx.Err(); err != nil {
		return stats{}, fmt.Errorf("site: build stopped: %w", err)
	}
	removeStale(filepath.Split(out)) // staging folders older versions left
	marker, err := openMarker(out)
	if err != nil {
		return stats{}, err
	}
	defer marker.Close()
	if err := checkReplaceable(out); err != nil { // again, now that the site is ours
		return stats{}, err
	}
	owned, err := ownedFiles(out)
	if err != nil {
		return stats{}, fmt.Errorf("site: reading the last build's files: %w", err)
	}
	o := newOutput(out, opts.CacheDir, owned)
	st, err := b.write(ctx, o, marker, p.rounds)
	if err != nil {
		return stats{}, err
	}
	if err := b.searchCache.save(); err != nil {
		return st, err
	}
	if opts.CacheDir != "" {
		// Pages and search entries older builds kept in files of their own.
		if err := cachePrune(opts.CacheDir, nil); err != nil {
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

// jobs lists every file of the site in rounds: first the search files and
// the transcript pages, which also key each document's quotes, then the
// theme and case pages, whose cache keys are made of those keys, and last
// the front page, so a site whose front page is the real one was written
// whole.
func (b *builder) jobs(ctx context.Context) ([][]job, error) {
	dj, err := b.docJobs()
	if err != nil {
		return nil, err
	}
	// The search files first: their data is held from Prepare until each
	// is written, so writing them early frees it before the pages render.
	first, err := b.searchJobs(ctx)
	if err != nil {
		return nil, err
	}
	first = append(first, dj...)
	var front []job
	first = slices.DeleteFunc(first, func(j job) bool {
		if j.path == "index.html" {
			front = append(front, j)
			return true
		}
		return false
	})
	return [][]job{first, append(b.themeJobs(), b.journeyJobs()...), front}, nil
}

// placeholder is the front page while a build writes the site, and after
// one that was interrupted.
const placeholder = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Site being built</title>
<p>This site is being built, or its last build was interrupted. If this page stays, run <code>insight build</code> again.</p>
</html>
`

// write writes the site into o's folder in place: it marks the site
// incomplete, runs the rounds of jobs, deletes what the last build wrote
// and this one did not, and lists the new site's files in the marker.
func (b *builder) write(ctx context.Context, o *output, marker *os.File, rounds [][]job) (stats, error) {
	b.out = o
	// The marker lists the old files and the new while the build runs, so
	// an interrupted build's files are never taken for someone else's.
	listed := map[string]bool{}
	for p := range o.owned {
		listed[p] = true
	}
	for _, r := range rounds {
		for _, j := range r {
			listed[j.path] = true
		}
	}
	for _, parts := range b.partFile {
		for _, f := range parts {
			listed["transcripts/"+f+".html"] = true
		}
	}
	if err := writeMarker(marker, true, slices.Sorted(maps.Keys(listed))); err != nil {
		return stats{}, err
	}
	front := filepath.Join(o.dir, "index.html")
	if _, err := writeParts(front, []byte(placeholder)); err != nil {
		return stats{}, fmt.Errorf("site: %w", err)
	}
	delete(o.old, "index.html")
	subs := []string{"themes", "transcripts", "search"}
	if len(b.msgPages) > 0 { // an empty folder is not in the manifest, so a rebuild would call it foreign
		subs = append(subs, "messages")
	}
	if b.hasJourneys() {
		subs = append(subs, "cases")
	}
	for _, sub := range subs {
		if err := os.MkdirAll(filepath.Join(o.dir, sub), 0o755); err != nil {
			return stats{}, fmt.Errorf("site: %w", err)
		}
	}
	total := 0
	for _, r := range rounds {
		total += len(r)
	}
	r := runner{dir: o.dir, total: total, progress: b.progress}
	for _, round := range rounds {
		if err := r.run(ctx, round); err != nil {
			return stats{}, err
		}
	}
	if err := o.removeStale(); err != nil {
		return stats{}, err
	}
	if err := writeMarker(marker, false, o.paths()); err != nil {
		return stats{}, err
	}
	r.st.written = o.wrote
	return r.st, o.writeState()
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
	for i, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- j:
		case <-ctx.Done():
		}
		jobs[i] = job{} // a job's closure may hold its file's data: let it go once run
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

// writeFile puts a page that is always rendered into the site, writing it
// only when its bytes changed.
func (b *builder) writeFile(dst string, data []byte) (outcome, error) {
	return wrote, b.out.put(dst, "", data)
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
