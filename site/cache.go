package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names or the page model change, so stale pages are not reused.
const templateVersion = "site-1"

// keyer builds a cache key from the parts a page depends on.
type keyer struct{ h []byte }

func newKeyer() *keyer { return &keyer{h: []byte(templateVersion + "\x00")} }

// add appends length-prefixed parts, so ("ab","c") and ("a","bc") differ.
func (k *keyer) add(parts ...any) {
	for _, p := range parts {
		s := fmt.Sprint(p)
		k.h = fmt.Appendf(k.h, "%d:%s", len(s), s)
	}
}

func (k *keyer) sum() string {
	s := sha256.Sum256(k.h)
	return hex.EncodeToString(s[:])
}

func cachePath(dir, key string) string { return filepath.Join(dir, key+".html") }

// cacheGet returns a cached page. Any read problem is a miss: the cache is
// only ever an optimisation.
func cacheGet(dir, key string) ([]byte, bool) {
	data, err := os.ReadFile(cachePath(dir, key))
	return data, err == nil
}

// cachePut stores a page through a temporary file and a rename, so a
// concurrent build or a crash never leaves a half-written entry.
func cachePut(dir, key string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("site: cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("site: cache: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), cachePath(dir, key))
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("site: cache: %w", werr)
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
		if e.Type().IsRegular() && cacheName.MatchString(name) && !keep[strings.TrimSuffix(name, ".html")] {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("site: cache: %w", err)
			}
		}
	}
	return nil
}
