package anon

import (
	"strings"
	"testing"
)

func TestPseudonymiserReplace(t *testing.T) {
	text := "Darren Pryce came. Later Darren rang Mrs Begum on 07700 900461 and emailed a@b.com."
	d := NewDetector(Options{})
	fs := d.Detect(text)
	p := NewPseudonymiser()
	out, edits := p.Replace(text, fs)

	if len(edits) != len(fs) {
		t.Fatalf("%d edits for %d findings: %q", len(edits), len(fs), out)
	}
	for i, e := range edits {
		if text[e.OldStart:e.OldEnd] != fs[i].Text {
			t.Errorf("edit %d old span %q, want %q", i, text[e.OldStart:e.OldEnd], fs[i].Text)
		}
		// Text between edits is copied unchanged.
		if i > 0 && text[edits[i-1].OldEnd:e.OldStart] != out[edits[i-1].NewEnd:e.NewStart] {
			t.Errorf("text between edits %d and %d changed", i-1, i)
		}
	}
	for _, orig := range []string{"Darren", "Pryce", "Begum", "07700 900461", "a@b.com"} {
		if strings.Contains(out, orig) {
			t.Errorf("output still contains %q: %q", orig, out)
		}
	}
	for _, want := range []string{"[phone]", "[email]", "Mrs "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %q", want, out)
		}
	}
	// "Darren" alone gets the same first name as in "Darren Pryce".
	full := out[edits[0].NewStart:edits[0].NewEnd]
	alone := out[edits[1].NewStart:edits[1].NewEnd]
	if strings.Fields(full)[0] != alone {
		t.Errorf("Darren became %q in the full name but %q alone", strings.Fields(full)[0], alone)
	}
}

func TestPseudonymiserConsistentAndDistinct(t *testing.T) {
	p := NewPseudonymiser()
	names := []string{"Tyler", "Kayden", "Chantelle", "Lee", "Sharon", "Darren"}
	first := map[string]string{}
	seen := map[string]string{}
	for round := 0; round < 2; round++ {
		for _, n := range names {
			text := "I saw " + strings.ToUpper(n[:1]) + n[1:] + " today."
			if round == 1 {
				text = "i saw " + strings.ToLower(n) + " today."
			}
			out, edits := p.Replace(text, []Finding{{Start: 6, End: 6 + len(n), Kind: Person}})
			if len(edits) != 1 {
				t.Fatalf("no edit for %s", n)
			}
			rep := out[edits[0].NewStart:edits[0].NewEnd]
			if round == 0 {
				first[n] = rep
				if other, dup := seen[strings.ToLower(rep)]; dup {
					t.Errorf("%s and %s both became %s", other, n, rep)
				}
				seen[strings.ToLower(rep)] = n
				for _, orig := range names {
					if strings.EqualFold(rep, orig) {
						t.Errorf("pseudonym %s collides with an original", rep)
					}
				}
			} else if rep != first[n] {
				t.Errorf("%s became %q then %q", n, first[n], rep)
			}
		}
	}
	if got := len(p.Key()); got != len(names) {
		t.Errorf("key has %d entries, want %d (case-insensitive originals)", got, len(names))
	}
}

func TestPseudonymiserDeterministicAndReserve(t *testing.T) {
	text := "Denise and Marcus met Mr Okafor at 14 Larch Close, NG7 2QT."
	fs := NewDetector(Options{}).Detect(text)
	a, _ := NewPseudonymiser().Replace(text, fs)
	b, _ := NewPseudonymiser().Replace(text, fs)
	if a != b {
		t.Errorf("same input, different output:\n%s\n%s", a, b)
	}
	p := NewPseudonymiser()
	pool := p.firsts[0]
	p.Reserve(pool)
	out, edits := p.Replace("Denise came.", []Finding{{Start: 0, End: 6, Kind: Person}})
	if got := out[edits[0].NewStart:edits[0].NewEnd]; strings.EqualFold(got, pool) {
		t.Errorf("reserved name %q was used as a pseudonym", pool)
	}
}

func TestPseudonymiserSkipsBadSpans(t *testing.T) {
	p := NewPseudonymiser()
	text := "call 07700 900461"
	out, edits := p.Replace(text, []Finding{
		{Start: 5, End: 17, Kind: Phone},
		{Start: 6, End: 9, Kind: Phone},   // overlaps the first
		{Start: 10, End: 99, Kind: Phone}, // past the end
		{Start: 3, End: 3, Kind: Phone},   // empty
	})
	if out != "call [phone]" || len(edits) != 1 {
		t.Errorf("got %q with %d edits", out, len(edits))
	}
}

// TestPseudonymiserSpoken checks the spoken forms: a name spelled out gets
// the spelling of the same pseudonym as the name said beside it, and codes
// read aloud become tags, so the turn stays readable.
func TestPseudonymiserSpoken(t *testing.T) {
	text := "she's called summer, s u m m e r, it's Kayleigh, K-A-Y-L-E-I-G-H. ring oh seven seven double oh, nine double oh, three one four " +
		"or we're at l s twelve four d p and her date of birth is the ninth of march twenty twelve, www dot kezcakes dot co dot uk, gaz underscore lufc two oh one four"
	d := NewDetector(Options{})
	p := NewPseudonymiser()
	out, _ := p.Replace(text, d.Detect(text))
	for _, want := range []string{"[phone]", "[postcode]", "[dob]", "[url]", "[handle]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %q", want, out)
		}
	}
	for _, gone := range []string{"summer", "s u m", "Kayleigh", "K-A-Y", "double oh", "twelve four", "march", "kezcakes", "lufc"} {
		if strings.Contains(out, gone) {
			t.Errorf("output still contains %q: %q", gone, out)
		}
	}
	summer, kayleigh := p.word("summer", false), p.word("kayleigh", false)
	if want := spell(summer, " ", false); !strings.Contains(out, strings.ToLower(summer)+", "+want+",") && !strings.Contains(out, summer+", "+want+",") {
		t.Errorf("spelled name not spelled as its pseudonym %q: %q", want, out)
	}
	if want := spell(kayleigh, "-", true); !strings.Contains(out, kayleigh+", "+want+".") {
		t.Errorf("spelled name not spelled as its pseudonym %q: %q", want, out)
	}
}

// TestPseudonymiserNamesAndAges checks the names and ages of issue 13: a
// two-letter spelling is spelled as its pseudonym, and an age next to a name
// becomes a tag.
func TestPseudonymiserNamesAndAges(t *testing.T) {
	text := "p4: she's called jo j o just two letters and my son tyson he's seven and kairo's eleven"
	d := NewDetector(Options{})
	p := NewPseudonymiser()
	out, _ := p.Replace(text, d.Detect(text))
	for _, gone := range []string{" jo ", "j o", "tyson", "seven", "kairo", "eleven"} {
		if strings.Contains(out, gone) {
			t.Errorf("output still contains %q: %q", gone, out)
		}
	}
	if want := spell(p.word("jo", false), " ", false); !strings.Contains(out, want+" just") {
		t.Errorf("two-letter spelling not spelled as its pseudonym %q: %q", want, out)
	}
	if !strings.Contains(out, tag(AgeWithName)) {
		t.Errorf("output lacks %q: %q", tag(AgeWithName), out)
	}
}
