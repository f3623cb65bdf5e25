package study

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/residentinsight/insight/privacy"
)

// privacySource is the study as package privacy reads it, with its
// personal-data cache in STUDY/.insight/pii.
func (s Source) privacySource() privacy.Source {
	fsys, name := s.fs()
	if s.Example {
		return privacy.Source{FS: fsys, Name: name}
	}
	return privacy.Source{FS: fsys, Name: name, Dir: s.Dir, Cache: filepath.Join(s.Dir, CacheDir, "pii")}
}

// ScanPII finds likely personal data in everything of a study that can
// reach the site (see privacy.Scan).
func ScanPII(ctx context.Context, src Source, opts privacy.Options) (*privacy.Report, error) {
	return privacy.Scan(ctx, src.privacySource(), opts, nil)
}

// CheckPII scans a study and prints the report in format (text or json).
// With json, stdout gets only the findings and problems go to stderr.
func CheckPII(ctx context.Context, src Source, stdout, stderr io.Writer, format string, opts privacy.Options) (*privacy.Report, error) {
	if format != "text" && format != "json" && format != "" {
		return nil, fmt.Errorf("unknown --format %q; use text or json", format)
	}
	rep, err := ScanPII(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if format == "json" {
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, p.String())
		}
	}
	return rep, privacy.WriteReport(stdout, rep, format)
}

// IsPII reports whether err is a build refused for unreviewed personal data.
func IsPII(err error) bool { return privacy.IsUnreviewed(err) }

// PseudonymiseOptions are the choices of `insight pseudonymise`.
type PseudonymiseOptions struct {
	Out string // the copy: a new or empty folder outside the study
	Key string // the key CSV, outside Out; "" means Out + ".key.csv"
	PII privacy.Options
}

// Pseudonymise writes a copy of a study with its personal data replaced
// and the key beside it (see privacy.Pseudonymise). A study with errors,
// or with a broken anonymisation.yaml, is refused with a ProblemsError.
func Pseudonymise(ctx context.Context, src Source, opts PseudonymiseOptions) (*privacy.PseudonymiseResult, error) {
	ps := src.privacySource()
	if _, _, err := privacy.Targets(ps, opts.Out, opts.Key); err != nil {
		return nil, err
	}
	op, err := openClean(ctx, src)
	if err != nil {
		return nil, err
	}
	allow, probs := privacy.LoadAllowlist(ps.FS, ps.Name)
	if probs.HasErrors() {
		return nil, &ProblemsError{probs.Errors()}
	}
	return privacy.Pseudonymise(ctx, ps, op.Study, privacy.PseudonymiseOptions{Out: opts.Out, Key: opts.Key, PII: opts.PII, Allow: allow})
}
