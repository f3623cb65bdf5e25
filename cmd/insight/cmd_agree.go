package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/residentinsight/insight/agree/units"
	"github.com/residentinsight/insight/report"
	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

const agreeHelp = `How much do the coders agree, theme by theme? Units are the sentences of the
documents every compared coder worked on (those they coded, or those their
codings file declares on its first line: {"documents": ["int-001", ...]}); a
coder rated a sentence 1 for a theme when any of their codings for it, or for a
child of it, overlaps the sentence.

How to read the figures:
   agreement  the share of pairs of ratings that agree. Sentences nobody coded
              count as agreement, so it flatters rare themes; do not rely on it alone.
   kappa      Cohen's kappa, two coders only: agreement beyond chance.
   alpha      Krippendorff's alpha (nominal), any number of coders, with a 95%
              bootstrap interval (1000 resamples of the units, fixed seed).
              Krippendorff: alpha >= 0.800 rely on the theme; >= 0.667 draw only
              tentative conclusions; below 0.667 do not rely on it. Judge by the
              interval's low end as well as the value.
   undefined  printed with the reason instead of a number, e.g. when nobody
              used a theme (no variation) or fewer than two coders rated a unit.

--unit document rates whole documents; --unit character rates every character
as NVivo does (uncoded text counts as agreement, inflating the figures).

Disagreements, reviewed into a consensus coder:
   insight agree --disagreements my-study                  each sentence coders differ on
   insight agree --disagreements --format jsonl my-study > review.jsonl
   (edit review.jsonl: on each line set "consensus" to the theme ids that apply,
    [] for none, and optionally "memo"; keep the other fields)
   insight agree --apply review.jsonl --coder consensus my-study
--apply writes codings/consensus.jsonl: the decided themes on the reviewed
sentences and, elsewhere, the themes every coder applied, each coding quoting
its whole sentence. It checks every line against the study first (unknown unit,
edited sentence, unknown theme, no decision) and writes nothing on any error;
it never replaces an existing file.`

func agreeCommand() *cli.Command {
	return &cli.Command{
		Name:        "agree",
		Usage:       "inter-coder agreement per theme: percent agreement, Cohen's kappa, Krippendorff's alpha",
		ArgsUsage:   "[STUDY]",
		Description: agreeHelp,
		Flags: []cli.Flag{
			exampleFlag,
			&cli.StringFlag{Name: "coders", Usage: "compare these coders, comma-separated `a,b` (default: every coder)"},
			&cli.StringFlag{Name: "theme", Usage: "only this theme and its children"},
			&cli.StringFlag{Name: "unit", Value: "segment", Usage: "segment, document or character"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "table, csv, json or md; with --disagreements also jsonl (for review)"},
			&cli.BoolFlag{Name: "disagreements", Usage: "list each unit the coders differ on, with their themes and memos"},
			&cli.StringFlag{Name: "apply", Usage: "turn a reviewed `FILE` (from --disagreements --format jsonl) into a consensus coder's file"},
			&cli.StringFlag{Name: "coder", Usage: "with --apply: the consensus coder's `NAME` (codings/NAME.jsonl)"},
		},
		Action: runAgree,
	}
}

func runAgree(c *cli.Context) error {
	src, err := source(c)
	if err != nil {
		return fail(exitUsage, err)
	}
	if c.String("apply") != "" {
		return runApply(c, src)
	}
	if c.IsSet("coder") {
		return fail(exitUsage, fmt.Errorf("--coder names the consensus coder of --apply; to choose whom to compare, use --coders a,b"))
	}
	kind, err := units.Parse(c.String("unit"))
	if err != nil {
		return fail(exitUsage, err)
	}
	format := c.String("format")
	disagreements := c.Bool("disagreements")
	if format == "jsonl" && (!disagreements || kind != units.Segment) {
		return fail(exitUsage, fmt.Errorf("--format jsonl writes sentence disagreements for review: use it with --disagreements and the segment unit"))
	}
	var r report.Renderer
	if format != "jsonl" {
		ansi := false
		if f, ok := c.App.Writer.(*os.File); ok {
			ansi = term.IsTerminal(int(f.Fd()))
		}
		if r, err = report.For(format, report.Options{ANSI: ansi}); err != nil {
			return fail(exitUsage, err)
		}
	}
	opts := study.AgreeOptions{Theme: c.String("theme"), Unit: kind, Log: c.App.ErrWriter}
	if s := c.String("coders"); s != "" {
		for _, name := range strings.Split(s, ",") {
			opts.Coders = append(opts.Coders, strings.TrimSpace(name))
		}
	}
	in, set, err := study.Agreement(c.Context, src, opts, disagreements)
	if err != nil {
		return agreeFailure(c, err)
	}
	rep := study.Agree(in, set)
	if disagreements {
		var ds []units.Disagreement
		if rep, ds, err = study.Disagreements(in, set); err != nil {
			return fail(exitFailure, err)
		}
		if format == "jsonl" {
			if err := units.WriteReview(c.App.Writer, ds); err != nil {
				return fail(exitFailure, err)
			}
			return nil
		}
	}
	if err := r.Render(c.App.Writer, rep); err != nil {
		return fail(exitFailure, err)
	}
	return nil
}

func runApply(c *cli.Context, src study.Source) error {
	coder := c.String("coder")
	if coder == "" {
		return fail(exitUsage, fmt.Errorf("--apply needs --coder NAME, the consensus coder whose file it writes (e.g. --coder consensus)"))
	}
	for _, f := range []string{"coders", "theme", "disagreements"} {
		if c.IsSet(f) {
			return fail(exitUsage, fmt.Errorf("--apply takes the coders from the review file; leave out --%s", f))
		}
	}
	res, err := study.ApplyReview(c.Context, src, c.String("apply"), coder)
	if err != nil {
		return agreeFailure(c, err)
	}
	fmt.Fprintf(c.App.Writer, "wrote %s: %d codings; %d sentences decided in review, %d taken as the coders agreed",
		res.File, len(res.Lines)-1, res.Decided, res.Agreed)
	if res.Undecided > 0 {
		fmt.Fprintf(c.App.Writer, ", %d where they differ but the review has no line (only the themes every coder applied were kept)", res.Undecided)
	}
	fmt.Fprintln(c.App.Writer)
	return nil
}

// agreeFailure maps errors to exit codes: a study with errors, a context
// cancelled, or a name or file the study does not have.
func agreeFailure(c *cli.Context, err error) error {
	switch {
	case study.IsProblems(err):
		return fail(exitProblems, err)
	case c.Context.Err() != nil:
		return fail(exitFailure, c.Context.Err())
	case os.IsNotExist(err) || os.IsPermission(err):
		return fail(exitFailure, err)
	}
	return fail(exitProblems, err)
}
