package site

import "sort"

// span is one coded range to highlight: [Start, End) byte offsets into a
// document body. Key identifies it to the caller (an index into its own list).
type span struct {
	Start, End int
	Key        int
}

// piece is a run of text covered by exactly the same set of spans.
type piece struct {
	Start, End int
	Keys       []int // sorted; empty for plain text
}

// split cuts [start, end) at every span boundary inside it and returns the
// pieces in order, each with the keys of every span covering it. Spans may
// overlap, nest or reach outside the range; they are clipped. Empty or
// inverted spans are ignored, so bad offsets from elsewhere never panic here.
func split(start, end int, spans []span) []piece {
	if start >= end {
		return nil
	}
	var in []span
	bounds := []int{start, end}
	for _, s := range spans {
		s.Start, s.End = max(s.Start, start), min(s.End, end)
		if s.Start >= s.End {
			continue
		}
		in = append(in, s)
		bounds = append(bounds, s.Start, s.End)
	}
	sort.Ints(bounds)
	sort.SliceStable(in, func(i, j int) bool { return in[i].Start < in[j].Start })

	// Sweep left to right keeping the spans that cover the current piece, so
	// a long field note with thousands of auto-codes stays near linear.
	var out []piece
	var active []span
	next := 0
	for i := 0; i+1 < len(bounds); i++ {
		a, b := bounds[i], bounds[i+1]
		if a == b {
			continue
		}
		for next < len(in) && in[next].Start <= a {
			active = append(active, in[next])
			next++
		}
		kept := active[:0]
		for _, s := range active {
			if s.End > a {
				kept = append(kept, s)
			}
		}
		active = kept
		var keys []int
		for _, s := range active {
			keys = append(keys, s.Key)
		}
		sort.Ints(keys)
		out = append(out, piece{Start: a, End: b, Keys: keys})
	}
	return out
}
