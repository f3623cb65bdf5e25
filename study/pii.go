package study

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/messages"
	"gopkg.in/yaml.v3"
)

// AllowlistFile holds a study's reviewed exceptions to the anonymisation guard.
const AllowlistFile = "anonymisation.yaml"

// piiCacheVersion is part of every cache key: bump it whenever what a scan
// reports changes (the detector, or what is scanned), so no stale cache hides
// a finding. The build's VCS revision is added too; see piiVersion.
const piiCacheVersion = "pii-1"

// PIIFinding is one stretch of a study file that looks like personal data.
type PIIFinding struct {
	File   string    `json:"file"` // slash path relative to the study folder
	Line   int       `json:"line"`
	Col    int       `json:"col"` // 1-based, in characters
	Kind   anon.Kind `json:"kind"`
	Text   string    `json:"text"`
	Reason string    `json:"reason"`
}

// PIIReport is what a scan for personal data found.
type PIIReport struct {
	Name     string       // the study as the user named it, for messages
	Findings []PIIFinding // not allowed by the reviewer; sorted by file, line, col
	Allowed  int          // findings anonymisation.yaml allows
	Files    int          // files scanned
	Detected int          // files the detector ran on: the rest came from the cache
	Problems diag.List    // files that could not be scanned, a broken allowlist, an unwritable cache
}

// PIIDetector finds personal data in text; *anon.Detector is one.
type PIIDetector interface {
	Detect(text string) []anon.Finding
}

// PIIOptions tune a scan.
type PIIOptions struct {
	// NewDetector makes the study's detector; nil means anon.NewDetector.
	// Tests use it to count what the cache saves.
	NewDetector func(anon.Options) PIIDetector
}

func (o PIIOptions) detector(cfg corpus.Config) PIIDetector {
	v := cfg.Vocabulary
	opts := anon.Options{Allow: append(append(append([]string{}, v.Places...), v.Agencies...), v.Pseudonyms...)}
	if o.NewDetector != nil {
		return o.NewDetector(opts)
	}
	return anon.NewDetector(opts)
}

// ScanPII finds likely personal data in everything of a study that can reach
// the site: transcripts (minus withdrawn participants' words, which are
// never scanned or printed), their front matter, speaker labels that are
// neither participants nor facilitators, codings memos, the codebook's
// guidance and examples, and the study's title and description. Findings
// are cached per file content in STUDY/.insight/pii, so an unchanged study
// is only read and hashed; the allowlist is applied after the cache.
func ScanPII(ctx context.Context, src Source, opts PIIOptions) (*PIIReport, error) {
	return scanPII(ctx, src, opts, nil)
}

// piiFile is one file to scan and what is known about it.
type piiFile struct {
	rel  string
	key  string // cache key: hex sha256
	hash string // sha256 of the bytes alone
	data []byte // kept only until scanned
	hit  *piiEntry
}

// piiEntry is one cache file: the findings of one study file before the
// allowlist, and for a transcript what memos need to know about consent.
type piiEntry struct {
	Doc      string       `json:"doc,omitempty"`
	Withheld bool         `json:"withheld,omitempty"` // the whole document is withheld
	Partly   bool         `json:"partly,omitempty"`   // some turns are withheld
	Findings []PIIFinding `json:"findings"`
}

