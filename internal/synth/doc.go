package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// themeRate is the share of sentences that carry a theme clause. With 40
// themes weighted 1/√rank this puts each theme's own share of sentences
// between about 0.7% and 4%; roots add their children's, 5–8%.
const themeRate = 0.55

// docGen writes one transcript. raw is the file; runes counts the code
// points of the body (everything after the front matter except inline span
// markup), which is exactly what standoff offsets count.
type docGen struct {
	r      *rand.Rand
	o      Options
	themes []theme
	pickT  func(*rand.Rand) int
	plan   docPlan

	raw   strings.Builder
	runes int
	words int // spoken or observed words written, labels and timestamps excluded
	secs  int // clock for timestamps
	curly bool

	piiAt []int // word positions after which to plant an identifier
	cands []cand
	buf   []byte
}

// sent is a built sentence. text is without its final punctuation;
// [ts, te) is the theme clause within text, in bytes, when theme >= 0.
type sent struct {
	text   string
	punct  string
	words  int
	theme  int
	ts, te int
}

// cand is a written sentence a coder may code: rune offsets into the body.
type cand struct {
	start, end int // the sentence without its final punctuation
	ts, te     int // the theme clause, when theme >= 0
	theme      int
	text       string
	clause     string
	words      int
}

func (g *docGen) remaining() int { return g.o.WordsPerDoc - g.words }

// text writes body text; markup writes what the reader strips from the body.
func (g *docGen) text(s string) {
	g.raw.WriteString(s)
	g.runes += utf8.RuneCountInString(s)
}

func (g *docGen) markup(s string) { g.raw.WriteString(s) }

func (g *docGen) write() {
	p := g.plan
	g.curly = g.r.IntN(10) < 3 // some transcribers' software types ’
	g.raw.Grow(g.o.WordsPerDoc * 7)
	fmt.Fprintf(&g.raw, "---\nid: %s\nkind: %s\ndate: %s\n", p.id, p.kind, p.date)
	if p.caseID != "" {
		fmt.Fprintf(&g.raw, "case: %s\n", p.caseID)
	}
	fmt.Fprintf(&g.raw, "ward: %s\n", p.ward)
	if p.group != "" {
		fmt.Fprintf(&g.raw, "group: %s\n", p.group)
	}
	g.raw.WriteString("---\n")
	g.text("\n")

	for range p.pii {
		g.piiAt = append(g.piiAt, g.r.IntN(max(1, g.o.WordsPerDoc)))
	}
	slices.Sort(g.piiAt)

	switch p.kind {
	case "fieldnote":
		for g.remaining() >= 8 {
			g.paragraph(3 + g.r.IntN(6))
		}
		if len(g.piiAt) > 0 {
			g.paragraph(0)
		}
	case "focus-group":
		if g.o.WordsPerDoc >= 100 { // else the opening note would leave no words for turns
			g.paragraph(2 + g.r.IntN(2))
		}
		last := ""
		for first := true; first || g.remaining() >= 8; first = false {
			g.turn("Facilitator", false)
			for range 2 + g.r.IntN(4) {
				if g.remaining() < 8 {
					break
				}
				sp := p.speakers[g.r.IntN(len(p.speakers))]
				if sp == last {
					sp = p.speakers[(slices.Index(p.speakers, sp)+1)%len(p.speakers)]
				}
				last = sp
				g.turn(sp, true)
			}
		}
		if len(g.piiAt) > 0 {
			g.turn(p.speakers[0], true)
		}
	default:
		for first := true; g.remaining() >= 8; first = false {
			if first || g.remaining() >= 30 {
				g.turn("Interviewer", false)
			}
			if g.remaining() >= 8 {
				g.turn(g.speaker(), true)
			}
		}
		if len(g.piiAt) > 0 {
			g.turn(g.speaker(), true)
		}
	}
}

// speaker favours the first participant, as household interviews do.
func (g *docGen) speaker() string {
	sp := g.plan.speakers
	if len(sp) == 1 || g.r.IntN(10) < 6 {
		return sp[0]
	}
	return sp[1+g.r.IntN(len(sp)-1)]
}

