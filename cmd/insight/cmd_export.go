package main

import (
	"fmt"
	"strings"

	"github.com/residentinsight/insight/exchange"
	"github.com/residentinsight/insight/exchange/refi"
	"github.com/residentinsight/insight/exchange/sheets"
	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

// exporters are the formats `insight export` writes, one subcommand each.
// A new format is an exchange.Exporter in its own package and one line here.
func exporters() []exchange.Exporter {
	return []exchange.Exporter{
		sheets.XLSX{},
		sheets.CSV{},
		refi.QDPX{},
		refi.QDC{},
	}
}

const exportHelp = `Writes the coded study for another tool. Withdrawn participants' words are
never written; counts come from the same code as the site's and insight query's.
Text that a spreadsheet would run as a formula (starting with = + - @) is
written as plain text.`

func exportCommand() *cli.Command {
	var names []string
	cmd := &cli.Command{
		Name:        "export",
		Usage:       "write the coded study for other tools: spreadsheets (xlsx, csv), REFI-QDA (qdpx, qdc)",
		ArgsUsage:   "FORMAT [STUDY]",
		Description: exportHelp,
		Flags:       exportFlags(false),
		// Reached only when FORMAT is not a subcommand.
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return fail(exitUsage, fmt.Errorf("name a format: insight export %s STUDY -o OUT", strings.Join(names, "|")))
			}
			return fail(exitUsage, fmt.Errorf("unknown export format %q: use one of %s", c.Args().First(), strings.Join(names, ", ")))
		},
	}
	for _, e := range exporters() {
		names = append(names, e.Format())
		cmd.Subcommands = append(cmd.Subcommands, exportSubcommand(e))
	}
	return cmd
}

// exportFlags are every format's flags; the parent command takes them too
// (not required), so "insight export pdf --example -o x" can say that pdf
// is unknown rather than that a flag is.
func exportFlags(required bool) []cli.Flag {
	return []cli.Flag{
		exampleFlag,
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: required, Usage: "file (or folder, for csv) to write"},
	}
}

func exportSubcommand(e exchange.Exporter) *cli.Command {
	return &cli.Command{
		Name:        e.Format(),
		Usage:       e.Usage(),
		ArgsUsage:   "[STUDY]",
		Description: fmt.Sprintf("Example:\n   insight export %s my-study -o my-study.%s\n\n%s", e.Format(), e.Format(), exportHelp),
		Flags:       exportFlags(true),
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			out := c.String("out")
			if err := study.Export(c.Context, src, e, out); err != nil {
				return fail(buildExitCode(err), err)
			}
			fmt.Fprintf(c.App.Writer, "%s written to %s\n", e.Format(), out)
			return nil
		},
	}
}