// scanPII is ScanPII; pre, when non-nil, is the study already read (by
// build), used instead of reading the transcripts that missed the cache.
func scanPII(ctx context.Context, src Source, opts PIIOptions, pre *corpus.Study) (*PIIReport, error) {
	fsys, name := src.fs()
	rep := &PIIReport{Name: name}
	cache := ""
	if !src.Example {
		cache = filepath.Join(src.Dir, CacheDir, "pii")
	}
	cfgData, err := fs.ReadFile(fsys, "insight.yaml")
	if err != nil {
		rep.Problems.Errorf(joinName(name, "insight.yaml"), 0, "cannot be read, so nothing was scanned: %v", err)
		return rep, nil
	}
	cfg, _ := corpus.ParseConfig("insight.yaml", cfgData) // insight check reports its problems
	partData, err := fs.ReadFile(fsys, "participants.csv")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		rep.Problems.Errorf(joinName(name, "participants.csv"), 0, "cannot be read: %v", err)
		return rep, nil
	}
	allow := loadAllowlist(fsys, name, &rep.Problems)

	// Every key covers what decides a file's findings: the detector version,
	// insight.yaml (vocabulary, facilitators) and participants.csv (roles, consent).
	base := sha256.New()
	for _, part := range [][]byte{[]byte(piiVersion()), cfgData, partData} {
		fmt.Fprintf(base, "%d:", len(part))
		base.Write(part)
	}
	baseSum := base.Sum(nil)

	transcripts := listTranscripts(fsys, name, &rep.Problems)
	docs := make([]*piiFile, len(transcripts))
	for i, rel := range transcripts {
		docs[i] = &piiFile{rel: rel}
	}
	if err := hashAll(ctx, fsys, cache, baseSum, docs, &rep.Problems); err != nil {
		return nil, err
	}
	// A transcript edit can move a memo's quote into or out of a withdrawn
	// turn, so memo keys cover every transcript too.
	all := sha256.New()
	for _, d := range docs {
		fmt.Fprintf(all, "%s\x00%s\x00", d.rel, d.hash)
	}
	yamls := []*piiFile{{rel: "insight.yaml"}, {rel: CodebookFile}, {rel: messages.File}}
	if err := hashAll(ctx, fsys, cache, baseSum, yamls, &rep.Problems); err != nil {
		return nil, err
	}
	var memos []*piiFile
	for _, rel := range codingsFiles(fsys) {
		memos = append(memos, &piiFile{rel: rel})
	}
	if err := hashAll(ctx, fsys, cache, append(baseSum, all.Sum(nil)...), memos, &rep.Problems); err != nil {
		return nil, err
	}
	others := append(yamls, memos...)

	var det PIIDetector
	detector := func() PIIDetector {
		if det == nil {
			det = opts.detector(cfg)
		}
		return det
	}
	var found []PIIFinding
	var missed []*piiFile
	for _, d := range docs {
		if d.hit == nil && d.data != nil {
			missed = append(missed, d)
		}
	}
	memoMiss := false
	for _, m := range memos {
		memoMiss = memoMiss || m.hit == nil && m.data != nil
	}
	parsed := map[string]*corpus.Document{} // by document id
	if len(missed) > 0 || memoMiss {
		want := map[string]bool{}
		for _, d := range missed {
			want[d.rel] = true
		}
		for _, d := range docs {
			if memoMiss && d.hit != nil && d.hit.Partly {
				want[d.rel] = true // memos on it need its withheld turns
			}
		}
		st := pre
		if st == nil {
			var probs diag.List
			st, probs = corpus.Load(ctx, onlyFS{fsys, want}, name)
			for _, p := range probs.Errors() {
				if strings.HasPrefix(p.File, joinName(name, "transcripts/")) {
					rep.Problems.Add(p) // why a transcript could not be scanned
				}
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, d := range st.Documents {
			if want[d.Path] {
				parsed[d.ID] = d
			}
		}
		byPath := map[string]*corpus.Document{}
		for _, d := range parsed {
			byPath[d.Path] = d
		}
		var mu sync.Mutex
		parallel(len(missed), func(i int) {
			f := missed[i]
			if d := byPath[f.rel]; d != nil {
				mu.Lock()
				det := detector()
				rep.Detected++
				mu.Unlock()
				f.hit = transcriptEntry(det, d, f.data)
				writeEntry(cache, f.key, f.hit)
			}
		})
	}
	info := map[string]*piiEntry{}
	for _, d := range docs {
		d.data = nil
		if d.hit != nil {
			info[d.hit.Doc] = d.hit
			found = append(found, d.hit.Findings...)
		} else {
			rep.Problems.Errorf(joinName(name, d.rel), 0, "could not be scanned for personal data: fix the problems insight check reports for it")
		}
	}
	for _, o := range others {
		if o.hit == nil && o.data != nil {
			o.hit = otherEntry(detector(), o, info, parsed)
			rep.Detected++
			writeEntry(cache, o.key, o.hit)
		}
		if o.hit != nil {
			found = append(found, o.hit.Findings...)
		}
	}
	rep.Files = len(docs) + len(others)
	if rep.Detected > 0 {
		pruneCache(cache, append(docs, others...), &rep.Problems)
	}

	for _, f := range found {
		if allow.Allows(f.File, f.Line, anon.Finding{Kind: f.Kind, Text: f.Text}) {
			rep.Allowed++
			continue
		}
		rep.Findings = append(rep.Findings, f)
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	rep.Problems.Sort()
	return rep, nil
}

// piiVersion keys cached findings by this scan's version and the
// detector's, so a new detector never trusts old findings.
func piiVersion() string { return piiCacheVersion + " " + anon.Version }

func loadAllowlist(fsys fs.FS, name string, probs *diag.List) *anon.Allowlist {
	data, err := fs.ReadFile(fsys, AllowlistFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		probs.Errorf(joinName(name, AllowlistFile), 0, "cannot be read: %v", err)
		return nil
	}
	a, p := anon.LoadAllowlist(joinName(name, AllowlistFile), data)
	probs.Add(p...)
	return a
}

// listTranscripts lists transcripts/ the way corpus.Load does: .md and .txt
// files, no dot files or folders, sorted. Load reports the rest.
func listTranscripts(fsys fs.FS, name string, probs *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, "transcripts", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if base := path.Base(p); strings.HasPrefix(base, ".") && p != "transcripts" {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ext := strings.ToLower(path.Ext(p)); !e.IsDir() && (ext == ".md" || ext == ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		probs.Errorf(joinName(name, "transcripts"), 0, "cannot be read, so no transcript was scanned: %v", err)
	}
	sort.Strings(files)
	return files
}

func codingsFiles(fsys fs.FS) []string {
	entries, _ := fs.ReadDir(fsys, coding.CodingsDir) // LoadRecords reports problems
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".jsonl") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, coding.CodingsDir+"/"+e.Name())
		}
	}
	return out
}

