package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
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
	data, err := os.ReadFile(filepath.Join(out, markerFile))
	if err != nil {
		return nil, err
	}
	wrote, dirs := map[string]bool{markerFile: true}, map[string]bool{}
	_, list, hasManifest := strings.Cut(string(data), manifestHeader)
	if !hasManifest {
		dirs["themes"], dirs["transcripts"], dirs["messages"] = true, true, true
	}
	for _, l := range strings.Split(list, "\n") {
		if l == "" {
			continue
		}
		wrote[l] = true
		for d := path.Dir(l); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	var foreign []string
	err = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case e.IsDir() && dirs[rel]:
		case e.IsDir():
			foreign = append(foreign, rel+"/")
			return fs.SkipDir
		case wrote[rel], !hasManifest && e.Type().IsRegular() && legacySiteFile.MatchString(rel):
		default:
			foreign = append(foreign, rel)
		}
		return nil
	})
	return foreign, err
}

// listSome joins the first n of items, saying how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

// writeManifest lists in the marker file every file now in the staged
// site dir, so the next build knows what it may replace.
func writeManifest(dir string, marker *os.File) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); rel == markerFile {
			return nil
		}
		if strings.ContainsAny(rel, "\n\r") {
			return fmt.Errorf("site: %q: a file name with a line break cannot be listed in %s", rel, markerFile)
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	if _, err := marker.WriteString(manifestHeader + strings.Join(files, "\n") + "\n"); err != nil {
		return fmt.Errorf("site: writing %s: %w", markerFile, err)
	}
	return nil
}

// stagePrefix names the temporary folders a build of out stages in:
// ".<out>.tmp-<random>", and ".<out>.tmp-<random>.old" for an old site
// moved aside during the swap.
func stagePrefix(base string) string { return "." + base + ".tmp-" }

// markerText is the content of markerFile.
const markerText = "This folder was written by insight. The next build replaces it whole, unless it then holds files not listed here.\n"

// stage creates the temporary folder a build writes into, next to out so
// the final rename stays on one file system and is atomic. The folder gets
// its marker file at once, held locked until the caller closes it, so a
// later build can tell a folder left by a killed build from one in use; the
// caller adds the manifest to it (writeManifest) once the site is written.
func stage(out string) (tmp string, marker *os.File, err error) {
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
	return tmp, f, nil
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
