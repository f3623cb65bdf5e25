package coding

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/filestat"
	"github.com/residentinsight/insight/internal/parallel"
)

// CodingsDir is the study folder holding one JSON-lines file per coder.
const CodingsDir = "codings"

// Declaration is an optional first line of a coder's file naming the
// documents the coder worked on, {"documents": ["int-001", "int-002"]}, so
// that a document they read and found nothing to code in still counts as
// theirs when coders are compared (package agree). Without it, a coder
// worked on the documents they coded.
type Declaration struct {
	Coder     string
	File      string
	Line      int
	Documents []string
}

// File is one coder's codings file, read.
type File struct {
	Coder    string
	Declared *Declaration // nil when the file declares no documents
	Records  []Record
	// Hash is FileHash of the bytes read (LoadAllCached sets it), so the
	// personal-data scan keys the file without reading it again.
	Hash string
	// MemoLines, when LoadAllCached parsed the file rather than taking it
	// from its cache, is what MemoLines would keep of its bytes (only the
	// lines with a memo), so a scan that has no findings for the file
	// reads its memos without reading it again. nil otherwise.
	MemoLines []byte
}

// FileHash is the content hash of a coder's file that File.Hash holds.
func FileHash(data []byte) string { return cachekey.Of(data).Hex() }

// ParseRecords reads one coder's codings file. The coder's name is the file
// name without .jsonl. Every malformed line is reported with its line number
// and skipped; the rest are returned, so one bad line never hides a coder's
// other work.
func ParseRecords(file string, data []byte) ([]Record, diag.List) {
	f, probs := ParseFile(file, data)
	return f.Records, probs
}

// ParseFile reads one coder's codings file: the optional declaration of
// documents on its first non-blank line, then one coding per line.
func ParseFile(file string, data []byte) (File, diag.List) {
	return parseFile(file, data, nil)
}

// MemoRecords returns the records of a coder's file that have a memo, as
// ParseFile reads them, decoding only the lines that can hold one: the
// personal-data scan reads memos, and a dense coder's file holds hundreds
// of thousands of codings without. Problems are left to ParseFile.
func MemoRecords(file string, data []byte) []Record {
	f, _ := parseFile(file, data, mayHaveMemo)
	return slices.DeleteFunc(f.Records, func(r Record) bool { return r.Memo == "" })
}

// MemoLines returns a coder's file with every line that cannot hold a memo
// emptied, for a reader of memos to keep instead of the whole file: the
// lines keep their numbers and MemoRecords reads the same records from it.
// A file with a carriage return is returned as it is, since some readers
// count a lone one as a line break.
func MemoLines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') >= 0 {
		return data
	}
	var out []byte
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		out = append(out, data[:3]...)
		data = data[3:]
	}
	for line := range bytes.Lines(data) {
		if mayHaveMemo(line) {
			out = append(out, line...)
		} else if line[len(line)-1] == '\n' {
			out = append(out, '\n')
		}
	}
	return out
}

// mayHaveMemo reports whether a line can decode to a record with a memo:
// encoding/json matches the key "memo" in any case of its ASCII letters
// (no other letter folds to m, e or o), or spelled with \u escapes.
func mayHaveMemo(line []byte) bool {
	if bytes.IndexByte(line, '\\') >= 0 {
		return true
	}
	for i := 0; i+4 <= len(line); i++ {
		if line[i]|0x20 == 'm' && line[i+1]|0x20 == 'e' && line[i+2]|0x20 == 'm' && line[i+3]|0x20 == 'o' {
			return true
		}
	}
	return false
}

// parseFile is ParseFile decoding only the lines want accepts (nil: all).
func parseFile(file string, data []byte, want func([]byte) bool) (File, diag.List) {
	f := File{Coder: coderOf(file)}
	if want == nil {
		// One record a line: sized once, as a coder's file can hold a million.
		f.Records = make([]Record, 0, bytes.Count(data, []byte("\n"))+1)
	}
	var probs diag.List
	f.Declared, probs = parseLines(file, data, want, true, func(r Record) { f.Records = append(f.Records, r) })
	return f, probs
}

