package journey

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

const testCodebook = `themes:
  - id: agencies
    name: Agencies
    children:
      - {id: housing, name: Housing}
      - {id: police, name: Police}
      - {id: schools, name: Schools}
      - {id: health, name: Health}
  - id: presenting-problems
    name: Problems
    children:
      - {id: rent-arrears, name: Rent arrears}
      - {id: school-attendance, name: School attendance}
`

const testSettings = `journey:
  types: {assessment: planned, visit: planned, crisis-call: reactive}
  phases:
    - {id: as-is, from: 2025-01-01, to: 2025-06-30}
    - {id: redesign, from: 2025-07-01, to: 2025-12-31}
  members:
    H01: [P01, child-a, child-b]
    H02: [child-a]
`

var today = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// load reads a study made of the given contacts.csv and costs.yaml ("" for
// none) with the test codebook and settings.
func load(t testing.TB, settings, contacts, costs string) (*Journeys, diag.List) {
	t.Helper()
	return Load(input(t, settings, contacts, costs))
}

// input is what load reads.
func input(t testing.TB, settings, contacts, costs string) Input {
	t.Helper()
	cb, p := themes.Parse("codebook.yaml", []byte(testCodebook))
	if p.HasErrors() {
		t.Fatal(p)
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(settings), &root); err != nil {
		t.Fatal(err)
	}
	var node *yaml.Node
	if len(root.Content) > 0 && len(root.Content[0].Content) > 1 {
		node = root.Content[0].Content[1]
	}
	fsys := fstest.MapFS{}
	if contacts != "" {
		fsys[ContactsFile] = &fstest.MapFile{Data: []byte(contacts)}
	}
	if costs != "" {
		fsys[CostsFile] = &fstest.MapFile{Data: []byte(costs)}
	}
	return Input{
		FS: fsys, Config: node, Codebook: cb, Today: today,
		Participants: []corpus.Participant{{ID: "P01", Attributes: map[string]string{"role": "parent"}}, {ID: "P09", Withdrawn: true}},
		Cases:        func() map[string]bool { return map[string]bool{"H01": true, "H03": true} },
	}
}

const head = "case,member,date,agency,type,problem,source,note\n"

func mustLoad(t testing.TB, contacts, costs string) *Journeys {
	t.Helper()
	j, p := load(t, testSettings, contacts, costs)
	if p.HasErrors() {
		t.Fatalf("unexpected errors:\n%v", p)
	}
	return j
}

func TestDuplicationRule(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  string
		flags []string // Words() of each flag
	}{
		{"same day, two agencies", "H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,assessment,,,\n",
			[]string{"2 assessments by 2 agencies on the same day for child-a (H01)"}},
		{"window boundary: 90 days apart is within", "H01,child-a,2025-01-01,housing,assessment,,,\nH01,child-a,2025-04-01,police,assessment,,,\n",
			[]string{"2 assessments by 2 agencies in 13 weeks for child-a (H01)"}},
		{"window boundary: 91 days apart is not", "H01,child-a,2025-01-01,housing,assessment,,,\nH01,child-a,2025-04-02,police,assessment,,,\n", nil},
		{"same agency twice is not duplication across agencies", "H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-05,housing,assessment,,,\n", nil},
		{"different members are not duplication", "H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-b,2025-03-01,police,assessment,,,\n", nil},
		{"different families are not duplication", "H01,child-a,2025-03-01,housing,assessment,,,\nH02,child-a,2025-03-01,police,assessment,,,\n", nil},
		{"reactive types are not in the default rule", "H01,child-a,2025-03-01,housing,crisis-call,,,\nH01,child-a,2025-03-01,police,crisis-call,,,\n", nil},
		{"different types are not duplication", "H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,visit,,,\n", nil},
		{"four by three agencies", "H01,child-a,2025-01-06,housing,assessment,,,\nH01,child-a,2025-02-01,police,assessment,,,\nH01,child-a,2025-03-01,schools,assessment,,,\nH01,child-a,2025-03-16,police,assessment,,,\n",
			[]string{"4 assessments by 3 agencies in 10 weeks for child-a (H01)"}},
		{"approximate: a month and a day in the next months may be within", "H01,child-a,2025-01,housing,assessment,,,\nH01,child-a,2025-05-01,police,assessment,,,\n",
			[]string{"2 assessments by 2 agencies in 13 weeks for child-a (H01); some dates are known only to the month"}},
		{"approximate: too far even at the closest", "H01,child-a,2025-01,housing,assessment,,,\nH01,child-a,2025-05-02,police,assessment,,,\n", nil},
		{"approximate: same month", "H01,child-a,2025-03,housing,assessment,,,\nH01,child-a,2025-03-20,police,assessment,,,\n",
			[]string{"2 assessments by 2 agencies in the same month for child-a (H01); some dates are known only to the month"}},
		{"two separate flags", "H01,child-a,2025-01-01,housing,assessment,,,\nH01,child-a,2025-01-02,police,assessment,,,\nH01,child-a,2025-09-01,housing,assessment,,,\nH01,child-a,2025-09-01,schools,assessment,,,\n",
			[]string{"2 assessments by 2 agencies in 2 days for child-a (H01)", "2 assessments by 2 agencies on the same day for child-a (H01)"}},
		{"a lone contact", "H01,child-a,2025-03-01,housing,assessment,,,\n", nil},
		{"no contacts", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := mustLoad(t, head+tc.rows, "")
			var got []string
			for _, f := range j.Flags {
				got = append(got, f.Words())
				if f.Rule != DefaultRule {
					t.Errorf("flag says rule %q, want %q", f.Rule, DefaultRule)
				}
				if len(f.Lines) != len(f.Contacts) || len(f.Lines) < 2 {
					t.Errorf("flag rows: %v", f.Lines)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.flags, "\n") {
				t.Errorf("flags:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.flags, "\n"))
			}
		})
	}
}

