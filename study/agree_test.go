package study

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/agree/units"
	"github.com/residentinsight/insight/corpus"
)

// TestAgreeExampleIndependentCount recounts the example's agreement from
// the coded spans themselves — which documents both coders coded, which
// sentences each coder's spans overlap, facilitators left out — and works
// percent agreement, kappa and alpha by their two-coder closed forms from
// the 2×2 table. None of agree's or units' code is used for the count.
func TestAgreeExampleIndependentCount(t *testing.T) {
	ctx := context.Background()
	op, probs := Open(ctx, Source{Example: true})
	if op == nil || probs.HasErrors() {
		t.Fatal(probs)
	}
	st, coded := op.Study, op.Coded
	const a, b = "amira", "tom"

	both := map[int]bool{}
	byCoder := map[string]map[int]bool{a: {}, b: {}}
	for _, app := range coded.Apps {
		if m := byCoder[app.Source]; m != nil {
			m[app.Doc] = true
		}
	}
	for d := range byCoder[a] {
		if byCoder[b][d] {
			both[d] = true
		}
	}

	var sentences int
	type cell struct{ both, onlyA, onlyB, neither int }
	tables := map[string]*cell{}
	for _, th := range op.Codebook.All {
		tables[th.ID] = &cell{}
	}
	for di, doc := range st.Documents {
		if !both[di] {
			continue
		}
		for _, seg := range doc.Segments {
			if doc.Turns[seg.Turn].Role == corpus.RoleFacilitator {
				continue
			}
			sentences++
			for _, th := range op.Codebook.All {
				rated := map[string]bool{}
				for _, app := range coded.Apps {
					if app.Doc != di || app.Start >= seg.End || seg.Start >= app.End {
						continue
					}
					if app.Theme == th.ID || op.Codebook.IsAncestor(th.ID, app.Theme) {
						rated[app.Source] = true
					}
				}
				c := tables[th.ID]
				switch {
				case rated[a] && rated[b]:
					c.both++
				case rated[a]:
					c.onlyA++
				case rated[b]:
					c.onlyB++
				default:
					c.neither++
				}
			}
		}
	}

	in, set, err := Agreement(ctx, Source{Example: true}, AgreeOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Docs) != len(both) || set.Units != sentences {
		t.Fatalf("agree compares %d documents and %d sentences; the count finds %d and %d", len(set.Docs), set.Units, len(both), sentences)
	}
	var ids []string
	var depths []int
	for _, th := range set.Themes {
		ids, depths = append(ids, in.Table.Themes[th]), append(depths, 0)
	}
	res := units.Compute(set, ids, depths)
	checked := 0
	for _, row := range res.Rows {
		c := tables[row.Theme]
		n := float64(c.both + c.onlyA + c.onlyB + c.neither)
		if row.Coded != c.both+c.onlyA+c.onlyB {
			t.Errorf("%s: coded by any %d, count %d", row.Theme, row.Coded, c.both+c.onlyA+c.onlyB)
		}
		po := float64(c.both+c.neither) / n
		pa, pb := float64(c.both+c.onlyA)/n, float64(c.both+c.onlyB)/n
		pe := pa*pb + (1-pa)*(1-pb)
		// Two coders, binary values: alpha = 1 - (2n-1)(b+c) / (n1 n0),
		// with n1, n0 the pooled counts of 1s and 0s among the 2n ratings.
		n1 := float64(2*c.both + c.onlyA + c.onlyB)
		n0 := 2*n - n1
		s := row.Summary
		if !nearly(s.Percent.Value, po) {
			t.Errorf("%s: agreement %v, count %v", row.Theme, s.Percent.Value, po)
		}
		if n1 == 0 {
			if s.Kappa.Defined || s.Alpha.Defined {
				t.Errorf("%s: nobody coded it, yet kappa %v alpha %v", row.Theme, s.Kappa, s.Alpha)
			}
			continue
		}
		kappa := (po - pe) / (1 - pe)
		alpha := 1 - (2*n-1)*float64(c.onlyA+c.onlyB)/(n1*n0)
		if !nearly(s.Kappa.Value, kappa) || !nearly(s.Alpha.Value, alpha) {
			t.Errorf("%s: kappa %v alpha %v; count gives %v and %v", row.Theme, s.Kappa.Value, s.Alpha.Value, kappa, alpha)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d themes had codes to check", checked)
	}
}

func nearly(x, y float64) bool { return math.Abs(x-y) < 1e-9 }

// smallStudy writes a study of the given transcripts and coders' files.
func smallStudy(t *testing.T, transcripts map[string]string, codings map[string]string) Source {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"insight.yaml":  "title: Small\n",
		"codebook.yaml": "themes:\n  - id: a\n    name: A\n    children:\n      - id: b\n        name: B\n  - id: c\n    name: C\n",
	}
	for name, text := range transcripts {
		files["transcripts/"+name] = text
	}
	for name, text := range codings {
		files["codings/"+name+".jsonl"] = text
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Source{Dir: dir}
}

// Studies of zero, one and two sentences never panic: they give figures
// or an error saying what is missing.
func TestAgreeSmallStudies(t *testing.T) {
	code := func(doc, theme, quote string) string {
		return `{"doc": "` + doc + `", "theme": "` + theme + `", "quote": "` + quote + `"}` + "\n"
	}
	for _, tc := range []struct {
		name        string
		transcripts map[string]string
		codings     map[string]string
		err         string
		units       int
	}{
		{"no coders", map[string]string{"t.md": "P1: Hello."}, nil, "at least two coders", 0},
		{"one coder", map[string]string{"t.md": "P1: Hello."}, map[string]string{"x": code("t", "a", "Hello")}, "at least two coders", 0},
		{"one sentence", map[string]string{"t.md": "P1: Hello."}, map[string]string{"x": code("t", "a", "Hello"), "y": code("t", "b", "Hello")}, "", 1},
		{"two sentences", map[string]string{"t.md": "P1: Hello. Goodbye."}, map[string]string{"x": code("t", "a", "Hello"), "y": code("t", "c", "Goodbye")}, "", 2},
		{"no shared document", map[string]string{"t.md": "P1: Hello.", "u.md": "P1: Bye."}, map[string]string{"x": code("t", "a", "Hello"), "y": code("u", "a", "Bye")}, "no document was worked on by every one", 0},
		{"declared but uncoded", map[string]string{"t.md": "P1: Hello."}, map[string]string{"x": code("t", "a", "Hello"), "y": `{"documents": ["t"]}` + "\n"}, `coder "y" has no codings`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			src := smallStudy(t, tc.transcripts, tc.codings)
			for _, kind := range []units.Kind{units.Segment, units.Document, units.Character} {
				in, set, err := Agreement(context.Background(), src, AgreeOptions{Unit: kind}, kind == units.Segment)
				if tc.err != "" {
					if err == nil || !strings.Contains(err.Error(), tc.err) {
						t.Fatalf("%s: error %v, want %q", kind, err, tc.err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", kind, err)
				}
				rep := Agree(in, set)
				if kind == units.Segment {
					if set.Units != tc.units {
						t.Errorf("%d units, want %d", set.Units, tc.units)
					}
					if _, _, err := Disagreements(in, set); err != nil {
						t.Error(err)
					}
				}
				if len(rep.Rows) != 3 {
					t.Errorf("%s: %d rows", kind, len(rep.Rows))
				}
			}
		})
	}
}

// The site's agreement page and theme pages show insight agree's figures.
func TestAgreeSiteShowsCommandFigures(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "site")
	if err := Build(ctx, Source{Example: true}, BuildOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "agreement.html"))
	if err != nil {
		t.Fatal(err)
	}
	in, set, err := Agreement(ctx, Source{Example: true}, AgreeOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var depths []int
	for _, th := range set.Themes {
		ids, depths = append(ids, in.Table.Themes[th]), append(depths, 0)
	}
	for _, row := range units.Compute(set, ids, depths).Rows {
		a := row.Summary.Alpha
		if !a.Defined {
			continue
		}
		cell := fmt.Sprintf("<td>%.3f</td><td>–</td>", a.Value)
		if a.HasCI {
			cell = fmt.Sprintf("<td>%.3f</td><td>%.3f to %.3f</td>", a.Value, a.Low, a.High)
		}
		if !strings.Contains(string(page), cell) {
			t.Errorf("agreement.html lacks %s's alpha %s", row.Theme, cell)
		}
		theme, err := os.ReadFile(filepath.Join(out, "themes", row.Theme+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(theme), fmt.Sprintf("Krippendorff's alpha %.3f", a.Value)) {
			t.Errorf("themes/%s.html does not name its alpha %.3f", row.Theme, a.Value)
		}
	}
}

// A withdrawn participant's sentences are no units, and their words never
// reach a disagreement, even where the coders differ on them.
func TestAgreeLeavesOutWithdrawn(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code := func(theme, quote string) string {
		return `{"doc": "t", "theme": "` + theme + `", "quote": "` + quote + `"}` + "\n"
	}
	src := smallStudy(t, map[string]string{"t.md": "P1: Hello there.\n\nP2: Secret words here.\n"},
		map[string]string{"x": code("a", "Hello there") + code("a", "Secret words"), "y": code("c", "Hello there") + code("c", "Secret words")})
	if err := os.WriteFile(filepath.Join(src.Dir, "participants.csv"), []byte("id,consent\nP1,yes\nP2,withdrawn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []units.Kind{units.Segment, units.Character} {
		in, set, err := Agreement(context.Background(), src, AgreeOptions{Unit: kind}, true)
		if err != nil {
			t.Fatal(err)
		}
		body := len("P1: Hello there.\n\nP2: Secret words here.\n")
		if kind == units.Segment && set.Units != 1 || kind == units.Character && (set.Units <= 0 || set.Units > body-len("Secret words here.")) {
			t.Errorf("%s: %d units; the withdrawn turn should be left out", kind, set.Units)
		}
		if kind != units.Segment {
			continue
		}
		ds, err := units.Disagreements(in, set)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if strings.Contains(d.Sentence, "Secret") {
				t.Errorf("a withdrawn participant's words are in a disagreement: %+v", d)
			}
		}
		if len(ds) != 1 {
			t.Errorf("%d disagreements, want the one on Hello there", len(ds))
		}
	}
}
