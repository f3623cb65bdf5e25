package themes

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	tests := []struct {
		text  string
		words []string // the text of each word, in order
	}{
		{"", nil},
		{"  ,.;  ", nil},
		{"Three different workers came.", []string{"Three", "different", "workers", "came"}},
		{"I don't know", []string{"I", "don't", "know"}},
		{"I don’t know", []string{"I", "don’t", "know"}},                       // curly apostrophe inside a word
		{"the workers' hours", []string{"the", "workers", "hours"}},            // trailing apostrophe is not part of the word
		{"'cause they said 'no'", []string{"cause", "they", "said", "no"}},     // leading and quoting apostrophes
		{"joined-up working", []string{"joined", "up", "working"}},             // hyphen separates
		{"A&E at 3am, 24/7", []string{"A", "E", "at", "3am", "24", "7"}},       // punctuation separates; digits are word characters
		{"café naïve Zoë", []string{"café", "naïve", "Zoë"}},                   // precomposed letters
		{"cafe\u0301 ok", []string{"cafe\u0301", "ok"}},                        // a combining accent stays in its word
		{"[00:02:40] Interviewer:", []string{"00", "02", "40", "Interviewer"}}, // timestamps are digits
		{"Łódź — Ærø\tκαλημέρα", []string{"Łódź", "Ærø", "καλημέρα"}},          // non-Latin scripts
		{"it''s", []string{"it", "s"}},                                         // two apostrophes break the word
		{"bad\xffbyte", []string{"bad", "byte"}},                               // invalid UTF-8 separates
		{"rock'n'roll", []string{"rock'n'roll"}},                               // several single apostrophes join
		{"end'", []string{"end"}},
	}
	for _, tt := range tests {
		got := Words(tt.text)
		var texts []string
		for _, w := range got {
			texts = append(texts, tt.text[w.Start:w.End])
			if w.Stem != Stem(tt.text[w.Start:w.End]) {
				t.Errorf("Words(%q): stem of %q is %q, Stem gives %q", tt.text, tt.text[w.Start:w.End], w.Stem, Stem(tt.text[w.Start:w.End]))
			}
		}
		if !reflect.DeepEqual(texts, tt.words) {
			t.Errorf("Words(%q) = %q, want %q", tt.text, texts, tt.words)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ a, b string }{
		// Case, apostrophes and possessives are normalised before stemming.
		{"Council", "council"},
		{"council's", "council"},
		{"council’s", "council"},
		{"Don’t", "don't"},
		{"NHS", "nhs"},
	}
	for _, tt := range tests {
		if Stem(tt.a) != Stem(tt.b) {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want equal", tt.a, Stem(tt.a), tt.b, Stem(tt.b))
		}
	}
}

// TestKeywordMatching pins down what a keyword matches, as documented in
// words.go: the same stems, consecutively, on word boundaries.
func TestKeywordMatching(t *testing.T) {
	tests := []struct {
		keyword, text string
		match         bool
	}{
		{"assessment", "we had three assessments", true},
		{"assessment", "she was assessed twice", true},
		{"assessment", "they're still assessing him", true},
		{"assessment", "reassessment", false}, // whole words only
		{"waiting list", "on the waiting lists for months", true},
		{"waiting list", "we were wait listed", true},
		{"waiting list", "a waiting-list place", true},
		{"waiting list", "waiting for the list", false}, // consecutive words only
		{"council", "the Council's letter", true},
		{"council", "our councillor came", false},
		{"housing", "they housed us", true},
		{"housing", "a bigger house", true},
		{"joined-up", "nothing is joined up", true},
		{"police", "policed", true},
		{"police", "the policing was heavy", true},
		{"police", "a new policy", false},
		{"worse it gets", "the worse it gets, the more they do", true},
		{"A&E", "ended up in A&E", true},
		{"don't talk to each other", "they don’t talk to each other", true},
		{"GP", "the GPs wrote", true},
		{"GP", "gap", false},
	}
	for _, tt := range tests {
		th := &Theme{Keywords: []string{tt.keyword}}
		stems := th.KeywordStems()
		if len(stems) != 1 {
			t.Fatalf("KeywordStems(%q) = %v", tt.keyword, stems)
		}
		if got := matches(stems[0], Words(tt.text)); got != tt.match {
			t.Errorf("keyword %q in %q: match = %v, want %v (keyword stems %v)", tt.keyword, tt.text, got, tt.match, stems[0])
		}
	}
}