// parsePacked is pack(ParseFile(file, data)) without the records in
// between: a dense coder's file of half a million codings was decoded
// into records, then packed (issue 11: allocation, and so collection).
//
// It also returns memoLinesAt of the lines with a memo, for File.MemoLines.
func parsePacked(file string, data []byte) (packedFile, []byte, diag.List) {
	p := packedFile{Coder: coderOf(file), Recs: make([]packedRecord, 0, bytes.Count(data, []byte("\n"))+1)}
	var memoAt []int
	index := map[string]int32{}
	// The quotes are noted as they are (parts of data, or decoded) and
	// copied once, into a string of their exact length: written into room
	// for the whole file and copied again to let that room go, they cost
	// a dense cold build 0.45 s of copying into fresh pages (issue 11).
	quotes, size := make([]string, 0, cap(p.Recs)), 0
	declared, probs := parseLines(file, data, nil, false, func(r Record) {
		p.File = r.File
		if r.Memo != "" {
			memoAt = append(memoAt, r.Line)
		}
		quotes, size = append(quotes, r.Quote), size+len(r.Quote)
		p.Recs = append(p.Recs, packedRecord{Doc: p.str(index, r.Doc), Theme: p.str(index, r.Theme), Memo: p.str(index, r.Memo),
			Quote: len(r.Quote), Start: r.Start, End: r.End, Line: r.Line})
	})
	var all strings.Builder
	all.Grow(size)
	for _, q := range quotes {
		all.WriteString(q)
	}
	p.Declared, p.Probs, p.Quotes = declared, probs, all.String()
	return p, memoLinesAt(data, memoAt), probs
}

func coderOf(file string) string { return strings.TrimSuffix(path.Base(file), ".jsonl") }

// parseLines gives add each valid coding of a coder's file, of the lines
// want accepts (nil: all), and returns the file's declaration. Unless
// copyQuote, a record's Quote may be part of data: add must copy it.
func parseLines(file string, data []byte, want func([]byte) bool, copyQuote bool, add func(Record)) (*Declaration, diag.List) {
	var probs diag.List
	var declared *Declaration
	coder := coderOf(file)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := true
	n := 0
	// A coder's file repeats the same few document and theme ids (and
	// often memos) on every line: one copy of each, not one a line.
	in := interner{}
	for line := range bytes.Lines(data) {
		n++
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		wasFirst := first
		first = false
		if want != nil && !want(line) {
			continue
		}
		var r Record
		var err error
		if !decodeRecord(line, &r, in, copyQuote) {
			r, err = decodeJSON(line)
		}
		// Only a line with no coding fields can be a declaration: a coding
		// line is decoded once, not twice (a file can hold a million).
		if err == nil && r.Doc == "" && r.Theme == "" && r.Quote == "" {
			if docs, ok := declaration(line); ok {
				if !wasFirst {
					probs.Errorf(file, n, `a {"documents": [...]} declaration must be the file's first line; move it there`)
					continue
				}
				declared = &Declaration{Coder: coder, File: file, Line: n, Documents: docs}
				continue
			}
		}
		if err != nil {
			probs.Errorf(file, n, "not a JSON object (%v); each line must be one coding like {\"doc\": \"int-001\", \"theme\": \"duplication\", \"quote\": \"...\", \"start\": 0, \"end\": 10}", jsonReason(err))
			continue
		}
		var missing []string
		if r.Doc == "" {
			missing = append(missing, "doc")
		}
		if r.Theme == "" {
			missing = append(missing, "theme")
		}
		if r.Quote == "" {
			missing = append(missing, "quote")
		}
		if len(missing) > 0 {
			probs.Errorf(file, n, "coding has no %s; add it (quote is the exact coded text)", strings.Join(missing, ", "))
			continue
		}
		if r.Start < 0 || r.End < r.Start {
			// The hints are only hints: the quote is still anchored by search.
			probs.Warnf(file, n, "start %d and end %d are not a valid span; the quote will be searched for instead", r.Start, r.End)
			r.Start, r.End = 0, 0
		}
		r.Doc, r.Theme, r.Memo = in.of(r.Doc), in.of(r.Theme), in.of(r.Memo)
		r.Coder, r.File, r.Line = coder, file, n
		add(r)
	}
	return declared, probs
}

// decodeJSON is json.Unmarshal of a line into a Record: a variable of
// its own, since one whose address reaches encoding/json is on the heap.
func decodeJSON(line []byte) (Record, error) {
	r := new(Record)
	err := json.Unmarshal(line, r)
	return *r, err
}

// interner keeps one copy of each string it is given.
type interner map[string]string

func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}

// ofBytes is of(string(b)), copying b only when it is new.
func (in interner) ofBytes(b []byte) string {
	if v, ok := in[string(b)]; ok {
		return v
	}
	s := string(b)
	in[s] = s
	return s
}

// declaration reads a {"documents": [...]} line. A line that is not one
// (a coding, or not JSON) is left to the coding parser and its messages.
func declaration(line []byte) ([]string, bool) {
	var v struct {
		Documents *[]string `json:"documents"`
		Doc       string    `json:"doc"`
		Theme     string    `json:"theme"`
		Quote     string    `json:"quote"`
	}
	if json.Unmarshal(line, &v) != nil || v.Documents == nil || v.Doc != "" || v.Theme != "" || v.Quote != "" {
		return nil, false
	}
	return *v.Documents, true
}

