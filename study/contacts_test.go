package study

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/internal/exampletext"
	"github.com/residentinsight/insight/journey"
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

	j, err := OpenJourneys(context.Background(), Source{Example: true}, true)
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
	j, err := OpenJourneys(context.Background(), Source{Example: true}, true)
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

// TestSiteContactsEqualQuery reads the numbers off the example site's
// resource map and case pages and checks them against the query's.
func TestSiteContactsEqualQuery(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(context.Background(), Source{Example: true}, BuildOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	j, err := OpenJourneys(context.Background(), Source{Example: true}, true)
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<tr><th scope="row">(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</th><td>(\d+)</td><td>([\d,.]+)</td><td>(\d+)</td>`)
	table := func(page, caption string) map[string][3]string {
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		i := strings.Index(s, caption)
		if i < 0 {
			t.Fatalf("%s has no %q", page, caption)
		}
		s = s[i:]
		s = s[:strings.Index(s, "</table>")]
		got := map[string][3]string{}
		for _, m := range row.FindAllStringSubmatch(s, -1) {
			got[html.UnescapeString(m[1])] = [3]string{m[2], m[3], m[4]}
		}
		return got
	}
	check := func(page, caption, by string, where map[string][]string) {
		rep, err := Contacts(j, by, "cost", where)
		if err != nil {
			t.Fatal(err)
		}
		got := table(page, caption)
		res := rep.Data.(*ContactsResult)
		if len(got) < len(res.Rows) {
			t.Errorf("%s %s: %d rows on the site, %d from the query", page, caption, len(got), len(res.Rows))
		}
		for _, r := range res.Rows {
			name := r.Name
			if by == "case" {
				name = "Family " + r.Key
			}
			want := [3]string{fmt.Sprint(r.Contacts), journey.Money(int64(r.Cost*100 + 0.5)).String(), fmt.Sprint(r.NotCosted)}
			if got[name] != want {
				t.Errorf("%s %s %s: site says %v, query %v", page, caption, name, got[name], want)
			}
		}
	}
	check("resource-map.html", "By agency", "agency", nil)
	check("resource-map.html", "Contacts per family", "case", nil)
	check("cases/H04.html", "By agency", "agency", map[string][]string{"case": {"H04"}})
	check("cases/H01.html", "By contact type", "type", map[string][]string{"case": {"H01"}})
}

func TestCheckReportsWithdrawnContacts(t *testing.T) {
	var out strings.Builder
	if _, err := Check(context.Background(), Source{Example: true}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "consent withdrawn: 3 contacts left out") || strings.Contains(out.String(), "P09") {
		t.Errorf("check does not say how many contacts were left out for consent, or names the participant:\n%s", out.String())
	}
}

// TestContactsCacheForgetsWithdrawal: .insight/contacts holds a consenting
// participant's notes; once they withdraw, neither the next query nor an
// index update leaves their notes there.
func TestContactsCacheForgetsWithdrawal(t *testing.T) {
	ctx := context.Background()
	dir := exampletext.Copy(t)
	const note = "kestrel-marker-note"
	exampletext.Append(t, filepath.Join(dir, journey.ContactsFile), "H05,P05,2025-09-01,housing,visit,,case file (housing),"+note+"\n")
	src := Source{Dir: dir}
	cache := src.contactsCache()
	withdraw := func() {
		p := filepath.Join(dir, "participants.csv")
		data, _ := os.ReadFile(p)
		if err := os.WriteFile(p, bytes.Replace(data, []byte("P05,parent,Northgate,35-44,two parents,yes"), []byte("P05,parent,Northgate,35-44,two parents,withdrawn"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	holds := func() bool {
		data, err := os.ReadFile(cache)
		return err == nil && bytes.Contains(data, []byte(note))
	}

	// A query after the withdrawal rewrites the cache.
	if _, err := OpenJourneys(ctx, src, false); err != nil {
		t.Fatal(err)
	}
	if !holds() {
		t.Fatal("the cache does not hold the consenting participant's note: this test proves nothing")
	}
	withdraw()
	j, err := OpenJourneys(ctx, src, false)
	if err != nil {
		t.Fatal(err)
	}
	if holds() || j.Withdrawn == 0 {
		t.Errorf("after the withdrawal: the cache holds the note %v, %d contacts left out", holds(), j.Withdrawn)
	}

	// Nor does an index update that finds the withdrawal (it rereads the
	// study, or removes the cache).
	dir2 := exampletext.Copy(t)
	exampletext.Append(t, filepath.Join(dir2, journey.ContactsFile), "H05,P05,2025-09-01,housing,visit,,case file (housing),"+note+"\n")
	dir, src, cache = dir2, Source{Dir: dir2}, Source{Dir: dir2}.contactsCache()
	ix, err := OpenIndex(ctx, src, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if !holds() {
		t.Fatal("building the index did not cache the contacts: this test proves nothing")
	}
	withdraw()
	ix, err = OpenIndex(ctx, src, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if holds() {
		t.Error("after an index update found the withdrawal, the cache still holds the note")
	}
}