// hashAll reads and hashes files on all cores and loads their cache
// entries. Unreadable files are problems; a file that has gone is skipped.
func hashAll(ctx context.Context, fsys fs.FS, cache string, base []byte, files []*piiFile, probs *diag.List) error {
	var mu sync.Mutex
	parallel(len(files), func(i int) {
		if ctx.Err() != nil {
			return
		}
		f := files[i]
		data, err := fs.ReadFile(fsys, f.rel)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				mu.Lock()
				probs.Errorf(f.rel, 0, "cannot be read: %v", err)
				mu.Unlock()
			}
			return
		}
		sum := sha256.Sum256(data)
		f.hash = hex.EncodeToString(sum[:])
		k := sha256.New()
		k.Write(base)
		fmt.Fprintf(k, "%s\x00%s", f.rel, f.hash)
		f.key = hex.EncodeToString(k.Sum(nil))
		f.data = data
		f.hit = readEntry(cache, f.key)
	})
	return ctx.Err()
}

// parallel calls fn(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func readEntry(cache, key string) *piiEntry {
	if cache == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(cache, key+".json"))
	if err != nil {
		return nil
	}
	var e piiEntry
	if json.Unmarshal(data, &e) != nil {
		return nil // a damaged entry is a miss, rewritten below
	}
	return &e
}

// writeEntry stores an entry atomically (temp file + rename), so a reader
// never sees half of one. Failing to cache only costs time, so errors are
// reported once by pruneCache rather than here.
func writeEntry(cache, key string, e *piiEntry) {
	if cache == "" {
		return
	}
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	if os.MkdirAll(cache, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(cache, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(cache, key+".json")) != nil {
		os.Remove(tmp.Name())
	}
}

// pruneCache removes entries no file of the study has any more, so old
// findings do not pile up, and warns when the cache could not be written.
func pruneCache(cache string, files []*piiFile, probs *diag.List) {
	if cache == "" {
		return
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.key+".json"] = true
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		probs.Warnf(cache, 0, "cannot keep the personal-data cache here (%v); every check will scan the whole study", err)
		return
	}
	stored := 0
	for _, e := range entries {
		if keep[e.Name()] {
			stored++
		} else {
			os.Remove(filepath.Join(cache, e.Name()))
		}
	}
	if stored == 0 && len(files) > 0 {
		probs.Warnf(cache, 0, "cannot write the personal-data cache here; every check will scan the whole study")
	}
}

// onlyFS shows corpus.Load the study with only some transcripts, so a scan
// reads just the ones the cache missed, with the same roles and consent.
type onlyFS struct {
	fs.FS
	want map[string]bool
}

func (o onlyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.FS, name)
	if name != "transcripts" && !strings.HasPrefix(name, "transcripts/") {
		return entries, err
	}
	kept := entries[:0]
	for _, e := range entries {
		p := name + "/" + e.Name()
		if o.want[p] || e.IsDir() && o.wantsUnder(p) {
			kept = append(kept, e)
		}
	}
	return kept, err
}

