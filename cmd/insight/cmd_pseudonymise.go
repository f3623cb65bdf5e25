package main

import (
	"fmt"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func pseudonymiseCommand() *cli.Command {
	return &cli.Command{
		Name:      "pseudonymise",
		Aliases:   []string{"pseudonymize"},
		Usage:     "write a copy of the study with possible personal data replaced",
		ArgsUsage: "[STUDY]",
		Description: "Writes a copy of the study to --out (a new or empty folder outside the study)\n" +
			"with every finding of insight check --pii that anonymisation.yaml does not allow\n" +
			"replaced: the same name by the same pseudonym in every file, other kinds by\n" +
			"tags such as [phone]. Inline codes stay in place and coders' codings are\n" +
			"rewritten to quote the new text. The key (original, replacement, kind) is\n" +
			"written to --key, outside the copy. The study itself is never changed.\n" +
			"A participant who withdrew consent is not in the copy: a document only they\n" +
			"speak in is left out, their turns read [withheld], codings on them are dropped.\n\n" +
			"Example:\n   insight pseudonymise my-study --out my-study-pseudonymised",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "folder for the copy (new or empty)"},
			&cli.StringFlag{Name: "key", Usage: "CSV file for the key, outside --out (default: OUT.key.csv beside it)"},
		},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			res, err := study.Pseudonymise(c.Context, src, study.PseudonymiseOptions{Out: c.String("out"), Key: c.String("key")})
			if err != nil {
				if study.IsProblems(err) {
					return fail(exitProblems, err)
				}
				return fail(exitFailure, err)
			}
			for _, n := range res.Notes {
				fmt.Fprintln(c.App.ErrWriter, n.String())
			}
			fmt.Fprintf(c.App.Writer, "copy written to %s with %d replacements\n", c.String("out"), res.Replaced)
			fmt.Fprintf(c.App.ErrWriter, "WARNING: %s links every pseudonym to the real name. Keep it safe, apart from the copy, and never share it.\n", res.Key)
			return nil
		},
	}
}
