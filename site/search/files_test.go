package search

import (
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// decode is EncodePostings backwards, as search.js reads it.
func decode(t *testing.T, enc []byte, n int) []uint32 {
	t.Helper()
	raw := enc[1:]
	var out []uint32
	switch enc[0] {
	case 'b':
		for s := range uint32(n) {
			if binary.LittleEndian.Uint32(raw[4*(s/32):])&(1<<(s%32)) != 0 {
				out = append(out, s)
			}
		}
		return out
	}
	var listed []uint32
	at := uint64(0)
	for i := 0; len(raw) > 0; i++ {
		g, k := binary.Uvarint(raw)
		raw = raw[k:]
		if i == 0 {
			at = g
		} else {
			at += g
		}
		listed = append(listed, uint32(at))
	}
	if enc[0] == 'd' {
		return listed
	}
	for s := range uint32(n) {
		if !slices.Contains(listed, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestEncodePostings(t *testing.T) {
	all := func(n int, keep func(uint32) bool) []uint32 {
		var out []uint32
		for s := range uint32(n) {
			if keep(s) {
				out = append(out, s)
			}
		}
		return out
	}
	tests := []struct {
		name string
		n    int
		segs []uint32
		form byte
	}{
		{"empty study", 0, nil, 'd'},
		{"one segment", 1, []uint32{0}, 'c'},
		{"two, second", 2, []uint32{1}, 'd'},
		{"sparse", 100000, []uint32{5, 700, 99999}, 'd'},
		{"nearly all", 1000, all(1000, func(s uint32) bool { return s != 3 && s != 500 }), 'c'},
		{"half", 1000, all(1000, func(s uint32) bool { return s%2 == 0 }), 'b'},
	}
	for _, tt := range tests {
		enc := EncodePostings(tt.segs, nil, tt.n)
		if enc[0] != tt.form {
			t.Errorf("%s: encoded as %c, want %c", tt.name, enc[0], tt.form)
		}
		if got := decode(t, enc, tt.n); !slices.Equal(got, tt.segs) {
			t.Errorf("%s: decodes to %v, want %v", tt.name, got, tt.segs)
		}
		if words := (tt.n + 31) / 32; len(enc) > 1+4*words && len(enc) > 8 {
			t.Errorf("%s: %d bytes, more than a bitmap", tt.name, len(enc))
		}
	}
}

// tokenTexts are sentences whose words the script's guess finds, and
// sentences where it must not be trusted.
var tokenTexts = []string{
	"", "...", "I waited for months.", "Don't ask; it's the council’s job.", "It’s 10:30, U.K. e.g. 1,000 a_b",
	"café naïve ΣΟΦΟΣ", "emoji 👍🏽 then words", "tab\tand\nnewline", "'quoted' ‘single’ “double”", "a''b a'b'c 'a a'",
	"invalid \xff byte here", "x" + strings.Repeat(" ", 60000) + "y", "日本語のテキスト", "AB12cd 34",
}

// Every encoding decodes, as search.js reads it, to bleve's words.
func TestTokens(t *testing.T) {
	guessed := 0
	for _, text := range tokenTexts {
		if checkTokens(t, text) {
			guessed++
		}
	}
	if guessed < 3 || guessed == len(tokenTexts) {
		t.Errorf("%d of %d texts use the guess: the test checks too little", guessed, len(tokenTexts))
	}
}

func FuzzTokens(f *testing.F) {
	for _, text := range tokenTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// Transcripts are valid UTF-8 (corpus refuses any other); an invalid
		// byte before a multi-byte letter can end bleve's word inside it.
		if utf8.ValidString(text) {
			checkTokens(t, text)
		}
	})
}

// checkTokens checks text's encoded tokens decode to bleve's words, and
// reports whether the encoding is the script's guess.
func checkTokens(t *testing.T, text string) (guessed bool) {
	t.Helper()
	{
		enc, want := Tokens(text)
		var units []int
		switch {
		case enc == "":
			units = guessTokens(text)
			guessed = true
		case enc[0] == '[':
			if err := json.Unmarshal([]byte(enc), &units); err != nil {
				t.Fatalf("%q: %v", text, err)
			}
		default:
			for _, r := range enc[len("="):] {
				units = append(units, int(r)-0x30)
			}
		}
		var got [][2]int
		for i, pos := 0, 0; i+1 < len(units); i += 2 {
			s := pos + units[i]
			pos = s + units[i+1]
			got = append(got, [2]int{s, pos})
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q (encoded %q): words at %v, want %v", text, enc, got, want)
		}
	}
	return guessed
}
