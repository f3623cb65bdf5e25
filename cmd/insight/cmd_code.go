package main

import (
	"fmt"
	"strconv"

	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
)

// defaultSuggestions is how many keywords --suggest proposes per theme when
// no number follows it.
const defaultSuggestions = 5

func codeCommand() *cli.Command {
	return &cli.Command{
		Name:      "code",
		Usage:     "show what the codebook's auto-coding rules add, per theme",
		ArgsUsage: "[STUDY]",
		Description: "Runs the keyword and pattern rules of codebook.yaml over the transcripts and\n" +
			"prints, per theme, how many segments they code and how many of those no coder\n" +
			"coded with that theme, with examples. Nothing in the study is changed.\n\n" +
			"With --suggest [N], it also suggests up to N (default 5) new keywords for each\n" +
			"theme people coded in 3 or more segments: nouns and noun phrases typical of\n" +
			"the coded text, with how often they occur there and elsewhere. A number right\n" +
			"after --suggest is N; write a study folder named only with digits as ./12.\n\n" +
			"Examples:\n   insight code my-study --examples 5\n   insight code my-study --suggest 8",
		Flags: []cli.Flag{
			exampleFlag,
			&cli.IntFlag{Name: "examples", Value: 3, Usage: "examples to show per theme"},
			&cli.BoolFlag{Name: "suggest", Usage: "suggest new keywords per theme from what people coded (`[N]` per theme, default 5)"},
		},
		Action: func(c *cli.Context) error {
			n, args, err := suggestCount(c.Bool("suggest"), c.Args().Slice())
			if err != nil {
				return fail(exitUsage, err)
			}
			src, err := codeSource(c.Bool("example"), args)
			if err != nil {
				return fail(exitUsage, err)
			}
			if err := study.Code(c.Context, src, c.App.Writer, c.Int("examples"), n); err != nil {
				return fail(buildExitCode(err), err)
			}
			return nil
		},
	}
}

// suggestCount takes the optional N of --suggest out of the arguments. N is
// read as a positional argument because --suggest must also work alone
// ("insight code --example --suggest"), which an int flag cannot.
func suggestCount(suggest bool, args []string) (n int, rest []string, err error) {
	if !suggest {
		return 0, args, nil
	}
	n = defaultSuggestions
	found := false
	for _, a := range args {
		v, convErr := strconv.Atoi(a)
		if convErr != nil || a[0] == '+' || a[0] == '-' {
			rest = append(rest, a)
			continue
		}
		if found {
			return 0, nil, fmt.Errorf("--suggest takes one number, got %s and %s", strconv.Itoa(n), a)
		}
		if v < 1 {
			return 0, nil, fmt.Errorf("--suggest %s: give a number of suggestions per theme of 1 or more", a)
		}
		n, found = v, true
	}
	return n, rest, nil
}

// codeSource is source() over arguments with --suggest's number removed.
func codeSource(example bool, args []string) (study.Source, error) {
	switch {
	case len(args) > 1:
		return study.Source{}, fmt.Errorf("expected at most one STUDY folder, got %d arguments", len(args))
	case example && len(args) == 1:
		return study.Source{}, fmt.Errorf("give either a STUDY folder or --example, not both")
	case example:
		return study.Source{Example: true}, nil
	case len(args) == 1:
		return study.Source{Dir: args[0]}, nil
	}
	return study.Source{Dir: "."}, nil
}
