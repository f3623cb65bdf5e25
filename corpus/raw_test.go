package corpus

import "testing"

func TestRawOffset(t *testing.T) {
	tests := []struct {
		name, raw string
		text      string // a stretch of Body to find in raw
		want      string // raw[RawOffset(start,false):RawOffset(end,true)]
	}{
		{"no markup", "P01: I rang Sarah twice.", "Sarah", "Sarah"},
		{"span is the text", "P01: I rang [Sarah]{.x} twice.", "Sarah", "Sarah"},
		{"text after a span", "P01: [I rang]{.x} Sarah [then]{.y .z}.", "Sarah", "Sarah"},
		{"text inside a span", "P01: [I rang Sarah twice]{.x}.", "Sarah", "Sarah"},
		{"nested spans", "P01: [[Sarah]{.a} rang]{.b}.", "Sarah rang", "Sarah]{.a} rang"},
		{"escaped bracket", `P01: \[sic\] Sarah`, "Sarah", "Sarah"},
		{"class equal to text", "P01: [ab]{.a}a", "a", "a"},
		{"two spans touching", "P01: [x]{.a}[Sarah]{.b}", "Sarah", "Sarah"},
	}
	for _, tc := range tests {
		d, probs := ParseDocument("t.md", []byte(tc.raw))
		if d == nil || probs.HasErrors() {
			t.Fatalf("%s: parse: %v", tc.name, probs)
		}
		// Find the last occurrence: the tricky cases put the text late.
		start := lastIndex(d.Body, tc.text)
		if start < 0 {
			t.Fatalf("%s: %q not in body %q", tc.name, tc.text, d.Body)
		}
		a, b := d.RawOffset(start, false), d.RawOffset(start+len(tc.text), true)
		if got := tc.raw[a:b]; got != tc.want {
			t.Errorf("%s: raw[%d:%d] = %q, want %q", tc.name, a, b, got, tc.want)
		}
	}
}

func lastIndex(s, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestRawOffsetRoundTrip(t *testing.T) {
	raw := "P01: [I rang]{.x} \\[Sarah\\] and [[Jo]{.a} came]{.b}.\nP02: ok"
	d, _ := ParseDocument("t.md", []byte(raw))
	// Every Body byte is the raw byte at its start offset.
	for i := 0; i < len(d.Body); i++ {
		if r := d.RawOffset(i, false); raw[r] != d.Body[i] {
			t.Errorf("Body[%d] = %q but raw[%d] = %q", i, d.Body[i], r, raw[r])
		}
	}
	if got := d.RawOffset(len(d.Body), true); got != len(raw) {
		t.Errorf("end of body maps to %d, want %d", got, len(raw))
	}
}
