// Package study ties the pipeline together for the commands: it opens a
// study folder (or the bundled example), reads and codes it, and hands the
// result to the index and the site. Each exported function is what one
// command does, so the CLI stays a thin layer of flags.
package study

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/privacy"
	"github.com/residentinsight/insight/query"
	"github.com/residentinsight/insight/site"
	"github.com/residentinsight/insight/themes"
)

// CodebookFile is the codebook's name in a study folder.
const CodebookFile = themes.CodebookFile

// Source says where a study is: a folder, or the bundled example.
type Source struct {
	Dir     string // the study folder; ignored when Example is set
	Example bool

	parsed  *corpus.ParseCache // kept between the rebuilds of a watch
	codings *coding.FileCache  // likewise
	merged  *coding.Memo       // likewise: each document's share of the coding
	site    *site.Memo         // likewise: what the site derives per document
	agreed  *agreeMemo         // likewise: the last agreement and what it came from
}

func (s Source) fs() (fs.FS, string) {
	if s.Example {
		return example.Study(), "example"
	}
	return openFolder(s.Dir), s.Dir
}

// cacheDir is the folder in STUDY/.insight for one stage's cache, or ""
// for the bundled example, which has nowhere to keep one.
func (s Source) cacheDir(stage string) string {
	if s.Example {
		return ""
	}
	return filepath.Join(s.Dir, CacheDir, stage)
}

// parseCache is the study's cache of parsed transcripts, or nil when it
// has none (the bundled example) or the program cannot name itself.
// A watch keeps its own, in memory, across rebuilds.
func (s Source) parseCache() *corpus.ParseCache {
	if s.parsed != nil {
		return s.parsed
	}
	id := programID()
	if s.Example || id == "" {
		return nil
	}
	return corpus.OpenParseCache(filepath.Join(s.cacheDir("corpus"), "parsed.bin"), id)
}

// codingsCache is the study's cache of coders' files read, or nil.
func (s Source) codingsCache() *coding.FileCache {
	if s.codings != nil {
		return s.codings
	}
	id := programID()
	if s.Example || id == "" {
		return nil
	}
	return coding.OpenFileCache(filepath.Join(s.cacheDir("codings"), "files.gob"), id)
}

// mergeMemo is the study's memo of each document's share of the coding,
// on disk between builds (a watch keeps its own, in memory), or nil.
func (s Source) mergeMemo() *coding.Memo {
	if s.merged != nil {
		return s.merged
	}
	id := programID()
	if s.Example || id == "" {
		return nil
	}
	return coding.OpenMemo(filepath.Join(s.cacheDir("coding"), "merged.pack"), id)
}

// Opened is a study read, coded and tabled.
type Opened struct {
	Source   Source
	FS       fs.FS
	Name     string // the folder as the user named it, or "example"
	Study    *corpus.Study
	Codebook *themes.Codebook
	Records  []coding.Record
	Files    []coding.File // the coders' files, with their declarations
	Coded    *coding.Coded
	Table    *query.Table
	Messages []messages.Message // messages.yaml, when the study has one
	Journeys *journey.Journeys  // contacts and costs; empty when the study has none
}

// Open reads everything in a study and codes it. Problems are collected from
// every file; Opened is nil only when the study cannot be read at all, or
// ctx ended while it was coded.
func Open(ctx context.Context, src Source) (*Opened, diag.List) {
	return open(ctx, src, nil)
}

