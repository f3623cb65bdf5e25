package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// contactsStream draws the contacts, apart from the documents' streams, so
// transcripts do not change when contacts are asked for.
const contactsStream = planStream - 1

var contactTypes = []struct {
	id       string
	reactive bool
	cost     int
}{
	{"assessment", false, 400}, {"action-plan", false, 150}, {"referral", false, 60},
	{"visit", false, 120}, {"meeting", false, 250}, {"appointment", false, 40},
	{"call-out", true, 300}, {"enforcement", true, 90}, {"crisis-contact", true, 180},
}

// writeContacts writes contacts.csv (Families × ContactsPerFamily rows),
// costs.yaml and the journey: section of insight.yaml. The codebook's
// first root stands for the agencies and its second for the presenting
// problems; every family is declared in journey.members, so no transcript
// need name it. About one row in twenty has a month-only date, and one
// agency × type has no unit cost, so the uncosted path is measured too.
func writeContacts(dir string, o Options, ts []theme) error {
	if o.Families == 0 {
		return nil
	}
	var roots []int
	for i, t := range ts {
		if t.depth == 0 {
			roots = append(roots, i)
		}
	}
	if len(roots) < 2 || len(ts[roots[0]].children) == 0 || len(ts[roots[1]].children) == 0 {
		return fmt.Errorf("synth: contacts need a codebook with at least two roots with children (Themes ≥ 10)")
	}
	agencies, problems := descendants(ts, roots[0]), descendants(ts, roots[1])
	if err := appendJourneySettings(dir, o, ts[roots[0]].id, ts[roots[1]].id); err != nil {
		return err
	}
	if err := writeCosts(dir, agencies[0]); err != nil {
		return err
	}
	return writeContactRows(dir, o, agencies, problems)
}

// appendJourneySettings adds the journey section to insight.yaml.
func appendJourneySettings(dir string, o Options, agencies, problems string) error {
	var y strings.Builder
	fmt.Fprintf(&y, "journey:\n  agencies: %s\n  problems: %s\n  types:\n", agencies, problems)
	for _, t := range contactTypes {
		fmt.Fprintf(&y, "    %s: %s\n", t.id, map[bool]string{true: "reactive", false: "planned"}[t.reactive])
	}
	y.WriteString("  phases:\n    - {id: as-is, from: 2023-01-01, to: 2024-06-30}\n    - {id: redesign, from: 2024-07-01, to: 2025-12-31}\n  members:\n")
	for f := range o.Families {
		fmt.Fprintf(&y, "    F%04d: [adult-a, adult-b, child-a, child-b]\n", f+1)
	}
	settings, err := os.OpenFile(filepath.Join(dir, "insight.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if _, err := settings.WriteString(y.String()); err != nil {
		settings.Close()
		return fmt.Errorf("synth: %w", err)
	}
	if err := settings.Close(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// writeCosts writes costs.yaml: a unit cost per contact type but one, which
// only crisisAgency costs.
func writeCosts(dir, crisisAgency string) error {
	var c strings.Builder
	c.WriteString("# Synthetic unit costs for benchmarks; not real figures.\ncurrency: GBP\ncosts:\n")
	for _, t := range contactTypes {
		if t.id == "crisis-contact" {
			continue // one type without a default: its contacts are uncosted unless an agency has a cost
		}
		fmt.Fprintf(&c, "  - {type: %s, cost: %d, source: synthetic, year: 2025}\n", t.id, t.cost)
	}
	fmt.Fprintf(&c, "  - {type: crisis-contact, agency: %s, cost: 180, source: synthetic, year: 2025}\n", crisisAgency)
	if err := os.WriteFile(filepath.Join(dir, "costs.yaml"), []byte(c.String()), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// writeContactRows writes contacts.csv: o.ContactsPerFamily random contacts
// per family over three years, one in twenty dated to the month only.
func writeContactRows(dir string, o Options, agencies, problems []string) error {
	r := rand.New(rand.NewPCG(uint64(o.Seed), contactsStream))
	f, err := os.Create(filepath.Join(dir, "contacts.csv"))
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("case,member,date,agency,type,problem,source,note\n")
	members := []string{"adult-a", "adult-b", "child-a", "child-b"}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for fam := range o.Families {
		for range o.ContactsPerFamily {
			d := start.AddDate(0, 0, r.IntN(3*365))
			date := d.Format("2006-01-02")
			if r.IntN(20) == 0 {
				date = d.Format("2006-01")
			}
			t := contactTypes[r.IntN(len(contactTypes))]
			problem := ""
			if r.IntN(3) > 0 {
				problem = problems[r.IntN(len(problems))]
			}
			fmt.Fprintf(w, "F%04d,%s,%s,%s,%s,%s,case file,\n", fam+1, members[r.IntN(len(members))], date,
				agencies[r.IntN(len(agencies))], t.id, problem)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("synth: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// descendants lists the ids under theme i, not i itself.
func descendants(ts []theme, i int) []string {
	var out []string
	for _, c := range ts[i].children {
		out = append(out, ts[c].id)
		out = append(out, descendants(ts, c)...)
	}
	return out
}