func matches(stems []string, words []Word) bool {
	for i := 0; i+len(stems) <= len(words); i++ {
		ok := true
		for j, s := range stems {
			ok = ok && words[i+j].Stem == s
		}
		if ok {
			return true
		}
	}
	return false
}

func TestKeywordStemsSkipsEmpty(t *testing.T) {
	th := &Theme{Keywords: []string{"Same Questions", "--", "forms"}}
	got := th.KeywordStems()
	want := [][]string{{Stem("same"), Stem("questions")}, {Stem("forms")}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KeywordStems = %v, want %v", got, want)
	}
}

// FuzzWords checks the invariants coding relies on for any text: words are
// in order, do not overlap, lie within the text, start with a letter or
// digit, hold no spaces, and carry Stem of their text.
func FuzzWords(f *testing.F) {
	f.Add("Three different workers came and asked me the same questions.")
	f.Add("I don’t know — the council's 'assessors' re-assessed (café naïve) ok'")
	f.Add("[00:02:40] Interviewer: What happened after that?\n\nR1: Nothing, for weeks.")
	f.Add("bad\xffbyte'\u0301x")
	if data, err := os.ReadFile("testdata/transcript.md"); err == nil {
		f.Add(string(data))
	}
	stems := NewStemmer() // shared across inputs, as coding's workers share one
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		ws := Words(text)
		if got := stems.Words(text); !slices.Equal(got, ws) {
			t.Fatalf("Stemmer.Words gives %v, Words %v", got, ws)
		}
		for _, w := range ws {
			if w.Start < prev || w.End <= w.Start || w.End > len(text) {
				t.Fatalf("word [%d,%d) out of order or bounds (prev end %d, len %d)", w.Start, w.End, prev, len(text))
			}
			word := text[w.Start:w.End]
			r, _ := utf8.DecodeRuneInString(word)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("word %q starts with %q", word, r)
			}
			if strings.ContainsFunc(word, unicode.IsSpace) {
				t.Fatalf("word %q holds a space", word)
			}
			if w.Stem != Stem(word) {
				t.Fatalf("stem of %q is %q, Stem gives %q", word, w.Stem, Stem(word))
			}
			prev = w.End
		}
	})
}

// BenchmarkWords measures Words over a transcript: as a whole document and
// as the turn-sized pieces coding calls it on.
func BenchmarkWords(b *testing.B) {
	data, err := os.ReadFile("testdata/transcript.md")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.Run("document", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Words(text)
		}
	})
	turns := strings.Split(text, "\n\n")
	b.Run("turns", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			for _, t := range turns {
				Words(t)
			}
		}
	})
}

func TestStemmerAppendWords(t *testing.T) {
	s := NewStemmer()
	prev, prevNums := s.AppendWords(nil, nil, "Waiting lists")
	number := map[string]int32{} // a word as written -> the number it was given
	for _, text := range []string{"", "a", "the council's housing, waiting-list", "café ʼtis", "Waiting the waiting"} {
		got, nums := s.AppendWords(prev[:1], prevNums[:1], text)
		want := append([]Word{prev[0]}, Words(text)...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("AppendWords(%q) = %v, want %v", text, got, want)
		}
		if len(nums) != len(got) {
			t.Fatalf("AppendWords(%q): %d numbers for %d words", text, len(nums), len(got))
		}
		// One number for each word as written, kept from text to text.
		for i, w := range got[1:] {
			word, n := text[w.Start:w.End], nums[i+1]
			if m, ok := number[word]; ok && m != n || !ok && slices.Contains(slices.Collect(maps.Values(number)), n) {
				t.Errorf("%q is number %d; numbers so far %v", word, n, number)
			}
			number[word] = n
		}
	}
}
