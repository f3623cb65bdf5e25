package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

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
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
	rep, err := privacy.Scan(ctx, src.privacySource(), opts.PII, op.Study)
	if err != nil {
		return err
	}
	if rep.Problems.HasErrors() {
		return &ProblemsError{rep.Problems.Errors()}
	}
	in := site.Input{Study: op.Study, Codebook: op.Codebook, Coded: op.Coded, Table: op.Table, Messages: op.Messages, Agreement: agreement(op)}
	in.Journeys, in.Said = siteJourneys(op)
	if n := len(rep.Findings); n > 0 {
		if !opts.AcceptPIIRisk {
			return &privacy.UnreviewedError{Report: rep}
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "insight: --accept-pii-risk: publishing with %d unreviewed possible personal-data findings; every page says so\n", n)
		}
		in.Banner = fmt.Sprintf("This site was published with %d unreviewed possible personal-data findings (--accept-pii-risk).", n)
	}
	sopts := site.Options{Progress: opts.Progress}
	if !src.Example {
		sopts.CacheDir, sopts.StudyDir = filepath.Join(src.Dir, CacheDir, "site"), src.Dir
	}
	return site.Build(ctx, in, opts.Out, sopts)
}
