// Package exampletext gives tests the sentences a speaker says in the
// bundled example study, so that tests in several packages can prove the
// same thing the same way: a withdrawn participant's words are nowhere in
// what insight writes, while a consenting participant's are found (which
// shows the search works).
package exampletext

import (
	"context"
	"regexp"
	"strings"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/example"
)

var sentenceEnd = regexp.MustCompile(`[.!?]+\s+`)

// Sentences returns the sentences of at least six words in the turns of
// speaker (withheld or not) across the example study, whitespace collapsed.
func Sentences(speaker string) []string {
	st, _ := corpus.Load(context.Background(), example.Study(), "example")
	if st == nil {
		return nil
	}
	var out []string
	for _, d := range st.Documents {
		for _, turn := range d.Turns {
			if turn.Speaker != speaker {
				continue
			}
			for _, s := range sentenceEnd.Split(d.Body[turn.Start:turn.End], -1) {
				if w := strings.Fields(s); len(w) >= 6 {
					out = append(out, strings.Join(w, " "))
				}
			}
		}
	}
	return out
}
