// Package anon owns the anonymisation guard: finding likely personal data in
// study text, the reviewed allowlist, and consistent pseudonyms.
//
// Detection is deliberately cheap: one pass splits the text into tokens, then
// exact detectors (phone, NHS and NI numbers, also read out digit by digit,
// postcodes, vehicles, e-mail, URLs, handles, dates of birth, addresses,
// schools, surgeries, employers) and a name detector that reads cues the way
// a careful human reviewer would (titles, kinship words, "called",
// appositions, self-introductions, capitals mid-sentence, name lists, idioms)
// look at the tokens. A name inside a place or an address is part of it.
// Findings are byte offsets into the text given to Detect.
//
// A cold check calls Detect once per speaker turn, so the engine does each
// token's shared work once per call (lower case, look-up key, word classes,
// digests for the phrase filters; see newScan), reuses its per-token slices
// between calls, and runs a pass only at words of its trigger class (see
// places). testdata/findings-*.golden pin what it finds.
package anon

import (
	"sort"
	"strings"
	"sync"
)

// Version names the detector's behaviour. Caches of findings include it in
// their keys, so it must change whenever what Detect returns may change;
// TestVersionPinsBehaviour fails until it does.
const Version = "anon-22"

// Kind is the kind of personal data a finding looks like.
type Kind string

const (
	Person      Kind = "person"
	Postcode    Kind = "postcode"
	Address     Kind = "address"
	School      Kind = "school"
	GPSurgery   Kind = "gp-surgery"
	Employer    Kind = "employer"
	Phone       Kind = "phone"
	Email       Kind = "email"
	URL         Kind = "url"
	Handle      Kind = "handle"
	NHSNumber   Kind = "nhs-number"
	NINumber    Kind = "ni-number"
	DOB         Kind = "dob"
	AgeWithName Kind = "age-with-name"
	Vehicle     Kind = "vehicle"
)

// Kinds lists every kind, for validation and reports.
var Kinds = []Kind{Person, Postcode, Address, School, GPSurgery, Employer, Phone, Email, URL, Handle, NHSNumber, NINumber, DOB, AgeWithName, Vehicle}

// ParseKind returns the kind named s, and whether it is one.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Finding is one stretch of text that looks like personal data.
type Finding struct {
	Start, End int // byte offsets in the text
	Kind       Kind
	Text       string // text[Start:End]
	Reason     string // why it was flagged, for the reviewer
	Confidence float64
}

// Options configures a Detector.
type Options struct {
	// Allow is the study's declared vocabulary (places, agencies, pseudonyms):
	// words and phrases matched case-insensitively as whole words that are
	// never flagged on their own.
	Allow []string
}

// Detector finds likely personal data. It is safe for concurrent use: it is
// never changed after NewDetector.
type Detector struct {
	allow *phrases // the study's vocabulary
	lists *lists   // shared, read-only embedded lists
}

// NewDetector returns a Detector for a study.
func NewDetector(opts Options) *Detector {
	l := loadLists()
	return &Detector{allow: newPhrases(opts.Allow), lists: l}
}

// Detect returns the findings in text, sorted by Start and non-overlapping.
func (d *Detector) Detect(text string) []Finding {
	s := newScan(d, text)
	s.numbers()
	s.web()
	s.dates()
	s.places()
	s.formerEmployers()
	s.relativeAtWork()
	s.names()
	out := s.result()
	s.release()
	return out
}

// scan is the state of one Detect call.
type scan struct {
	d       *Detector
	text    string
	toks    []token
	fs      []Finding
	taken   []bool   // token already explains something; names skip it
	block   []bool   // token is declared vocabulary or an agency name
	allowed [][2]int // byte ranges of declared vocabulary

	lows []string // lower-cased tokens (see lowerAll)
	keys []string // lows without a possessive: the form looked up in lists

	lowDigest, keyDigest []uint16 // digests of lows and keys, for phrases.mayStart
	cls                  []wclass // word classes (see classAll)
	textCls              wclass   // every class some word of the text has
	lineCase             []int8   // per token: its line's case, lineCapitals, lineLower or lineNoSign (lineLower in a caseless text)
	noCaps               int8     // 1 the whole text is caseless, -1 it is not; set with lineCase
	speech               []bool   // per token: its line is speech-to-text (see speechLine); filled lazily
	speechSeen           bool     // some token's speech is set (see anySpeech)

	bufs *scanBufs // the per-token slices above come from it
}

// scanBufs are the per-token slices of one Detect call, reused by the next:
// a cold check calls Detect once per speaker turn, hundreds of thousands of
// times, and allocating them afresh cost more than some rules.
type scanBufs struct {
	toks         []token
	lows, keys   []string
	digests      []uint16 // lowDigest and keyDigest, end to end
	cls          []wclass
	taken, block []bool
	used         []bool // result's bytes given to a finding
	lineCase     []int8
	speech       []bool
	lowBuf       []byte  // lowerAll's lower-cased words
	spans        []int   // lowerAll's spans in lowBuf
	trig         [][]int // places' words by trigger (see triggered)
	scan         scan    // the scan itself, which would otherwise escape to the heap
}

