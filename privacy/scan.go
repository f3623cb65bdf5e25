package privacy

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/internal/parallel"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/themes"
)

// piiCacheVersion is part of every cache key: bump it whenever what a scan
// reports changes (the detector, or what is scanned), so no stale cache hides
// a finding. The build's VCS revision is added too; see piiVersion.
const piiCacheVersion = "pii-1"

// Finding is one stretch of a study file that looks like personal data.
type Finding struct {
	File   string    `json:"file"` // slash path relative to the study folder
	Line   int       `json:"line"`
	Col    int       `json:"col"` // 1-based, in characters
	Kind   anon.Kind `json:"kind"`
	Text   string    `json:"text"`
	Reason string    `json:"reason"`
}

// Report is what a scan for personal data found.
type Report struct {
	Name     string    // the study as the user named it, for messages
	Findings []Finding // not allowed by the reviewer; sorted by file, line, col
	Allowed  int       // findings anonymisation.yaml allows
	Files    int       // files scanned
	Detected int       // files the detector ran on: the rest came from the cache
	Problems diag.List // files that could not be scanned, a broken allowlist, an unwritable cache
}

// Detector finds personal data in text; *anon.Detector is one.
type Detector interface {
	Detect(text string) []anon.Finding
}

// Options tune a scan.
type Options struct {
	// NewDetector makes the study's detector; nil means anon.NewDetector.
	// Tests use it to count what the cache saves.
	NewDetector func(anon.Options) Detector
}

func (o Options) detector(cfg corpus.Config) Detector {
	v := cfg.Vocabulary
	opts := anon.Options{Allow: append(append(append([]string{}, v.Places...), v.Agencies...), v.Pseudonyms...)}
	if o.NewDetector != nil {
		return o.NewDetector(opts)
	}
	return anon.NewDetector(opts)
}

// piiFile is one file to scan and what is known about it.
type piiFile struct {
	rel  string
	key  string // cache key: hex sha256
	hash string // of the bytes alone: sha256, or sum's
	// sum, when set, hashes the bytes instead of SHA-256: a coder's file
	// by coding.FileHash, as build has it.
	sum func([]byte) string
	// known, when set, is hash as the bytes build read had it
	// (corpus.Document.Hash, coding.File.Hash), so a hit need not read
	// the file again.
	known string
	// given, when set with known, is what keep would make of the bytes
	// build read: a miss scans it instead of reading the file.
	given []byte
	data  []byte // kept only until scanned
	hit   *piiEntry
	// keep, when set, is what of data a miss keeps until it is scanned
	// (a coder's file: the lines that can hold a memo).
	keep func([]byte) []byte
}

// piiEntry is one cache file: the findings of one study file before the
// allowlist, and for a transcript what memos need to know about consent.
type piiEntry struct {
	Doc      string    `json:"doc,omitempty"`
	Withheld bool      `json:"withheld,omitempty"` // the whole document is withheld
	Partly   bool      `json:"partly,omitempty"`   // some turns are withheld
	Findings []Finding `json:"findings"`
}

// Scan finds likely personal data in everything of a study that can reach
// the site: transcripts (minus withdrawn participants' words, which are
// never scanned or printed), their front matter, speaker labels that are
// neither participants nor facilitators, codings memos, the codebook's
// guidance and examples, and the study's title and description. Findings
// are cached per file content in src.Cache, so an unchanged study
// is only read and hashed; the allowlist is applied after the cache.
//
// pre, when non-nil, is the study already read (by build), used instead of
// reading the transcripts that missed the cache.
func Scan(ctx context.Context, src Source, opts Options, pre *corpus.Study) (*Report, error) {
	sc := &scan{src: src, opts: opts, rep: &Report{Name: src.Name}, cache: openCache(src.Cache)}
	defer sc.cache.Abort() // unless saved below
	allow, ok := sc.readInputs()
	if !ok {
		return sc.rep, nil
	}
	docs, yamls, err := sc.hashFiles(ctx, pre)
	if err != nil {
		return nil, err
	}
	parsed, err := sc.detectTranscripts(ctx, docs, pre)
	if err != nil {
		return nil, err
	}
	if err := sc.hashMemos(ctx, docs); err != nil {
		return nil, err
	}
	if err := sc.parseForMemos(ctx, docs, parsed, pre); err != nil {
		return nil, err
	}
	others := append(yamls, sc.memos...)
	found := sc.collect(docs, others, parsed)
	sc.rep.Files = len(docs) + len(others)
	saveCache(src.Cache, sc.cache, &sc.rep.Problems)
	sc.applyAllowlist(found, allow)
	sc.rep.Problems.Sort()
	return sc.rep, nil
}

