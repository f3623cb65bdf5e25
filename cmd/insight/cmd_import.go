package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "make a study from a REFI-QDA project (.qdpx, .qde), or add a codebook (.qdc) to one",
		ArgsUsage: "FILE",
		Description: "Reads what NVivo, ATLAS.ti, MAXQDA, QualCoder and other programs export in the\n" +
			"REFI-QDA standard. A project (.qdpx or .qde) becomes a new study folder (--out):\n" +
			"text sources become transcripts, the codebook codebook.yaml, each user's codings\n" +
			"codings/<user>.jsonl, cases participants.csv, notes memos/. What insight cannot\n" +
			"represent (PDF, picture and media selections, sets, links, graphs) is counted\n" +
			"at the end and in STUDY/import-report.md. A codebook (.qdc) is merged into an\n" +
			"existing study (--into): new themes are added, existing ones never changed,\n" +
			"and every conflict is listed.\n\n" +
			"Examples:\n   insight import project.qdpx --out my-study\n   insight import codebook.qdc --into my-study",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "new study folder for a project (.qdpx, .qde)"},
			&cli.StringFlag{Name: "into", Usage: "existing study to add a codebook (.qdc) to"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fail(exitUsage, fmt.Errorf("give one file to import (.qdpx, .qde or .qdc)"))
			}
			file := c.Args().First()
			out, into := c.String("out"), c.String("into")
			if strings.EqualFold(filepath.Ext(file), ".qdc") {
				if into == "" || out != "" {
					return fail(exitUsage, fmt.Errorf("a codebook (.qdc) is merged into a study: use --into STUDY"))
				}
				rep, err := study.ImportCodebook(c.Context, file, into)
				if err != nil {
					return fail(exitFailure, err)
				}
				fmt.Fprint(c.App.Writer, rep.Summary())
				return nil
			}
			if out == "" || into != "" {
				return fail(exitUsage, fmt.Errorf("a project (.qdpx, .qde) becomes a new study: use --out STUDY"))
			}
			rep, err := study.ImportProject(c.Context, file, out)
			if err != nil {
				return fail(exitFailure, err)
			}
			fmt.Fprint(c.App.Writer, rep.Summary())
			fmt.Fprintf(c.App.Writer, "study written to %s; the full report is %s\n", out, filepath.Join(out, "import-report.md"))
			return nil
		},
	}
}
