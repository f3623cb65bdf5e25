package main

import (
	"fmt"

	"github.com/residentinsight/insight/privacy"
	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "validate a study and print every problem as file:line: message",
		ArgsUsage: "[STUDY]",
		Description: "Reads every file of the study and reports all problems in one run.\n" +
			"Orphaned codings (their quote is no longer in the transcript) are warnings:\n" +
			"they stay in the coder's file until someone deals with them.\n\n" +
			"With --pii it instead looks for personal data left in everything the site\n" +
			"shows (transcripts, front matter, speaker labels, memos, the codebook) and\n" +
			"prints each finding not allowed in anonymisation.yaml as file:line:col  kind  text.\n" +
			"A withdrawn participant's words are never scanned or printed. Findings are\n" +
			"cached per file in STUDY/.insight/pii, so an unchanged study re-checks at once.\n" +
			"Exit code 3 when unreviewed findings remain.\n\n" +
			"Examples:\n   insight check my-study\n   insight check --pii my-study\n   insight check --pii --format json my-study",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.BoolFlag{Name: "pii", Usage: "look for personal data instead of checking the study's format"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "with --pii: text or json"},
		},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			if c.Bool("pii") {
				return checkPII(c, src)
			}
			if c.IsSet("format") {
				return fail(exitUsage, fmt.Errorf("--format applies only with --pii"))
			}
			probs, err := study.Check(c.Context, src, c.App.Writer)
			if err != nil {
				return fail(exitFailure, err)
			}
			if probs.HasErrors() {
				return fail(exitProblems, fmt.Errorf("%d errors in the study", len(probs.Errors())))
			}
			return nil
		},
	}
}

func checkPII(c *cli.Context, src study.Source) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return fail(exitUsage, fmt.Errorf("unknown --format %q; use text or json", format))
	}
	rep, err := study.CheckPII(c.Context, src, c.App.Writer, c.App.ErrWriter, format, privacy.Options{})
	switch {
	case err != nil:
		return fail(exitFailure, err)
	case rep.Problems.HasErrors():
		return fail(exitProblems, fmt.Errorf("%d files could not be checked for personal data", len(rep.Problems.Errors())))
	case len(rep.Findings) > 0:
		return fail(exitPersonal, fmt.Errorf("%d possible personal-data findings are not reviewed", len(rep.Findings)))
	}
	return nil
}
