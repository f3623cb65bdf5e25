package search

import (
	"encoding/binary"
	"slices"
	"testing"
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
		enc := EncodePostings(tt.segs, tt.n)
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
