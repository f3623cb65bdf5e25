package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/residentinsight/insight/internal/cachekey"
)

// templateVersion is part of every cache key: bump it whenever templates,
// CSS class names, the page model or the markup html.go writes change, so
// stale pages and quotes are not reused.
const templateVersion = "site-6-" + cachekey.Version

// keyer builds a cache key from the parts a page depends on: a
// cachekey.Key begun with templateVersion.
type keyer struct{ k cachekey.Key }

func newKeyer() *keyer {
	k := new(keyer)
	k.str(templateVersion)
	return k
}

// str adds strings, each as a part (see cachekey.Key).
func (k *keyer) str(parts ...string) { k.k.Str(parts...) }

// num adds numbers, each as a part.
func (k *keyer) num(parts ...int) { k.k.Num(parts...) }

// sum returns the key, as hexadecimal.
func (k *keyer) sum() string { return k.k.Hex() }

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
