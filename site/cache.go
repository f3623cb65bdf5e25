package site

import (
	"bufio"
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
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names, the page model or the markup html.go writes change, so
// stale pages and quotes are not reused.
const templateVersion = "site-2"

// keyer builds a cache key from the parts a page depends on.
type keyer struct{ h hash.Hash }

func newKeyer() *keyer {
	k := &keyer{h: sha256.New()}
	k.add(templateVersion)
	return k
}

// add appends length-prefixed parts, so ("ab","c") and ("a","bc") differ.
func (k *keyer) add(parts ...any) {
	var buf [24]byte
	for _, p := range parts {
		var s string
		switch v := p.(type) {
		case string:
			s = v
		case int:
			s = string(strconv.AppendInt(buf[:0], int64(v), 10))
		case bool:
			s = strconv.FormatBool(v)
		default:
			s = fmt.Sprint(v)
		}
		io.WriteString(k.h, strconv.Itoa(len(s))+":")
		io.WriteString(k.h, s)
	}
}

func (k *keyer) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

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

// put stores an entry through a temporary file and a rename, so a
// concurrent build or a crash never leaves a half-written entry.
func (s store) put(name string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(s.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	if werr == nil {
		werr = f.Chmod(0o644) // entries become site files: readable by a web server
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), s.path(name))
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cache: %w", werr)
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

var cacheName = regexp.MustCompile(`^[0-9a-f]{64}\.html$`)

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
		if e.Type().IsRegular() && cacheName.MatchString(name) && !keep[name] {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("site: cache: %w", err)
			}
		}
	}
	return nil
}
