package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/report"
	"github.com/residentinsight/insight/study"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"
)

const contactsHelp = `Contacts come from contacts.csv, unit costs from costs.yaml (docs/study-format.md).
These queries read only those, insight.yaml, the codebook, participants.csv and
the transcripts' front matter, so they need no index.

Filters:
   --where agency=police --where kind=reactive   contact fields: agency, type, case,
                                                 member, problem, phase, month, kind
   --where role=parent                           the member's participants.csv attributes

Contacts of participants who withdrew consent are left out.`

func contactsCommand() *cli.Command {
	return &cli.Command{
		Name: "contacts", Usage: "families' contacts with services counted or costed by agency, type, case, member, problem, phase or month",
		ArgsUsage:   "[STUDY]",
		Description: "Example:\n   insight query contacts --by agency --measure cost my-study\n\n" + contactsHelp,
		Flags: contactFlags(
			&cli.StringFlag{Name: "by", Value: "agency", Usage: strings.Join(journey.Dimensions, ", ")},
			&cli.StringFlag{Name: "measure", Value: "contacts", Usage: strings.Join(study.Measures, ", ")}),
		Action: func(c *cli.Context) error {
			return runContacts(c, false, func(j *journey.Journeys, where map[string][]string) (*report.Report, error) {
				return study.Contacts(j, c.String("by"), c.String("measure"), where)
			})
		},
	}
}

func duplicationCommand() *cli.Command {
	return &cli.Command{
		Name: "duplication", Usage: "where the duplication rules fire: the same planned contact for one family member by several agencies",
		ArgsUsage:   "[STUDY]",
		Description: "Example:\n   insight query duplication --where case=H01 my-study\n\n" + contactsHelp,
		Flags:       contactFlags(),
		Action: func(c *cli.Context) error {
			return runContacts(c, true, study.Duplication)
		},
	}
}

func contactFlags(extra ...cli.Flag) []cli.Flag {
	return append([]cli.Flag{
		exampleFlag,
		&cli.StringSliceFlag{Name: "where", Usage: "keep contacts with attr=value (repeatable)"},
		&cli.StringFlag{Name: "format", Value: "table", Usage: "table, csv, json or md"},
	}, extra...)
}

// runContacts opens the study's contacts, with the duplication findings
// when the query shows them, and renders what do returns.
func runContacts(c *cli.Context, findings bool, do func(*journey.Journeys, map[string][]string) (*report.Report, error)) error {
	src, err := sourceFrom(c, c.Args().Slice())
	if err != nil {
		return fail(exitUsage, err)
	}
	where := map[string][]string{}
	for _, w := range c.StringSlice("where") {
		attr, val, ok := strings.Cut(w, "=")
		if !ok || strings.TrimSpace(attr) == "" {
			return fail(exitUsage, fmt.Errorf("--where %q: write attr=value, e.g. --where agency=police", w))
		}
		attr = strings.TrimSpace(attr)
		where[attr] = append(where[attr], strings.TrimSpace(val))
	}
	ansi := false
	if f, ok := c.App.Writer.(*os.File); ok {
		ansi = term.IsTerminal(int(f.Fd()))
	}
	r, err := report.For(c.String("format"), report.Options{ANSI: ansi})
	if err != nil {
		return fail(exitUsage, err)
	}
	j, err := study.OpenJourneys(c.Context, src, findings)
	if err != nil {
		if study.IsProblems(err) {
			return fail(exitProblems, err)
		}
		return fail(exitFailure, err)
	}
	rep, err := do(j, where)
	if err != nil {
		return fail(exitUsage, err)
	}
	if err := r.Render(c.App.Writer, rep); err != nil {
		return fail(exitFailure, err)
	}
	return nil
}