var bufPool = sync.Pool{New: func() any { return new(scanBufs) }}

// release hands the scan's slices back for the next Detect, dropping their
// references to this text.
func (s *scan) release() {
	b := s.bufs
	b.toks, b.cls, b.taken, b.block = s.toks[:0], s.cls[:0], s.taken[:0], s.block[:0]
	if s.lineCase != nil {
		b.lineCase = s.lineCase[:0]
	}
	if s.speech != nil {
		b.speech = s.speech[:0]
	}
	clear(s.lows)
	clear(s.keys)
	b.lows, b.keys = s.lows[:0], s.keys[:0]
	*s = scan{}
	bufPool.Put(b)
}

// zeroed returns b resized to n elements, all zero, reusing its array. It
// is never nil, as some lazily filled slices test for nil.
func zeroed[T any](b []T, n int) []T {
	if b == nil || cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

func newScan(d *Detector, text string) *scan {
	b := bufPool.Get().(*scanBufs)
	s := &b.scan
	*s = scan{d: d, text: text, toks: tokenizeInto(b.toks[:0], text), bufs: b}
	s.lowerAll()
	s.classAll()
	s.taken = zeroed(b.taken, len(s.toks))
	s.block = zeroed(b.block, len(s.toks))
	for _, p := range []*phrases{d.allow, d.lists.agencies} {
		if len(p.firsts) == 0 {
			continue // a study that declares no vocabulary
		}
		for i := 0; i < len(s.toks); i++ {
			// match's own first test, without the call, for most tokens:
			// keyDigest is lowDigest where the key is the lower case.
			if !p.mayStart(s.lowDigest[i]) && !p.mayStart(s.keyDigest[i]) {
				continue
			}
			if n := p.match(s, i); n > 0 {
				for j := i; j < i+n; j++ {
					s.taken[j] = true
					s.block[j] = true
				}
				if p == d.allow {
					s.allowed = append(s.allowed, [2]int{s.toks[i].start, s.toks[i+n-1].end})
				}
				i += n - 1
			}
		}
	}
	return s
}

// add records a finding over text[start:end].
func (s *scan) add(start, end int, k Kind, conf float64, reason string) {
	if start < 0 || end > len(s.text) || start >= end {
		return
	}
	s.fs = append(s.fs, Finding{Start: start, End: end, Kind: k, Text: s.text[start:end], Reason: reason, Confidence: conf})
}

// found reports whether a finding of kind k has been added.
func (s *scan) found(k Kind) bool {
	for _, f := range s.fs {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// take marks the tokens inside [start,end) as explained.
func (s *scan) take(start, end int) {
	i := sort.Search(len(s.toks), func(i int) bool { return s.toks[i].end > start })
	for ; i < len(s.toks) && s.toks[i].start < end; i++ {
		s.taken[i] = true
	}
}

// result drops findings inside declared vocabulary and people's names inside
// a place, employer or address ("Ashley" in "7 Ashley Mount", "tina walsh"
// in a spoken e-mail), then resolves overlaps: the more confident finding
// wins, then the longer one.
func (s *scan) result() []Finding {
	if len(s.fs) == 0 {
		return nil // most turns: nothing to resolve, and no need to clear a byte per byte of text
	}
	outer := s.containers()
	fs := s.fs[:0]
	for _, f := range s.fs {
		if !s.insideAllowed(f) && !(f.Kind == Person && outer.contains(f)) {
			fs = append(fs, f)
		}
	}
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		if a.End-a.Start != b.End-b.Start {
			return a.End-a.Start > b.End-b.Start
		}
		return a.Start < b.Start
	})
	// used marks the bytes already given to a finding. Checking a finding's
	// own bytes keeps this linear in the text, where inserting into a sorted
	// list of spans was quadratic when confidences interleave.
	used := zeroed(s.bufs.used, len(s.text))
	s.bufs.used = used[:0]
	var out []Finding
next:
	for _, f := range fs {
		for b := f.Start; b < f.End; b++ {
			if used[b] {
				continue next
			}
		}
		for b := f.Start; b < f.End; b++ {
			used[b] = true
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// spanSet is a set of byte ranges sorted by start, with the furthest end
// reached so far, so containment is one binary search.
type spanSet struct {
	starts, maxEnd []int
}

// containers returns the spans of findings whose kind names a place or an
// address, which a person's name inside them is part of.
func (s *scan) containers() spanSet {
	var spans [][2]int
	for _, f := range s.fs {
		switch f.Kind {
		case Address, School, GPSurgery, Employer, Email, URL:
			spans = append(spans, [2]int{f.Start, f.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var ss spanSet
	end := 0
	for _, sp := range spans {
		end = max(end, sp[1])
		ss.starts = append(ss.starts, sp[0])
		ss.maxEnd = append(ss.maxEnd, end)
	}
	return ss
}

// contains reports whether f lies inside one span of the set: the span that
// reaches furthest among those starting at or before f.
func (ss spanSet) contains(f Finding) bool {
	k := sort.SearchInts(ss.starts, f.Start+1) - 1
	return k >= 0 && ss.maxEnd[k] >= f.End
}

func (s *scan) insideAllowed(f Finding) bool {
	for _, r := range s.allowed {
		if f.Start >= r[0] && f.End <= r[1] {
			return true
		}
	}
	return false
}

// phrases is a set of word sequences matched case-insensitively on tokens.
type phrases struct {
	// firsts holds every first word with its phrases, sorted by the word's
	// digest, and digest h's words are firsts[at[h]:at[h+1]]: a look-up is
	// an index and a comparison or two, where a map hashed the word again
	// (match runs at every word for the brand lists).
	firsts []firstWord
	at     []uint32
	// heads has the digest of every first word: most tokens start no
	// phrase, and one bit test rules them out.
	heads digestSet
}

type firstWord struct {
	word string
	ws   [][]string // the phrases it starts, longest first
}

// lookup returns the phrases starting with w, whose digest is h.
func (p *phrases) lookup(h uint16, w string) [][]string {
	for _, f := range p.firsts[p.at[h]:p.at[h+1]] {
		if f.word == w {
			return f.ws
		}
	}
	return nil
}

// digestSet is a set of word digests: one bit test rules most words out
// before a map look-up or a string comparison.
type digestSet [64]uint64

func (d *digestSet) add(w string) { d.addDigest(digest(w)) }

// addDigest adds a digest worked out already, such as a token's.
func (d *digestSet) addDigest(h uint16) { d[h>>6] |= 1 << (h & 63) }

func (d *digestSet) has(h uint16) bool { return d[h>>6]&(1<<(h&63)) != 0 }

// digest is a cheap 12-bit digest of a word: its length and first, second
// and last bytes.
func digest(w string) uint16 {
	if w == "" {
		return 0
	}
	h := uint32(w[0])*0x9E3779B1 ^ uint32(w[len(w)-1])*0x85EBCA6B ^ uint32(w[min(1, len(w)-1)])*0x27D4EB2F ^ uint32(len(w))*0xC2B2AE35
	h = (h ^ h>>15) * 0x2C1B3C6D
	return uint16(h >> 20)
}

// mayStart reports whether a word of digest h may be the first word of a
// phrase.
func (p *phrases) mayStart(h uint16) bool { return p.heads.has(h) }

func newPhrases(list []string) *phrases {
	byFirst := map[string][][]string{}
	p := &phrases{}
	for _, s := range list {
		var words []string
		for _, t := range tokenize(s) {
			words = append(words, strings.ToLower(s[t.start:t.end]))
		}
		if len(words) > 0 {
			byFirst[words[0]] = append(byFirst[words[0]], words)
			p.heads.add(words[0])
		}
	}
	if len(byFirst) == 0 {
		return p
	}
	for w, ws := range byFirst {
		// Longest first, so "Job Centre Plus" wins over "Job Centre".
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
		p.firsts = append(p.firsts, firstWord{w, ws})
	}
	sort.Slice(p.firsts, func(i, j int) bool {
		a, b := p.firsts[i], p.firsts[j]
		if da, db := digest(a.word), digest(b.word); da != db {
			return da < db
		}
		return a.word < b.word
	})
	p.at = make([]uint32, 1<<12+1)
	for _, f := range p.firsts {
		p.at[digest(f.word)+1]++
	}
	for h := 1; h < len(p.at); h++ {
		p.at[h] += p.at[h-1]
	}
	return p
}

// match returns how many tokens from i form a phrase, or 0. A possessive
// "'s" on the last word still matches ("Bev's").
func (p *phrases) match(s *scan, i int) int {
	if s.toks[i].kind == tokPunct || len(p.firsts) == 0 {
		return 0
	}
	l, k := s.lower(i), s.key(i)
	if !p.mayStart(s.lowDigest[i]) && (len(k) == len(l) || !p.mayStart(s.keyDigest[i])) {
		return 0 // no first word matches, so neither look-up below would
	}
	cands := p.lookup(s.lowDigest[i], l)
	if cands == nil && len(k) != len(l) {
		cands = p.lookup(s.keyDigest[i], k)
	}
next:
	for _, ws := range cands {
		if i+len(ws) > len(s.toks) {
			continue
		}
		for j, w := range ws {
			t := i + j
			if s.lower(t) != w && (j < len(ws)-1 || s.key(t) != w) {
				continue next
			}
			if j > 0 && s.toks[t].nl {
				continue next
			}
		}
		return len(ws)
	}
	return 0
}
