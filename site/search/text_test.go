package search

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestTextRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// Every length up to 40 reaches every leftover bit count (13 does not
	// divide 8), with zeros, ones and random bytes.
	for n := 0; n <= 40; n++ {
		for _, b := range [][]byte{bytes.Repeat([]byte{0}, n), bytes.Repeat([]byte{0xff}, n), random(r, n)} {
			enc := AppendText(nil, b)
			if want := (8*n + 12) / 13 * 2; len(enc) > want {
				t.Errorf("%d bytes encode to %d characters, want at most %d", n, len(enc), want)
			}
			got, err := DecodeText(enc)
			if err != nil || !bytes.Equal(got, b) {
				t.Fatalf("%x → %q → %x, %v", b, enc, got, err)
			}
		}
	}
	big := random(r, 1<<16)
	enc := AppendText(nil, big)
	if ratio := float64(len(enc)) / float64(len(big)); ratio > 1.231 {
		t.Errorf("64 KiB encode to %.4f characters a byte, want 16/13 = 1.2308 (base64: 1.3333)", ratio)
	}
	if got, err := DecodeText(enc); err != nil || !bytes.Equal(got, big) {
		t.Errorf("64 KiB do not round-trip: %v", err)
	}
}

// The digits can end neither a JavaScript string nor a script element, and
// are printable ASCII.
func TestTextDigits(t *testing.T) {
	seen := map[byte]bool{}
	for _, c := range textDigits {
		if c < ' ' || c > '~' || strings.IndexByte(`"\<`, c) >= 0 || seen[c] {
			t.Errorf("digit %q", c)
		}
		seen[c] = true
	}
	if len(seen) != textBase {
		t.Errorf("%d distinct digits, want %d", len(seen), textBase)
	}
}

func TestDecodeTextRejects(t *testing.T) {
	for _, s := range []string{
		`"`, `a\b`, "ab<c", "a\x00", "ab\xc3\xa9", "\n",
		"~~", // 91+92·91 = 8463: more than 13 bits
		"~",  // a lone digit holds 6 bits, and 91 needs 7
	} {
		if got, err := DecodeText([]byte(s)); err == nil {
			t.Errorf("DecodeText(%q) = %x, want an error", s, got)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte{}, []byte(""))
	f.Add([]byte{0}, []byte("!"))
	f.Add([]byte{1, 2}, []byte("~~"))
	f.Add([]byte("hello, world"), []byte(`a"b\c<d`))
	f.Fuzz(func(t *testing.T, b, s []byte) {
		enc := AppendText(nil, b)
		got, err := DecodeText(enc)
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("%x → %q → %x, %v", b, enc, got, err)
		}
		if bytes.ContainsAny(enc, "\"\\<") {
			t.Fatalf("%q holds a character that ends a string or a script", enc)
		}
		// Any text decodes to an error or to bytes that round-trip.
		if d, err := DecodeText(s); err == nil {
			if again, err := DecodeText(AppendText(nil, d)); err != nil || !bytes.Equal(again, d) {
				t.Fatalf("%q → %x does not round-trip: %v", s, d, err)
			}
		}
	})
}

func random(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}
