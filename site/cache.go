package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names, the page model or the markup html.go writes change, so
// stale pages and quotes are not reused.
const templateVersion = "site-5"

// keyer builds a cache key from the parts a page depends on.
type keyer struct {
	h hash.Hash
	// buf holds parts not yet hashed (sha256 costs per Write, and parts
	// are small); it never grows past keyerBuf and comes from keyerBufs:
	// growing a buffer per key was a tenth of a rebuild's allocations.
	buf    []byte
	pooled *[]byte
}

const keyerBuf = 8 << 10

var keyerBufs = sync.Pool{New: func() any { b := make([]byte, 0, keyerBuf); return &b }}

func newKeyer() *keyer {
	k := &keyer{h: sha256.New()}
	k.str(templateVersion)
	return k
}

// room makes room for n more bytes in the buffer, hashing what it holds
// when it is full; the bytes hashed, and so the key, are the same as
// hashing each part on its own.
func (k *keyer) room(n int) {
	if k.pooled == nil {
		k.pooled = keyerBufs.Get().(*[]byte)
		k.buf = (*k.pooled)[:0]
	}
	if cap(k.buf)-len(k.buf) < n {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
	}
}

// str adds length-prefixed parts, so ("ab","c") and ("a","bc") differ.
// Each part is tagged with its kind, so a string is never read as numbers
// or the other way round when a key's loops run different lengths.
// Lengths and numbers are varints, not decimal: formatting digits was a
// third of the keys' cost on a rebuild.
func (k *keyer) str(parts ...string) {
	for _, s := range parts {
		k.room(1 + binary.MaxVarintLen64)
		k.buf = append(k.buf, 's')
		k.buf = binary.AppendUvarint(k.buf, uint64(len(s)))
		for len(s) > 0 { // a long part goes through the buffer in pieces
			k.room(1)
			n := min(len(s), cap(k.buf)-len(k.buf))
			k.buf, s = append(k.buf, s[:n]...), s[n:]
		}
	}
}

// num adds numbers, each as a part.
func (k *keyer) num(parts ...int) {
	for _, n := range parts {
		k.room(1 + binary.MaxVarintLen64)
		k.buf = append(k.buf, 'n')
		k.buf = binary.AppendVarint(k.buf, int64(n))
	}
}

// sum returns the key; the buffer goes back to the pool (a keyer used
// after it takes another).
func (k *keyer) sum() string {
	k.h.Write(k.buf)
	if k.pooled != nil {
		*k.pooled = k.buf[:0]
		keyerBufs.Put(k.pooled)
		k.buf, k.pooled = nil, nil
	}
	return hex.EncodeToString(k.h.Sum(nil))
}

// boolInt is 1 for true, for keys.
func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// writeParts writes a page, the concatenation of parts, as a new file:
// whatever was at dst is removed first, so a link there (a hard link into
// a copy of the site, or a symbolic link put in its place) is replaced,
// never written through. It returns the new file's size and time.
func writeParts(dst string, parts ...[]byte) (os.FileInfo, error) {
	// Most files of a cold build are new: try to create before removing,
	// which saves a system call on each of thousands of files.
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		out, err = os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		if _, err = out.Write(p); err != nil {
			break
		}
	}
	var fi os.FileInfo
	if err == nil {
		fi, err = out.Stat()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return fi, err
}

var (
	// Old page-store entries (.html), the search's files (.js) and analyses
	// (.bin), and journeys.pack, where older builds kept case pages.
	cacheName = regexp.MustCompile(`^([0-9a-f]{64}\.(html|js|bin)(\.sha256)?|journeys\.pack)$`)
	tempName  = regexp.MustCompile(`^\.tmp-(state-)?[0-9]+$`) // an old build's, before its rename
)

// abandoned reports whether e is a temporary file an older build left when
// it was killed: a day old, so never one a running build is still writing.
func abandoned(e fs.DirEntry) bool {
	if !tempName.MatchString(e.Name()) {
		return false
	}
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > 24*time.Hour
}

// cachePrune removes the rendered pages older builds kept in the cache
// (the site itself is the cache now), except those in keep. Pages hold
// transcript text, so a page rendered before a participant withdrew must
// not outlive the next build. Only files named like entries are touched, in
// case CacheDir points somewhere shared.
func cachePrune(dir string, keep map[string]bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("site: cache: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.Type().IsRegular() && (cacheName.MatchString(name) && !keep[strings.TrimSuffix(name, ".sha256")] || abandoned(e)) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("site: cache: %w", err)
			}
		}
	}
	return nil
}