func (o onlyFS) wantsUnder(dir string) bool {
	for p := range o.want {
		if strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}

// placed is a finding located in a file: Start and End are byte offsets in
// the file's text (line endings normalised), or -1 when the text could not
// be found there verbatim (a YAML value with escapes, say).
type placed struct {
	PIIFinding
	Start, End int
}

// bodyFinding is a finding in a transcript's Body; label repeats are the
// same speaker label met again, reported once but replaced everywhere.
type bodyFinding struct {
	anon.Finding
	labelRepeat bool
}

// scanDocument finds personal data in a parsed transcript: front matter
// values, unlisted speaker labels and the text of every turn that is not
// withheld. text is the file's text with line endings normalised.
func scanDocument(det PIIDetector, d *corpus.Document, text string) (header []placed, body []bodyFinding) {
	if d.Withheld {
		return nil, nil // nothing of it is shown, so nothing of it is printed
	}
	if d.BodyLine > 1 {
		if nl := strings.IndexByte(text, '\n'); nl >= 0 {
			fm := text[nl+1 : lineStart(text, d.BodyLine-1)]
			header = scanYAML(det, d.Path, text, 2, frontMatterKeys, fm)
		}
	}
	labels := map[string][]anon.Finding{}
	for _, t := range d.Turns {
		if t.Withheld {
			continue
		}
		if t.Role == corpus.RoleUnlisted {
			key := strings.ToLower(t.Speaker)
			fs, seen := labels[key]
			if !seen {
				fs = det.Detect(t.Speaker)
				labels[key] = fs
			}
			if at := strings.LastIndex(d.Body[:t.Start], t.Speaker); at >= 0 {
				for _, f := range fs {
					f.Start += at
					f.End += at
					body = append(body, bodyFinding{f, seen})
				}
			}
		}
		for _, f := range det.Detect(d.Body[t.Start:t.End]) {
			f.Start += t.Start
			f.End += t.Start
			body = append(body, bodyFinding{Finding: f})
		}
	}
	return header, body
}

// transcriptEntry scans a transcript and places its findings in the file.
func transcriptEntry(det PIIDetector, d *corpus.Document, data []byte) *piiEntry {
	text := normalise(data)
	header, body := scanDocument(det, d, text)
	e := &piiEntry{Doc: d.ID, Withheld: d.Withheld, Findings: []PIIFinding{}}
	for _, t := range d.Turns {
		e.Partly = e.Partly || t.Withheld && !d.Withheld
	}
	for _, h := range header {
		e.Findings = append(e.Findings, h.PIIFinding)
	}
	bodyStart := lineStart(text, d.BodyLine)
	for _, f := range body {
		if f.labelRepeat {
			continue
		}
		off := bodyStart + d.RawOffset(f.Start, false)
		line, col := lineCol(text, off)
		e.Findings = append(e.Findings, PIIFinding{File: d.Path, Line: line, Col: col, Kind: f.Kind, Text: f.Text, Reason: f.Reason})
	}
	return e
}

// otherEntry scans the codebook or one coder's memos.
func otherEntry(det PIIDetector, f *piiFile, docs map[string]*piiEntry, parsed map[string]*corpus.Document) *piiEntry {
	e := &piiEntry{Findings: []PIIFinding{}}
	if keys := yamlKeys[f.rel]; keys != nil {
		for _, p := range scanYAML(det, f.rel, normalise(f.data), 1, keys) {
			e.Findings = append(e.Findings, p.PIIFinding)
		}
		return e
	}
	for _, m := range scanMemos(det, f.rel, f.data, docs, parsed) {
		e.Findings = append(e.Findings, m.PIIFinding)
	}
	return e
}

// memoFinding is a finding in one record's memo, in memo offsets.
type memoFinding struct {
	PIIFinding
	finding anon.Finding
	line    int // record line in the codings file
}

// scanMemos finds personal data in a coder's memos. A memo on a withdrawn
// participant's words is skipped like the words: it may describe them, and
// it never reaches the site.
func scanMemos(det PIIDetector, rel string, data []byte, docs map[string]*piiEntry, parsed map[string]*corpus.Document) []memoFinding {
	recs, _ := coding.ParseRecords(rel, data) // insight check reports bad lines
	text := normalise(data)
	var out []memoFinding
	for _, r := range recs {
		if r.Memo == "" || !memoUsable(r, docs, parsed) {
			continue
		}
		from := lineStart(text, r.Line)
		for _, f := range det.Detect(r.Memo) {
			col := 1
			end := strings.IndexByte(text[from:], '\n')
			if end < 0 {
				end = len(text) - from
			}
			if i := strings.Index(text[from:from+end], f.Text); i >= 0 {
				col = utf8.RuneCountInString(text[from:from+i]) + 1
			}
			out = append(out, memoFinding{
				PIIFinding: PIIFinding{File: rel, Line: r.Line, Col: col, Kind: f.Kind, Text: f.Text, Reason: f.Reason},
				finding:    f, line: r.Line,
			})
		}
	}
	return out
}

func memoUsable(r coding.Record, docs map[string]*piiEntry, parsed map[string]*corpus.Document) bool {
	info := docs[r.Doc]
	switch {
	case info == nil:
		return true // an unknown document: insight check reports the record
	case info.Withheld:
		return false
	case !info.Partly:
		return true
	}
	d := parsed[r.Doc]
	if d == nil {
		return false // fail safe: cannot tell whether it is on withdrawn words
	}
	start, end, ok := coding.Anchor(d, r)
	if !ok {
		return false
	}
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return false
		}
	}
	return true
}