// scan is one run of Scan, stage by stage: read the inputs every key
// covers, hash every file against the cache, detect in what missed it,
// collect, then apply the reviewer's allowlist.
type scan struct {
	src      Source
	opts     Options
	rep      *Report
	cache    *packcache.Cache // findings by file content, from the last scan
	cfg      corpus.Config
	partData []byte
	baseSum  []byte
	det      Detector // made on first use: an all-cached scan never builds one
	memos    []*piiFile
}

// readInputs reads insight.yaml, participants.csv and the allowlist; false
// means nothing can be scanned (the problem is in the report).
func (sc *scan) readInputs() (*anon.Allowlist, bool) {
	fsys, name, rep := sc.src.FS, sc.src.Name, sc.rep
	cfgData, err := fs.ReadFile(fsys, "insight.yaml")
	if err != nil {
		rep.Problems.Errorf(joinName(name, "insight.yaml"), 0, "cannot be read, so nothing was scanned: %v", err)
		return nil, false
	}
	sc.cfg, _ = corpus.ParseConfig("insight.yaml", cfgData) // insight check reports its problems
	sc.partData, err = fs.ReadFile(fsys, "participants.csv")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		rep.Problems.Errorf(joinName(name, "participants.csv"), 0, "cannot be read: %v", err)
		return nil, false
	}
	allow, probs := LoadAllowlist(fsys, name)
	rep.Problems.Add(probs...)

	// Every key covers what decides a file's findings: the detector version,
	// insight.yaml (vocabulary, facilitators) and participants.csv (roles, consent).
	base := sha256.New()
	for _, part := range [][]byte{[]byte(piiVersion()), cfgData, sc.partData} {
		fmt.Fprintf(base, "%d:", len(part))
		base.Write(part)
	}
	sc.baseSum = base.Sum(nil)
	return allow, true
}

// hashFiles keys the transcripts and the study's YAML files and contacts
// against the cache. Codings files are keyed later, by hashMemos, once the
// transcripts' consent facts are known.
func (sc *scan) hashFiles(ctx context.Context, pre *corpus.Study) (docs, yamls []*piiFile, err error) {
	fsys, name, cache, probs := sc.src.FS, sc.src.Name, sc.cache, &sc.rep.Problems
	known := map[string]string{}
	if pre != nil {
		for _, d := range pre.Documents {
			known[d.Path] = d.Hash
		}
	}
	for _, rel := range listTranscripts(fsys, name, probs) {
		docs = append(docs, &piiFile{rel: rel, known: known[rel]})
	}
	if err := hashAll(ctx, fsys, cache, sc.baseSum, docs, probs); err != nil {
		return nil, nil, err
	}
	yamls = []*piiFile{{rel: "insight.yaml"}, {rel: themes.CodebookFile}, {rel: journey.ContactsFile}, {rel: messages.File}}
	if err := hashAll(ctx, fsys, cache, sc.baseSum, yamls, probs); err != nil {
		return nil, nil, err
	}
	return docs, yamls, nil
}

// hashMemos keys the codings files against the cache. Which memos are
// scanned depends on the transcripts only through consent (see memoUsable):
// each document's id, whether it is withheld or partly withheld, and, for
// a partly withheld one, its bytes (an edit can move a memo's quote into or
// out of a withdrawn turn). So the key covers those facts and not every
// transcript's bytes: editing a transcript nobody withdrew from leaves the
// memos' findings cached. participants.csv and insight.yaml are in the base.
func (sc *scan) hashMemos(ctx context.Context, docs []*piiFile) error {
	consent := sha256.New()
	for _, d := range docs {
		switch e := d.hit; {
		case e == nil:
			fmt.Fprintf(consent, "%s\x00-\x00", d.rel) // not scanned: memos on it count as on an unknown document
		case e.Partly:
			fmt.Fprintf(consent, "%s\x00%s\x00partly\x00%s\x00", d.rel, e.Doc, d.hash)
		default:
			fmt.Fprintf(consent, "%s\x00%s\x00%t\x00", d.rel, e.Doc, e.Withheld)
		}
	}
	var known map[string]CodingsFile
	if sc.src.Codings != nil {
		known = sc.src.Codings()
	}
	for _, rel := range codingsFiles(sc.src.FS) {
		k := known[rel]
		sc.memos = append(sc.memos, &piiFile{rel: rel, keep: coding.MemoLines, sum: coding.FileHash, known: k.Hash, given: k.MemoLines})
	}
	return hashAll(ctx, sc.src.FS, sc.cache, append(sc.baseSum, consent.Sum(nil)...), sc.memos, &sc.rep.Problems)
}
func (sc *scan) detector() Detector {
	if sc.det == nil {
		sc.det = newRepeats(sc.opts.detector(sc.cfg))
	}
	return sc.det
}

