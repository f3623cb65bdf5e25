package privacy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// WriteReport prints a report as text (file:line:col  kind  text, then a
// summary and how to allow a finding) or as a JSON list of findings.
func WriteReport(w io.Writer, rep *Report, format string) error {
	display := func(rel string) string {
		if rep.Name == "." || rep.Name == "" {
			return rel
		}
		return joinName(strings.TrimSuffix(rep.Name, "/"), rel)
	}
	switch format {
	case "json":
		out := make([]Finding, len(rep.Findings))
		for i, f := range rep.Findings {
			f.File = display(f.File)
			out[i] = f
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "text", "":
	default:
		return fmt.Errorf("unknown --format %q; use text or json", format)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(w, p.String())
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "%s:%d:%d  %s  %s\n", display(f.File), f.Line, f.Col, f.Kind, oneLine(f.Text))
	}
	if len(rep.Findings) == 0 {
		_, err := fmt.Fprintf(w, "No unreviewed personal data in %d files (%d findings allowed by %s).\n", rep.Files, rep.Allowed, AllowlistFile)
		return err
	}
	fmt.Fprintf(w, "%d possible personal-data findings not reviewed in %d files (%d allowed by %s).\n",
		len(rep.Findings), rep.Files, rep.Allowed, AllowlistFile)
	_, err := fmt.Fprintf(w, "Replace each in its file (or run insight pseudonymise); if one is not personal data, add it under allow: in %s, e.g.  %s\n",
		display(AllowlistFile), AllowEntryYAML(rep.Findings[0]))
	return err
}

// AllowEntryYAML is a one-line anonymisation.yaml entry that allows f, to
// paste under allow:.
func AllowEntryYAML(f Finding) string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON strings are YAML strings
	return fmt.Sprintf("- {text: %s, file: %s, line: %d, kind: %s, note: \"why this is not personal data\"}", q(f.Text), q(f.File), f.Line, f.Kind)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// UnreviewedError refuses a build while unreviewed findings remain.
type UnreviewedError struct{ Report *Report }

// maxListed bounds the findings a refused build lists.
const maxListed = 50

func (e *UnreviewedError) Error() string {
	var b strings.Builder
	fs := e.Report.Findings
	fmt.Fprintf(&b, "%d possible personal-data findings are not reviewed, so no site was written:", len(fs))
	for i, f := range fs {
		if i == maxListed {
			fmt.Fprintf(&b, "\nand %d more; run insight check --pii", len(fs)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n%s:%d:%d  %s  %s", joinName(e.Report.Name, f.File), f.Line, f.Col, f.Kind, oneLine(f.Text))
	}
	fmt.Fprintf(&b, "\nreplace or allow each (insight check --pii says how), or build anyway with --accept-pii-risk")
	return b.String()
}

// IsUnreviewed reports whether err is an UnreviewedError.
func IsUnreviewed(err error) bool {
	var pe *UnreviewedError
	return errors.As(err, &pe)
}
