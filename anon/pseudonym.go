package anon

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Edit says where a replacement went: text[OldStart:OldEnd] in the input
// became out[NewStart:NewEnd], so callers can shift code offsets.
type Edit struct {
	OldStart, OldEnd int
	NewStart, NewEnd int
}

// KeyEntry is one line of the pseudonym key: what was replaced by what.
type KeyEntry struct {
	Original    string
	Replacement string
	Kind        Kind
}

// Pseudonymiser replaces findings consistently: the same original (case-
// insensitively, per kind) always gets the same replacement, across calls.
// It is safe for concurrent use, but the pseudonym a new name gets depends
// on the order names are first seen; call it in a fixed order (e.g. sorted
// documents) for reproducible output.
type Pseudonymiser struct {
	mu       sync.Mutex
	firsts   []string          // pool of first-name pseudonyms
	surnames []string          // pool of surname pseudonyms
	nextF    int               // next unused index in firsts
	nextS    int               // next unused index in surnames
	byWord   map[string]string // "f:" or "s:" + lower original word -> pseudonym
	used     map[string]bool   // lower words that a pseudonym must not be
	key      map[string]KeyEntry
	keyOrder []string
}

// NewPseudonymiser returns a Pseudonymiser with the embedded pseudonym lists.
func NewPseudonymiser() *Pseudonymiser {
	p := &Pseudonymiser{byWord: map[string]string{}, used: map[string]bool{}, key: map[string]KeyEntry{}}
	firsts, surnames, _ := strings.Cut(pseudonymsTxt, "\n---\n")
	p.firsts = listWords(firsts)
	p.surnames = listWords(surnames)
	return p
}

func listWords(txt string) []string {
	var out []string
	for _, line := range strings.Split(txt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// Reserve declares names that pseudonyms must never be, such as every
// original name in the study, so that a pseudonym cannot collide with a real
// name met later.
func (p *Pseudonymiser) Reserve(names ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, n := range names {
		for _, w := range strings.Fields(strings.ToLower(n)) {
			p.used[w] = true
		}
	}
}

// tags replace findings other than names.
func tag(k Kind) string { return "[" + string(k) + "]" }

// Replace returns text with every finding replaced, and where each went.
// Findings that overlap an earlier one or lie outside text are skipped.
func (p *Pseudonymiser) Replace(text string, findings []Finding) (string, []Edit) {
	fs := append([]Finding(nil), findings...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	p.mu.Lock()
	defer p.mu.Unlock()
	// Words of this text are no pseudonym's business either.
	for _, f := range fs {
		if f.Kind == Person && f.Start >= 0 && f.End <= len(text) && f.Start < f.End {
			for _, w := range strings.Fields(strings.ToLower(text[f.Start:f.End])) {
				p.used[w] = true
			}
		}
	}
	var b strings.Builder
	var edits []Edit
	last := 0
	for _, f := range fs {
		if f.Start < last || f.End > len(text) || f.Start >= f.End {
			continue
		}
		orig := text[f.Start:f.End]
		rep := tag(f.Kind)
		if f.Kind == Person {
			rep = p.person(orig)
		}
		p.record(orig, rep, f.Kind)
		b.WriteString(text[last:f.Start])
		ns := b.Len()
		b.WriteString(rep)
		edits = append(edits, Edit{OldStart: f.Start, OldEnd: f.End, NewStart: ns, NewEnd: b.Len()})
		last = f.End
	}
	b.WriteString(text[last:])
	return b.String(), edits
}

// person replaces a name word by word, so "Darren Pryce" and a later
// "Darren" get the same first name. Titles stay: "Mrs Begum" -> "Mrs Ashby".
// A lone word is a surname after a title, or when it is a listed surname and
// not a first name; otherwise a first name.
func (p *Pseudonymiser) person(orig string) string {
	if letters, sep, ok := spelledOut(orig); ok {
		return spell(p.word(letters, false), sep, orig == strings.ToUpper(orig))
	}
	words := strings.Fields(orig)
	l := loadLists()
	out := make([]string, len(words))
	titled := false
	for i, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if titles[lw] && len(words) > 1 {
			out[i] = w
			titled = true
			continue
		}
		surname := i > 0 && i == len(words)-1 || titled || len(words) == 1 && l.sur[lw] && !l.first[lw]
		out[i] = p.word(strings.ToLower(w), surname)
	}
	return strings.Join(out, " ")
}

// spelledOut reads a name spelled letter by letter ("s u m m e r",
// "K-A-Y-L-E-I-G-H") into its letters in lower case and the separator.
func spelledOut(orig string) (letters, sep string, ok bool) {
	sep = " "
	if strings.Contains(orig, "-") {
		sep = "-"
	}
	parts := strings.FieldsFunc(orig, func(r rune) bool { return r == ' ' || r == '-' })
	if len(parts) < 2 { // "j o" is spelled too
		return "", "", false
	}
	for _, p := range parts {
		if len(p) != 1 {
			return "", "", false
		}
	}
	return strings.ToLower(strings.Join(parts, "")), sep, true
}

// spell writes a pseudonym letter by letter, as the original was spelled,
// so the spelling matches the name said beside it: "s u m m e r" becomes
// "o l i v i a" when Summer became Olivia.
func spell(name, sep string, upper bool) string {
	if upper {
		name = strings.ToUpper(name)
	} else {
		name = strings.ToLower(name)
	}
	return strings.Join(strings.Split(name, ""), sep)
}

// word returns the pseudonym for one original word.
func (p *Pseudonymiser) word(lw string, surname bool) string {
	k := "f:" + lw
	if surname {
		k = "s:" + lw
	}
	if r, ok := p.byWord[k]; ok {
		return r
	}
	pool, next := p.firsts, &p.nextF
	if surname {
		pool, next = p.surnames, &p.nextS
	}
	var r string
	for r == "" {
		if *next >= len(pool) {
			// Pool exhausted: numbered pseudonyms cannot collide with names.
			r = fmt.Sprintf("Person%d", len(p.byWord)+1)
			if surname {
				r = fmt.Sprintf("Surname%d", len(p.byWord)+1)
			}
			break
		}
		c := pool[*next]
		*next++
		if !p.used[strings.ToLower(c)] {
			r = c
		}
	}
	p.used[strings.ToLower(r)] = true
	p.byWord[k] = r
	return r
}

func (p *Pseudonymiser) record(orig, rep string, k Kind) {
	id := string(k) + "\x00" + normText(orig)
	if _, ok := p.key[id]; ok {
		return
	}
	p.key[id] = KeyEntry{Original: orig, Replacement: rep, Kind: k}
	p.keyOrder = append(p.keyOrder, id)
}

// Key returns every replacement made so far, in the order first made.
func (p *Pseudonymiser) Key() []KeyEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]KeyEntry, len(p.keyOrder))
	for i, id := range p.keyOrder {
		out[i] = p.key[id]
	}
	return out
}
