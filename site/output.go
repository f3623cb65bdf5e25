package site

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
)

// output is the site folder a build updates in place. It knows what the
// last build left there (its manifest, and from the cache the key, hash,
// size and time of each file) and records what this build produces, so a
// page whose inputs are unchanged is neither rendered nor written, and a
// page rendered again is written only when its bytes differ.
type output struct {
	dir   string
	state string               // the state file in the cache; "" keeps none
	owned map[string]bool      // files the last build wrote, by slash path
	old   map[string]fileState // what the state file says of them
	mu    sync.Mutex
	now   map[string]fileState
	wrote int // files written by this build
}

// fileState is what a build records of one file it produced.
type fileState struct {
	key   string // of everything the page shows; "" for a page always rendered
	sum   string // cachekey of its bytes
	size  int64
	mtime int64 // in nanoseconds, so a file changed since is noticed
	// For a transcript page: its document's quote key and the key of
	// what that is worked out from (builder.quoteMemoKey).
	quoteMemo, quoteKey string
}

func newOutput(dir, cacheDir string, owned []string) *output {
	o := &output{dir: dir, owned: map[string]bool{}, old: map[string]fileState{}, now: map[string]fileState{}}
	for _, f := range owned {
		o.owned[f] = true
	}
	if cacheDir != "" {
		// One state file per output folder: two sites built from one study
		// share nothing.
		sum := sha256.Sum256([]byte(dir))
		o.state = filepath.Join(cacheDir, "site-"+hex.EncodeToString(sum[:8])+".state")
		o.readState()
	}
	return o
}

// stateHeader starts a state file; a file without it is ignored.
const stateHeader = "insight site state 2 " + templateVersion + "\n"

// readState reads the state of the files the last build wrote. Anything
// unreadable is forgotten: the page is then rendered, never trusted.
func (o *output) readState() {
	f, err := os.Open(o.state)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() || sc.Text()+"\n" != stateHeader {
		return
	}
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 7 || !o.owned[parts[0]] {
			continue
		}
		size, err1 := strconv.ParseInt(parts[3], 10, 64)
		mtime, err2 := strconv.ParseInt(parts[4], 10, 64)
		if err1 == nil && err2 == nil {
			o.old[parts[0]] = fileState{key: parts[1], sum: parts[2], size: size, mtime: mtime, quoteMemo: parts[5], quoteKey: parts[6]}
		}
	}
}

// writeState saves what this build produced, through a temporary file and
// a rename so a crash never leaves half of it.
func (o *output) writeState() error {
	if o.state == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString(stateHeader)
	for _, p := range o.paths() {
		s := o.now[p]
		fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", p, s.key, s.sum, s.size, s.mtime, s.quoteMemo, s.quoteKey)
	}
	if err := atomicfile.WriteBytes(o.state, []byte(b.String())); err != nil {
		return fmt.Errorf("site: cache: %w", err)
	}
	return nil
}

