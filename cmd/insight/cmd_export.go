package main

import (
	"fmt"

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
	cmd := &cli.Command{
		Name:        "export",
		Usage:       "write the coded study for other tools: spreadsheets (xlsx, csv), REFI-QDA (qdpx, qdc)",
		Description: exportHelp,
	}
	for _, e := range exporters() {
		cmd.Subcommands = append(cmd.Subcommands, exportSubcommand(e))
	}
	return cmd
}

func exportSubcommand(e exchange.Exporter) *cli.Command {
	return &cli.Command{
		Name:        e.Format(),
		Usage:       e.Usage(),
		ArgsUsage:   "[STUDY]",
		Description: fmt.Sprintf("Example:\n   insight export %s my-study -o my-study.%s\n\n%s", e.Format(), e.Format(), exportHelp),
		Flags: []cli.Flag{
			exampleFlag,
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "file (or folder, for csv) to write"},
		},
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
