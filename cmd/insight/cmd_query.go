package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/residentinsight/insight/index"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/report"
	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

const queryHelp = `The first query builds a search index in STUDY/.insight/index (add .insight/ to
.gitignore); later queries update it only for what changed. Counts come from
the same code as the insight site's, so the numbers agree.

Filters (every query command):
   --where role=parent --where ward=Northgate   AND across attributes
   --where role=parent --where role=grandparent OR within one attribute
   --where ward=                                units without a ward
   --theme duplication                          this theme and its children only
   --coder amira --coder inline                 only these coders' codings
   --coder auto                                 only keyword and pattern rule hits (suggestions)
   --coder all                                  every source, suggestions included

By default counts and searches use people's codes only (inline codes and
coders' files): keyword rule hits are suggestions until a person accepts them
(insight code --accept), unless the codebook or insight.yaml says auto: evidence.

An unknown theme, attribute or coder fails with exit code 1 and lists the valid names.`

const searchHelp = `QUERY uses bleve's query-string syntax over the segment text (English
stemming: "assess" also finds "assessed" and "assessments") and its fields:

   rent arrears              segments with either word, both ranked first
   "same questions"          the phrase
   +assessment -school       must have assessment, must not have school
   themes:duplication assess*   coded duplication (or a child of it), a word starting assess
   role:parent housing       said by a parent (any participant or document attribute)
   speaker:P06 doc:int-003 kind:focus-group sources:auto voice:observer

Matched words are highlighted: bold on a terminal, «like this» otherwise;
--format json gives each match's text and code-point positions.`

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:        "query",
		Usage:       "count themes, cross-tabulate them, and search the transcripts",
		Description: queryHelp,
		Subcommands: []*cli.Command{
			{
				Name: "freq", Usage: "how many participants (or segments, documents, cases) raised each theme",
				ArgsUsage:   "[STUDY]",
				Description: "Example:\n   insight query freq --where role=parent my-study\n\n" + queryHelp,
				Flags:       queryFlags(unitFlag()),
				Action: func(c *cli.Context) error {
					return runQuery(c, 0, false, func(ix *index.Index, o study.QueryOptions) (*report.Report, error) {
						return study.Freq(ix, o)
					})
				},
			},
			{
				Name: "matrix", Usage: "themes × the values of one attribute (NVivo's matrix coding query)",
				ArgsUsage:   "[STUDY]",
				Description: "Example:\n   insight query matrix --by role my-study\n\n" + queryHelp,
				Flags: queryFlags(unitFlag(),
					&cli.StringFlag{Name: "by", Required: true, Usage: "the attribute whose values are the columns, e.g. role"}),
				Action: func(c *cli.Context) error {
					return runQuery(c, 0, false, func(ix *index.Index, o study.QueryOptions) (*report.Report, error) {
						return study.Matrix(ix, o, c.String("by"))
					})
				},
			},
			{
				Name: "cooccur", Usage: "pairs of themes coded in the same segment, turn or document",
				ArgsUsage:   "[STUDY]",
				Description: "Example:\n   insight query cooccur --within turn my-study\n\n" + queryHelp,
				Flags:       queryFlags(&cli.StringFlag{Name: "within", Value: "segment", Usage: "segment, turn or document"}),
				Action: func(c *cli.Context) error {
					within, err := query.ParseWithin(c.String("within"))
					if err != nil {
						return fail(exitUsage, err)
					}
					return runQuery(c, 0, false, func(ix *index.Index, o study.QueryOptions) (*report.Report, error) {
						return study.Cooccur(ix, o, within)
					})
				},
			},
			{
				Name: "search", Usage: "find segments by words, ranked, with the words highlighted",
				ArgsUsage:   `"QUERY" [STUDY]`,
				Description: searchHelp + "\n\nExample:\n   insight query search --limit 5 '\"same questions\"' my-study\n\n" + queryHelp,
				Flags:       queryFlags(&cli.IntFlag{Name: "limit", Value: 10, Usage: "show at most `N` segments"}),
				Action: func(c *cli.Context) error {
					q := c.Args().First()
					return runQuery(c, 1, true, func(ix *index.Index, o study.QueryOptions) (*report.Report, error) {
						return study.Search(c.Context, ix, o, q, c.Int("limit"))
					})
				},
			},
			{
				Name: "kwic", Usage: "keyword in context: every use of a word, aligned on it",
				ArgsUsage: "WORD [STUDY]",
				Description: "WORD is stemmed, so \"assess\" finds assess, assessed and assessments; several\n" +
					"words are a phrase. Lines come in document and line order.\n\nExample:\n   insight query kwic --width 30 assess my-study\n\n" + queryHelp,
				Flags: queryFlags(
					&cli.IntFlag{Name: "width", Value: 40, Usage: "characters of context either side"},
					&cli.IntFlag{Name: "limit", Value: 100, Usage: "show at most `N` lines"}),
				Action: func(c *cli.Context) error {
					word := c.Args().First()
					return runQuery(c, 1, true, func(ix *index.Index, o study.QueryOptions) (*report.Report, error) {
						return study.KWIC(c.Context, ix, o, word, c.Int("width"), c.Int("limit"))
					})
				},
			},
			contactsCommand(),
			duplicationCommand(),
		},
	}
}

func unitFlag() cli.Flag {
	return &cli.StringFlag{Name: "unit", Value: "participants", Usage: "what to count: segments, participants, documents or cases"}
}

