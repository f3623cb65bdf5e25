package privacy

import (
	"strings"
	"sync"

	"github.com/residentinsight/insight/anon"
)

// repeatMax is the longest text repeats remembers. Texts said again word for
// word are short ("Yeah.", "Mm-hm.", an interviewer's standard question); a
// longer one almost never recurs, so hashing it as a key would cost more
// than it saves.
const repeatMax = 128

// repeats answers a short text seen before in the same scan with the
// findings of its first sight. Detect is a function of the text alone (the
// detector never changes after it is made), so the findings are the ones
// Detect would return again; callers only read them. On the benchmark study
// 98,000 of 211,000 turns repeat an earlier one. Safe for concurrent use.
type repeats struct {
	det  Detector
	mu   sync.Mutex
	seen map[string][]anon.Finding
}

func newRepeats(det Detector) *repeats {
	return &repeats{det: det, seen: map[string][]anon.Finding{}}
}

func (r *repeats) Detect(text string) []anon.Finding {
	if len(text) > repeatMax {
		return r.det.Detect(text)
	}
	r.mu.Lock()
	fs, ok := r.seen[text]
	r.mu.Unlock()
	if ok {
		return fs
	}
	// The key is a copy, and the findings' texts point into it, so what is
	// remembered does not hold the whole transcript it came from.
	text = strings.Clone(text)
	fs = r.det.Detect(text)
	r.mu.Lock()
	r.seen[text] = fs
	r.mu.Unlock()
	return fs
}
