package study

import (
	"context"
	"path/filepath"

	"github.com/residentinsight/insight/site"
)

// CacheDir is the study's git-ignorable folder for caches and the index.
const CacheDir = ".insight"

// BuildOptions are the choices of `insight build`.
type BuildOptions struct {
	Out      string
	Progress func(done, total int)
}

// Build reads, checks and codes a study and writes its insight site to
// opts.Out. A study with errors builds nothing: the problems are returned.
func Build(ctx context.Context, src Source, opts BuildOptions) error {
	op, err := openClean(ctx, src)
	if err != nil {
		return err
	}
	var cache string
	if !src.Example {
		cache = filepath.Join(src.Dir, CacheDir, "site")
	}
	in := site.Input{Study: op.Study, Codebook: op.Codebook, Coded: op.Coded, Table: op.Table}
	return site.Build(ctx, in, opts.Out, site.Options{CacheDir: cache, Progress: opts.Progress})
}