// paths lists the files this build produced, sorted.
func (o *output) paths() []string {
	ps := make([]string, 0, len(o.now))
	for p := range o.now {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

func (o *output) rel(dst string) string {
	r, err := filepath.Rel(o.dir, dst)
	if err != nil {
		return filepath.ToSlash(dst)
	}
	return filepath.ToSlash(r)
}

// unchanged reports whether the file at rel is still as the last build
// left it with state s: it is there with the same size and time.
func (o *output) unchanged(rel string, s fileState) bool {
	fi, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == s.size && fi.ModTime().UnixNano() == s.mtime
}

// keep reports whether the page at dst, whose inputs have the given key,
// can stay as the last build wrote it; if so it is recorded as produced.
func (o *output) keep(dst, key string) bool {
	rel := o.rel(dst)
	s, ok := o.old[rel]
	if !ok || key == "" || s.key != key || !o.unchanged(rel, s) {
		return false
	}
	o.mu.Lock()
	o.now[rel] = s
	o.mu.Unlock()
	return true
}

// put records the page at dst, the concatenation of parts, writing it
// only when the file there does not already hold these bytes.
func (o *output) put(dst, key string, parts ...[]byte) error {
	rel := o.rel(dst)
	var h cachekey.Key
	for _, p := range parts {
		h.Write(p)
	}
	s := fileState{key: key, sum: h.Hex()}
	if old, ok := o.old[rel]; ok && old.sum == s.sum && o.unchanged(rel, old) {
		s.size, s.mtime = old.size, old.mtime
	} else {
		fi, err := writeParts(dst, parts...)
		if err != nil {
			return err
		}
		s.size, s.mtime = fi.Size(), fi.ModTime().UnixNano()
		o.mu.Lock()
		o.wrote++
		o.mu.Unlock()
	}
	o.mu.Lock()
	o.now[rel] = s
	o.mu.Unlock()
	return nil
}

// lastQuoteKey returns the quote key the last build noted for the
// transcript page at dst, if it was worked out from the same memo key.
// The page itself may have changed since: the key is of its inputs.
func (o *output) lastQuoteKey(dst, memo string) (string, bool) {
	s, ok := o.old[o.rel(dst)]
	if !ok || s.quoteMemo == "" || s.quoteMemo != memo {
		return "", false
	}
	return s.quoteKey, true
}

// noteQuoteKey records, with the transcript page at dst, its document's
// quote key and memo key, for the next build's lastQuoteKey.
func (o *output) noteQuoteKey(dst, memo, key string) {
	rel := o.rel(dst)
	o.mu.Lock()
	defer o.mu.Unlock()
	if s, ok := o.now[rel]; ok {
		s.quoteMemo, s.quoteKey = memo, key
		o.now[rel] = s
	}
}

// removeStale deletes the files the last build wrote that this one did
// not produce, then the folders they leave empty. It never touches a file
// the last build did not write.
func (o *output) removeStale() error {
	dirs := map[string]bool{}
	for p := range o.owned {
		if _, ok := o.now[p]; ok || p == markerFile {
			continue
		}
		if err := os.Remove(filepath.Join(o.dir, filepath.FromSlash(p))); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("site: removing %s, which this build no longer makes: %w", p, err)
		}
		for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first; a folder still holding anything stays.
	ds := make([]string, 0, len(dirs))
	for d := range dirs {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	for i := len(ds) - 1; i >= 0; i-- {
		d := filepath.Join(o.dir, filepath.FromSlash(ds[i]))
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			os.Remove(d)
		}
	}
	return nil
}

// ownedFiles lists, as slash paths, the files in site folder out that its
// last build wrote: those its marker lists, or for a site from before
// manifests, those named as builds named files then.
func ownedFiles(out string) ([]string, error) {
	var owned []string
	_, err := walkSite(out, func(rel string) { owned = append(owned, rel) })
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	return owned, nil
}

// walkSite walks site folder out, calling mine for each file its last
// build wrote, and returns what it did not write (see foreignFiles).
func walkSite(out string, mine func(rel string)) ([]string, error) {
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
		for d := path.Dir(l); d != "." && d != "/"; d = path.Dir(d) {
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
			if rel != markerFile {
				mine(rel)
			}
		default:
			foreign = append(foreign, rel)
		}
		return nil
	})
	return foreign, err
}

// UpToDate reports whether the site in out is complete and exactly as the
// last build that kept its state in cacheDir left it: every file that build
// wrote is there with the size and time it had, and nothing else is. A
// caller that knows its inputs are unchanged too can then skip the build.
func UpToDate(out, cacheDir string) bool {
	out, err := filepath.Abs(out)
	if err != nil || cacheDir == "" {
		return false
	}
	data, err := os.ReadFile(filepath.Join(out, markerFile))
	if err != nil || strings.Contains(string(data), incompleteText) {
		return false
	}
	var owned []string
	foreign, err := walkSite(out, func(rel string) { owned = append(owned, rel) })
	if err != nil || len(foreign) > 0 || len(owned) == 0 {
		return false
	}
	o := newOutput(out, cacheDir, owned)
	if len(o.old) != len(owned) {
		return false
	}
	for rel, s := range o.old {
		if !o.unchanged(rel, s) {
			return false
		}
	}
	return true
}
