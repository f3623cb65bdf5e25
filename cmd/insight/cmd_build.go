package main

import (
	"fmt"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "write the study's static insight site",
		ArgsUsage: "[STUDY]",
		Description: "Reads, checks and codes the study, then writes a static site that works from\n" +
			"a web server or straight from disk. The site is written to a temporary folder\n" +
			"and renamed into place, so a failed build never leaves half a site.\n\n" +
			"Examples:\n   insight build --example -o insight-site\n   insight build my-study -o my-study-site",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "insight-site", Usage: "folder to write the site to"},
		},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			out := c.String("out")
			bar := newProgress(c.App.ErrWriter, "writing site")
			err = study.Build(c.Context, src, study.BuildOptions{Out: out, Progress: bar.update})
			bar.finish()
			if err != nil {
				return fail(buildExitCode(err), err)
			}
			fmt.Fprintf(c.App.Writer, "site written to %s (open %s/index.html)\n", out, out)
			return nil
		},
	}
}

func buildExitCode(err error) int {
	if study.IsProblems(err) {
		return exitProblems
	}
	return exitFailure
}