// detectTranscripts runs the detector on the transcripts that missed the
// cache, in parallel, and returns the documents it parsed by id.
func (sc *scan) detectTranscripts(ctx context.Context, docs []*piiFile, pre *corpus.Study) (map[string]*corpus.Document, error) {
	var missed []*piiFile
	want := map[string]bool{}
	for _, d := range docs {
		if d.hit == nil && d.data != nil {
			missed = append(missed, d)
			want[d.rel] = true
		}
	}
	parsed := map[string]*corpus.Document{} // by document id
	if len(missed) == 0 {
		return parsed, nil
	}
	byPath, err := sc.parse(ctx, want, parsed, pre)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	parallel.Each(len(missed), func(i int) {
		f := missed[i]
		if d := byPath[f.rel]; d != nil {
			mu.Lock()
			det := sc.detector()
			sc.rep.Detected++
			mu.Unlock()
			f.hit = transcriptEntry(det, d, f.data)
			f.data = nil // done with: freed as the scan goes
			writeEntry(sc.cache, f.key, f.hit)
		}
	})
	return parsed, nil
}

// parseForMemos adds to parsed the partly withheld transcripts not parsed
// yet, when a memo missed the cache: its scan needs their withheld turns.
func (sc *scan) parseForMemos(ctx context.Context, docs []*piiFile, parsed map[string]*corpus.Document, pre *corpus.Study) error {
	memoMiss := false
	for _, m := range sc.memos {
		memoMiss = memoMiss || m.hit == nil && m.data != nil
	}
	if !memoMiss {
		return nil
	}
	want := map[string]bool{}
	for _, d := range docs {
		if d.hit != nil && d.hit.Partly && parsed[d.hit.Doc] == nil {
			want[d.rel] = true
		}
	}
	if len(want) == 0 {
		return nil
	}
	_, err := sc.parse(ctx, want, parsed, pre)
	return err
}

// parse reads the transcripts in want (from pre, when build has read the
// study already), adds them to parsed by id and returns them by path.
func (sc *scan) parse(ctx context.Context, want map[string]bool, parsed map[string]*corpus.Document, pre *corpus.Study) (map[string]*corpus.Document, error) {
	st := pre
	if st == nil {
		var probs diag.List
		st, probs = corpus.Load(ctx, onlyFS{sc.src.FS, want}, sc.src.Name)
		for _, p := range probs.Errors() {
			if strings.HasPrefix(p.File, joinName(sc.src.Name, "transcripts/")) {
				sc.rep.Problems.Add(p) // why a transcript could not be scanned
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byPath := map[string]*corpus.Document{}
	for _, d := range st.Documents {
		if want[d.Path] {
			parsed[d.ID] = d
			byPath[d.Path] = d
		}
	}
	return byPath, nil
}

// collect gathers every file's findings, scanning the non-transcript files
// that missed the cache (they need the transcripts' consent information).
func (sc *scan) collect(docs, others []*piiFile, parsed map[string]*corpus.Document) []Finding {
	var found []Finding
	info := map[string]*piiEntry{}
	for _, d := range docs {
		d.data = nil
		if d.hit != nil {
			info[d.hit.Doc] = d.hit
			found = append(found, d.hit.Findings...)
		} else {
			sc.rep.Problems.Errorf(joinName(sc.src.Name, d.rel), 0, "could not be scanned for personal data: fix the problems insight check reports for it")
		}
	}
	for _, o := range others {
		if o.hit == nil && o.data != nil {
			if o.rel == journey.ContactsFile {
				o.hit = contactsEntry(sc.detector(), o, sc.partData)
			} else {
				o.hit = otherEntry(sc.detector(), o, info, parsed)
			}
			sc.rep.Detected++
			writeEntry(sc.cache, o.key, o.hit)
		}
		if o.hit != nil {
			found = append(found, o.hit.Findings...)
		}
	}
	return found
}

// applyAllowlist keeps the findings the reviewer has not allowed, in file,
// line and column order.
func (sc *scan) applyAllowlist(found []Finding, allow *anon.Allowlist) {
	rep := sc.rep
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
}

// piiVersion keys cached findings by this scan's version and the
// detector's, so a new detector never trusts old findings.
func piiVersion() string { return piiCacheVersion + " " + anon.Version }

// listTranscripts lists transcripts/ the way corpus.Load does: the files
// corpus.IsTranscript accepts, no dot files or folders, sorted. Load
// reports the rest.
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
		if !e.IsDir() && corpus.IsTranscript(p) {
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
		// A name that is not UTF-8 cannot be opened: LoadFiles warns and skips it.
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".jsonl") && !strings.HasPrefix(e.Name(), ".") && utf8.ValidString(e.Name()) {
			out = append(out, coding.CodingsDir+"/"+e.Name())
		}
	}
	return out
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
