package study

import (
	"context"
	"fmt"
	"io"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/diag"
)

// Check reads the whole study, prints every problem as file:line: message and
// a summary, and returns the problems. The caller exits non-zero when they
// hold errors; warnings (orphaned codings, unlisted speakers) do not fail.
func Check(ctx context.Context, src Source, w io.Writer) (diag.List, error) {
	op, probs := Open(ctx, src)
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
	}
	if op != nil {
		fmt.Fprintln(w, Summary(op))
	}
	nerr := len(probs.Errors())
	fmt.Fprintf(w, "%d errors, %d warnings\n", nerr, len(probs)-nerr)
	return probs, ctx.Err()
}

// Summary is one paragraph saying what a study holds.
func Summary(op *Opened) string {
	segs, withheldDocs := 0, 0
	for _, d := range op.Study.Documents {
		if d.Withheld {
			withheldDocs++
			continue
		}
		segs += len(d.Segments)
	}
	bySource := map[string]int{}
	for _, a := range op.Coded.Apps {
		switch a.Source {
		case coding.SourceInline, coding.SourceAuto:
			bySource[a.Source]++
		default:
			bySource["coders"]++
		}
	}
	s := fmt.Sprintf("%s: %d documents, %d participants, %d segments, %d themes\n",
		op.Name, len(op.Study.Documents), len(op.Study.Participants), segs, len(op.Codebook.All))
	s += fmt.Sprintf("codings: %d inline, %d from %d coders' files, %d auto; %d re-anchored, %d orphaned",
		bySource[coding.SourceInline], bySource["coders"], len(op.Coded.Coders), bySource[coding.SourceAuto],
		len(op.Coded.Moved), len(op.Coded.Orphans))
	if op.Study.Withheld > 0 || withheldDocs > 0 {
		// Counts only: a withdrawn participant's words are never quoted.
		s += fmt.Sprintf("\nconsent withdrawn: %d segments withheld (whole documents withheld: %d), %d codings on them left out",
			op.Study.Withheld, withheldDocs, op.Coded.Withheld)
	}
	return s + journeySummary(op.Journeys)
}
