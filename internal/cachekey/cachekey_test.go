package cachekey

import (
	"encoding/binary"
	"strings"
	"testing"
)

func TestKeySeparatesParts(t *testing.T) {
	key := func(add func(k *Key)) Sum {
		var k Key
		add(&k)
		return k.Sum()
	}
	tests := []struct {
		name string
		a, b func(k *Key)
		same bool
	}{
		{"split strings", func(k *Key) { k.Str("ab", "c") }, func(k *Key) { k.Str("a", "bc") }, false},
		{"same strings", func(k *Key) { k.Str("ab", "c") }, func(k *Key) { k.Str("ab", "c") }, true},
		{"split numbers", func(k *Key) { k.Num(12, 3) }, func(k *Key) { k.Num(1, 23) }, false},
		{"number or text", func(k *Key) { k.Num(12) }, func(k *Key) { k.Str("12") }, false},
		{"order", func(k *Key) { k.Num(1); k.Str("a") }, func(k *Key) { k.Str("a"); k.Num(1) }, false},
		{"same numbers", func(k *Key) { k.Num(-7, 0) }, func(k *Key) { k.Num(-7, 0) }, true},
		{"empty part", func(k *Key) { k.Str("a", "") }, func(k *Key) { k.Str("a") }, false},
	}
	for _, tt := range tests {
		if got := key(tt.a) == key(tt.b); got != tt.same {
			t.Errorf("%s: same key = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// TestWriteInPieces: content written in pieces of any size has the key
// of the whole, across the hasher's internal block edges.
func TestWriteInPieces(t *testing.T) {
	data := []byte(strings.Repeat("interview transcript text ", 400))
	for _, piece := range []int{1, 7, 64, 1000, 1024, 4096} {
		var k Key
		for rest := data; len(rest) > 0; {
			n := min(piece, len(rest))
			k.Write(rest[:n])
			rest = rest[n:]
		}
		if k.Sum() != Of(data) {
			t.Errorf("pieces of %d: key differs from Of", piece)
		}
	}
	if len(Of(nil).Hex()) != 2*Size {
		t.Errorf("hex key %q is not %d digits", Of(nil).Hex(), 2*Size)
	}
	if Of([]byte("a")) == Of([]byte("b")) {
		t.Error("different content, same key")
	}
}

// TestPartsEncoding pins a key to the hash of its parts' encoding, for
// parts of every size around the hasher's internal blocks: a key must
// depend on the parts and nothing else.
func TestPartsEncoding(t *testing.T) {
	for _, n := range []int{0, 1, 2, 100, 1021, 1024, 3*1024 + 17, 70000} {
		k := New("v1")
		var want []byte
		enc := func(s string) { want = append(binary.AppendUvarint(append(want, 's'), uint64(len(s))), s...) }
		num := func(v int) { want = binary.AppendVarint(append(want, 'n'), int64(v)) }
		enc("v1")
		for i := range n / 10 {
			s := strings.Repeat("x", i%23)
			k.Str(s)
			enc(s)
			k.Num(i, -i)
			num(i)
			num(-i)
		}
		big := strings.Repeat("y", n)
		k.Str(big)
		enc(big)
		if got, w := k.Hex(), Of(want).Hex(); got != w {
			t.Errorf("%d bytes: key %s, want %s", n, got, w)
		}
	}
}
