package anon

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// heldOutHeader is what a held-out passage declares in its "%%" lines.
type heldOutHeader struct {
	Allow  []string // "%% allow: a, b" — the study's declared vocabulary
	Decoys []string // "%% decoys: a | b" — one entry per occurrence
}

// parseHeldOutHeader reads the "%% allow:" and "%% decoys:" comment lines;
// other "%%" lines are notes for people.
func parseHeldOutHeader(src string) heldOutHeader {
	var h heldOutHeader
	split := func(s, sep string) []string {
		var out []string
		for _, p := range strings.Split(s, sep) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	for _, l := range strings.Split(src, "\n") {
		if rest, ok := strings.CutPrefix(l, "%% allow:"); ok {
			h.Allow = append(h.Allow, split(rest, ",")...)
		}
		if rest, ok := strings.CutPrefix(l, "%% decoys:"); ok {
			h.Decoys = append(h.Decoys, split(rest, "|")...)
		}
	}
	return h
}

// decoySpans finds each listed decoy in text: the n-th listing of a string is
// its n-th occurrence. It reports entries with no occurrence left.
func decoySpans(text string, decoys []string) (spans [][2]int, missing []string) {
	seen := map[string]int{} // occurrences of each string used so far
	for _, d := range decoys {
		from := 0
		for range seen[d] {
			from += strings.Index(text[from:], d) + len(d)
		}
		i := strings.Index(text[from:], d)
		if i < 0 {
			missing = append(missing, d)
			continue
		}
		seen[d]++
		spans = append(spans, [2]int{from + i, from + i + len(d)})
	}
	return spans, missing
}

// heldOutResult is a held-out set's scores and how many decoys were flagged.
type heldOutResult struct {
	files           int
	sc              scores
	decoys, flagged int
}

// scoreHeldOut runs the detector over every passage in dir and scores it
// with the same rule as TestEvaluation.
//
// A blind set's misses are never printed, not even under -v: once read they
// would steer the next rule, and the set would stop measuring anything.
func scoreHeldOut(t *testing.T, dir string, blind bool) heldOutResult {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no held-out files in %s: %v", dir, err)
	}
	r := heldOutResult{files: len(files), sc: scores{}}
	for _, f := range files {
		name := filepath.Base(f)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h := parseHeldOutHeader(string(src))
		if len(h.Allow) == 0 {
			t.Errorf("%s: no %%%% allow: line", name)
		}
		text, gs, err := parseLabelled(string(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fs := NewDetector(Options{Allow: h.Allow}).Detect(text)
		logf := verboseLog(t)
		if blind {
			logf = nil
		}
		r.sc.add(logf, name, text, gs, fs)

		spans, missing := decoySpans(text, h.Decoys)
		for _, d := range missing {
			t.Errorf("%s: decoy %q is listed more often than it occurs", name, d)
		}
		for _, s := range spans {
			r.decoys++
			for _, x := range fs {
				if x.Start < s[1] && s[0] < x.End {
					r.flagged++
					break
				}
			}
		}
	}
	tbl, _ := r.sc.table()
	t.Logf("%s, %d files:%s\ndecoys flagged: %d of %d", dir, r.files, tbl, r.flagged, r.decoys)
	return r
}

// TestHeldOut scores the detector on testdata/heldout, a set written without
// looking at the detector, with the same scoring as TestEvaluation. Its floors
// are lower because it measures rather than tunes.
func TestHeldOut(t *testing.T) {
	r := scoreHeldOut(t, "testdata/heldout", false)
	_, all := r.sc.table()
	if all.gold < 200 {
		t.Errorf("held-out set has %d planted identifiers, want at least 200", all.gold)
	}
	if r.decoys < 120 {
		t.Errorf("held-out set has %d decoys, want at least 120", r.decoys)
	}
	floors := map[Kind]float64{Postcode: 0.90, Phone: 0.90, Email: 0.90, NHSNumber: 0.90, NINumber: 0.90, Vehicle: 0.90, Person: 0.75}
	r.sc.checkFloors(t, floors, 0.75)
}

func TestParseHeldOutHeader(t *testing.T) {
	tests := []struct {
		in            string
		allow, decoys []string
	}{
		{in: "%% note\n%% allow: Leeds, Early Help ,\nbody", allow: []string{"Leeds", "Early Help"}},
		{in: "%% decoys: P01 | P01|May\n%% decoys: £20\n", decoys: []string{"P01", "P01", "May", "£20"}},
		{in: "allow: not a comment\n%%allow: no space", allow: nil},
		{in: "%% allow: a\n%% allow: b", allow: []string{"a", "b"}},
	}
	for _, tc := range tests {
		h := parseHeldOutHeader(tc.in)
		if fmt.Sprint(h.Allow) != fmt.Sprint(tc.allow) || fmt.Sprint(h.Decoys) != fmt.Sprint(tc.decoys) {
			t.Errorf("parseHeldOutHeader(%q) = %q %q, want %q %q", tc.in, h.Allow, h.Decoys, tc.allow, tc.decoys)
		}
	}
}

func TestDecoySpans(t *testing.T) {
	tests := []struct {
		text    string
		decoys  []string
		spans   [][2]int
		missing []string
	}{
		{text: "P01: hi P01: yo", decoys: []string{"P01", "P01"}, spans: [][2]int{{0, 3}, {8, 11}}},
		{text: "P01: hi", decoys: []string{"P01", "P01"}, spans: [][2]int{{0, 3}}, missing: []string{"P01"}},
		{text: "may May", decoys: []string{"May"}, spans: [][2]int{{4, 7}}},
		{text: "aaa", decoys: []string{"aa", "aa"}, spans: [][2]int{{0, 2}}, missing: []string{"aa"}},
	}
	for _, tc := range tests {
		spans, missing := decoySpans(tc.text, tc.decoys)
		if fmt.Sprint(spans) != fmt.Sprint(tc.spans) || fmt.Sprint(missing) != fmt.Sprint(tc.missing) {
			t.Errorf("decoySpans(%q, %q) = %v %q, want %v %q", tc.text, tc.decoys, spans, missing, tc.spans, tc.missing)
		}
	}
}

// TestHeldOutSpoken scores the detector on testdata/heldout2, a second set
// (issue 13) weighted towards identifiers as people say them: read aloud,
// spelled out, lower-case speech-to-text. It was written blind and first
// measured untuned; since its misses were read it is a development set like
// testdata/eval, and the blind measure is a newer set. Its floors are the
// figures after the tuning, so it fails when the detector does worse.
func TestHeldOutSpoken(t *testing.T) {
	// The figures after issue 13's names work (person, age-with-name) and its
	// institutions and spoken-forms work (the other kinds).
	final := map[Kind]float64{
		Address: 11. / 11, AgeWithName: 18. / 18, DOB: 8. / 8, Email: 9. / 9, Employer: 10. / 10,
		GPSurgery: 7. / 7, Handle: 9. / 9, NHSNumber: 6. / 6, NINumber: 6. / 6, Person: 89. / 89,
		Phone: 15. / 15, Postcode: 9. / 9, School: 13. / 13, URL: 8. / 8, Vehicle: 7. / 7,
	}
	all := checkSet(t, "testdata/heldout2", false, 150, 60, final, 0.95)
	if p := ratio(all.hitGold, all.gold); p < 225./225 {
		t.Errorf("overall recall %.3f, below the figure after issue 13, 1.000 (225 of 225)", p)
	}
}

// checkSet scores the set in dir (blind: misses never printed), checks it
// still has at least minGold identifiers and minDecoys decoys, and checks
// each kind's recall against floors and the overall precision against
// precision. It returns the overall counts.
func checkSet(t *testing.T, dir string, blind bool, minGold, minDecoys int, floors map[Kind]float64, precision float64) tally {
	t.Helper()
	r := scoreHeldOut(t, dir, blind)
	_, all := r.sc.table()
	if all.gold < minGold || r.decoys < minDecoys {
		t.Errorf("set has %d identifiers and %d decoys, want at least %d and %d", all.gold, r.decoys, minGold, minDecoys)
	}
	r.sc.checkFloors(t, floors, precision)
	return all
}

// TestDev4 scores the detector on testdata/dev4, a development set written
// independently by someone who had never seen the detector, after the blind
// heldout3 showed the rules fitted the sets they were tuned on. It is read
// and tuned on like testdata/eval; its floors guard the figures after tuning
// (names2 tuned person and age-with-name, inst2 the other kinds).
func TestDev4(t *testing.T) {
	floors := map[Kind]float64{
		Person: 184. / 184, AgeWithName: 25. / 27,
		Address: 15. / 15, DOB: 11. / 11, Email: 3. / 3, Employer: 26. / 27, GPSurgery: 9. / 10, Handle: 5. / 5,
		NHSNumber: 4. / 4, NINumber: 3. / 4, Phone: 9. / 9, Postcode: 13. / 13, School: 18. / 19, URL: 2. / 2, Vehicle: 5. / 5,
	}
	checkSet(t, "testdata/dev4", false, 300, 100, floors, 0.99)
}

// TestHeldOutBlind3 scores testdata/heldout3, a third blind set written for
// issue 13 after heldout2's misses had been seen (heldout2 is a development
// set now). Its misses are never printed (scoreHeldOut's blind mode), so
// running it cannot steer the detector. It fails below its first run, made
// with the detector of anon-4 before any of this set's scores were known
// (testdata/heldout3/README.md has the first and later runs).
func TestHeldOutBlind3(t *testing.T) {
	firstRun := map[Kind]float64{
		Address: 12. / 14, AgeWithName: 9. / 17, DOB: 5. / 12, Email: 8. / 8, Employer: 16. / 26,
		GPSurgery: 8. / 8, Handle: 8. / 8, NHSNumber: 11. / 11, NINumber: 8. / 8, Person: 126. / 179,
		Phone: 16. / 16, Postcode: 12. / 12, School: 16. / 19, URL: 8. / 8, Vehicle: 10. / 12,
	}
	all := checkSet(t, "testdata/heldout3", true, 150, 60, firstRun, 0.94)
	if p := ratio(all.hitGold, all.gold); p < 273./358 {
		t.Errorf("overall recall %.3f, below the first run's 0.763 (273 of 358)", p)
	}
}

// TestHeldOutBlind4 scores the detector on testdata/heldout4, a second
// blind set (London, Kent, Essex) written at anon-11 by someone who never saw
// the detector, its lists or any other set, with the same brief as
// heldout3. Like heldout3 it never prints its misses; its floors are its
// first run, recorded in testdata/heldout4/README.md.
func TestHeldOutBlind4(t *testing.T) {
	firstRun := map[Kind]float64{
		Address: 14. / 15, AgeWithName: 18. / 22, DOB: 4. / 4, Email: 7. / 7, Employer: 12. / 19,
		GPSurgery: 7. / 8, Handle: 6. / 7, NHSNumber: 8. / 8, NINumber: 8. / 8, Person: 145. / 162,
		Phone: 8. / 8, Postcode: 13. / 13, School: 17. / 23, URL: 3. / 3, Vehicle: 8. / 8,
	}
	all := checkSet(t, "testdata/heldout4", true, 150, 60, firstRun, 0.955)
	if p := ratio(all.hitGold, all.gold); p < 278./315 {
		t.Errorf("overall recall %.3f, below the first run's 0.883 (278 of 315)", p)
	}
}

// TestDev5 scores the detector on testdata/dev5, a development set written
// independently (Midlands, Liverpool, the Wirral) by a writer who had never
// seen the detector. Its first run is in testdata/dev5/README.md; its floors
// guard the figures after this round's tuning (names and institutions
// helpers, merged).
func TestDev5(t *testing.T) {
	floors := map[Kind]float64{
		Person: 257. / 262, AgeWithName: 48. / 49,
		Address: 13. / 13, DOB: 23. / 23, Email: 7. / 7, Employer: 54. / 57, GPSurgery: 7. / 7, Handle: 8. / 8,
		NHSNumber: 6. / 6, NINumber: 5. / 5, Phone: 8. / 8, Postcode: 10. / 10, School: 31. / 31, URL: 5. / 5, Vehicle: 9. / 9,
	}
	checkSet(t, "testdata/dev5", false, 450, 100, floors, 0.95)
}

// TestDev6 scores the detector on testdata/dev6, a development set written
// independently (the North East, Lancashire, Cumbria, Scotland) by a writer
// who had never seen the detector. Its first run is in testdata/dev6/README.md;
// its floors guard the figures after tuning, as for dev5.
func TestDev6(t *testing.T) {
	floors := map[Kind]float64{
		Person: 357. / 366, AgeWithName: 43. / 43,
		Address: 14. / 14, DOB: 17. / 19, Email: 4. / 4, Employer: 40. / 42, GPSurgery: 9. / 9, Handle: 7. / 7,
		NHSNumber: 5. / 5, NINumber: 6. / 6, Phone: 9. / 9, Postcode: 11. / 11, School: 27. / 29, URL: 3. / 3, Vehicle: 8. / 8,
	}
	checkSet(t, "testdata/dev6", false, 500, 100, floors, 0.95)
}

// TestDev7 scores the detector on testdata/dev7, a development set written
// independently (Wales, the South West) by a writer who had never seen the
// detector. Its first run is in testdata/dev7/README.md; its floors guard
// the figures after tuning, as for dev5.
func TestDev7(t *testing.T) {
	floors := map[Kind]float64{
		Person: 276. / 283, AgeWithName: 36. / 37,
		Address: 7. / 7, DOB: 17. / 17, Email: 4. / 4, Employer: 41. / 49, GPSurgery: 6. / 6, Handle: 6. / 6,
		NHSNumber: 5. / 5, NINumber: 5. / 5, Phone: 9. / 9, Postcode: 8. / 8, School: 25. / 26, URL: 3. / 3, Vehicle: 7. / 7,
	}
	checkSet(t, "testdata/dev7", false, 450, 100, floors, 0.975)
}

// TestDev8 scores the detector on testdata/dev8, a development set written
// independently (the South, the Home Counties, East Anglia) by a writer who
// had never seen the detector. Its first run is in testdata/dev8/README.md;
// its floors guard the figures after tuning, as for dev5.
func TestDev8(t *testing.T) {
	floors := map[Kind]float64{
		Person: 215. / 223, AgeWithName: 28. / 31,
		Address: 14. / 14, DOB: 18. / 18, Email: 2. / 2, Employer: 48. / 60, GPSurgery: 8. / 10, Handle: 7. / 7,
		NHSNumber: 4. / 4, NINumber: 2. / 2, Phone: 5. / 5, Postcode: 11. / 12, School: 35. / 36, URL: 2. / 2, Vehicle: 8. / 8,
	}
	checkSet(t, "testdata/dev8", false, 420, 90, floors, 0.99)
}

// TestDev9 scores the detector on testdata/dev9, a development set written
// independently (Scotland, Northern Ireland) by a writer who had never seen
// the detector, weighted towards names without cues, ages, employers, dates
// of birth and decoys. Its first run is in testdata/dev9/README.md; its
// floors guard the figures after round five's tuning (one tuner for person
// and age-with-name, one for the other kinds).
func TestDev9(t *testing.T) {
	floors := map[Kind]float64{
		Person: 273. / 281, AgeWithName: 34. / 38,
		Address: 13. / 15, DOB: 16. / 16, Email: 4. / 4, Employer: 45. / 53, GPSurgery: 3. / 3, Handle: 3. / 3,
		NHSNumber: 5. / 5, NINumber: 3. / 3, Phone: 12. / 12, Postcode: 10. / 10, School: 24. / 26, URL: 2. / 2, Vehicle: 5. / 5,
	}
	checkSet(t, "testdata/dev9", false, 450, 170, floors, 0.98)
}

// TestDev10 scores the detector on testdata/dev10, a development set written
// independently (the Midlands, Wales, the North West, Cumbria) by a writer
// who had never seen the detector, weighted like dev9. Its first run is in
// testdata/dev10/README.md; its floors guard the figures after tuning, as
// for dev9.
func TestDev10(t *testing.T) {
	floors := map[Kind]float64{
		Person: 208. / 210, AgeWithName: 25. / 27,
		Address: 10. / 10, DOB: 15. / 17, Email: 4. / 4, Employer: 39. / 46, GPSurgery: 2. / 2, Handle: 3. / 3,
		NHSNumber: 3. / 3, NINumber: 3. / 3, Phone: 8. / 8, Postcode: 4. / 4, School: 19. / 22, URL: 2. / 2, Vehicle: 4. / 4,
	}
	checkSet(t, "testdata/dev10", false, 350, 120, floors, 0.95)
}

// TestHeldOutBlind5 scores testdata/heldout5, a third blind set (Scotland and
// Northern Ireland) written this round by someone who never saw the
// detector, its lists or any other set, with heldout3's brief. It was scored
// once at anon-14, before any tuning that could see it; its floors are that
// first run (testdata/heldout5/README.md). Like heldout3 and heldout4 it
// never prints its misses.
func TestHeldOutBlind5(t *testing.T) {
	firstRun := map[Kind]float64{
		Address: 16. / 16, AgeWithName: 21. / 22, DOB: 7. / 7, Email: 9. / 9, Employer: 19. / 25,
		GPSurgery: 10. / 10, Handle: 11. / 12, NHSNumber: 9. / 9, NINumber: 8. / 8, Person: 194. / 213,
		Phone: 12. / 12, Postcode: 13. / 13, School: 16. / 18, URL: 6. / 6, Vehicle: 10. / 10,
	}
	all := checkSet(t, "testdata/heldout5", true, 150, 60, firstRun, 0.90)
	if p := ratio(all.hitGold, all.gold); p < 361./390 {
		t.Errorf("overall recall %.3f, below the first run's 0.926 (361 of 390)", p)
	}
}

// TestDev11 scores testdata/dev11, a development set (East Anglia, the South
// Coast, the South West) written this round by a fresh writer who never saw
// the detector. Its floors started at its first run at anon-14
// (testdata/dev11/README.md); tuning raised them (anon-18: person, dob and
// employer, each one identifier below its figure).
func TestDev11(t *testing.T) {
	floors := map[Kind]float64{
		Person: 263. / 280, AgeWithName: 33. / 33,
		Address: 10. / 11, DOB: 16. / 17, Email: 5. / 6, Employer: 50. / 62, GPSurgery: 12. / 12, Handle: 3. / 3,
		NHSNumber: 3. / 3, NINumber: 3. / 3, Phone: 10. / 10, Postcode: 9. / 10, School: 24. / 27, URL: 2. / 2, Vehicle: 7. / 7,
	}
	checkSet(t, "testdata/dev11", false, 400, 100, floors, 0.96)
}

// TestDev12 scores testdata/dev12, a development set written blind on the day
// anon-20 began (West Midlands and Leicester). Its floors started at its first
// run at anon-19, before anyone read its misses (the set's README has the
// table); anon-20 raised them to its figures less one identifier.
func TestDev12(t *testing.T) {
	floors := map[Kind]float64{
		Person: 241. / 247, AgeWithName: 40. / 46,
		Address: 7. / 10, DOB: 11. / 11, Email: 4. / 4, Employer: 39. / 63, GPSurgery: 8. / 9, Handle: 4. / 4,
		NHSNumber: 3. / 3, NINumber: 2. / 2, Phone: 10. / 10, Postcode: 6. / 6, School: 22. / 34, URL: 2. / 3, Vehicle: 3. / 4,
	}
	checkSet(t, "testdata/dev12", false, 400, 100, floors, 0.975)
}

// TestDev13 scores testdata/dev13, the second development set written blind
// the day anon-20 began (North East, Cumbria, Lincolnshire). Its floors started
// at its first run at anon-19 (the set's README has the table); anon-20 raised
// them to its figures less one identifier, and anon-21 its GP and school floors.
func TestDev13(t *testing.T) {
	floors := map[Kind]float64{
		Person: 270. / 286, AgeWithName: 27. / 30,
		Address: 7. / 9, DOB: 11. / 13, Email: 4. / 4, Employer: 29. / 57, GPSurgery: 19. / 20, Handle: 6. / 6,
		NHSNumber: 3. / 3, NINumber: 4. / 4, Phone: 8. / 8, Postcode: 6. / 6, School: 37. / 43, URL: 3. / 3, Vehicle: 4. / 4,
	}
	checkSet(t, "testdata/dev13", false, 400, 100, floors, 0.97)
}

// TestDev15 scores testdata/dev15, a development set written blind the day
// anon-20 began, leaning on institutions (Thames Valley, Gloucestershire,
// Bedfordshire). Its floors are its first run at anon-19 (the set's README),
// with person, GP and school raised to anon-21's figures less one.
// Its precision floor is anon-22's, less under one flag.
func TestDev15(t *testing.T) {
	floors := map[Kind]float64{
		Person: 184. / 213, AgeWithName: 29. / 32,
		Address: 9. / 9, DOB: 12. / 13, Email: 6. / 6, Employer: 43. / 86, GPSurgery: 17. / 27, Handle: 3. / 3,
		NHSNumber: 4. / 4, NINumber: 3. / 3, Phone: 10. / 10, Postcode: 7. / 7, School: 31. / 63, URL: 3. / 3, Vehicle: 5. / 5,
	}
	checkSet(t, "testdata/dev15", false, 400, 100, floors, 0.93)
}

// TestDev14 scores testdata/dev14, a development set written blind the day
// anon-20 began, leaning on institutions (Greater Manchester, Lancashire).
// Its floors are its first run at anon-19 (the set's README), with GP and
// school raised to anon-21's figures less one.
func TestDev14(t *testing.T) {
	floors := map[Kind]float64{
		Person: 190. / 203, AgeWithName: 29. / 36,
		Address: 6. / 6, DOB: 9. / 12, Email: 3. / 3, Employer: 45. / 85, GPSurgery: 18. / 27, Handle: 4. / 4,
		NHSNumber: 2. / 2, NINumber: 2. / 2, Phone: 7. / 7, Postcode: 6. / 6, School: 34. / 63, URL: 3. / 3, Vehicle: 4. / 4,
	}
	checkSet(t, "testdata/dev14", false, 400, 100, floors, 0.92)
}

// TestDev16 scores testdata/dev16, a development set written blind in
// session 23 (Wales, the South West, East Anglia, Kent and Sussex, Yorkshire,
// Scotland). Its floors are its first run at anon-22, before anyone read its
// misses (the set's README has the table).
func TestDev16(t *testing.T) {
	floors := map[Kind]float64{
		Person: 248. / 269, AgeWithName: 17. / 18,
		Address: 13. / 15, DOB: 11. / 11, Email: 10. / 12, Employer: 56. / 90, GPSurgery: 25. / 27, Handle: 9. / 9,
		NHSNumber: 9. / 9, NINumber: 9. / 9, Phone: 18. / 18, Postcode: 12. / 12, School: 56. / 68, URL: 7. / 8, Vehicle: 9. / 9,
	}
	checkSet(t, "testdata/dev16", false, 500, 100, floors, 0.95)
}
