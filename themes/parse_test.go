package themes

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/residentinsight/insight/diag"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestParseErrors checks that each kind of mistake is reported once, at the
// right file:line:col, with a message that says what to do.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // "loc|fragment": loc is the exact location prefix
	}{
		// yaml.v3 reports parser errors at the line before the offending one
		// (and scanner errors at the right line), so the message says to look below too.
		{"yaml syntax", "- id: a\n  name: A\n - id: b\n", []string{"cb.yaml:2|YAML syntax error: did not find expected '-' indicator (check this line and the next"}},
		{"yaml scanner", "- id: a\n  name: A: B\n", []string{"cb.yaml:2|YAML syntax error: mapping values are not allowed in this context"}},
		{"tab indentation", "- id: a\n\tname: A\n", []string{"cb.yaml:2|YAML indentation must use spaces"}},
		{"unknown key typo", "- id: a\n  name: A\n  keywrods: [x]\n", []string{`cb.yaml:3:3|unknown key "keywrods" in a theme; did you mean "keywords"?`}},
		{"unknown key lists known", "- id: a\n  name: A\n  weight: 3\n", []string{`cb.yaml:3:3|(known keys: id, name, description`}},
		{"capitalised key", "- id: a\n  Name: A\n", []string{`cb.yaml:2:3|did you mean "name"?`, `cb.yaml:1:3|theme "a" has no name`}},
		{"unknown top-level key", "theme:\n  - id: a\n    name: A\n", []string{`cb.yaml:1:1|unknown top-level key "theme"; did you mean "themes"?`}},
		{"themes not a list", "themes: housing\n", []string{`cb.yaml:1:9|themes: must be a list of themes`}},
		{"top-level scalar", "housing\n", []string{`cb.yaml:1:1|must be a list of themes`}},
		{"empty file", "# nothing yet\n", []string{`cb.yaml|the codebook is empty`}},
		{"empty list", "[]\n", []string{`cb.yaml:1:1|the codebook has no themes`}},
		{"duplicate id", "- id: a\n  name: A\n- id: b\n  name: B\n- id: a\n  name: A2\n", []string{`cb.yaml:5|duplicate theme id "a": also used by the theme at line 1`}},
		{"duplicate id nested", "- id: a\n  name: A\n  children:\n    - id: a\n      name: A2\n", []string{`cb.yaml:4|duplicate theme id "a": also used by the theme at line 1`}},
		{"bad slug", "- id: Perverse Incentives\n  name: P\n", []string{`cb.yaml:1:7|theme id "Perverse Incentives" is not a slug (lower-case letters, digits and single hyphens); use "perverse-incentives"`}},
		{"bad slug underscore", "- id: waiting_times\n  name: W\n", []string{`cb.yaml:1:7|use "waiting-times"`}},
		{"missing id", "- name: Waiting times\n", []string{`cb.yaml:1:3|theme has no id; add id: followed by a short slug such as "waiting-times"`}},
		{"missing name", "- id: a\n  description: x\n", []string{`cb.yaml:1:3|theme "a" has no name`}},
		{"bad regexp", "- id: a\n  name: A\n  patterns:\n    - 'ok'\n    - '(unclosed'\n", []string{"cb.yaml:5:7|pattern \"(unclosed\" is not a valid Go regular expression: error parsing regexp: missing closing )"}},
		{"bad colour word", "- id: a\n  name: A\n  colour: blue\n", []string{`cb.yaml:3:11|colour "blue" is not a hex colour`}},
		{"bad colour length", "- id: a\n  name: A\n  colour: '#12345'\n", []string{`cb.yaml:3:11|colour "#12345" is not a hex colour`}},
		{"unquoted colour is a comment", "- id: a\n  name: A\n  colour: #c00\n", []string{`cb.yaml:3:10|YAML reads #c00 as a comment; quote it: colour: "#c00"`}},
		{"unknown parent", "- id: housing\n  name: H\n- id: damp\n  name: D\n  parent: housng\n", []string{`cb.yaml:5:11|theme "damp" has unknown parent "housng"; did you mean "housing"?`}},
		{"unknown parent no hint", "- id: housing\n  name: H\n- id: damp\n  name: D\n  parent: zzz\n", []string{`cb.yaml:5:11|unknown parent "zzz"`}},
		{"parent cycle", "- id: a\n  name: A\n  parent: c\n- id: b\n  name: B\n  parent: a\n- id: c\n  name: C\n  parent: b\n", []string{`cb.yaml:3:11|parent cycle: a → c → b → a`}},
		{"cycle through nesting", "- id: a\n  name: A\n  parent: b\n  children:\n    - id: b\n      name: B\n", []string{`cb.yaml:3:11|parent cycle: a → b → a`}},
		{"own parent", "- id: a\n  name: A\n  parent: a\n", []string{`cb.yaml:3:11|theme "a" names itself as its parent`}},
		{"nesting and parent", "- id: a\n  name: A\n- id: b\n  name: B\n  children:\n    - id: c\n      name: C\n      parent: a\n", []string{`cb.yaml:8:15|theme "c" is nested under children: of the theme at line 3 and also has parent: "a"; use one or the other`}},
		{"string for list", "- id: a\n  name: A\n  keywords: debt\n", []string{`cb.yaml:3:13|keywords: must be a list, not a single piece of text; write keywords: [debt]`}},
		{"list for string", "- id: a\n  name: [A, B]\n", []string{`cb.yaml:2:9|name: must be text, not a list`, `cb.yaml:1:3|theme "a" has no name`}},
		{"mapping for list", "- id: a\n  name: A\n  examples: {x: y}\n", []string{`cb.yaml:3:13|examples: must be a list of text, not a mapping`}},
		{"list item not text", "- id: a\n  name: A\n  keywords:\n    - [x, y]\n", []string{`cb.yaml:4:7|each item of keywords: must be text, not a list`}},
		{"empty keyword", "- id: a\n  name: A\n  keywords:\n    - x\n    -\n", []string{`cb.yaml:5:6|empty item in keywords:`}},
		{"keyword without words", "- id: a\n  name: A\n  keywords: ['!!']\n", []string{`cb.yaml:3:14|keyword "!!" has no letters or digits`}},
		{"children as text", "- id: a\n  name: A\n  children: b\n", []string{`cb.yaml:3:13|children: must be a list of themes, not a single piece of text`}},
		{"theme not a mapping", "- housing\n", []string{`cb.yaml:1:3|each theme must be a mapping with at least id: and name:, found the text "housing"`}},
		{"theme alias", "- &h\n  id: a\n  name: A\n- *h\n", []string{`cb.yaml:4:3|a theme cannot be an alias (*h)`}},
		{"duplicate key", "- id: a\n  name: A\n  name: B\n", []string{`cb.yaml:3:3|key "name" appears twice in this theme (lines 2 and 3)`}},
		{"second document", "- id: a\n  name: A\n---\n- id: b\n  name: B\n", []string{`cb.yaml:3:1|a second YAML document`}},
		{"merge key", "- id: a\n  name: A\n  <<: {description: x}\n", []string{`cb.yaml:3:3|merge keys (<<) are not supported`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("cb.yaml", []byte(tt.yaml))
			errs := probs.Errors()
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tt.want), probs)
			}
			for _, w := range tt.want {
				loc, frag, _ := strings.Cut(w, "|")
				if !hasProblem(errs, loc, frag) {
					t.Errorf("no error at %s containing %q; got:\n%v", loc, frag, errs)
				}
			}
		})
	}
}

