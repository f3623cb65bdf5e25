package site

import (
	"cmp"
	"slices"
)

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
	return new(splitter).split(start, end, spans)
}

// splitter is split with buffers kept from call to call: a transcript page
// splits every sentence, and split's allocations were a third of its cost.
// The pieces it returns, and their keys, are valid until its next call.
type splitter struct {
	in, active []span
	bounds     []int
	keys       []int // every piece's keys, end to end
	out        []piece
}

func (sp *splitter) split(start, end int, spans []span) []piece {
	if start >= end {
		return nil
	}
	in := sp.in[:0]
	bounds := append(sp.bounds[:0], start, end)
	for _, s := range spans {
		s.Start, s.End = max(s.Start, start), min(s.End, end)
		if s.Start >= s.End {
			continue
		}
		in = append(in, s)
		bounds = append(bounds, s.Start, s.End)
	}
	slices.Sort(bounds)
	slices.SortStableFunc(in, func(a, b span) int { return cmp.Compare(a.Start, b.Start) })

	// Sweep left to right keeping the spans that cover the current piece, so
	// a long field note with thousands of auto-codes stays near linear.
	out, active, keys := sp.out[:0], sp.active[:0], sp.keys[:0]
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
		p := piece{Start: a, End: b}
		if len(active) > 0 {
			k := len(keys)
			for _, s := range active {
				keys = append(keys, s.Key)
			}
			slices.Sort(keys[k:])
			p.Keys = keys[k:len(keys):len(keys)]
		}
		out = append(out, p)
	}
	sp.in, sp.active, sp.bounds, sp.keys, sp.out = in, active, bounds, keys, out
	return out
}
