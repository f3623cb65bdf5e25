package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "write the study's static insight site",
		ArgsUsage: "[STUDY]",
		Description: "Reads, checks and codes the study, then writes a static site that works from\n" +
			"a web server or straight from disk. A rebuild updates the site in place, rendering\n" +
			"and writing only the pages whose content changed; a build interrupted while writing\n" +
			"leaves a front page saying the site is incomplete, which the next build completes.\n" +
			"An old site is updated only if it holds nothing but the files its build wrote\n" +
			"(listed in its .insight-site file), and never when it holds the study.\n\n" +
			"It first runs insight check --pii: while possible personal data is not reviewed\n" +
			"it lists the findings, writes nothing and exits with code 3. --accept-pii-risk\n" +
			"builds anyway, says so on stderr and puts a banner on every page.\n\n" +
			"--watch builds, then rebuilds whenever a file in the study changes (it looks\n" +
			"every 0.3 s) until Ctrl-C, keeping the parsed study in memory so a rebuild after\n" +
			"one edit parses that file only; a failed build is reported and the watch goes on.\n\n" +
			"Examples:\n   insight build --example -o insight-site\n   insight build my-study -o my-study-site\n   insight build --watch my-study -o my-study-site",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "insight-site", Usage: "folder to write the site to"},
			&cli.BoolFlag{Name: "accept-pii-risk", Usage: "write the site even though possible personal data is not reviewed; logged, and every page says so"},
			&cli.BoolFlag{Name: "watch", Usage: "rebuild whenever a file in the study changes, until interrupted"},
		},
		Action: func(c *cli.Context) error {
			src, err := source(c)
			if err != nil {
				return fail(exitUsage, err)
			}
			out := c.String("out")
			defer softMemoryLimit(buildMemoryLimit)()
			if c.Bool("watch") {
				ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
				defer stop()
				err := study.Watch(ctx, src, study.BuildOptions{Out: out, AcceptPIIRisk: c.Bool("accept-pii-risk"), Log: c.App.ErrWriter}, study.WatchInterval, nil)
				if err != nil {
					return fail(exitFailure, err)
				}
				return nil
			}
			bar := newProgress(c.App.ErrWriter, "writing site")
			err = study.Build(c.Context, src, study.BuildOptions{
				Out: out, Progress: bar.update,
				AcceptPIIRisk: c.Bool("accept-pii-risk"), Log: c.App.ErrWriter,
			})
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
	if study.IsPII(err) {
		return exitPersonal
	}
	return exitFailure
}
