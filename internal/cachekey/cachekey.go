// Package cachekey makes the keys insight's caches file entries under: a
// 128-bit XXH3 hash of what an entry was made from. A key only has to
// tell inputs apart, not resist forgery: whoever can write a study's
// files to collide two keys can already put anything in its site, so a
// cryptographic hash (SHA-256 was a tenth of a one-edit rebuild) buys
// nothing here. Checksums that guard files against damage are not keys.
package cachekey

import (
	"encoding/binary"
	"encoding/hex"

	"github.com/zeebo/xxh3"
)

// Version names the hash and the encoding of parts; a cache whose own
// version names it never reads keys an older hash made.
const Version = "xxh3-128"

// Size is the length of a key in bytes.
const Size = 16

// Sum is a key.
type Sum [Size]byte

// Hex is the key as 32 hexadecimal digits.
func (s Sum) Hex() string { return hex.EncodeToString(s[:]) }

// Of is the key of data.
func Of(data []byte) Sum { return xxh3.Hash128(data).Bytes() }

// Key builds a key from parts. Each part is tagged with its kind and
// strings carry their length, so ("ab","c") and ("a","bc") differ and a
// string is never read as numbers. The zero Key is ready to use.
type Key struct {
	h xxh3.Hasher
	// buf gathers small parts before they reach h: a call into the
	// hasher per part of a few bytes was half of hashing the keys.
	buf [bufSize]byte
	n   int
}

const bufSize = 512

// New returns a key begun with parts.
func New(parts ...string) *Key {
	k := new(Key)
	k.Str(parts...)
	return k
}

// Str adds strings, each as a part.
func (k *Key) Str(parts ...string) {
	for _, s := range parts {
		k.room(1 + binary.MaxVarintLen64)
		k.buf[k.n] = 's'
		k.n += 1 + binary.PutUvarint(k.buf[k.n+1:], uint64(len(s)))
		k.add(s)
	}
}

// Num adds numbers, each as a part.
func (k *Key) Num(parts ...int) {
	for _, v := range parts {
		k.room(1 + binary.MaxVarintLen64)
		k.buf[k.n] = 'n'
		k.n += 1 + binary.PutVarint(k.buf[k.n+1:], int64(v))
	}
}

// Write adds bytes as they are, not as a part: for a key of content
// that comes in pieces, where Of would need them joined, or is encoded
// straight into the key (an io.Writer; it never fails).
func (k *Key) Write(p []byte) (int, error) {
	if len(p) <= bufSize-k.n {
		k.n += copy(k.buf[k.n:], p)
	} else {
		k.flush()
		k.h.Write(p)
	}
	return len(p), nil
}

// add adds bytes: through the buffer when they fit, else straight on.
func (k *Key) add(s string) {
	if len(s) <= bufSize-k.n {
		k.n += copy(k.buf[k.n:], s)
		return
	}
	k.flush()
	k.h.WriteString(s)
}

// room makes room for n bytes in the buffer.
func (k *Key) room(n int) {
	if bufSize-k.n < n {
		k.flush()
	}
}

func (k *Key) flush() {
	k.h.Write(k.buf[:k.n])
	k.n = 0
}

// Sum returns the key of the parts added so far.
func (k *Key) Sum() Sum {
	k.flush()
	return k.h.Sum128().Bytes()
}

// Hex is Sum as 32 hexadecimal digits.
func (k *Key) Hex() string { return k.Sum().Hex() }
