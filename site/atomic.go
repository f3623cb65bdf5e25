package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// markerFile is written at the root of every site Build makes. Build only
// ever replaces a folder that has it (or is empty), so a slip like `-o .`
// cannot delete a user's own files.
const markerFile = ".insight-site"

// checkReplaceable reports whether out may be replaced by a new site.
func checkReplaceable(out string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("site: checking output folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("site: output %s is a file, not a folder: choose another output path or remove the file", out)
	}
	if _, err := os.Stat(filepath.Join(out, markerFile)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("site: checking output folder: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("site: output folder %s is not empty and was not made by insight (no %s file): "+
			"refusing to replace it; choose a new or empty folder, or remove it yourself if it really is an old site", out, markerFile)
	}
	return nil
}

// stagePrefix names the temporary folders a build of out stages in:
// ".<out>.tmp-<random>", and ".<out>.tmp-<random>.old" for an old site
// moved aside during the swap.
func stagePrefix(base string) string { return "." + base + ".tmp-" }

// markerText is the content of markerFile.
const markerText = "This folder was written by insight and is replaced whole on every build.\n"

// stage creates the temporary folder a build writes into, next to out so
// the final rename stays on one file system and is atomic. The folder gets
// its marker file at once, held locked until release is called, so a later
// build can tell a folder left by a killed build from one in use.
func stage(out string) (tmp string, release func(), err error) {
	parent, base := filepath.Split(filepath.Clean(out))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", nil, fmt.Errorf("site: creating parent of output folder: %w", err)
	}
	removeStale(parent, base)
	tmp, err = os.MkdirTemp(parent, stagePrefix(base))
	if err != nil {
		return "", nil, fmt.Errorf("site: creating temporary folder next to %s: %w", out, err)
	}
	// MkdirTemp makes it private; a site is meant to be served and shared.
	err = os.Chmod(tmp, 0o755)
	var f *os.File
	if err == nil {
		f, err = os.OpenFile(filepath.Join(tmp, markerFile), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err == nil {
		if _, err = f.WriteString(markerText); err == nil {
			err = lockFile(f)
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("site: %w", err)
	}
	return tmp, func() { f.Close() }, nil
}

// staleName matches the staging folders stage makes (see stagePrefix).
var staleName = regexp.MustCompile(`^\.tmp-[0-9]+(\.old)?$`)

// removeStale deletes staging folders of out that a killed build left in
// parent: only folders named as stage names them, holding a marker file
// that no running build has locked. Failures are ignored: a leftover folder
// wastes space but breaks nothing.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := "." + base
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) || !staleName.MatchString(name[len(prefix):]) {
			continue
		}
		dir := filepath.Join(parent, name)
		f, err := os.OpenFile(filepath.Join(dir, markerFile), os.O_RDWR, 0)
		if err != nil {
			continue // not ours, or not a build's: leave it
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && staleLock(f, fi) {
			os.RemoveAll(dir)
		}
		f.Close()
	}
}

// replace swaps the finished tmp folder in as out. If out exists it is moved
// aside first and removed only once the new site is in place; if the swap
// fails the old site is put back.
func replace(tmp, out string) error {
	if err := checkReplaceable(out); err != nil { // again: out may have changed during the build
		return err
	}
	old := tmp + ".old"
	_, err := os.Stat(out)
	hadOld := err == nil
	if hadOld {
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("site: moving old site aside: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if hadOld {
			if rerr := os.Rename(old, out); rerr != nil {
				return fmt.Errorf("site: installing new site: %w (and restoring the old one failed: %v; it is at %s)", err, rerr, old)
			}
		}
		return fmt.Errorf("site: installing new site: %w", err)
	}
	if hadOld {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("site: new site is in place but removing the old one at %s failed: %w", old, err)
		}
	}
	return nil
}
