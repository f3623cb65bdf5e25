package anon

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// gold is one planted identifier in an evaluation passage.
type gold struct {
	Start, End int
	Kind       Kind
}

// parseLabelled strips "%%" comment lines and {{kind:text}} markers from src,
// returning the plain text and the gold spans in it.
func parseLabelled(src string) (string, []gold, error) {
	var lines []string
	for _, l := range strings.SplitAfter(src, "\n") {
		if !strings.HasPrefix(l, "%%") {
			lines = append(lines, l)
		}
	}
	src = strings.Join(lines, "")
	var b strings.Builder
	var gs []gold
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			b.WriteString(src)
			break
		}
		b.WriteString(src[:i])
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return "", nil, fmt.Errorf("unclosed {{ at %q", src[i:min(i+30, len(src))])
		}
		label := src[i+2 : i+j]
		kind, text, ok := strings.Cut(label, ":")
		k, known := ParseKind(kind)
		if !ok || !known || text == "" {
			return "", nil, fmt.Errorf("bad label {{%s}}", label)
		}
		gs = append(gs, gold{Start: b.Len(), End: b.Len() + len(text), Kind: k})
		b.WriteString(text)
		src = src[i+j+2:]
	}
	return b.String(), gs, nil
}

// evalVocabulary is what the evaluation study declares in insight.yaml.
var evalVocabulary = []string{
	// places
	"Meadows", "Sneinton", "Radford", "Bulwell", "Radford Unity Complex", "Colwick", "Beeston", "Victoria Centre",
	"St Ann's", "Hyson Green", "Broxtowe", "Nottingham", "Sutton-in-Ashfield",
	// agencies
	"Hope Centre", "Faith Network", "Homes for Nottingham", "Safer Neighbourhoods Team", "MASH", "CAMHS",
	// pseudonyms already in use
	"Bev",
}

type tally struct{ gold, found, hitGold, hitFound int }

// scores tallies a labelled set by kind. Scoring: a gold span is recalled
// when a finding of the same kind overlaps it; a finding is correct when it
// overlaps a gold span of the same kind. Precision is over all findings, so a
// right span with the wrong kind counts against both.
type scores map[Kind]*tally

func (sc scores) get(k Kind) *tally {
	if sc[k] == nil {
		sc[k] = &tally{}
	}
	return sc[k]
}

// overlaps reports whether x is a finding of g's kind that overlaps it.
func overlaps(x Finding, g gold) bool {
	return x.Kind == g.Kind && x.Start < g.End && g.Start < x.End
}

// add scores the findings fs for one file against its gold spans, logging
// misses and false positives through logf when it is not nil.
func (sc scores) add(logf func(string, ...any), name, text string, gs []gold, fs []Finding) {
	for _, g := range gs {
		tl := sc.get(g.Kind)
		tl.gold++
		hit := false
		for _, x := range fs {
			hit = hit || overlaps(x, g)
		}
		if hit {
			tl.hitGold++
		} else if logf != nil {
			logf("%s: missed %s %q", name, g.Kind, text[g.Start:g.End])
		}
	}
	for _, x := range fs {
		tl := sc.get(x.Kind)
		tl.found++
		hit := false
		for _, g := range gs {
			hit = hit || overlaps(x, g)
		}
		if hit {
			tl.hitFound++
		} else if logf != nil {
			logf("%s: false positive %s %q (%s)", name, x.Kind, x.Text, x.Reason)
		}
	}
}

// table returns the per-kind table and the overall tally.
func (sc scores) table() (string, tally) {
	kinds := make([]string, 0, len(sc))
	for k := range sc {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	var all tally
	var tbl strings.Builder
	fmt.Fprintf(&tbl, "\n%-14s %5s %5s %7s %9s\n", "kind", "gold", "found", "recall", "precision")
	for _, k := range kinds {
		tl := sc[Kind(k)]
		all.gold += tl.gold
		all.found += tl.found
		all.hitGold += tl.hitGold
		all.hitFound += tl.hitFound
		fmt.Fprintf(&tbl, "%-14s %5d %5d %7.3f %9.3f\n", k, tl.gold, tl.found, ratio(tl.hitGold, tl.gold), ratio(tl.hitFound, tl.found))
	}
	fmt.Fprintf(&tbl, "%-14s %5d %5d %7.3f %9.3f", "overall", all.gold, all.found, ratio(all.hitGold, all.gold), ratio(all.hitFound, all.found))
	return tbl.String(), all
}

// checkFloors fails the test for each kind whose recall is under its floor
// and for overall precision under minPrecision.
func (sc scores) checkFloors(t *testing.T, floors map[Kind]float64, minPrecision float64) {
	t.Helper()
	for _, k := range Kinds {
		floor, ok := floors[k]
		if !ok {
			continue
		}
		tl := sc.get(k)
		if tl.gold == 0 {
			t.Errorf("%s: no planted examples", k)
			continue
		}
		if r := ratio(tl.hitGold, tl.gold); r < floor {
			t.Errorf("%s recall %.3f, want >= %.2f", k, r, floor)
		}
	}
	_, all := sc.table()
	if p := ratio(all.hitFound, all.found); p < minPrecision {
		t.Errorf("overall precision %.3f, want >= %.2f", p, minPrecision)
	}
}

// TestEvaluation scores the detector on the labelled passages in
// testdata/eval (see scores for the rule).
func TestEvaluation(t *testing.T) {
	files, err := filepath.Glob("testdata/eval/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation files: %v", err)
	}
	d := NewDetector(Options{Allow: evalVocabulary})
	sc := scores{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, gs, err := parseLabelled(string(src))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sc.add(verboseLog(t), filepath.Base(f), text, gs, d.Detect(text))
	}
	tbl, all := sc.table()
	t.Log(tbl)

	if all.gold < 300 {
		t.Errorf("evaluation set has %d planted identifiers, want at least 300", all.gold)
	}
	floors := map[Kind]float64{Postcode: 0.98, Phone: 0.98, Email: 0.98, NHSNumber: 0.98, NINumber: 0.98, Vehicle: 0.98, Person: 0.90}
	sc.checkFloors(t, floors, 0.85)
}

// verboseLog is t.Logf under -v, for a set whose misses may be read.
func verboseLog(t *testing.T) func(string, ...any) {
	if testing.Verbose() {
		return t.Logf
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func TestParseLabelled(t *testing.T) {
	tests := []struct {
		in, text string
		gold     []gold
		bad      bool
	}{
		{in: "%% note\nhi {{person:Tyler}}'s", text: "hi Tyler's", gold: []gold{{3, 8, Person}}},
		{in: "{{phone:0115}} {{dob:3/3/11}}", text: "0115 3/3/11", gold: []gold{{0, 4, Phone}, {5, 11, DOB}}},
		{in: "{{nonsense:x}}", bad: true},
		{in: "{{person:x", bad: true},
	}
	for _, tc := range tests {
		text, gs, err := parseLabelled(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("parseLabelled(%q) err = %v, want bad=%v", tc.in, err, tc.bad)
			continue
		}
		if tc.bad {
			continue
		}
		if text != tc.text || fmt.Sprint(gs) != fmt.Sprint(tc.gold) {
			t.Errorf("parseLabelled(%q) = %q %v, want %q %v", tc.in, text, gs, tc.text, tc.gold)
		}
	}
}
