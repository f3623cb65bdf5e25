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
	"strings"
	"time"
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names, the page model or the markup html.go writes change, so
// stale pages and quotes are not reused.
const templateVersion = "site-5"

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

// store keeps rendered pages by key in Options.CacheDir, each beside the
// sha256 of its bytes (name + sumSuffix). A site gets its own copy of a
// page (a copy-on-write clone where the file system has one), never a hard
// link: editing one built site must not change the cache or another build.
// A store without a folder keeps nothing.
type store struct{ dir string }

// sumSuffix names the file holding an entry's content hash.
const sumSuffix = ".sha256"

func (s store) path(name string) string { return filepath.Join(s.dir, name) }

// put stores an entry, the concatenation of parts, and then its hash, each
// through a temporary file and a rename, so a concurrent build or a crash
// never leaves a half-written entry, and an entry without its hash is
// never used.
func (s store) put(name string, parts ...[]byte) error {
	if s.dir == "" {
		return nil
	}
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	if err := s.write(name, parts...); err != nil {
		return err
	}
	return s.write(name+sumSuffix, []byte(hex.EncodeToString(h.Sum(nil))+"\n"))
}

func (s store) write(name string, parts ...[]byte) error {
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
		err = f.Chmod(0o644)
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

// place puts entry name at dst if it is there and its bytes still have
// the hash stored with them, and reports whether it did. Anything else is
// a miss, for the caller to render again: the cache is only ever an
// optimisation.
func (s store) place(name, dst string) (bool, error) {
	if s.dir == "" {
		return false, nil
	}
	want, err := os.ReadFile(s.path(name + sumSuffix))
	if err != nil {
		return false, nil
	}
	in, err := os.Open(s.path(name))
	if err != nil {
		return false, nil
	}
	defer in.Close()
	h := sha256.New()
	if _, err := io.Copy(h, in); err != nil || hex.EncodeToString(h.Sum(nil)) != strings.TrimSpace(string(want)) {
		return false, nil
	}
	return true, copyFile(dst, in)
}

// copyFile writes the whole of src to a new file dst: a clone where the
// file system can, else a copy.
func copyFile(dst string, src *os.File) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if clone(out, src) != nil {
		_, err = src.Seek(0, io.SeekStart)
		if err == nil {
			_, err = io.Copy(out, src)
		}
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeParts writes a freshly rendered page, the concatenation of parts.
func writeParts(dst string, parts ...[]byte) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if _, err = out.Write(p); err != nil {
			break
		}
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

var (
	cacheName = regexp.MustCompile(`^[0-9a-f]{64}\.html(\.sha256)?$`)
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
		if e.Type().IsRegular() && (cacheName.MatchString(name) && !keep[strings.TrimSuffix(name, sumSuffix)] || abandoned(e)) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("site: cache: %w", err)
			}
		}
	}
	return nil
}
