package main

import (
	"fmt"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "create a new study folder, seeded from the bundled example",
		ArgsUsage: "DIR",
		Description: "Writes insight.yaml, codebook.yaml, participants.csv, transcripts/ and codings/\n" +
			"into DIR, which must be new or empty. Edit them, then run insight check DIR.\n\n" +
			"Example:\n   insight init my-study",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fail(exitUsage, fmt.Errorf("init needs exactly one DIR"))
			}
			dir := c.Args().First()
			if err := study.Init(dir); err != nil {
				return fail(exitFailure, err)
			}
			fmt.Fprintf(c.App.Writer, "new study in %s; next: insight check %s\n", dir, dir)
			return nil
		},
	}
}
