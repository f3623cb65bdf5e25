package main

import (
	"fmt"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version of insight",
		Action: func(c *cli.Context) error {
			v := version
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						v += " (" + s.Value[:12] + ")"
					}
				}
				v += " " + info.GoVersion
			}
			fmt.Fprintln(c.App.Writer, "insight", v)
			return nil
		},
	}
}
