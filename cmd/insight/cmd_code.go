package main

import (
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
			"Example:\n   insight code my-study --examples 5",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "examples to show per theme"},
		},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			if err := study.Code(c.Context, src, c.App.Writer, c.Int("examples")); err != nil {
				return fail(buildExitCode(err), err)
			}
			return nil
		},
	}
}