func queryFlags(extra ...cli.Flag) []cli.Flag {
	return append([]cli.Flag{
		exampleFlag,
		&cli.StringSliceFlag{Name: "where", Usage: "keep units with attr=value (repeatable)"},
		&cli.StringFlag{Name: "theme", Usage: "only this theme and its children"},
		&cli.BoolFlag{Name: "include-facilitators", Usage: "count the facilitators' own words too"},
		&cli.StringSliceFlag{Name: "coder", Usage: "only codings by NAME, inline, auto (rule suggestions) or all (repeatable; default: people's codes)"},
		&cli.StringFlag{Name: "format", Value: "table", Usage: "table, csv, json or md"},
	}, extra...)
}

// runQuery reads the shared flags, opens the index and renders what do
// returns. lead is how many positional arguments come before [STUDY].
func runQuery(c *cli.Context, lead int, search bool, do func(*index.Index, study.QueryOptions) (*report.Report, error)) error {
	if c.NArg() < lead {
		return fail(exitUsage, fmt.Errorf("%s needs %s", c.Command.Name, c.Command.ArgsUsage))
	}
	src, err := sourceFrom(c, c.Args().Slice()[lead:])
	if err != nil {
		return fail(exitUsage, err)
	}
	opts, err := queryOptions(c)
	if err != nil {
		return fail(exitUsage, err)
	}
	ansi := false
	if f, ok := c.App.Writer.(*os.File); ok {
		ansi = term.IsTerminal(int(f.Fd()))
	}
	r, err := report.For(c.String("format"), report.Options{ANSI: ansi})
	if err != nil {
		return fail(exitUsage, err)
	}
	iopts, err := study.IndexOptions(src, search, c.App.ErrWriter)
	if err != nil {
		return fail(exitFailure, err)
	}
	// Opening a fresh index only reads and allocates briefly; a build or
	// update is long work and gets the collector's normal pacing back.
	var stopLimit func()
	iopts.Building, stopLimit = lessGCForQuery()
	defer stopLimit()
	ix, err := study.OpenIndexWith(c.Context, src, iopts)
	if err != nil {
		if study.IsProblems(err) {
			return fail(exitProblems, err)
		}
		return fail(exitFailure, err)
	}
	defer ix.Close()
	rep, err := do(ix, opts)
	switch {
	case c.Context.Err() != nil:
		return fail(exitFailure, c.Context.Err())
	case errors.As(err, new(*index.QueryError)):
		return fail(exitUsage, err)
	case err != nil:
		return fail(exitProblems, err) // a name the study does not have
	}
	if err := r.Render(c.App.Writer, rep); err != nil {
		return fail(exitFailure, err)
	}
	return nil
}

// lessGCForQuery stops the garbage collector, up to a heap of 256 MB, for
// the rest of a query command, from before the index is opened: a query on
// a fresh index allocates briefly and exits, and collecting cost a fifth of
// a search's CPU. It returns the function that restores the collector's
// pacing, which index.Open calls before building or updating the index (a
// cold index must not run at a 256 MB limit) and sets a soft memory limit
// like a build's (a cold index of the dense study otherwise peaked at
// 740-800 MB, issue 11), and stop, which ends that limit when the command is
// done. GOGC or GOMEMLIMIT in the environment win.
func lessGCForQuery() (restore, stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, func() {}
	}
	limit := debug.SetMemoryLimit(256 << 20)
	percent := debug.SetGCPercent(-1)
	stopLimit := func() {}
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		stopLimit = softMemoryLimit(indexMemoryLimit)
	}, func() { stopLimit() }
}

// sourceFrom is source() for commands whose [STUDY] follows other arguments.
func sourceFrom(c *cli.Context, args []string) (study.Source, error) {
	if len(args) > 1 {
		return study.Source{}, fmt.Errorf("expected at most one STUDY folder after the %s arguments, got %q", c.Command.Name, args)
	}
	if c.Bool("example") {
		if len(args) == 1 {
			return study.Source{}, fmt.Errorf("give either a STUDY folder or --example, not both")
		}
		return study.Source{Example: true}, nil
	}
	if len(args) == 0 {
		return study.Source{Dir: "."}, nil
	}
	return study.Source{Dir: args[0]}, nil
}

func queryOptions(c *cli.Context) (study.QueryOptions, error) {
	o := study.QueryOptions{Theme: c.String("theme"), Log: c.App.ErrWriter}
	o.Filter.IncludeFacilitators = c.Bool("include-facilitators")
	for _, w := range c.StringSlice("where") {
		attr, val, ok := strings.Cut(w, "=")
		if !ok || strings.TrimSpace(attr) == "" {
			return o, fmt.Errorf("--where %q: write attr=value, e.g. --where role=parent", w)
		}
		if o.Filter.Where == nil {
			o.Filter.Where = map[string][]string{}
		}
		attr = strings.TrimSpace(attr)
		o.Filter.Where[attr] = append(o.Filter.Where[attr], strings.TrimSpace(val))
	}
	for _, cd := range c.StringSlice("coder") {
		if cd == query.AllCoders {
			o.Filter.Coders = []string{query.AllCoders}
			break
		}
		o.Filter.Coders = append(o.Filter.Coders, cd)
	}
	if c.IsSet("unit") || c.String("unit") != "" {
		u, err := study.ParseUnit(c.String("unit"))
		if err != nil {
			return o, err
		}
		o.Unit = u
	}
	return o, nil
}
