package coding

import (
	"strings"

	"github.com/residentinsight/insight/corpus"
)

// Anchor finds where a standoff coding's quote is in its document today. The
// quote is authoritative: when it is at its hint, that is the place; when the
// transcript was edited, it is the exact occurrence nearest the hint. ok is
// false when the quote is nowhere in the body. Offsets are bytes into Body.
func Anchor(doc *corpus.Document, r Record) (start, end int, ok bool) {
	body, q := doc.Body, r.Quote
	hint := min(doc.ByteOffset(r.Start), len(body))
	if hint+len(q) <= len(body) && body[hint:hint+len(q)] == q {
		return hint, hint + len(q), true
	}
	best := -1
	for from := 0; ; {
		i := strings.Index(body[from:], q)
		if i < 0 {
			break
		}
		at := from + i
		if best < 0 || absDiff(at, hint) < absDiff(best, hint) {
			best = at
		}
		if at > hint { // later occurrences are only further away
			break
		}
		from = at + 1
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + len(q), true
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
