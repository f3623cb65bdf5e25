package study

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/privacy"
	"github.com/residentinsight/insight/site"
)

// CacheDir is the study's git-ignorable folder for caches and the index.
const CacheDir = ".insight"

// BuildOptions are the choices of `insight build`.
type BuildOptions struct {
	Out      string
	Progress func(done, total int)
	// AcceptPIIRisk builds even while personal-data findings are not
	// reviewed; Log is told how many, and every page carries a banner.
	AcceptPIIRisk bool
	Log           io.Writer
	PII           privacy.Options
}

// Build reads, checks and codes a study and writes its insight site to
// opts.Out. A study with errors builds nothing: the problems are returned.
// Nor does a study with unreviewed personal-data findings (a *PIIError),
// unless opts.AcceptPIIRisk says to publish anyway.
func Build(ctx context.Context, src Source, opts BuildOptions) error {
	cache, key := "", ""
	if !src.Example {
		cache = src.cacheDir("site")
		key = buildKey(src, opts)
		if last, n, ok := lastBuild(cache); ok && key != "" && last == key && site.UpToDate(opts.Out, cache) {
			if opts.Log != nil {
				if n > 0 {
					fmt.Fprintf(opts.Log, "insight: --accept-pii-risk: the site was published with %d unreviewed possible personal-data findings; every page says so\n", n)
				}
				fmt.Fprintf(opts.Log, "insight: nothing in the study has changed since the last build of %s: the site is up to date\n", opts.Out)
			}
			return nil
		}
		// The last key stays while this build runs: a build that fails
		// before writing leaves the site that key describes, and one that
		// fails while writing leaves a site marked incomplete, which is
		// never up to date.
	}
	n, err := build(ctx, src, opts)
	if err != nil || key == "" {
		return err
	}
	// Failing to record the key costs the next build time, not results.
	_ = saveBuild(cache, key, n)
	return nil
}

// build is Build without the up-to-date check; it returns how many
// unreviewed personal-data findings the site was published with.
//
// The personal-data scan runs beside the coding of the study and the
// site's preparation (quotes, search index, everything before the first
// write), so both cores stay busy where either alone is serial. Nothing
// is written to opts.Out until the scan has passed: the prepared site is
// discarded when the scan fails or finds unreviewed data, and, when the
// risk is accepted, prepared again with the banner that every page must
// carry.
func build(ctx context.Context, src Source, opts BuildOptions) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A failed scan stops the site's preparation, not the study's
	// opening, whose problems come first.
	prepCtx, stopPrep := context.WithCancel(ctx)
	defer stopPrep()
	sc := &scan{done: make(chan scanned, 1)}
	op, err := openCleanRead(ctx, src, func(st *corpus.Study, codings func() map[string]privacy.CodingsFile) {
		sc.start(ctx, stopPrep, src, opts, st, codings)
	})
	if err != nil {
		if sc.started { // stopped, and waited for: it writes its cache
			cancel()
			<-sc.done
		}
		return 0, err
	}
	// Nothing below reads the coders' records, only what Merge made of
	// them: let them go, since every collection of the build scanned a
	// dense study's 100 MB of them (issue 11).
	op.Records = nil
	for i := range op.Files {
		op.Files[i].Records = nil
	}
	// The agreement is worked out while the site is prepared, which
	// does not read it: some 0.08 s of a one-edit rebuild, on one core.
	agreed := make(chan *site.Agreement, 1)
	go func() { agreed <- src.agreed.agreement(op) }()
	agreement := sync.OnceValue(func() *site.Agreement { return <-agreed })
	// Wait for it however the build ends: it writes its memo under the
	// study's cache, which nothing may touch once Build has returned.
	defer agreement()
	in := site.Input{Study: op.Study, Codebook: op.Codebook, Coded: op.Coded, Table: op.Table, Messages: op.Messages,
		Agreement: agreement}
	in.Journeys, in.Said = siteJourneys(op)
	sopts := site.Options{Progress: opts.Progress, Memo: src.site}
	if !src.Example {
		sopts.CacheDir, sopts.StudyDir = src.cacheDir("site"), src.Dir
	}
	prep, perr := site.Prepare(prepCtx, in, opts.Out, sopts)
	s := <-sc.done
	if s.err != nil {
		if perr == nil {
			prep.Discard()
		}
		return 0, s.err
	}
	if perr != nil {
		return 0, perr
	}
	rep := s.rep
	if n := len(rep.Findings); n > 0 {
		prep.Discard()
		if !opts.AcceptPIIRisk {
			return 0, &privacy.UnreviewedError{Report: rep}
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "insight: --accept-pii-risk: publishing with %d unreviewed possible personal-data findings; every page says so\n", n)
		}
		in.Banner = fmt.Sprintf("This site was published with %d unreviewed possible personal-data findings (--accept-pii-risk).", n)
		if prep, err = site.Prepare(prepCtx, in, opts.Out, sopts); err != nil {
			return 0, err
		}
	}
	return len(rep.Findings), prep.Write(ctx)
}

// scan is a build's personal-data scan, run in the background from as
// soon as the transcripts are read.
type scan struct {
	started bool
	done    chan scanned
}

type scanned struct {
	rep *privacy.Report
	err error
}

// start scans st, keying the coders' files by codings' hashes; a scan
// that fails calls stop, since the site will not be written then.
func (sc *scan) start(ctx context.Context, stop func(), src Source, opts BuildOptions, st *corpus.Study, codings func() map[string]privacy.CodingsFile) {
	sc.started = true
	go func() {
		ps := src.privacySource()
		ps.Codings = codings
		rep, err := privacy.Scan(ctx, ps, opts.PII, st)
		if err == nil && rep.Problems.HasErrors() {
			err = &ProblemsError{rep.Problems.Errors()}
		}
		if err != nil {
			stop()
		}
		sc.done <- scanned{rep, err}
	}()
}