// open is Open, calling read, when it is not nil, with the transcripts
// as soon as they are read: the rest of the study is not needed to scan
// them, and coding them keeps one core busy for a while. read is also
// given codings, which waits for the coders' files to be read and gives
// their hashes (coding.File.Hash) by path, so the scan need not read
// them again.
func open(ctx context.Context, src Source, read func(st *corpus.Study, codings func() map[string]privacy.CodingsFile)) (*Opened, diag.List) {
	fsys, name := src.fs()
	var probs diag.List
	// The codebook and the coders' files are read beside the
	// transcripts: none of them needs another to be read.
	codings := src.codingsCache()
	sideCh := make(chan side, 1)
	hashes, hashed := map[string]privacy.CodingsFile{}, make(chan struct{})
	go func() { sideCh <- readSide(fsys, name, codings, hashes, hashed) }()
	parsed := src.parseCache()
	st, p := corpus.LoadCached(ctx, fsys, name, parsed)
	probs.Add(p...)
	if st != nil && read != nil {
		read(st, func() map[string]privacy.CodingsFile { <-hashed; return hashes })
	}
	if parsed != nil {
		// Written while the study is coded: an edit only appends to it,
		// but now and then it is rewritten whole, tens of megabytes, and
		// nothing below reads it. Failing to keep the cache costs the
		// next load time, not results.
		saved := make(chan struct{})
		go func() { _ = parsed.Save(); close(saved) }()
		defer func() { <-saved }()
	}
	sd := <-sideCh
	cb, files, recs := sd.cb, sd.files, sd.recs
	probs.Add(sd.cbProbs...)
	if st == nil || cb == nil {
		probs.Sort()
		return nil, probs
	}
	jr, p := loadJourneys(fsys, name, src.contactsCache(), st, cb)
	probs.Add(p...)
	probs.Add(sd.recP...)
	if codings != nil {
		// Failing to keep the cache costs time, not results.
		if quotesWithheld(st, files) {
			_ = codings.Remove()
		} else {
			_ = codings.Save()
		}
	}
	probs.Add(coding.CheckDeclared(st, files)...)
	memo := src.mergeMemo()
	coded, p := coding.Merge(ctx, st, cb, recs, coding.Options{Auto: true, CacheDir: src.cacheDir("coding"), Memo: memo})
	probs.Add(p...)
	if ctx.Err() != nil { // the coding stopped part way: nothing to count
		memo.Abort()
		probs.Sort()
		return nil, probs
	}
	// Written while the study is tabled; failing to keep the memo costs
	// the next build time, not results.
	memoSaved := make(chan struct{})
	go func() { _ = memo.Save(); close(memoSaved) }()
	defer func() { <-memoSaved }()
	table := query.New(st, cb, coded)
	probs.Add(checkAttributes(name, st, table)...)
	msgs, p := messages.Load(fsys, name, st, cb)
	probs.Add(p...)
	probs.Sort()
	return &Opened{
		Source: src, FS: fsys, Name: name,
		Study: st, Codebook: cb, Records: recs, Files: files, Coded: coded, Table: table, Messages: msgs, Journeys: jr,
	}, probs
}

// side is what open reads beside the transcripts.
type side struct {
	cb            *themes.Codebook
	files         []coding.File
	recs          []coding.Record
	cbProbs, recP diag.List
}

// readSide reads the codebook and the coders' files, filling hashes with
// each coder's file hash and memo lines for the personal-data scan and
// closing hashed once it has.
func readSide(fsys fs.FS, name string, codings *coding.FileCache, hashes map[string]privacy.CodingsFile, hashed chan<- struct{}) side {
	var sd side
	sd.cb, sd.cbProbs = themes.Load(fsys, CodebookFile, joinName(name, CodebookFile))
	sd.files, sd.recs, sd.recP = coding.LoadAllCached(fsys, name, codings)
	for i, f := range sd.files {
		hashes[coding.CodingsDir+"/"+f.Coder+".jsonl"] = privacy.CodingsFile{Hash: f.Hash, MemoLines: f.MemoLines}
		sd.files[i].MemoLines = nil // the scan's alone, let go once it has them
	}
	close(hashed)
	return sd
}

// quotesWithheld reports whether any coding is in a document with words
// withheld for consent: its quote may be those words, so the coders'
// files are then not copied into the cache.
func quotesWithheld(st *corpus.Study, files []coding.File) bool {
	held := map[string]bool{}
	for _, d := range st.Documents {
		if d.HasWithheld() {
			held[d.ID] = true
		}
	}
	if len(held) == 0 {
		return false
	}
	for _, f := range files {
		for _, r := range f.Records {
			if held[r.Doc] {
				return true
			}
		}
	}
	return false
}

// checkAttributes makes sure every attribute insight.yaml asks to break
// counts down by exists, so the site never shows an empty breakdown.
func checkAttributes(name string, st *corpus.Study, t *query.Table) diag.List {
	var probs diag.List
	known := map[string]bool{}
	for _, a := range t.AllAttributes() {
		known[a] = true
	}
	for _, a := range st.Config.Attributes {
		if !known[a] {
			probs.Errorf(joinName(name, "insight.yaml"), 0,
				"attributes lists %q, which is neither a participants.csv column nor a front-matter key; known: %v", a, t.AllAttributes())
		}
	}
	return probs
}

func joinName(dir, file string) string {
	if dir == "" {
		return file
	}
	return dir + "/" + file
}

// ProblemsError is returned when a study has errors, so nothing was made.
type ProblemsError struct{ Problems diag.List }

func (e *ProblemsError) Error() string {
	return fmt.Sprintf("the study has %d errors; nothing was built (insight check lists them all):\n%v",
		len(e.Problems), e.Problems)
}

// IsProblems reports whether err is a ProblemsError.
func IsProblems(err error) bool {
	var pe *ProblemsError
	return errors.As(err, &pe)
}

// openClean opens a study and fails with a ProblemsError when it has errors.
func openClean(ctx context.Context, src Source) (*Opened, error) {
	return openCleanRead(ctx, src, nil)
}

// openCleanRead is openClean calling read as open does.
func openCleanRead(ctx context.Context, src Source, read func(*corpus.Study, func() map[string]privacy.CodingsFile)) (*Opened, error) {
	op, probs := open(ctx, src, read)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if op == nil || probs.HasErrors() {
		return nil, &ProblemsError{probs.Errors()}
	}
	return op, nil
}
