package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/residentinsight/insight/internal/paths"
)

// markerFile is written at the root of every site Build makes, listing the
// files the build wrote. Build only ever replaces a folder that is empty or
// has it and nothing else, so neither a slip like `-o .` nor a file saved
// into a built site is ever deleted.
const markerFile = ".insight-site"

// checkReplaceable reports whether out may be replaced by a new site: it
// does not exist, is empty, or is an insight site holding only the files
// its build wrote (see foreignFiles).
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
		foreign, err := foreignFiles(out)
		if err != nil {
			return fmt.Errorf("site: checking output folder: %w", err)
		}
		if len(foreign) > 0 {
			return fmt.Errorf("site: output folder %s is an insight site but holds %d files or folders the last build did not write, "+
				"so it was not replaced and nothing was deleted: %s; move them out of %s or choose another output folder",
				out, len(foreign), listSome(foreign, 20), out)
		}
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

// checkStudyOutside refuses an output folder that holds the study, however
// either is named (links resolved): replacing the site would delete it.
func checkStudyOutside(out, study string) error {
	if study == "" {
		return nil
	}
	realOut, err := paths.Resolve(out)
	if err != nil {
		return fmt.Errorf("site: output folder: %w", err)
	}
	realStudy, err := paths.Resolve(study)
	if err != nil {
		return fmt.Errorf("site: study folder: %w", err)
	}
	if paths.Inside(realOut, realStudy) {
		return fmt.Errorf("site: the study %s is inside the output folder %s, which a build replaces whole: choose an output folder outside the study", study, out)
	}
	return nil
}

// manifestHeader starts the marker file's list of the files its build
// wrote, one slash path a line, which is what the next build may delete.
const manifestHeader = "Files written by this build, the only ones the next build replaces:\n"

// legacySiteFile matches the files a build wrote before sites had a
// manifest, so such a site is replaced only if it holds nothing else.
var legacySiteFile = regexp.MustCompile(`^(index\.html|participants\.html|methods\.html|style\.css|(transcripts|themes|messages)/[^/]+\.html)$`)

// foreignFiles lists, as slash paths, what in site folder out its build did
// not write: files not in the marker's manifest, and folders holding none
// of its files (with a trailing slash; their contents are not listed).
func foreignFiles(out string) ([]string, error) {
	return walkSite(out, func(string) {})
}

// listSome joins the first n of items, saying how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

// incompleteText is in the marker while a build writes the site, and stays
// there if it is interrupted: the site is then a mix of two builds.
const incompleteText = "INCOMPLETE: a build is writing this site, or was interrupted; run insight build again.\n"

// openMarker creates out if need be and opens its marker file, locked for
// this build, so two builds never write one site at once.
func openMarker(out string) (*os.File, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("site: creating output folder: %w", err)
	}
	path := filepath.Join(out, markerFile)
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("site: %s is not a regular file: remove it or choose another output folder", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("site: another insight build is writing %s: wait for it to finish (%v)", out, err)
	}
	return f, nil
}

// writeMarker rewrites the marker: the files listed are the ones the next
// build may replace or delete, so while a build runs they are the old
// site's and the new one's together. It is written in place, keeping the
// lock; a crash midway leaves a list the next build refuses rather than
// one that lets it delete too much, since every file listed is insight's.
func writeMarker(f *os.File, incomplete bool, files []string) error {
	var b strings.Builder
	b.WriteString(markerText)
	if incomplete {
		b.WriteString(incompleteText)
	}
	b.WriteString(manifestHeader)
	for _, p := range files {
		if strings.ContainsAny(p, "\n\r") {
			return fmt.Errorf("site: %q: a file name with a line break cannot be listed in %s", p, markerFile)
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	err := f.Truncate(0)
	if err == nil {
		_, err = f.WriteAt([]byte(b.String()), 0)
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return fmt.Errorf("site: writing %s: %w", markerFile, err)
	}
	return nil
}

// markerText is the content of markerFile.
const markerText = "This folder was written by insight. The next build updates it in place, unless it then holds files not listed here.\n"

// staleName matches the staging folders stage makes: ".tmp-<random>",
// and ".tmp-<random>.old" for an old site moved aside during the swap.
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
