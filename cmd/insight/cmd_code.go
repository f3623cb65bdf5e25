package main

import (
	"fmt"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func codeCommand() *cli.Command {
	return &cli.Command{
		Name:      "code",
		Usage:     "show what the codebook's auto-coding rules add, per theme",
		ArgsUsage: "[STUDY]",
		Description: "Runs the keyword and pattern rules of codebook.yaml over the transcripts and\n" +
			"prints, per theme, how many segments they code and how many of those no coder\n" +
			"coded with that theme, with examples. Nothing in the study is changed.\n\n" +
			"With --suggest N, it also suggests up to N new keywords for each theme people\n" +
			"coded in 3 or more segments: nouns and noun phrases typical of the coded text,\n" +
			"with how often they occur there and elsewhere.\n\n" +
			"Keyword and pattern hits are suggestions, not evidence, until a person accepts\n" +
			"them: after reviewing a theme's suggestions (on its site page, or here), --accept\n" +
			"THEME --coder NAME appends them to codings/NAME.jsonl (one coding per sentence,\n" +
			"memo \"accepted keyword suggestion\"); --accept all does every theme. Existing\n" +
			"lines are never changed, and running it twice adds nothing.\n\n" +
			"Examples:\n   insight code my-study --examples 5\n   insight code my-study --suggest 8\n" +
			"   insight code my-study --accept duplication --coder amira\n\n" +
			"With --serve --coder NAME, it opens the coding workbench instead: a page in your\n" +
			"browser, served from this computer only, where you select passages, apply themes,\n" +
			"write memos and accept or reject suggestions; each change is saved at once to\n" +
			"codings/NAME.jsonl. Ctrl-C stops it.\n" +
			"   insight code my-study --serve --coder amira",
		Flags: append([]cli.Flag{
			exampleFlag,
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "examples to show per theme"},
			&cli.IntFlag{Name: "suggest", Usage: "suggest up to `N` new keywords per theme from what people coded"},
			&cli.StringFlag{Name: "accept", Usage: "append the rule suggestions of `THEME` (or all) to the coder's file"},
			&cli.StringFlag{Name: "coder", Usage: "the coder (codings/`NAME`.jsonl) who reviews, accepts or codes"},
		}, serveFlags...),
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			if c.Bool("serve") {
				return serveAction(c, src)
			}
			if c.Int("suggest") < 0 {
				return fail(exitUsage, fmt.Errorf("--suggest %d: give a number of suggestions per theme of 1 or more", c.Int("suggest")))
			}
			if c.String("accept") != "" {
				if c.String("coder") == "" {
					return fail(exitUsage, fmt.Errorf("--accept needs --coder NAME: the person who reviewed the suggestions"))
				}
				if err := study.Accept(c.Context, src, c.App.Writer, c.String("accept"), c.String("coder")); err != nil {
					return fail(buildExitCode(err), err)
				}
				return nil
			}
			if err := study.Code(c.Context, src, c.App.Writer, c.Int("examples"), c.Int("suggest")); err != nil {
				return fail(buildExitCode(err), err)
			}
			return nil
		},
	}
}