func TestDeclaredRules(t *testing.T) {
	settings := testSettings + `  duplication:
    - {id: quick-visits, types: [visit], window: 7, agencies: 3}
`
	rows := head + "H01,child-a,2025-03-01,housing,visit,,,\nH01,child-a,2025-03-04,police,visit,,,\nH01,child-a,2025-03-08,schools,visit,,,\n" +
		"H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,assessment,,,\n"
	j, p := load(t, settings, rows, "")
	if p.HasErrors() {
		t.Fatal(p)
	}
	if len(j.Flags) != 1 || j.Flags[0].Rule != "quick-visits" || len(j.Flags[0].Agencies) != 3 {
		t.Fatalf("flags = %+v; want one quick-visits flag (declared rules replace the default)", j.Flags)
	}
	if got := j.Flags[0].Lines; len(got) != 3 || got[0] != 2 || got[2] != 4 {
		t.Errorf("flag lines = %v, want 2..4", got)
	}
}

func TestCosts(t *testing.T) {
	costs := `currency: GBP
costs:
  - {type: assessment, cost: 100, source: test, year: 2025}
  - {type: assessment, agency: police, cost: 250.50, source: test, year: 2025}
`
	rows := head + "H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,assessment,,,\nH01,P01,2025-08-01,housing,visit,,,\n"
	j, p := load(t, testSettings, rows, costs)
	if p.HasErrors() {
		t.Fatal(p)
	}
	tot := j.Total(nil)
	if tot.Cost != 35050 || tot.Costed != 2 || tot.Uncosted() != 1 {
		t.Errorf("total = %+v; want 350.50 over 2 costed contacts, 1 not costed", tot)
	}
	if !strings.Contains(p.Error(), "contacts.csv:4: warning: no unit cost for housing × visit") {
		t.Errorf("a missing unit cost is not reported:\n%v", p)
	}
	by, _ := j.By("agency", nil)
	if by[0].Key != "housing" || by[0].Cost != 10000 || by[0].Uncosted() != 1 || by[1].Cost != 25050 {
		t.Errorf("by agency = %+v", by)
	}
	if got := Money(123456789).String(); got != "1,234,567.89" {
		t.Errorf("Money = %s", got)
	}
	// Without costs.yaml nothing is costed, and check says so.
	j, p = load(t, testSettings, rows, "")
	if j.Total(nil).Costed != 0 || !strings.Contains(p.Error(), "no costs.yaml") {
		t.Errorf("without costs.yaml: %+v\n%v", j.Total(nil), p)
	}
}

