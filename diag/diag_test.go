package diag

import "testing"

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "codebook.yaml", Line: 3, Msg: "duplicate id"}, "codebook.yaml:3: duplicate id"},
		{Problem{File: "a.md", Line: 3, Col: 7, Msg: "m"}, "a.md:3:7: m"},
		{Problem{File: "a.md", Col: 7, Msg: "m"}, "a.md: m"},
		{Problem{File: "c.jsonl", Line: 2, Severity: Warning, Msg: "orphaned"}, "c.jsonl:2: warning: orphaned"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestListErrOnlyForErrors(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Error("empty list is an error")
	}
	l.Warnf("b.md", 2, "w")
	if l.Err() != nil || l.HasErrors() {
		t.Error("warnings alone are an error")
	}
	l.Errorf("a.md", 9, "e %d", 1)
	l.Errorf("a.md", 1, "e %d", 2)
	if l.Err() == nil || len(l.Errors()) != 2 {
		t.Fatalf("errors lost: %v", l)
	}
	l.Sort()
	if l[0].Line != 1 || l[1].Line != 9 || l[2].File != "b.md" {
		t.Errorf("not sorted by file and line: %v", l)
	}
	if got, want := l.Errors().Error(), "a.md:1: e 2\na.md:9: e 1"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
