package main

import (
	"fmt"

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
			"Example:\n   insight check my-study",
		Flags: []cli.Flag{exampleFlag},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
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
