package study

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"testing"

	"github.com/residentinsight/insight/example"
	"gopkg.in/yaml.v3"
)

// TestContactsIndependentCount checks the example's contacts and cost by
// agency against a count made here straight from contacts.csv and
// costs.yaml, with none of package journey's code.
func TestContactsIndependentCount(t *testing.T) {
	fsys := example.Study()
	data, err := fs.ReadFile(fsys, "contacts.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var costs struct {
		Costs []struct {
			Type, Agency string
			Cost         float64
		}
	}
	cdata, _ := fs.ReadFile(fsys, "costs.yaml")
	if err := yaml.Unmarshal(cdata, &costs); err != nil {
		t.Fatal(err)
	}
	unit := func(agency, typ string) float64 {
		def := -1.0
		for _, c := range costs.Costs {
			if c.Type == typ && c.Agency == agency {
				return c.Cost
			}
			if c.Type == typ && c.Agency == "" {
				def = c.Cost
			}
		}
		return def
	}
	wantN, wantCost := map[string]int{}, map[string]float64{}
	withdrawn := 0
	for _, r := range rows[1:] {
		if r[1] == "P09" { // the example's withdrawn participant
			withdrawn++
			continue
		}
		wantN[r[3]]++
		if u := unit(r[3], r[4]); u >= 0 {
			wantCost[r[3]] += u
		} else {
			t.Errorf("example row %v has no unit cost", r)
		}
	}

	j, err := OpenJourneys(context.Background(), Source{Example: true})
	if err != nil {
		t.Fatal(err)
	}
	if j.Withdrawn != withdrawn || withdrawn == 0 {
		t.Errorf("withdrawn contacts = %d, counted %d (the example should have some)", j.Withdrawn, withdrawn)
	}
	rep, err := Contacts(j, "agency", "cost", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := rep.Data.(*ContactsResult)
	if len(got.Rows) != len(wantN) {
		t.Errorf("%d agencies, counted %d", len(got.Rows), len(wantN))
	}
	for _, r := range got.Rows {
		if r.Contacts != wantN[r.Key] || r.Cost != wantCost[r.Key] {
			t.Errorf("%s: %d contacts costing %.2f; counted %d costing %.2f", r.Key, r.Contacts, r.Cost, wantN[r.Key], wantCost[r.Key])
		}
	}

	// The full Open used by check and build gives the same journeys.
	op, probs := Open(context.Background(), Source{Example: true})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	if a, b := op.Journeys.Total(nil), j.Total(nil); a != b || len(op.Journeys.Flags) != len(j.Flags) {
		t.Errorf("Open's journeys %+v differ from OpenJourneys' %+v", a, b)
	}
}

// TestExampleJourneys pins what the example's contacts must show: a clear
// duplication, a mostly reactive family and two phases.
func TestExampleJourneys(t *testing.T) {
	j, err := OpenJourneys(context.Background(), Source{Example: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Settings.Phases) < 2 {
		t.Errorf("phases: %v", j.Settings.Phases)
	}
	threeByThree := false
	for _, f := range j.Flags {
		threeByThree = threeByThree || len(f.Agencies) >= 3 && f.Type == "assessment"
	}
	if !threeByThree {
		t.Error("no finding of three assessments by three agencies (int-004 describes four in two weeks)")
	}
	byCase, _ := j.By("case", nil)
	reactive := 0
	for _, g := range byCase {
		if g.ReactiveShare() > 50 {
			reactive++
		}
	}
	if reactive == 0 {
		t.Error("no family whose journey is mostly reactive")
	}
	// int-001: "three different assessments in a month" for H01.
	keep, _ := j.Keep(map[string][]string{"case": {"H01"}, "type": {"assessment"}, "month": {"2025-06"}})
	if n := j.Total(keep).Contacts; n < 3 {
		t.Errorf("H01 has %d assessments in June 2025; int-001 describes three in a month", n)
	}
}
