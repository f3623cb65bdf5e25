package themes

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic or hang, and that any
// codebook it returns is a well-formed tree: every theme reachable from
// Roots exactly once, All in depth-first order, ids unique, no cycles, Depth
// consistent with Parent, and colours always set.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("- id: a\n  name: A\n  parent: c\n- id: b\n  name: B\n  parent: a\n- id: c\n  name: C\n  parent: b\n"))
	f.Add([]byte("- &h\n  id: a\n  name: A\n  keywords: &k [x]\n- id: b\n  name: B\n  keywords: *k\n- *h\n"))
	f.Add([]byte("themes:\n  - id: a\n    name: A\n    children:\n      - id: b\n        name: B\n        parent: a\n"))
	f.Add([]byte("- id: a\n\tname: A\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, probs := Parse("fuzz.yaml", data)
		for _, p := range probs {
			if p.File != "fuzz.yaml" || p.Msg == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
		if cb == nil {
			if !probs.HasErrors() {
				t.Fatal("nil codebook without an error")
			}
			return
		}
		checkTree(t, cb)
	})
}

func checkTree(t *testing.T, cb *Codebook) {
	t.Helper()
	var order []*Theme
	seen := map[*Theme]bool{}
	var walk func(th *Theme, parent *Theme, depth int)
	walk = func(th, parent *Theme, depth int) {
		if seen[th] {
			t.Fatalf("theme %q reached twice: cycle or shared child", th.ID)
		}
		seen[th] = true
		order = append(order, th)
		if th.Parent != parent {
			t.Fatalf("theme %q: Parent does not match the tree", th.ID)
		}
		if th.Depth != depth {
			t.Fatalf("theme %q: Depth %d, want %d", th.ID, th.Depth, depth)
		}
		if !hexColour.MatchString(th.Colour) || len(th.Colour) != 7 {
			t.Fatalf("theme %q: colour %q is not #rrggbb", th.ID, th.Colour)
		}
		if !slug.MatchString(th.ID) {
			t.Fatalf("theme %q: id is not a slug", th.ID)
		}
		if len(th.Regexps) != len(th.Patterns) {
			t.Fatalf("theme %q: %d patterns but %d compiled", th.ID, len(th.Patterns), len(th.Regexps))
		}
		for _, ch := range th.Children {
			walk(ch, th, depth+1)
		}
	}
	for _, r := range cb.Roots {
		walk(r, nil, 0)
	}
	if len(order) != len(cb.All) {
		t.Fatalf("%d themes reachable from Roots, All has %d", len(order), len(cb.All))
	}
	ids := map[string]bool{}
	for i, th := range cb.All {
		if order[i] != th {
			t.Fatalf("All[%d] = %q, depth-first order has %q", i, th.ID, order[i].ID)
		}
		if ids[th.ID] {
			t.Fatalf("id %q appears twice in All", th.ID)
		}
		ids[th.ID] = true
		if cb.Lookup(th.ID) != th {
			t.Fatalf("Lookup(%q) does not return its theme", th.ID)
		}
	}
}

// TestTreeOnErrors checks that the best-effort codebook returned alongside
// errors is still a well-formed tree.
func TestTreeOnErrors(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cb, probs := Parse("bad.yaml", data)
	if cb == nil || !probs.HasErrors() {
		t.Fatalf("want a codebook and errors, got %v, %v", cb, probs)
	}
	checkTree(t, cb)
	// Bad and duplicate ids are left out; the cycle is broken, not dropped.
	for _, id := range []string{"a", "b", "money", "overcrowding"} {
		if cb.Lookup(id) == nil {
			t.Errorf("theme %q missing from the best-effort codebook", id)
		}
	}
	if len(cb.All) != 5 {
		t.Errorf("best-effort codebook has %v, want housing, overcrowding, money, a, b", cb.IDs())
	}
}
