package anon

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenFlags checks what the tokenizer notes of each token, which rules
// trust instead of reading the word: hyph, that an inner hyphen is in it,
// and lower, that it is ASCII without a capital. And that the tokens cover
// the text in order, with only spaces between them.
func FuzzTokenFlags(f *testing.F) {
	for _, s := range []string{"Lacey-Mae O'Brien's", "sixty-three NG7 2RD", "café Zoë’s", "a-b-c -x- x-", "\xff-a\xfeB", "  \n\t", "nine-1 1-nine k-9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		at := 0
		for _, tk := range tokenize(text) {
			w := text[tk.start:tk.end]
			if tk.start < at || tk.end <= tk.start || strings.TrimSpace(text[at:tk.start]) != "" {
				t.Fatalf("token %q at %d after %d: not in order, or text skipped", w, tk.start, at)
			}
			at = tk.end
			if hyph := strings.IndexByte(w, '-') > 0; tk.hyph != hyph {
				t.Errorf("%q: hyph %v, want %v", w, tk.hyph, hyph)
			}
			lower := !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf || r >= 'A' && r <= 'Z' })
			if tk.lower != lower {
				t.Errorf("%q: lower %v, want %v", w, tk.lower, lower)
			}
		}
		if strings.TrimSpace(text[at:]) != "" {
			t.Fatalf("text after the last token %q", text[at:])
		}
	})
}

// FuzzShouted checks shouted's ASCII shortcut against its definition: a
// word of two bytes or more that upper-casing leaves as it is.
func FuzzShouted(f *testing.F) {
	for _, s := range []string{"GP", "WE", "Gp", "gP", "I", "NHS's", "ÉCOLE", "École", "Aß", "A\xff", "\xffa", "12", "A-Z", "ǅX"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, want := shouted(w), len(w) >= 2 && strings.ToUpper(w) == w; got != want {
			t.Errorf("shouted(%q) = %v, want %v", w, got, want)
		}
	})
}