// Keys whose values are scanned in each YAML file.
var (
	configKeys      = func(key string, depth int) bool { return depth == 0 && (key == "title" || key == "description") }
	frontMatterKeys = func(key string, depth int) bool { return depth == 0 && key != "kind" }
	codebookKeys    = func(key string, _ int) bool {
		switch key {
		case "name", "description", "include", "exclude", "examples":
			return true
		}
		return false
	}
	// A message's pinned quotes are transcript words, scanned there (and
	// never when a withdrawn participant's); its title and statement are its own.
	messageKeys = func(key string, _ int) bool { return key == "title" || key == "statement" }
	yamlKeys    = map[string]func(string, int) bool{"insight.yaml": configKeys, CodebookFile: codebookKeys, messages.File: messageKeys}
)

// scanYAML finds personal data in the scalar values of a YAML file under
// the keys want accepts (at any depth of nested mappings and lists). text is
// the whole file; yml, if given, is the part of it that is YAML, starting on
// file line first. A file that is not YAML yields nothing: check reports it.
func scanYAML(det PIIDetector, rel, text string, first int, want func(key string, depth int) bool, yml ...string) []placed {
	src := text
	if len(yml) > 0 {
		src = yml[0]
	}
	var root yaml.Node
	if yaml.Unmarshal([]byte(src), &root) != nil {
		return nil
	}
	var out []placed
	walkYAML(&root, want, func(n *yaml.Node) {
		out = append(out, placeAll(text, rel, first-1+n.Line, n, det.Detect(n.Value))...)
	})
	return out
}

// walkYAML calls fn on each text scalar under the keys want accepts.
func walkYAML(root *yaml.Node, want func(key string, depth int) bool, fn func(n *yaml.Node)) {
	var walk func(n *yaml.Node, depth int, wanted bool)
	walk = func(n *yaml.Node, depth int, wanted bool) {
		switch n.Kind {
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, depth, wanted)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := strings.ToLower(n.Content[i].Value)
				walk(n.Content[i+1], depth+1, want(k, depth))
			}
		case yaml.ScalarNode:
			if wanted && n.Tag == "!!str" {
				fn(n)
			}
		}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		walk(root.Content[0], 0, false)
	}
}

// placeAll finds each finding of a YAML scalar in the file text, searching
// from the scalar's own line on; findings are in order, so each search
// starts after the previous one.
func placeAll(text, rel string, line int, n *yaml.Node, fs []anon.Finding) []placed {
	from := lineStart(text, line)
	if n.Column > 0 {
		from = min(len(text), from+n.Column-1)
	}
	// A scalar spans at most its own lines plus its block indicator's line.
	limit := len(text)
	if end := lineStart(text, line+strings.Count(n.Value, "\n")+2); end > from {
		limit = end
	}
	var out []placed
	for _, f := range fs {
		p := placed{PIIFinding: PIIFinding{File: rel, Line: line, Col: max(n.Column, 1), Kind: f.Kind, Text: f.Text, Reason: f.Reason}, Start: -1, End: -1}
		if i := strings.Index(text[from:limit], f.Text); i >= 0 {
			p.Start, p.End = from+i, from+i+len(f.Text)
			p.Line, p.Col = lineCol(text, p.Start)
			from = p.End
		}
		out = append(out, p)
	}
	return out
}

