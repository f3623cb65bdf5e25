package corpus

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// consentStudy is a study with a consenting P01 and a withdrawn P09, whose
// one transcript is body.
func consentStudy(body string) fstest.MapFS {
	return fstest.MapFS{
		"insight.yaml":       {Data: []byte("title: consent\nfacilitators: [Interviewer]\n")},
		"participants.csv":   {Data: []byte("id,consent\nP01,yes\nP09,withdrawn\n")},
		"transcripts/int.md": {Data: []byte(body)},
	}
}

// keptText is every sentence of the study that is not withheld.
func keptText(st *Study) string {
	var b strings.Builder
	for _, d := range st.Documents {
		for _, s := range d.Segments {
			b.WriteString(d.Body[s.Start:s.End] + "\n")
		}
	}
	return b.String()
}

// withdrawnVariants are the ways of writing P09's label that a probe found
// leaking (issue 12, F3): each must withhold the turn.
var withdrawnVariants = []string{
	"P09:", "P09 (mum):", "*P09*:", "_P09_:", "**P09**:", "**P09:**", "P09/mum:", "P09, mum:", "> P09:", "- P09:", "[P09]:",
	"P09:\u00a0", "P09\u00a0:", "P09：", "\u200bP09:", "\ufeffP09:", "P09 - mum:", "P09 – mum:", "P 09:", "P09.:", "P09 mum:",
	"Participant P09:", "Р09:", "P９:", "p9:", "[00:01:02] > P09:", "1. P09:", "PP09:", "P09a:",
}

func TestWithdrawnLabelVariants(t *testing.T) {
	for _, label := range withdrawnVariants {
		t.Run(label, func(t *testing.T) {
			body := "Interviewer: Tell me.\n\nP01: The kept sentence is here.\n" + label + " The secret sentence is here.\nP01: The second kept one.\n"
			st, probs := Load(context.Background(), consentStudy(body), "s")
			kept := keptText(st)
			if strings.Contains(kept, "secret") {
				t.Errorf("the withdrawn participant's sentence is kept:\n%s\n%s", kept, probs)
			}
			if probs.HasErrors() {
				t.Errorf("a label grammar variant is an error: %s", probs)
			}
			if !strings.Contains(kept, "The kept sentence is here.") || !strings.Contains(kept, "The second kept one.") {
				t.Errorf("the consenting participant's sentences are lost:\n%s", kept)
			}
		})
	}
}

// TestLabelGrammar pins who speaks each line, and which lines are text.
func TestLabelGrammar(t *testing.T) {
	tests := []struct{ line, speaker string }{
		{"P01 (mum): x", "P01"},
		{"Interviewer (Sam): x", "Interviewer"},
		{"**Interviewer:** x", "Interviewer"},
		{"[P01]: x", "P01"},
		{"> > P01: x", "P01"},
		{"• P01: x", "P01"},
		{"Mrs O'Neil-Smith: x", "Mrs O'Neil-Smith"},
		{"P01：x", ""}, // the colon must end a word
		{"http://example.org: x", ""},
		{"10:30 is when they came", ""},
		{"In 2019, the council said: no", ""},
		{"One two three four five: no", ""},
	}
	for _, tc := range tests {
		_, got, _, ok := parseLabel(tc.line)
		if !ok {
			got = ""
		}
		if got != tc.speaker {
			t.Errorf("parseLabel(%q) = %q, want %q", tc.line, got, tc.speaker)
		}
	}
}

// TestSuspectLabels: a line that looks like a label and is not one is an
// error naming file and line; prose with a colon is not.
func TestSuspectLabels(t *testing.T) {
	errs := []string{"P09 (mum) said: x", "(P09): x", "#P09: x", "and then P09 said this: x", "P01 [mum: x", "R2 (mum) said: x"}
	prose := []string{"Note: fine.", "10:30 is when they came.", "the thing is: it broke.", "In 2019, the council said: no.",
		"At 3pm, the office (upstairs) shut: again.", "See https://example.org: it is there.", "Then we talked about one two three four five six seven: no."}
	for _, line := range errs {
		_, probs := Load(context.Background(), consentStudy("P01: Hello.\n"+line+"\n"), "s")
		if !probs.HasErrors() || !strings.Contains(strings.Join(problemStrings(probs), "\n"), "s/transcripts/int.md:2:") {
			t.Errorf("%q: want an error on line 2, got\n%s", line, probs)
		}
	}
	for _, line := range prose {
		_, probs := Load(context.Background(), consentStudy("P01: Hello.\n"+line+"\n"), "s")
		if probs.HasErrors() {
			t.Errorf("%q: prose is an error:\n%s", line, probs)
		}
	}
}

// FuzzWithdrawnLabel: a short prefix before a colon that names the
// withdrawn P09 (as a word, in any spelling with P09's key) either withholds
// the line's words or is an error that stops the build. Nothing panics.
func FuzzWithdrawnLabel(f *testing.F) {
	for _, v := range withdrawnVariants {
		f.Add(strings.TrimRight(v, ":：\u00a0 "))
	}
	f.Add("P09 (mum) said")
	f.Add("#P09")
	f.Fuzz(func(t *testing.T, prefix string) {
		if strings.ContainsAny(prefix, "\n\r") || strings.IndexFunc(prefix, isColon) >= 0 {
			return
		}
		st, probs := Load(context.Background(), consentStudy("P01: Hello there.\n"+prefix+": zzsecret words.\n"), "s")
		names := false
		for _, k := range wordKeys(prefix) {
			names = names || k == labelKey("P09")
		}
		short := len([]rune(strings.TrimFunc(prefix, isBlank))) < maxLabelRunes-2 && len(strings.FieldsFunc(prefix, isBlank)) <= 6
		if names && short && !probs.HasErrors() && strings.Contains(keptText(st), "zzsecret") {
			t.Errorf("prefix %q: P09's words are kept, with no error:\n%s", prefix, probs)
		}
	})
}

// TestWithdrawnFacilitatorClash: an id in participants.csv that is also a
// facilitator's name is read as the facilitator's, unless that participant
// withdrew: then consent fails closed and the turns are withheld, with a
// warning naming participants.csv's line either way.
func TestWithdrawnFacilitatorClash(t *testing.T) {
	for _, consent := range []string{"yes", "withdrawn"} {
		fs := fstest.MapFS{
			"insight.yaml":       {Data: []byte("title: clash\nfacilitators: [Interviewer, Sam]\n")},
			"participants.csv":   {Data: []byte("id,consent\nP01,yes\nSam," + consent + "\n")},
			"transcripts/int.md": {Data: []byte("Interviewer: Tell me.\n\nP01: The kept sentence is here.\n\nSam: The clashing sentence is here.\n")},
		}
		st, probs := Load(context.Background(), fs, "s")
		withheld := false
		for _, d := range st.Documents {
			for _, tn := range d.Turns {
				if strings.Contains(d.Body[tn.Start:tn.End], "clashing") {
					withheld = tn.Withheld
				}
			}
		}
		if want := consent == "withdrawn"; withheld != want {
			t.Errorf("consent %s: the clashing turn withheld = %v, want %v", consent, withheld, want)
		}
		if !strings.Contains(strings.Join(problemStrings(probs), "\n"), "s/participants.csv:3:") {
			t.Errorf("consent %s: no warning on participants.csv line 3:\n%s", consent, probs)
		}
		if !strings.Contains(keptText(st), "The kept sentence is here.") {
			t.Errorf("consent %s: P01's sentence is lost", consent)
		}
	}
}