// CheckDeclared reports declared documents the study does not have.
func CheckDeclared(st *corpus.Study, files []File) diag.List {
	var probs diag.List
	ids := map[string]bool{}
	for _, d := range st.Documents {
		ids[d.ID] = true
	}
	for _, f := range files {
		if f.Declared == nil {
			continue
		}
		for _, id := range f.Declared.Documents {
			if !ids[id] {
				probs.Errorf(f.Declared.File, f.Declared.Line, "declares document %q, which no transcript has; fix the id (document ids are the front matter id or the file name)", id)
			}
		}
	}
	return probs
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at column %d: %v", se.Offset, se)
	case errors.As(err, &te):
		return fmt.Sprintf("%q should be a %s, not a JSON %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// LoadRecords reads every codings/<coder>.jsonl file of a study, in name order.
func LoadRecords(fsys fs.FS, dir string) ([]Record, diag.List) {
	files, probs := LoadFiles(fsys, dir)
	recs := make([][]Record, len(files))
	for i, f := range files {
		recs[i] = f.Records
	}
	return slices.Concat(recs...), probs
}

// LoadFiles reads every codings/<coder>.jsonl file of a study, in name
// order, with their declarations.
func LoadFiles(fsys fs.FS, dir string) ([]File, diag.List) {
	return LoadFilesCached(fsys, dir, nil)
}

// FileCache keeps coders' files read, by name and bytes, between loads,
// so only a file that changed is parsed again (a coder's file can hold a
// million codings, and JSON is slow to read): in memory for a long-running
// process (`insight build --watch`), and in one file under .insight for
// the next command. The files it returns are shared between loads:
// callers must not change them.
type FileCache struct {
	file    string // "" keeps the cache in memory only
	salt    string // the program that parsed: a new one starts afresh
	files   map[cachekey.Sum]cachedFile
	changed bool
	// stats are the coders' files' stats when last read (filestat.go),
	// by the name loads report them under.
	stats        map[string]filestat.Stat
	statsChanged bool
}

type cachedFile struct {
	F     File
	Probs diag.List
	// packed is the file as the cache's file keeps it, read from that
	// file or packed once parsed: each load unpacks the study's records
	// from it, and F.Records is nil.
	packed *packedFile
}

// fileCacheVersion starts the cache file; bump it when packedFile changes.
const fileCacheVersion = "insight codings cache 5\n"

// OpenFileCache returns the cache kept in file. salt names the program,
// as for corpus.OpenParseCache; a file written by another, or damaged, is
// ignored: the cache costs time, never results.
func OpenFileCache(file, salt string) *FileCache {
	c := &FileCache{file: file, salt: salt, files: map[cachekey.Sum]cachedFile{}}
	c.readStats()
	f, err := os.Open(file)
	if err != nil {
		return c
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return c
	}
	files, err := readFileCache(bufio.NewReader(f), info.Size(), salt)
	if err != nil {
		return c
	}
	for k, p := range files {
		c.files[k] = cachedFile{F: File{Coder: p.Coder, Declared: p.Declared}, Probs: p.Probs, packed: p}
	}
	return c
}

// The cache's file is fileCacheVersion, the salt, the count of packs,
// then per pack its key, the length in bytes of its encoding but the
// records (appendPack), that encoding, the length of its records' rows
// (appendRows) and the rows. Each pack is read into a string of its own,
// which its records' strings are parts of: a coder's file changed in a
// long-running process frees its old pack, whatever the other coders'
// packs keep.

// readFileCache reads a cache's file of size bytes written for salt.
func readFileCache(r *bufio.Reader, size int64, salt string) (map[cachekey.Sum]*packedFile, error) {
	head := make([]byte, len(fileCacheVersion))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != fileCacheVersion {
		return nil, errBadPack
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n != uint64(len(salt)) {
		return nil, errBadPack
	}
	got := make([]byte, n)
	if _, err := io.ReadFull(r, got); err != nil || string(got) != salt {
		return nil, errBadPack
	}
	count, err := binary.ReadUvarint(r)
	if err != nil || count > uint64(size)/(cachekey.Size+1) {
		return nil, errBadPack
	}
	files := make(map[cachekey.Sum]*packedFile, count)
	var rows []byte
	for range count {
		var key cachekey.Sum
		if _, err := io.ReadFull(r, key[:]); err != nil {
			return nil, errBadPack
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > uint64(size) { // so damage never allocates more than the file
			return nil, errBadPack
		}
		var text strings.Builder
		text.Grow(int(n))
		if _, err := io.CopyN(&text, r, int64(n)); err != nil {
			return nil, errBadPack
		}
		if n, err = binary.ReadUvarint(r); err != nil || n > uint64(size) {
			return nil, errBadPack
		}
		rows = slices.Grow(rows[:0], int(n))[:n]
		if _, err := io.ReadFull(r, rows); err != nil {
			return nil, errBadPack
		}
		if files[key], err = decodePack(text.String(), rows); err != nil {
			return nil, err
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, errBadPack // more after the last pack
	}
	return files, nil
}

// Remove deletes the cache's file, keeping the cache in memory: for a
// study where a coding quotes words withheld for consent, which must not
// be copied anywhere insight writes. A later Save writes it again.
func (c *FileCache) Remove() error {
	if c.file == "" {
		return nil
	}
	c.changed = true
	if err := os.Remove(c.file); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Save writes the cache to its file when the last load changed it.
func (c *FileCache) Save() error {
	if c.statsChanged {
		// A failure to keep them costs the next load a read of every file.
		if err := c.writeStats(); err == nil {
			c.statsChanged = false
		}
	}
	if c.file == "" || !c.changed {
		return nil
	}
	err := atomicfile.Write(c.file, func(w io.Writer) error { return c.write(w) })
	if err == nil {
		c.changed = false
	}
	return err
}

// write writes the cache's file, its packs in key order so that the same
// cache gives the same bytes.
func (c *FileCache) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	b := binary.AppendUvarint([]byte(fileCacheVersion), uint64(len(c.salt)))
	b = binary.AppendUvarint(append(b, c.salt...), uint64(len(c.files)))
	if _, err := bw.Write(b); err != nil {
		return err
	}
	keys := slices.SortedFunc(maps.Keys(c.files), func(a, b cachekey.Sum) int { return bytes.Compare(a[:], b[:]) })
	var rows []byte
	for _, k := range keys {
		f := c.files[k]
		p := f.packed
		if p == nil {
			pk := pack(f)
			p = &pk
		}
		b = appendPack(b[:0], p)
		rows = appendRows(rows[:0], p)
		for _, part := range [][]byte{binary.AppendUvarint(k[:], uint64(len(b))), b, binary.AppendUvarint(nil, uint64(len(rows))), rows} {
			if _, err := bw.Write(part); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// LoadFilesCached is LoadFiles reading unchanged files from cache (nil
// for none). It keeps in cache the files of this load only.
func LoadFilesCached(fsys fs.FS, dir string, cache *FileCache) ([]File, diag.List) {
	files, _, probs := LoadAllCached(fsys, dir, cache)
	return files, probs
}

// LoadAllCached is LoadFilesCached that also returns every file's records
// in one slice, the one the files' records are parts of: a study's codings
// held once, not per file and again together (a dense study has a million).
func LoadAllCached(fsys fs.FS, dir string, cache *FileCache) ([]File, []Record, diag.List) {
	files, packed, probs := loadFiles(fsys, dir, cache)
	n := 0
	for i, f := range files {
		if packed[i] != nil {
			n += len(packed[i].Recs)
		} else {
			n += len(f.Records)
		}
	}
	recs := make([]Record, n)
	at := 0
	var chunks []unpackChunk
	for i, f := range files {
		k := len(f.Records)
		if packed[i] != nil {
			k = len(packed[i].Recs)
			chunks = packed[i].chunks(chunks, recs[at:at+k])
		} else {
			copy(recs[at:], f.Records)
		}
		files[i].Records = recs[at : at+k : at+k]
		at += k
	}
	// On every core: unpacked on one, a dense study's 1.2 million
	// records were a third of a second of every build's wall (issue 11).
	parallel.Each(len(chunks), func(i int) { chunks[i].unpack() })
	return files, recs, probs
}

// fileKey names a coder's file in the cache by its name and its bytes'
// hash, sum: by XXH3, not SHA-256, which took 0.1 s of a cold build hashing a dense
// study's 122 MB of codings.
func fileKey(name string, sum cachekey.Sum) cachekey.Sum {
	k := cachekey.New(name)
	k.Write(sum[:])
	return k.Sum()
}

// loadFiles reads the coders' files; a file from the cache's file is
// returned packed, its records left to the caller to unpack.
func loadFiles(fsys fs.FS, dir string, cache *FileCache) ([]File, []*packedFile, diag.List) {
	var probs diag.List
	var kept map[cachekey.Sum]cachedFile
	var stats *statRead
	if cache != nil {
		kept = map[cachekey.Sum]cachedFile{}
		stats = cache.statReader()
		defer func() {
			cache.changed = cache.changed || len(kept) != len(cache.files)
			cache.files = kept
			cache.statsChanged = cache.statsChanged || !maps.Equal(stats.kept, cache.stats)
			cache.stats = stats.kept
		}()
	}
	entries, err := fs.ReadDir(fsys, CodingsDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, nil
		}
		probs.Errorf(path.Join(dir, CodingsDir), 0, "cannot read the codings folder: %v", err)
		return nil, nil, probs
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var all []File
	var packed []*packedFile
	for _, e := range entries {
		if !isCodingsFile(e, dir, &probs) {
			continue
		}
		name := path.Join(CodingsDir, e.Name())
		display := path.Join(dir, name)
		data, sum, err := stats.read(fsys, name, display)
		if err != nil {
			probs.Errorf(display, 0, "cannot read: %v", err)
			continue
		}
		hash := sum.Hex()
		var key cachekey.Sum
		if cache != nil {
			key = fileKey(display, sum)
			if _, ok := cache.files[key]; !ok && data == nil { // trusted by its stat, but not in the cache
				if data, sum, err = stats.readAll(fsys, name, display, filestat.Stat{}, false); err != nil {
					probs.Errorf(display, 0, "cannot read: %v", err)
					continue
				}
				hash, key = sum.Hex(), fileKey(display, sum)
			}
			if c, ok := cache.files[key]; ok {
				kept[key] = c
				c.F.Hash = hash
				all = append(all, c.F)
				packed = append(packed, c.packed)
				probs.Add(c.Probs...)
				continue
			}
		}
		if cache != nil {
			// Packed as it is parsed and returned packed, as a file from
			// the cache's file is: the caller unpacks the study's records
			// from it. A dense study's codings were held parsed, copied
			// into the study's records and packed again to be saved
			// (issue 11).
			pk, memos, p := parsePacked(display, data)
			c := cachedFile{F: File{Coder: pk.Coder, Declared: pk.Declared, Hash: hash}, Probs: p, packed: &pk}
			kept[key] = c
			cache.changed = true
			f := c.F // the cache keeps no memo lines: only this load's caller needs them
			f.MemoLines = memos
			all = append(all, f)
			packed = append(packed, c.packed)
			probs.Add(p...)
			continue
		}
		f, p := ParseFile(display, data)
		f.Hash = hash
		all = append(all, f)
		packed = append(packed, nil)
		probs.Add(p...)
	}
	return all, packed, probs
}

// isCodingsFile reports whether a codings folder entry is a coder's file,
// warning about names that look meant to be one but cannot be.
func isCodingsFile(e fs.DirEntry, dir string, probs *diag.List) bool {
	display := path.Join(dir, CodingsDir, e.Name())
	switch {
	case !utf8.ValidString(e.Name()):
		// No fs.FS opens such a name; say which file, readably.
		q := strconv.Quote(e.Name())
		probs.Warnf(path.Join(dir, CodingsDir, q[1:len(q)-1]), 0, "ignored: its name is not valid UTF-8, so it cannot be read: rename it <coder>.jsonl")
		return false
	case e.Name() == ".jsonl":
		probs.Warnf(display, 0, "ignored: the file has no coder name: rename it <coder>.jsonl")
		return false
	case e.IsDir() || strings.HasPrefix(e.Name(), "."):
		return false
	case !strings.HasSuffix(e.Name(), ".jsonl"):
		probs.Warnf(display, 0, "ignored: codings files are named <coder>.jsonl")
		return false
	}
	return true
}

// LoadDeclarations reads only the declarations of the coders' files (the
// first non-blank line of each), for commands that need to know which
// documents a coder worked on without reading every coding. A file without
// one is left out.
func LoadDeclarations(fsys fs.FS) (map[string][]string, error) {
	entries, err := fs.ReadDir(fsys, CodingsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.HasSuffix(e.Name(), ".jsonl") || !utf8.ValidString(e.Name()) {
			continue // LoadFiles warns about a name that is not UTF-8
		}
		line, err := firstLine(fsys, path.Join(CodingsDir, e.Name()))
		if err != nil {
			return nil, err
		}
		if docs, ok := declaration(line); ok {
			out[strings.TrimSuffix(e.Name(), ".jsonl")] = docs
		}
	}
	return out, nil
}

func firstLine(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(bytes.TrimPrefix(sc.Bytes(), []byte("\xef\xbb\xbf")))
		if len(line) > 0 {
			return line, nil
		}
	}
	return nil, sc.Err()
}
