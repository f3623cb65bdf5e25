// Package exchange moves a coded study out to the tools researchers already
// use. Each output format is an Exporter, chosen by name (the subcommand of
// `insight export`); the formats live in sub-packages (exchange/sheets for
// xlsx and csv), so adding one is a new folder and one line in
// cmd/insight/cmd_export.go. Exporters compute no statistics of their own:
// counts come from package query, so they equal the site's and the CLI's.
package exchange

import (
	"context"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/themes"
)

// Study is a study read, coded and tabled: what every exporter gets.
// Withheld words (participants who withdrew consent) are marked in Study
// and absent from Coded and Table; an exporter must never write them.
type Study struct {
	Name     string // the folder as the user named it, or "example"
	Study    *corpus.Study
	Codebook *themes.Codebook
	Records  []coding.Record // the coders' files as written, orphans included
	Coded    *coding.Coded
	Table    *query.Table
}

// Exporter writes a study in one format.
type Exporter interface {
	// Format is the format's name and the `insight export` subcommand: "xlsx".
	Format() string
	// Usage is one line for `insight export --help`.
	Usage() string
	// Export writes s to out (a file or a folder, as the format says). It
	// writes nothing at out when it fails.
	Export(ctx context.Context, s *Study, out string) error
}
