package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names, the page model or the markup html.go writes change, so
// stale pages and quotes are not reused.
const templateVersion = "site-3"

// keyer builds a cache key from the parts a page depends on.
type keyer struct {
	h   hash.Hash
	buf []byte
}

func newKeyer() *keyer {
	k := &keyer{h: sha256.New()}
	k.str(templateVersion)
	return k
}

// str adds length-prefixed parts, so ("ab","c") and ("a","bc") differ.
func (k *keyer) str(parts ...string) {
	for _, s := range parts {
		k.buf = strconv.AppendInt(k.buf[:0], int64(len(s)), 10)
		k.buf = append(k.buf, ':')
		k.buf = append(k.buf, s...)
		k.h.Write(k.buf)
	}
}

// num adds numbers, each as a part.
func (k *keyer) num(parts ...int) {
	for _, n := range parts {
		k.buf = append(k.buf[:0], '#')
		k.buf = strconv.AppendInt(k.buf, int64(n), 10)
		k.buf = append(k.buf, ';')
		k.h.Write(k.buf)
	}
}

func (k *keyer) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

// boolInt is 1 for true, for keys.
func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// store keeps rendered pages by key. With Options.CacheDir it is the cache
// and outlives the build; without, it is scratch space inside the staging
// folder. Pages are hard-linked from it into the site, so an unchanged page
// costs a link, not a render and a write.
type store struct{ dir string }

func (s store) path(name string) string { return filepath.Join(s.dir, name) }

// has reports whether an entry exists. Any problem is a miss: the cache is
// only ever an optimisation.
func (s store) has(name string) bool {
	fi, err := os.Stat(s.path(name))
	return err == nil && fi.Mode().IsRegular()
}

// put stores an entry, the concatenation of parts, through a temporary
// file and a rename, so a concurrent build or a crash never leaves a
// half-written entry.
func (s store) put(name string, parts ...[]byte) error {
	f, err := os.CreateTemp(s.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for _, p := range parts {
		if _, err = f.Write(p); err != nil {
			break
		}
	}
	if err == nil {
		err = f.Chmod(0o644) // entries become site files: readable by a web server
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), s.path(name))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// link puts entry name at dst: a hard link where the file system allows,
// else a copy. Entries are only ever replaced by rename, never rewritten in
// place, so a page linked into an old site never changes under it.
func (s store) link(name, dst string) error {
	src := s.path(name)
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return nil
}

var (
	cacheName = regexp.MustCompile(`^[0-9a-f]{64}\.html$`)
	tempName  = regexp.MustCompile(`^\.tmp-[0-9]+$`) // put's, before its rename
)

// abandoned reports whether e is a temporary file put left when a build was
// killed: a day old, so never one a running build is still writing.
func abandoned(e fs.DirEntry) bool {
	if !tempName.MatchString(e.Name()) {
		return false
	}
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > 24*time.Hour
}

// cachePrune removes the entries a build did not use. Pages hold transcript
// text, so a page rendered before a participant withdrew must not outlive
// the next build; it also keeps the cache the size of one site. Only files
// named like entries are touched, in case CacheDir points somewhere shared.
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
		if e.Type().IsRegular() && (cacheName.MatchString(name) && !keep[name] || abandoned(e)) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("site: cache: %w", err)
			}
		}
	}
	return nil
}
