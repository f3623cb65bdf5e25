package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/site"
)

// watchSource returns src with caches it keeps in memory between builds.
func watchSource(src Source) Source {
	src.parsed = corpus.OpenParseCache(filepath.Join(src.cacheDir("corpus"), "parsed.bin"), programID())
	src.parsed.KeepParsed()
	src.codings = coding.OpenFileCache(filepath.Join(src.cacheDir("codings"), "files.gob"), programID())
	src.merged = coding.NewMemo()
	src.site = site.NewMemo()
	src.agreed = &agreeMemo{}
	return src
}

// WatchInterval is how often a watch looks for changed files: often
// enough that a saved edit is on the site in about a second, rarely
// enough that looking costs nothing (one stat per file).
const WatchInterval = 300 * time.Millisecond

// Watch builds the study's site, then rebuilds it whenever a file in the
// study changes, until ctx is done, as `hugo server` does. It keeps the
// parsed transcripts and coders' files in memory between rebuilds, so a
// rebuild after one edit parses that file only. A build that fails (a
// problem in the study, unreviewed personal data) is reported to
// opts.Log and the watch goes on: the next save may fix it. done, when
// set, is told of each build's outcome and how long it took.
func Watch(ctx context.Context, src Source, opts BuildOptions, interval time.Duration, done func(error, time.Duration)) error {
	if src.Example {
		return fmt.Errorf("build --watch needs a study folder: the bundled example never changes")
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	src = watchSource(src)
	// The parse cache's file is written as the watch ends, not on every
	// rebuild; failing to write it costs the next build time, not results.
	defer func() { _ = src.parsed.Flush() }()
	last := ""
	for {
		study, out, err := resolveDirs(src.Dir, opts.Out)
		stamp := ""
		if err == nil {
			stamp, err = studyStamp(study, out)
		}
		if err != nil {
			return fmt.Errorf("watching %s: %w", src.Dir, err)
		}
		if stamp != last {
			last = stamp
			start := time.Now()
			err := Build(ctx, src, opts)
			took := time.Since(start)
			if ctx.Err() != nil {
				return nil
			}
			if err != nil {
				fmt.Fprintf(log, "insight: build failed (watching for the next change):\n%v\n", err)
			} else {
				fmt.Fprintf(log, "insight: built %s in %.2f s; watching %s for changes (Ctrl-C stops)\n", opts.Out, took.Seconds(), src.Dir)
			}
			if done != nil {
				done(err, took)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}