func TestPhases(t *testing.T) {
	rows := head + "H01,child-a,2025-06-30,housing,assessment,,,\nH01,child-a,2025-07-01,housing,visit,,,\nH01,child-a,2025-03,housing,visit,,,\n" +
		"H03,P01,2024-12-31,police,crisis-call,,,\nH01,child-b,2025-12,schools,visit,,,\n"
	j := mustLoad(t, rows, "")
	var phases []string
	for _, c := range j.Contacts {
		phases = append(phases, c.Phase)
	}
	if got := strings.Join(phases, ","); got != "as-is,redesign,as-is,,redesign" {
		t.Errorf("phases = %s", got)
	}
	rates := j.PhaseRates(nil)
	if len(rates) != 2 || rates[0].Group.Contacts != 2 || rates[0].Families != 2 || rates[1].Group.Contacts != 2 {
		t.Fatalf("rates = %+v", rates)
	}
	// as-is: 2 contacts / (2 families × 181 days / 30.4375) = 0.168…
	if rates[0].ContactsPerFamilyMonth != 0.17 || rates[0].Months != 5.9 {
		t.Errorf("as-is rate = %v per family-month over %v months", rates[0].ContactsPerFamilyMonth, rates[0].Months)
	}
	// A month straddling two phases belongs to neither, with a warning.
	s := strings.Replace(testSettings, "to: 2025-06-30", "to: 2025-06-15", 1)
	s = strings.Replace(s, "from: 2025-07-01", "from: 2025-06-16", 1)
	j, p := load(t, s, head+"H01,child-a,2025-06,housing,visit,,,\n", "")
	if j.Contacts[0].Phase != "" || !strings.Contains(p.Error(), "partly in phase") {
		t.Errorf("straddling month: phase %q\n%v", j.Contacts[0].Phase, p)
	}
}

func TestBadInput(t *testing.T) {
	rows := head +
		"H1,child-a,2025-03-01,housing,assessment,,,\n" + // 2 unknown case
		"H01,child-c,2025-03-01,housing,assessment,,,\n" + // 3 unknown member
		"H01,child-a,2025-02-30,housing,assessment,,,\n" + // 4 impossible date
		"H01,child-a,2026-03-01,housing,assessment,,,\n" + // 5 future date
		"H01,child-a,1/3/2025,housing,assessment,,,\n" + // 6 unparseable date
		"H01,child-a,2025-03-01,housing-office,assessment,,,\n" + // 7 unknown agency
		"H01,child-a,2025-03-01,housing,asessment,,,\n" + // 8 unknown type
		"H01,child-a,2025-03-01,housing,assessment,rent-arears,,\n" + // 9 unknown problem
		"H01,child-a,2025-03-01,housing,visit,,,\n" + // 10
		"H01,child-a,2025-03-01,housing,visit,,,\n" + // 11 duplicate of 10
		"H01,P09,2025-03-01,housing,visit,,,\n" + // 12 withdrawn
		"H01,child-a,2025-03-01,housing\n" // 13 too few fields
	costs := `currency: GBP
costs:
  - {type: home-visit, cost: 10, source: s, year: 2025}
  - {type: visit, cost: -5, source: s, year: 2025}
  - {type: assessment, cost: ten, source: s, year: 2025}
  - {type: crisis-call, cost: 10, currency: EUR, source: s, year: 2025}
`
	j, p := load(t, testSettings, rows, costs)
	want := []string{
		`contacts.csv:2: unknown case "H1"`, `(did you mean "H01"?)`,
		`contacts.csv:3: unknown member "child-c" of case H01`, `(did you mean "child-a"?)`,
		`contacts.csv:4: date: "2025-02-30" is not a day of the calendar`,
		`contacts.csv:5: date 2026-03-01 is in the future`,
		`contacts.csv:6: date: "1/3/2025" is not a date`,
		`contacts.csv:7: unknown agency "housing-office"`, `(did you mean "housing"?)`,
		`contacts.csv:8: unknown contact type "asessment"`, `(did you mean "assessment"?)`,
		`contacts.csv:9: unknown problem "rent-arears"`, `(did you mean "rent-arrears"?)`,
		`contacts.csv:11: warning: is identical to line 10`,
		`contacts.csv:13: has 4 fields but the header has 8`,
		`costs.yaml:3: cost for "home-visit", which is not a contact type`, `(did you mean "visit"?)`,
		`costs.yaml:4: cost "-5" is negative`,
		`costs.yaml:5: cost "ten" is not a number`,
		`costs.yaml:6: this cost is in EUR but the file's currency is GBP`,
	}
	msg := p.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("missing %q in:\n%s", w, msg)
		}
	}
	if len(j.Contacts) != 2 || j.Withdrawn != 1 {
		t.Errorf("kept %d contacts (want the 2 good ones), withdrawn %d (want 1)", len(j.Contacts), j.Withdrawn)
	}
	if strings.Contains(msg, ":12:") {
		t.Errorf("a withdrawn participant's row is described:\n%s", msg)
	}
}

