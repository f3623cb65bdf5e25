package main

import (
	"fmt"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

var exampleFlag = &cli.BoolFlag{Name: "example", Usage: "use the bundled example study instead of a folder"}

// source reads the optional STUDY argument (default: the current folder) or --example.
func source(c *cli.Context) (study.Source, error) {
	if c.NArg() > 1 {
		return study.Source{}, fmt.Errorf("expected at most one STUDY folder, got %d arguments", c.NArg())
	}
	if c.Bool("example") {
		if c.NArg() == 1 {
			return study.Source{}, fmt.Errorf("give either a STUDY folder or --example, not both")
		}
		return study.Source{Example: true}, nil
	}
	dir := c.Args().First()
	if dir == "" {
		dir = "."
	}
	return study.Source{Dir: dir}, nil
}