// turn writes one labelled turn on its own line (sometimes two paragraphs).
func (g *docGen) turn(label string, participant bool) {
	if g.r.IntN(3) == 0 {
		g.text(fmt.Sprintf("[%02d:%02d:%02d] ", g.secs/3600, g.secs/60%60, g.secs%60))
	}
	g.text(label + ": ")
	n := 1
	if participant {
		n = 1 + g.r.IntN(6)
	}
	before := g.words
	for i := 0; i < n && (g.remaining() >= 8 || i == 0); i++ {
		if i > 0 {
			if g.r.IntN(12) == 0 {
				g.text("\n\n")
			} else {
				g.text(" ")
			}
		}
		if !participant {
			g.emit(g.question(), false)
			continue
		}
		if g.r.IntN(30) == 0 {
			a := asides[g.r.IntN(len(asides))]
			g.text(a.text + " ")
			g.words += a.n
		}
		g.emit(g.spoken(false), true)
		g.plant()
	}
	if participant {
		g.plantRest()
	}
	g.secs += (g.words-before)*2/5 + 1 // about 150 words a minute
	g.text("\n\n")
}

// paragraph writes observer sentences: field notes, or a focus group's
// opening description. n == 0 writes only the identifiers still to plant.
func (g *docGen) paragraph(n int) {
	for i := 0; i < n && (g.remaining() >= 8 || i == 0); i++ {
		if i > 0 {
			g.text(" ")
		}
		g.emit(g.spoken(true), true)
		g.plant()
	}
	if n == 0 {
		g.plantRest()
	}
	g.text("\n\n")
}

// emit writes a sentence, sometimes as an inline code (about one per 400
// words), and records it as a candidate for the coders.
func (g *docGen) emit(s sent, codeable bool) {
	start := g.runes
	inline := codeable && g.r.Float64() < float64(s.words)/400
	switch {
	case inline && s.theme >= 0 && g.r.IntN(10) < 7:
		g.text(s.text[:s.ts])
		g.markup("[")
		g.text(s.text[s.ts:s.te])
		g.markup("]{" + g.classes(s.theme) + "}")
		g.text(s.text[s.te:])
	case inline:
		t := s.theme
		if t < 0 {
			t = g.pickT(g.r)
		}
		g.markup("[")
		g.text(s.text)
		g.markup("]{" + g.classes(t) + "}")
	default:
		g.text(s.text)
	}
	g.text(s.punct)
	g.words += s.words
	if !codeable {
		return
	}
	c := cand{start: start, end: start + utf8.RuneCountInString(s.text), theme: s.theme, text: s.text, words: s.words}
	if s.theme >= 0 {
		c.ts = start + utf8.RuneCountInString(s.text[:s.ts])
		c.te = c.ts + utf8.RuneCountInString(s.text[s.ts:s.te])
		c.clause = s.text[s.ts:s.te]
	}
	g.cands = append(g.cands, c)
}

// classes is ".id", with a second theme one time in five.
func (g *docGen) classes(t int) string {
	c := "." + g.themes[t].id
	if g.r.IntN(5) == 0 {
		if u := g.pickT(g.r); u != t {
			c += " ." + g.themes[u].id
		}
	}
	return c
}

// sentence building

func (g *docGen) add(p phrase, n *int) {
	if len(g.buf) > 0 {
		g.buf = append(g.buf, ' ')
	}
	if g.curly && strings.IndexByte(p.text, '\'') >= 0 {
		g.buf = append(g.buf, strings.ReplaceAll(p.text, "'", "’")...)
	} else {
		g.buf = append(g.buf, p.text...)
	}
	*n += p.n
}

func (g *docGen) one(ps []phrase) phrase { return ps[g.r.IntN(len(ps))] }

// clause adds a generic clause of at most limit words; false if none fits.
func (g *docGen) clause(observer bool, limit int, n *int) bool {
	for range 4 {
		if g.r.IntN(5) == 0 {
			f := g.one(feelings)
			if f.n <= limit {
				g.add(f, n)
				return true
			}
			continue
		}
		subj := g.one(subjects)
		if observer {
			subj = g.one(observers)
		}
		vg := verbs[g.r.IntN(len(verbs))]
		v, o := g.one(vg.verbs), g.one(vg.objects)
		if subj.n+v.n+o.n > limit {
			continue
		}
		g.add(subj, n)
		g.add(v, n)
		g.add(o, n)
		if r := limit - subj.n - v.n - o.n; r > 0 && g.r.IntN(3) == 0 {
			if g.r.IntN(6) == 0 {
				w := wards[g.r.IntN(len(wards))]
				if p := (phrase{"down in " + w, 2 + strings.Count(w, " ")}); p.n <= r {
					g.add(p, n)
				}
			} else if t := g.one(tails); t.n <= r {
				g.add(t, n)
			}
		}
		return true
	}
	return false
}