// normalise is a file's text as corpus reads it: no BOM, \n line endings.
func normalise(data []byte) string {
	s := strings.TrimPrefix(string(data), "\xEF\xBB\xBF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// lineStart returns the byte offset of 1-based line n of text (len(text)
// past the end).
func lineStart(text string, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// lineCol returns the 1-based line and character column of a byte offset.
func lineCol(text string, off int) (int, int) {
	off = min(max(off, 0), len(text))
	ls := strings.LastIndexByte(text[:off], '\n') + 1
	return strings.Count(text[:ls], "\n") + 1, utf8.RuneCountInString(text[ls:off]) + 1
}

// WritePII prints a report as text (file:line:col  kind  text, then a
// summary and how to allow a finding) or as a JSON list of findings.
func WritePII(w io.Writer, rep *PIIReport, format string) error {
	display := func(rel string) string {
		if rep.Name == "." || rep.Name == "" {
			return rel
		}
		return joinName(strings.TrimSuffix(rep.Name, "/"), rel)
	}
	switch format {
	case "json":
		out := make([]PIIFinding, len(rep.Findings))
		for i, f := range rep.Findings {
			f.File = display(f.File)
			out[i] = f
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case "text", "":
	default:
		return fmt.Errorf("unknown --format %q; use text or json", format)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(w, p.String())
	}
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "%s:%d:%d  %s  %s\n", display(f.File), f.Line, f.Col, f.Kind, oneLine(f.Text))
	}
	if len(rep.Findings) == 0 {
		_, err := fmt.Fprintf(w, "No unreviewed personal data in %d files (%d findings allowed by %s).\n", rep.Files, rep.Allowed, AllowlistFile)
		return err
	}
	fmt.Fprintf(w, "%d possible personal-data findings not reviewed in %d files (%d allowed by %s).\n",
		len(rep.Findings), rep.Files, rep.Allowed, AllowlistFile)
	_, err := fmt.Fprintf(w, "Replace each in its file (or run insight pseudonymise); if one is not personal data, add it under allow: in %s, e.g.  %s\n",
		display(AllowlistFile), AllowEntryYAML(rep.Findings[0]))
	return err
}

// AllowEntryYAML is a one-line anonymisation.yaml entry that allows f, to
// paste under allow:.
func AllowEntryYAML(f PIIFinding) string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // JSON strings are YAML strings
	return fmt.Sprintf("- {text: %s, file: %s, line: %d, kind: %s, note: \"why this is not personal data\"}", q(f.Text), q(f.File), f.Line, f.Kind)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// PIIError is returned by Build while unreviewed findings remain.
type PIIError struct{ Report *PIIReport }

// maxListed bounds the findings a refused build lists.
const maxListed = 50

func (e *PIIError) Error() string {
	var b strings.Builder
	fs := e.Report.Findings
	fmt.Fprintf(&b, "%d possible personal-data findings are not reviewed, so no site was written:", len(fs))
	for i, f := range fs {
		if i == maxListed {
			fmt.Fprintf(&b, "\nand %d more; run insight check --pii", len(fs)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n%s:%d:%d  %s  %s", joinName(e.Report.Name, f.File), f.Line, f.Col, f.Kind, oneLine(f.Text))
	}
	fmt.Fprintf(&b, "\nreplace or allow each (insight check --pii says how), or build anyway with --accept-pii-risk")
	return b.String()
}

// IsPII reports whether err is a PIIError.
func IsPII(err error) bool {
	var pe *PIIError
	return errors.As(err, &pe)
}

// CheckPII scans a study and prints the report in format (text or json).
// With json, stdout gets only the findings and problems go to stderr.
func CheckPII(ctx context.Context, src Source, stdout, stderr io.Writer, format string, opts PIIOptions) (*PIIReport, error) {
	if format != "text" && format != "json" && format != "" {
		return nil, fmt.Errorf("unknown --format %q; use text or json", format)
	}
	rep, err := ScanPII(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if format == "json" {
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, p.String())
		}
	}
	return rep, WritePII(stdout, rep, format)
}