func TestSettingsErrors(t *testing.T) {
	s := `journey:
  agencies: agencys
  types: {assessment: planed}
  phases:
    - {id: a, from: 2025-01-01, to: 2025-06-30}
    - {id: b, from: 2025-06-01, to: 2025-05-01}
    - {id: c, from: 2025-06-01, to: 2025-12-31}
  duplication:
    - {id: r, types: [visit], window: -1}
  colour: red
`
	_, p := load(t, s, "", "")
	msg := p.Error()
	for _, w := range []string{
		`journey.agencies names "agencys"`, `(did you mean "agencies"?)`,
		`insight.yaml:3: contact type "assessment" must be reactive`,
		`insight.yaml:6: phase "b" ends`,
		`phases "a" and "c" overlap`,
		`rule "r": "visit" is not a contact type`,
		`insight.yaml:10: unknown key "journey.colour"`,
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("missing %q in:\n%s", w, msg)
		}
	}
}

func TestSizes(t *testing.T) {
	// 0, 1 and 2 contacts, and no contacts.csv at all: no panic, sane totals.
	for n, rows := range []string{"", head, head + "H01,child-a,2025-03-01,housing,assessment,,,\n",
		head + "H01,child-a,2025-03-01,housing,assessment,,,\nH03,P01,2025-03-01,police,crisis-call,,,\n"} {
		j, p := load(t, testSettings, rows, "")
		if p.HasErrors() {
			t.Fatalf("%d: %v", n, p)
		}
		want := max(0, n-1)
		if got := j.Total(nil); got.Contacts != want || got.Families != want {
			t.Errorf("%d: total %+v", n, got)
		}
		for _, d := range Dimensions {
			if _, err := j.By(d, nil); err != nil {
				t.Error(err)
			}
		}
		j.PhaseRates(nil)
		j.FlagCounts(nil)
	}
	if _, err := (&Journeys{}).By("colour", nil); err == nil {
		t.Error("an unknown dimension is accepted")
	}
}

func TestFilter(t *testing.T) {
	rows := head + "H01,P01,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,crisis-call,,,\nH03,P01,2025-08-01,police,visit,,,\n"
	j := mustLoad(t, rows, "")
	for _, tc := range []struct {
		where map[string][]string
		want  int
	}{
		{map[string][]string{"role": {"parent"}}, 2},
		{map[string][]string{"kind": {"reactive"}}, 1},
		{map[string][]string{"agency": {"police"}, "phase": {"redesign"}}, 1},
		{map[string][]string{"agency": {"police", "housing"}}, 3},
		{map[string][]string{"month": {"2025-03"}}, 2},
	} {
		keep, err := j.Keep(tc.where)
		if err != nil {
			t.Fatal(err)
		}
		if got := j.Total(keep).Contacts; got != tc.want {
			t.Errorf("%v: %d contacts, want %d", tc.where, got, tc.want)
		}
	}
	if _, err := j.Keep(map[string][]string{"agncy": {"x"}}); err == nil || !strings.Contains(err.Error(), `did you mean "agency"`) {
		t.Errorf("unknown --where: %v", err)
	}
}

func TestQuickDayAgreesWithTime(t *testing.T) {
	for d := time.Date(1899, 12, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		s := d.Format("2006-01-02")
		got, err := parseDate(s)
		if err != nil || got.Lo != dayOf(d) || got.Lo.String() != s {
			t.Fatalf("%s: %v %v (want day %d)", s, got, err, dayOf(d))
		}
	}
}

// TestDayFormat: the hand-written date formats equal time.Format's on every
// day from 1600 to 2400, and on days beyond four-digit years.
func TestDayFormat(t *testing.T) {
	from, to := dayOf(time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)), dayOf(time.Date(2400, 12, 31, 0, 0, 0, 0, time.UTC))
	for _, d := range append([]Day{-800000, 3000000}, func() (ds []Day) {
		for d := from; d <= to; d++ {
			ds = append(ds, d)
		}
		return ds
	}()...) {
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Fatalf("day %d: %q, want %q", d, got, want)
		}
		if got, want := (Date{Lo: d, Hi: d, Approx: true}).String(), d.Time().Format("2006-01"); got != want {
			t.Fatalf("month of day %d: %q, want %q", d, got, want)
		}
	}
}
