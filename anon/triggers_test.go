package anon

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestPassTriggersCoverFirstTests runs each place pass with a trigger at
// every word outside it, and brand's chain look-ups at every word without
// wBrand, over the dev texts and sentences where each pass fires: nothing
// may be found there, or a trigger class lacks a word its pass starts at,
// and places, which runs a pass only at its trigger, would miss it.
func TestPassTriggersCoverFirstTests(t *testing.T) {
	texts := []string{
		"We are registered with Moorside now. She's with the GP at Parkside.",
		"Ty's at Meadowhead, the high school. He goes to St Anne's in year 4.",
		"A care home in Chapel Allerton called The Grange. He goes to a school called Oakwood. His school is Greenfield.",
		"I do saturdays at Sainsbury's. SAINSBURY'S. He works nights at Tesco express.",
		"she's at our lady of walsingham. a place at Cardinal Newman.",
		"Mum works at Harlow's Bakery now. He did a few months at Carlsberg on the packing line.",
	}
	files, err := filepath.Glob("testdata/dev*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no dev texts: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	d := NewDetector(Options{})
	for k, text := range texts {
		for _, p := range placePasses {
			if p.trigger == 0 {
				continue
			}
			s := newScan(d, text)
			for i := range s.toks {
				if s.toks[i].kind != tokWord || s.cls[i]&p.trigger != 0 {
					continue
				}
				n := len(s.fs)
				if p.run(s, i); len(s.fs) != n {
					t.Errorf("text %d: a pass found %q at %q, which lacks its trigger %b", k, s.fs[n].Text, s.word(i), p.trigger)
				}
			}
			s.release()
		}
		s := newScan(d, text)
		for i := range s.toks {
			if s.toks[i].kind == tokWord && s.cls[i]&wBrand == 0 && (d.lists.brands.match(s, i) > 0 || d.lists.brandWords.match(s, i) > 0) {
				t.Errorf("text %d: a chain starts at %q, which lacks wBrand", k, s.word(i))
			}
		}
		s.release()
	}
}

// TestBirthCueWordsCoverDatesCases reads the cases of dates' switch from
// its source: dates skips a word without wBirth before the switch, so a
// case whose word birthCueWords lacks would never be reached.
func TestBirthCueWordsCoverDatesCases(t *testing.T) {
	f, err := parser.ParseFile(gotoken.NewFileSet(), "dates.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "dates" {
			continue
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok {
						w, _ := strconv.Unquote(lit.Value)
						cases = append(cases, w)
					}
				}
			}
			return true
		})
	}
	if len(cases) == 0 {
		t.Fatal("found no cases in dates")
	}
	for _, w := range cases {
		if !slices.Contains(birthCueWords, w) {
			t.Errorf("dates has a case %q that birthCueWords lacks", w)
		}
		if wordClasses[w]&wBirth == 0 {
			t.Errorf("%q has no wBirth class", w)
		}
	}
}
