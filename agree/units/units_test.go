package units

import (
	"strings"
	"testing"
)

func TestSweep(t *testing.T) {
	got := map[uint64]int{}
	// coder 0 covers [0,5), coder 1 [3,8) and [4,6) again; [8,9) is withheld.
	sweep(10, map[uint][][2]int{0: {{0, 5}}, 1: {{3, 8}, {4, 6}}}, [][2]int{{8, 9}}, got)
	want := map[uint64]int{0b01: 3, 0b11: 2, 0b10: 3, 0: 1}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("pattern %b: %d characters, want %d", k, got[k], v)
		}
	}
	empty := map[uint64]int{}
	sweep(0, nil, nil, empty)
	if len(empty) != 0 {
		t.Errorf("an empty document: %v", empty)
	}
}

func FuzzReadReview(f *testing.F) {
	f.Add([]byte(`{"unit":"a/1","doc":"a","line":1,"speaker":"P1","sentence":"Hi.","differ":["x"],"coders":[{"coder":"a","themes":["x"],"memos":[]},{"coder":"b","themes":[],"memos":[]}],"consensus":["x"]}` + "\n"))
	f.Add([]byte(`{"unit":"a/1","consensus":null}`))
	f.Add([]byte("\n\n{"))
	f.Add([]byte(`{"unit":"a/1","doc":"a","sentence":"s","coders":[{"coder":"a"},{"coder":"b"}],"consensus":[]}` + "\n" + `{"unit":"a/1","doc":"a","sentence":"s","coders":[{"coder":"a"},{"coder":"b"}],"consensus":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		reviews, lines, coders, err := ReadReview("review.jsonl", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "review.jsonl") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if len(reviews) == 0 || len(lines) != len(reviews) || len(coders) < 2 {
			t.Errorf("accepted %d reviews, %d lines, coders %v", len(reviews), len(lines), coders)
		}
		for _, r := range reviews {
			if r.Consensus == nil || r.Sentence == "" {
				t.Errorf("accepted an undecided or sentence-less line: %+v", r)
			}
		}
	})
}
