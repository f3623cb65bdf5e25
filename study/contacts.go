package study

import (
	"fmt"
	"slices"
	"strings"

	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/report"
)

// Measures are what `insight query contacts --measure` can show.
var Measures = []string{"contacts", "cost", "families"}

// ContactRow is one group of `insight query contacts --format json`.
type ContactRow struct {
	Key           string  `json:"key"`
	Name          string  `json:"name"`
	Contacts      int     `json:"contacts"`
	Reactive      int     `json:"reactive"`
	ReactiveShare float64 `json:"reactive_share"`
	Cost          float64 `json:"cost"`
	Costed        int     `json:"costed"`
	NotCosted     int     `json:"not_costed"`
	Families      int     `json:"families"`
}

// ContactsResult is what `insight query contacts --format json` prints.
type ContactsResult struct {
	By       string       `json:"by"`
	Measure  string       `json:"measure"`
	Currency string       `json:"currency"`
	Rows     []ContactRow `json:"rows"`
	Total    ContactRow   `json:"total"`
}

func contactRow(j *journey.Journeys, by string, g journey.Group) ContactRow {
	name := g.Key
	switch by {
	case "agency", "problem":
		name = j.Settings.Name(g.Key)
	case "phase":
		for _, p := range j.Settings.Phases {
			if p.ID == g.Key {
				name = p.Name
			}
		}
	}
	if g.Key == "" {
		name = "(none)"
	}
	return ContactRow{Key: g.Key, Name: name, Contacts: g.Contacts, Reactive: g.Reactive, ReactiveShare: g.ReactiveShare(),
		Cost: g.Cost.Float(), Costed: g.Costed, NotCosted: g.Uncosted(), Families: g.Families}
}

// Contacts groups the contacts by one dimension and shows one measure:
// the same journey.By the case pages and the resource map show.
func Contacts(j *journey.Journeys, by, measure string, where map[string][]string) (*report.Report, error) {
	if !slices.Contains(Measures, measure) {
		return nil, fmt.Errorf("unknown --measure %q; use one of %s", measure, strings.Join(Measures, ", "))
	}
	keep, err := j.Keep(where)
	if err != nil {
		return nil, err
	}
	groups, err := j.By(by, keep)
	if err != nil {
		return nil, err
	}
	cur := ""
	if j.Costs != nil {
		cur = j.Costs.Currency
	}
	total := j.Total(keep)
	res := ContactsResult{By: by, Measure: measure, Currency: cur, Rows: []ContactRow{}, Total: contactRow(j, "", total)}
	res.Total.Key, res.Total.Name = "total", "all contacts"
	head := measure
	if measure == "cost" && cur != "" {
		head = "cost (" + cur + ")"
	}
	r := &report.Report{
		Title: fmt.Sprintf("Contacts by %s: %s", by, measure),
		Columns: []report.Column{
			{Key: by}, {Key: "name", DataOnly: true},
			{Key: measure, Header: head, Right: true}, {Key: "share", Header: "% of all", Right: true},
		},
		Data: &res,
	}
	if measure == "cost" {
		r.Columns = append(r.Columns, report.Column{Key: "not_costed", Header: "not costed", Right: true})
	}
	r.Columns = append(r.Columns, report.Column{Key: "reactive_share", Header: "reactive", Right: true})
	cells := func(cr ContactRow) []any {
		var v any
		var share float64
		switch measure {
		case "contacts":
			v, share = cr.Contacts, pct(float64(cr.Contacts), float64(total.Contacts))
		case "cost":
			v, share = journey.Money(int64(cr.Cost*100+0.5)).String(), pct(cr.Cost, total.Cost.Float())
		case "families":
			v, share = cr.Families, pct(float64(cr.Families), float64(total.Families))
		}
		out := []any{cr.Key, cr.Name, v, report.Percent(share)}
		if measure == "cost" {
			out = append(out, cr.NotCosted)
		}
		return append(out, report.Percent(cr.ReactiveShare))
	}
	for _, g := range groups {
		cr := contactRow(j, by, g)
		res.Rows = append(res.Rows, cr)
		r.Rows = append(r.Rows, report.Row{Cells: cells(cr)})
	}
	r.Footer = []report.Row{{Cells: cells(res.Total)}}
	r.Notes = contactNotes(j, measure, total)
	return r, nil
}