// spoken builds a statement of 8–25 words (fewer only when the document
// is nearly full): an optional opener, clauses joined by connectors, and
// with probability themeRate one theme clause.
func (g *docGen) spoken(observer bool) sent {
	g.buf = g.buf[:0]
	n := 0
	limit := min(25, g.remaining()+3)
	target := min(8+g.r.IntN(10), limit) // clauses overshoot: lengths end up 8–25, about 16 on average
	s := sent{theme: -1, punct: "."}
	var tc phrase
	if g.r.Float64() < themeRate {
		s.theme = g.pickT(g.r)
		cl := g.themes[s.theme].c.clauses
		tc.text = cl[g.r.IntN(len(cl))]
		tc.n = len(strings.Fields(tc.text))
	}
	addTheme := func() {
		if observer {
			g.add(g.one(reporters), &n)
		}
		s.ts = len(g.buf)
		if s.ts > 0 {
			s.ts++ // the space add writes
		}
		g.add(tc, &n)
		s.te = len(g.buf)
	}
	if !observer && g.r.IntN(10) < 3 {
		g.add(g.one(openers), &n)
	}
	pending := s.theme >= 0
	if pending && g.r.IntN(2) == 0 {
		addTheme()
		pending = false
	} else {
		reserve := 0
		if pending {
			reserve = tc.n + 4
		}
		g.clause(observer, max(3, limit-n-reserve), &n)
	}
	for n < target || pending {
		c := g.one(connectors)
		if pending {
			g.add(c, &n)
			addTheme()
			pending = false
			continue
		}
		if n+c.n+3 > limit {
			break
		}
		mark := len(g.buf)
		m := n
		g.add(c, &m)
		if !g.clause(observer, limit-m, &m) {
			g.buf = g.buf[:mark]
			break
		}
		n = m
	}
	for n < 8 {
		g.add(g.one(tails), &n)
	}
	capitalise(g.buf)
	s.text, s.words = string(g.buf), n
	return s
}

// question builds an interviewer's question; a fifth of them repeat a
// theme clause back, so facilitators' speech holds keywords too.
func (g *docGen) question() sent {
	g.buf = g.buf[:0]
	n := 0
	s := sent{theme: -1, punct: "?"}
	switch k := g.r.IntN(5); {
	case k == 0:
		t := g.pickT(g.r)
		g.add(phrase{"you said", 2}, &n)
		cl := g.themes[t].c.clauses
		c := cl[g.r.IntN(len(cl))]
		g.add(phrase{c, len(strings.Fields(c))}, &n)
		g.buf = append(g.buf, ',')
		g.add(phrase{"what happened then", 3}, &n)
	case k == 1:
		g.add(g.one(questions), &n)
	default:
		g.add(g.one(questionStarts), &n)
		g.add(g.one(verbs[0].objects), &n) // people and services
		if t := g.one(questionTails); t.n > 0 {
			g.add(t, &n)
		}
	}
	for n < 8 {
		g.add(phrase{"at that point", 3}, &n)
	}
	capitalise(g.buf)
	s.text, s.words = string(g.buf), n
	return s
}

func capitalise(b []byte) {
	if len(b) > 0 && b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
}

// plant writes the identifiers whose word position has been reached.
func (g *docGen) plant() {
	for len(g.piiAt) > 0 && g.words >= g.piiAt[0] {
		g.piiAt = g.piiAt[1:]
		g.text(" ")
		g.text(g.identifier())
	}
}

// plantRest writes every identifier still to plant, so the count is exact.
func (g *docGen) plantRest() {
	for len(g.piiAt) > 0 {
		g.piiAt = g.piiAt[1:]
		g.text(" ")
		g.text(g.identifier())
	}
}

const postcodeLetters = "ABDEFGHJLNPQRSTUWXYZ"

// identifier is a sentence holding one personal identifier.
func (g *docGen) identifier() string {
	var s string
	switch g.r.IntN(3) {
	case 0:
		kin, names := boyKin, plantBoys
		if g.r.IntN(2) == 0 {
			kin, names = girlKin, plantGirls
		}
		s = fmt.Sprintf("%s %s was the one who found it hardest.", kin[g.r.IntN(len(kin))], names[g.r.IntN(len(names))])
	case 1:
		s = fmt.Sprintf("you can put my number down as 07700 900%03d.", g.r.IntN(1000))
	default:
		s = fmt.Sprintf("we were living at WM%d %d%c%c back then.", 1+g.r.IntN(9), g.r.IntN(10),
			postcodeLetters[g.r.IntN(len(postcodeLetters))], postcodeLetters[g.r.IntN(len(postcodeLetters))])
	}
	g.words += len(strings.Fields(s))
	b := []byte(s)
	capitalise(b)
	return string(b)
}