// hasProblem reports whether some problem is located exactly at loc
// ("file:line" or "file:line:col") and its message contains frag.
func hasProblem(l diag.List, loc, frag string) bool {
	for _, p := range l {
		s := p.String()
		if strings.HasPrefix(s, loc+": ") && strings.Contains(p.Msg, frag) {
			return true
		}
	}
	return false
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name, yaml, loc, frag string
	}{
		{"pattern matches empty", "- id: a\n  name: A\n  patterns: ['x*']\n", "cb.yaml:3:14: warning", `pattern "x*" matches empty text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb, probs := Parse("cb.yaml", []byte(tt.yaml))
			if probs.HasErrors() || cb == nil {
				t.Fatalf("want only warnings, got:\n%v", probs)
			}
			if !hasProblem(probs, tt.loc, tt.frag) {
				t.Errorf("no warning at %s containing %q; got:\n%v", tt.loc, tt.frag, probs)
			}
		})
	}
}

// TestParseCollectsAll checks that one run reports every problem of a bad
// codebook, against a golden file (go test ./themes -update to rewrite).
func TestParseCollectsAll(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, probs := Parse("bad.yaml", data)
	got := probs.Error() + "\n"
	golden := filepath.Join("testdata", "bad.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./themes -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("problems differ from %s (run with -update if the change is intended)\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
	// Every line of bad.yaml marked "# error" must be reported.
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "# error") && !strings.Contains(got, "bad.yaml:"+strconv.Itoa(i+1)+":") {
			t.Errorf("bad.yaml line %d is marked # error but not reported", i+1)
		}
	}
}

func TestParseStructure(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	type row struct {
		id, parent string
		depth      int
		line       int
		children   []string
	}
	want := []row{
		{"access-to-services", "", 0, 3, []string{"digital-exclusion", "waiting-times"}},
		{"digital-exclusion", "access-to-services", 1, 14, nil},
		{"waiting-times", "access-to-services", 1, 18, nil},
		{"experience-of-help", "", 0, 23, []string{"duplication", "perverse-incentives"}},
		{"duplication", "experience-of-help", 1, 28, nil},
		{"perverse-incentives", "experience-of-help", 1, 32, nil},
		{"trust", "", 0, 37, []string{"police-contact"}},
		{"police-contact", "trust", 1, 43, []string{"stop-and-search"}},
		{"stop-and-search", "police-contact", 2, 49, nil},
	}
	if len(cb.All) != len(want) {
		t.Fatalf("All has %d themes, want %d: %v", len(cb.All), len(want), cb.IDs())
	}
	for i, w := range want {
		th := cb.All[i]
		var parent string
		if th.Parent != nil {
			parent = th.Parent.ID
		}
		var kids []string
		for _, c := range th.Children {
			kids = append(kids, c.ID)
		}
		got := row{th.ID, parent, th.Depth, th.Line, kids}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("All[%d] = %+v, want %+v", i, got, w)
		}
		if cb.Lookup(w.id) != th {
			t.Errorf("Lookup(%q) is not All[%d]", w.id, i)
		}
	}
	var roots []string
	for _, r := range cb.Roots {
		roots = append(roots, r.ID)
	}
	if want := []string{"access-to-services", "experience-of-help", "trust"}; !reflect.DeepEqual(roots, want) {
		t.Errorf("Roots = %v, want %v", roots, want)
	}
	ac := cb.Lookup("access-to-services")
	if len(ac.Regexps) != 1 || !ac.Regexps[0].MatchString("I rang 40 times") {
		t.Errorf("access-to-services patterns not compiled: %v", ac.Regexps)
	}
	if len(ac.Examples) != 2 || ac.Include == "" || ac.Exclude == "" || ac.Description == "" {
		t.Errorf("access-to-services text fields not read: %+v", ac)
	}
	pc := cb.Lookup("police-contact")
	if pc.Regexps[0].MatchString("pcso") || !pc.Regexps[0].MatchString("two PCSOs came") {
		t.Errorf("patterns must be compiled as written (case-sensitive without (?i))")
	}
}

func TestParseMappingFormMatchesList(t *testing.T) {
	data, err := os.ReadFile("testdata/mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fromMap, probs := Parse("mapping.yaml", data)
	if len(probs) > 0 {
		t.Fatalf("mapping.yaml: %v", probs)
	}
	// The same themes as a top-level list: drop "themes:" and dedent.
	var list []string
	for _, line := range strings.Split(string(data), "\n")[1:] {
		list = append(list, strings.TrimPrefix(line, "  "))
	}
	fromList, probs := Parse("list.yaml", []byte(strings.Join(list, "\n")))
	if len(probs) > 0 {
		t.Fatalf("list form: %v", probs)
	}
	if !reflect.DeepEqual(fromMap.IDs(), fromList.IDs()) || len(fromMap.IDs()) != 5 {
		t.Errorf("mapping form ids %v, list form ids %v", fromMap.IDs(), fromList.IDs())
	}
	for i, th := range fromMap.All {
		if o := fromList.All[i]; o.Depth != th.Depth || o.Colour != th.Colour || !reflect.DeepEqual(o.Keywords, th.Keywords) {
			t.Errorf("theme %s differs between forms", th.ID)
		}
	}
}

func TestColours(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	tests := []struct {
		id, want string
	}{
		{"access-to-services", palette[0]}, // no colour: first root gets the first palette entry
		{"experience-of-help", "#4477aa"},  // explicit
		{"waiting-times", "#cc0055"},       // explicit #rgb expanded
		{"trust", palette[2]},              // third root: position among roots, not among uncoloured roots
		{"digital-exclusion", lighten(palette[0])},
		{"duplication", lighten("#4477aa")},
		{"stop-and-search", lighten(lighten(palette[2]))},
	}
	for _, tt := range tests {
		if got := cb.Lookup(tt.id).Colour; got != tt.want {
			t.Errorf("%s colour = %s, want %s", tt.id, got, tt.want)
		}
	}
	// Lightening moves every channel towards white and stops there.
	for _, c := range []struct{ in, want string }{{"#000000", "#3f3f3f"}, {"#ffffff", "#ffffff"}, {"#0072b2", "#3f95c5"}} {
		if got := lighten(c.in); got != c.want {
			t.Errorf("lighten(%s) = %s, want %s", c.in, got, c.want)
		}
	}
	again := mustLoad(t, "codebook.yaml")
	for i, th := range cb.All {
		if again.All[i].Colour != th.Colour {
			t.Errorf("colour of %s not deterministic", th.ID)
		}
	}
}

func TestLoad(t *testing.T) {
	fsys := os.DirFS("testdata")
	cb, probs := Load(fsys, "mapping.yaml", "study/codebook.yaml")
	if len(probs) > 0 || cb == nil || cb.File != "study/codebook.yaml" {
		t.Fatalf("Load: %v %v", cb, probs)
	}
	_, probs = Load(fsys, "missing.yaml", "study/codebook.yaml")
	if !hasProblem(probs, "study/codebook.yaml", "codebook not found") {
		t.Errorf("missing codebook: got %v", probs)
	}
	_, probs = Load(fsys, "bad.yaml", "study/codebook.yaml")
	if !hasProblem(probs, "study/codebook.yaml:4:3", "keywrods") {
		t.Errorf("Load must name the display path: got %v", probs)
	}
}

func mustLoad(t testing.TB, name string) *Codebook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	cb, probs := Parse(name, data)
	if len(probs) > 0 {
		t.Fatalf("%s: %v", name, probs)
	}
	return cb
}
