package themes

import (
	"reflect"
	"testing"
)

func TestHierarchy(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	tests := []struct {
		id          string
		ancestors   []string
		descendants []string
	}{
		{"access-to-services", nil, []string{"digital-exclusion", "waiting-times"}},
		{"waiting-times", []string{"access-to-services"}, nil},
		{"trust", nil, []string{"police-contact", "stop-and-search"}},
		{"police-contact", []string{"trust"}, []string{"stop-and-search"}},
		{"stop-and-search", []string{"police-contact", "trust"}, nil},
		{"no-such-theme", nil, nil},
	}
	for _, tt := range tests {
		if got := cb.Ancestors(tt.id); !reflect.DeepEqual(got, tt.ancestors) {
			t.Errorf("Ancestors(%q) = %v, want %v", tt.id, got, tt.ancestors)
		}
		if got := cb.Descendants(tt.id); !reflect.DeepEqual(got, tt.descendants) {
			t.Errorf("Descendants(%q) = %v, want %v", tt.id, got, tt.descendants)
		}
		want := append([]string{tt.id}, tt.ancestors...)
		if cb.Lookup(tt.id) == nil {
			want = nil
		}
		if got := cb.SelfAndAncestors(tt.id); !reflect.DeepEqual(got, want) {
			t.Errorf("SelfAndAncestors(%q) = %v, want %v", tt.id, got, want)
		}
	}
}

func TestIsAncestor(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	tests := []struct {
		a, b string
		want bool
	}{
		{"trust", "stop-and-search", true},
		{"police-contact", "stop-and-search", true},
		{"stop-and-search", "trust", false}, // descendant, not ancestor
		{"trust", "trust", false},           // not its own ancestor
		{"access-to-services", "duplication", false},
		{"trust", "no-such-theme", false},
		{"no-such-theme", "trust", false},
	}
	for _, tt := range tests {
		if got := cb.IsAncestor(tt.a, tt.b); got != tt.want {
			t.Errorf("IsAncestor(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestIDs(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	ids := cb.IDs()
	if len(ids) != len(cb.All) {
		t.Fatalf("IDs has %d ids for %d themes", len(ids), len(cb.All))
	}
	for i, th := range cb.All {
		if ids[i] != th.ID {
			t.Errorf("IDs()[%d] = %q, want %q", i, ids[i], th.ID)
		}
	}
}

func TestSuggest(t *testing.T) {
	cb := mustLoad(t, "codebook.yaml")
	tests := []struct{ id, want string }{
		{"duplicaton", "duplication"},                  // deletion
		{"dupilcation", "duplication"},                 // swapped letters
		{"Perverse Incentives", "perverse-incentives"}, // spaces and capitals forgiven
		{"waiting_times", "waiting-times"},
		{"trsut", "trust"},
		{"housing", ""}, // nothing close: no suggestion beats a wrong one
		{"t", ""},       // too short to guess
		{"trust", ""},   // already an id: nothing to suggest
		{"", ""},
	}
	for _, tt := range tests {
		if got := cb.Suggest(tt.id); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"keywords", "keywrods", 1}, // one transposition
		{"kitten", "sitting", 3},
		{"colour", "color", 1},
		{"café", "cafe", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance([]rune(tt.b), []rune(tt.a)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestAutoEvidenceAndKindInherit(t *testing.T) {
	cb, probs := Parse("c.yaml", []byte(`
- id: a
  name: A
  auto: evidence
  kind: category
  children:
    - {id: a1, name: A1}
    - {id: a2, name: A2, auto: suggest, kind: finding}
- {id: b, name: B}
- {id: c, name: C, auto: sometimes, kind: other}
`))
	if n := len(probs.Errors()); n != 2 {
		t.Fatalf("want 2 errors (auto: sometimes, kind: other), got %v", probs)
	}
	for _, tc := range []struct {
		id                 string
		def, want, wantCat bool
	}{
		{"a", false, true, true}, {"a1", false, true, true}, {"a2", false, false, false},
		{"b", false, false, false}, {"b", true, true, false}, {"a2", true, false, false},
	} {
		th := cb.Lookup(tc.id)
		if got := th.AutoEvidence(tc.def); got != tc.want {
			t.Errorf("%s.AutoEvidence(%v) = %v, want %v", tc.id, tc.def, got, tc.want)
		}
		if got := th.IsCategory(); got != tc.wantCat {
			t.Errorf("%s.IsCategory() = %v, want %v", tc.id, got, tc.wantCat)
		}
	}
}
