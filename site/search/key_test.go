package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// TestKeyBuffersSameBytes: the key hashes exactly the parts' encoding,
// however long the parts and wherever the buffer fills.
func TestKeyBuffersSameBytes(t *testing.T) {
	for _, n := range []int{0, 1, keyBuf - 5, keyBuf, 2*keyBuf + 7} {
		k := newKey("v1")
		want := sha256.New()
		fmt.Fprintf(want, "%d:%s", 2, "v1")
		for i := range n / 50 {
			s := strings.Repeat("x", i%31)
			k.str(s)
			fmt.Fprintf(want, "%d:%s", len(s), s)
			k.num(i, -i)
			fmt.Fprintf(want, "%d;%d;", i, -i)
		}
		big := strings.Repeat("y", n)
		k.str(big)
		fmt.Fprintf(want, "%d:%s", n, big)
		if got, w := k.sum(), hex.EncodeToString(want.Sum(nil)); got != w {
			t.Errorf("%d bytes: key %s, want %s", n, got, w)
		}
	}
}