func pct(n, of float64) float64 {
	if of == 0 {
		return 0
	}
	return float64(int(n*1000/of+0.5)) / 10
}

func contactNotes(j *journey.Journeys, measure string, total journey.Group) []string {
	notes := []string{fmt.Sprintf("%d contacts with %d families under this filter; reactive: the share of contacts of a reactive type.", total.Contacts, total.Families)}
	switch measure {
	case "cost":
		if j.Costs == nil {
			notes = append(notes, "The study has no costs.yaml, so nothing is costed.")
		} else {
			notes = append(notes, fmt.Sprintf("Cost: unit cost × contacts, for the %d of %d contacts costs.yaml gives a unit cost; not costed contacts are left out of the cost, never counted as zero.", total.Costed, total.Contacts))
		}
	case "families":
		notes = append(notes, "A family counts once in every row it has contacts in, so rows add up to more than the total.")
	}
	if j.Withdrawn > 0 {
		notes = append(notes, fmt.Sprintf("%d contacts of participants who withdrew consent are left out.", j.Withdrawn))
	}
	return notes
}

// FlagRow is one finding of `insight query duplication --format json`.
type FlagRow struct {
	Rule     string   `json:"rule"`
	Case     string   `json:"case"`
	Member   string   `json:"member"`
	Type     string   `json:"type"`
	Contacts int      `json:"contacts"`
	Agencies []string `json:"agencies"`
	Days     int      `json:"days"`
	Approx   bool     `json:"approximate"`
	Lines    []int    `json:"lines"` // rows of contacts.csv
	Finding  string   `json:"finding"`
}

// Duplication lists the duplication findings: which rule fired, on which
// rows of contacts.csv. where keeps findings with at least one matching contact.
func Duplication(j *journey.Journeys, where map[string][]string) (*report.Report, error) {
	keep, err := j.Keep(where)
	if err != nil {
		return nil, err
	}
	kf := j.KeepFlag(keep)
	rows := []FlagRow{}
	r := &report.Report{
		Title: "Duplication findings",
		Columns: []report.Column{
			{Key: "rule", DataOnly: true}, {Key: "case"}, {Key: "member"}, {Key: "type"},
			{Key: "contacts", Right: true}, {Key: "agencies"}, {Key: "days", Right: true}, {Key: "lines", Header: "contacts.csv lines"},
			{Key: "finding", DataOnly: true},
		},
		Data: &rows,
	}
	for i := range j.Flags {
		f := &j.Flags[i]
		if kf != nil && !kf(f) {
			continue
		}
		fr := FlagRow{Rule: f.Rule, Case: f.Case, Member: f.Member, Type: f.Type, Contacts: len(f.Contacts),
			Agencies: f.Agencies, Days: f.Days, Approx: f.Approx, Lines: f.Lines, Finding: f.Words()}
		rows = append(rows, fr)
		lines := strings.Trim(fmt.Sprint(f.Lines), "[]")
		days := fmt.Sprint(f.Days)
		if f.Approx {
			days = "≥" + days
		}
		r.Rows = append(r.Rows, report.Row{Cells: []any{fr.Rule, fr.Case, fr.Member, fr.Type, fr.Contacts,
			strings.Join(fr.Agencies, " "), days, lines, fr.Finding}})
	}
	var ruleText []string
	for _, ru := range j.Settings.Rules {
		ruleText = append(ruleText, fmt.Sprintf("%s: the same %s for the same member by %d or more agencies within %d days",
			ru.ID, strings.Join(ru.Types, ", "), ru.Agencies, ru.Window))
	}
	found := fmt.Sprintf("%d findings", len(rows))
	if len(rows) == 1 {
		found = "1 finding"
	}
	r.Notes = append([]string{fmt.Sprintf("%s. Rules: %s.", found, strings.Join(ruleText, "; "))},
		"Days: from the first contact to the last; ≥ when a month-only date makes it approximate.")
	return r, nil
}
