package corpus

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/filestat"
)

// ParseCache keeps parsed transcripts between loads, keyed by the file's
// bytes and name, so a rebuild after one edit parses one transcript and
// reads the rest from the cache. Parsing depends on nothing else: roles,
// consent and everything that reads participants.csv or insight.yaml are
// worked out after, on every load. A transcript in which anyone's words
// are withheld for consent is never kept: a withdrawn participant's words
// appear nowhere insight writes, caches included. The cache is one packed file (creating
// a file per transcript costs more than it saves), to which an edit
// appends, and lives in memory between loads too, for `insight build
// --watch`.
//
// A ParseCache is safe for the concurrent lookups of one load; loads
// themselves must not overlap.
type ParseCache struct {
	file string // "" keeps the cache in memory only
	salt string // the program that parsed: a new one starts afresh

	mu      sync.Mutex
	entries map[cachekey.Sum]string // key -> encoded document and problems
	used    map[cachekey.Sum]bool
	keyOf   map[*Document]cachekey.Sum // this load's documents
	changed bool                       // the entries differ from the file's
	// What the file holds: the keys of its entries, live or not, their
	// payload bytes, and its size when last read or written. An edit
	// appends its entries; the file is rewritten whole when dead entries
	// are a third of it, when one must leave it for consent, or when it
	// was damaged.
	onDisk    map[cachekey.Sum]bool
	fileBytes int
	fileSize  int64
	damaged   bool
	// Who had withdrawn when the file was written whole, and at the last
	// load (consentKey): when they differ the file is rewritten, so an
	// entry no load uses any more (a file since edited) cannot keep the
	// words of someone who withdrew after it was written.
	fileConsent, consent cachekey.Sum
	hits                 int

	// Set by KeepParsed, for a watch: each entry's document as decoded
	// once, handed out as copies, and the file written only when a
	// withheld document leaves it or on Flush.
	kept   map[cachekey.Sum]keptParse
	purged bool // an entry the file holds was forgotten for consent
	// stats holds per file its size and times when last read and the key
	// of the bytes read then (filestat.go): a watch already trusts them to
	// see edits (studyStamp), and reading and hashing every transcript
	// again was a tenth of a rebuild.
	stats        map[string]filestat.Stat
	statsChanged bool      // since the stats file was read or written
	loadStart    time.Time // of this load, for noteKey
	deferIO      bool
}

// knownKey returns the key of a file whose size and times are those it
// had when last read: for a watch, the times this process saw; from the
// stats file, only those settled before their load began (internal/filestat).
func (c *ParseCache) knownKey(file string, info fs.FileInfo) (cachekey.Sum, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.stats[file]
	if !ok || !st.Matches(filestat.Of(info, c.loadStart)) || c.kept == nil && !st.Settled() {
		return cachekey.Sum{}, false
	}
	return st.Sum, true
}

// noteKey records the key of a file's bytes with the size and times it
// had before they were read.
func (c *ParseCache) noteKey(file string, info fs.FileInfo, key cachekey.Sum) {
	c.mu.Lock()
	st := filestat.Of(info, c.loadStart)
	st.Sum = key
	c.stats[file] = st
	c.statsChanged = true
	c.mu.Unlock()
}

// tracksStats reports whether loads trust files' stats: a watch's, or
// one kept in a file, whose stats are kept beside it.
func (c *ParseCache) tracksStats() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.kept != nil || c.file != ""
}

// keptParse is a decoded entry: a document as parsing left it (nil when
// the file is not one) and its problems, naming the file display.
type keptParse struct {
	doc     *Document
	probs   diag.List
	display string
}

// KeepParsed makes the cache keep decoded documents in memory between
// loads, as a watch does: decoding every transcript again on each
// rebuild was a sixth of it. The file is then written only when a
// document withheld for consent must leave it, and by Flush.
func (c *ParseCache) KeepParsed() {
	c.mu.Lock()
	c.kept, c.deferIO, c.stats = map[cachekey.Sum]keptParse{}, true, map[string]filestat.Stat{}
	c.mu.Unlock()
}

// Flush writes the file now if it differs from the entries, for the end
// of a watch.
func (c *ParseCache) Flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.write()
}

// parseCacheMagic starts the packed file; bump it when the encoding changes.
const parseCacheMagic = "insight parse cache 5 " + cachekey.Version + "\n"

// OpenParseCache returns the cache kept in file (none yet is fine, and
// "" keeps it in memory only). salt names the program doing the parsing,
// such as its path, size and time, so that a changed parser never serves
// what an older one made; a file written with another salt is ignored.
// A damaged file is ignored too: the cache costs time, never results.
func OpenParseCache(file, salt string) *ParseCache {
	c := &ParseCache{file: file, salt: salt, entries: map[cachekey.Sum]string{}, used: map[cachekey.Sum]bool{}, keyOf: map[*Document]cachekey.Sum{}, onDisk: map[cachekey.Sum]bool{}, stats: map[string]filestat.Stat{}}
	if file == "" {
		return c
	}
	c.readStats()
	data, err := os.ReadFile(file)
	if err != nil {
		return c
	}
	// The bytes are read once and never changed: the entries share them
	// rather than a copy of tens of megabytes.
	pk, ok := readPack(unsafe.String(unsafe.SliceData(data), len(data)), salt)
	if !ok {
		return c
	}
	c.entries, c.fileBytes, c.damaged, c.fileSize = pk.entries, pk.bytes, pk.torn, int64(len(data))
	c.fileConsent, c.consent = pk.consent, pk.consent
	for k := range c.entries {
		c.onDisk[k] = true
	}
	return c
}

// The packed file is a whole part, written at once through a rename, then
// the batches that later saves appended, each of its entries, new since,
// and a checksum: an append cut short by a crash, or damaged, fails it and
// is ignored with everything after it, never misread.
//
//	whole:  magic, salt, consent key, count, entries
//	batch:  batchMark, body length (8 bytes), body (entries), checksum of mark+length+body
//	entry:  cachekey.Sum, length-prefixed payload
const batchMark = "+batch\n"

// pack is what readPack found in a file.
type pack struct {
	entries map[cachekey.Sum]string
	consent cachekey.Sum
	bytes   int  // the entries' payload bytes in the file, live or not
	torn    bool // a batch was cut short or damaged: rewrite before appending
}

// readPack reads the packed file: the whole part, then the appended batches.
func readPack(s, salt string) (pack, bool) {
	r := &decoder{s: s}
	if r.raw(len(parseCacheMagic)) != parseCacheMagic || r.str() != salt {
		return pack{}, false
	}
	consent := r.raw(cachekey.Size)
	n := r.num()
	if r.bad || n < 0 || n > len(s) {
		return pack{}, false
	}
	pk := pack{entries: make(map[cachekey.Sum]string, n), consent: cachekey.Sum([]byte(consent))}
	if !readEntries(r, n, &pk) {
		return pack{}, false
	}
	for r.pos < len(s) {
		body, ok := readBatch(r, salt)
		if !ok {
			pk.torn = true
			break
		}
		if !readEntries(&decoder{s: body}, -1, &pk) {
			pk.torn = true // checksummed yet unreadable: another writer's bytes
			break
		}
	}
	return pk, true
}

// readEntries reads n entries, or to the end of r when n is -1, into pk;
// a later entry of a key replaces the earlier.
func readEntries(r *decoder, n int, pk *pack) bool {
	for i := 0; n < 0 && r.pos < len(r.s) || i < n; i++ {
		k := r.raw(cachekey.Size)
		p := r.str()
		if r.bad {
			return false
		}
		pk.entries[cachekey.Sum([]byte(k))] = p
		pk.bytes += len(p)
	}
	return true
}

// readBatch returns the body of the batch at r, checked against its
// checksum; ok is false for a batch cut short or damaged.
func readBatch(r *decoder, salt string) (string, bool) {
	start := r.pos
	if r.raw(len(batchMark)) != batchMark {
		return "", false
	}
	head := r.raw(8)
	if r.bad {
		return "", false
	}
	n := binary.LittleEndian.Uint64([]byte(head))
	if n > uint64(len(r.s)-r.pos) {
		return "", false
	}
	body := r.raw(int(n))
	sum := r.raw(cachekey.Size)
	if r.bad || batchSum(salt, r.s[start:r.pos-cachekey.Size]) != cachekey.Sum([]byte(sum)) {
		return "", false
	}
	return body, true
}

// batchSum is a batch's checksum. It covers the salt, so a batch appended
// to a file another program rewrote in between is ignored, not misread.
func batchSum(salt, batch string) cachekey.Sum {
	k := cachekey.New(salt)
	k.Str(batch)
	return k.Sum()
}

// parseKey names one parse: the file's path in the study (it is the
// document's default id) and its bytes. The folder as the user named it,
// which messages show, is not in it, so `insight build study` and
// `insight build /abs/study` share the cache; get puts it in the problems.
func parseKey(file string, data []byte) cachekey.Sum {
	k := cachekey.New(file)
	k.Write(data)
	return k.Sum()
}

// get returns the cached parse of key, a document of its own (nil when
// the file could not be read as a document) and its problems, which name
// the file as display.
func (c *ParseCache) get(key cachekey.Sum, display string) (*Document, diag.List, bool) {
	c.mu.Lock()
	p, ok := c.entries[key]
	if ok {
		c.used[key] = true
		c.hits++
	}
	k, isKept := c.kept[key]
	c.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	var d *Document
	var probs diag.List
	if isKept && k.display == display {
		d, probs = k.doc.clone(), slices.Clone(k.probs)
	} else {
		d, probs, ok = decodeParse(p, display)
	}
	c.mu.Lock()
	if ok && d != nil {
		c.keyOf[d] = key
	} else if !ok { // cannot happen unless the file was damaged: parse afresh
		delete(c.entries, key)
		delete(c.used, key)
		c.damaged = true
	}
	if ok && c.kept != nil && !isKept {
		c.kept[key] = keptParse{d.clone(), slices.Clone(probs), display}
	}
	c.mu.Unlock()
	return d, probs, ok
}

// put records a parse of the file messages call display. d must be as
// parsing left it: Load's later changes (roles, consent, segment numbers)
// depend on other files.
func (c *ParseCache) put(key cachekey.Sum, display string, d *Document, probs diag.List) {
	p := encodeParse(display, d, probs)
	c.mu.Lock()
	c.entries[key] = p
	c.used[key] = true
	if d != nil {
		c.keyOf[d] = key
	}
	if c.kept != nil {
		c.kept[key] = keptParse{d.clone(), slices.Clone(probs), display}
	}
	c.changed = true
	c.mu.Unlock()
}

// forget drops a document of this load from the cache: one with words
// withheld for consent, which must not be kept anywhere insight writes.
// It is parsed afresh on every load, which costs little: few are.
func (c *ParseCache) forget(d *Document) {
	c.mu.Lock()
	if key, ok := c.keyOf[d]; ok {
		if _, had := c.entries[key]; had {
			delete(c.entries, key)
			c.changed = true
			c.purged = c.purged || c.onDisk[key]
		}
		delete(c.used, key)
		delete(c.kept, key)
	}
	c.mu.Unlock()
}

// Hits says how many documents the last load took from the cache.
func (c *ParseCache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// startLoad forgets which entries the last load used, and notes who has
// withdrawn in st, whose participants and settings are read.
func (c *ParseCache) startLoad(st *Study) {
	consent := consentKey(st)
	c.mu.Lock()
	c.used, c.keyOf, c.hits = map[cachekey.Sum]bool{}, map[*Document]cachekey.Sum{}, 0
	c.loadStart = time.Now()
	if consent != c.consent {
		c.consent, c.changed = consent, true
	}
	c.mu.Unlock()
}

// consentKey names what decides whose words are withheld: the
// facilitators and each participant's id and consent.
func consentKey(st *Study) cachekey.Sum {
	k := cachekey.New(st.Config.Facilitators...)
	k.Num(len(st.Config.Facilitators))
	for _, p := range st.Participants {
		k.Str(p.ID)
		if p.Withdrawn {
			k.Num(1)
		} else {
			k.Num(0)
		}
	}
	return k.Sum()
}

// Save drops the entries the last load did not use (files since edited or
// removed) and, when anything changed, brings the packed file up to date:
// an edit appends its new entries, and the file is rewritten whole only
// now and then, or at once when a document withheld for consent must
// leave it.
func (c *ParseCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
			delete(c.kept, k)
			c.changed = true
		}
	}
	for f, st := range c.stats { // files removed, edited, or withheld
		if _, ok := c.entries[st.Sum]; !ok {
			delete(c.stats, f)
			c.statsChanged = true
		}
	}
	if c.deferIO && !c.purged && (c.fileSize == 0 || c.consent == c.fileConsent) {
		return nil // Flush writes it
	}
	err := c.write()
	if c.kept == nil && c.statsChanged {
		// Written after the pack: a stat naming a key the pack lacks
		// costs a read, never a wrong parse (entries are by content).
		if serr := c.writeStats(); serr == nil {
			c.statsChanged = false
		} else if err == nil {
			err = serr
		}
	}
	return err
}

// write brings the file up to date with the entries, appending the new
// ones or, when rewriteWhole says so, writing it whole; c.mu is held.
func (c *ParseCache) write() error {
	if c.file == "" || !c.changed && !c.damaged {
		return nil
	}
	live := 0
	var fresh []cachekey.Sum
	for k, p := range c.entries {
		if c.onDisk[k] {
			live += len(p)
		} else {
			fresh = append(fresh, k)
		}
	}
	sortKeys(fresh)
	if !c.rewriteWhole(live) {
		if len(fresh) == 0 {
			c.changed = false
			return nil
		}
		if c.appendBatch(fresh) == nil {
			return nil
		}
		// The file is not the one read, or the append failed: rewrite it.
	}
	return c.writeWhole()
}

// rewriteWhole reports whether the file must be written whole: it is
// missing or damaged, an entry must leave it for consent or someone's
// consent changed, or its dead entries (files since edited or removed)
// are a third of it.
func (c *ParseCache) rewriteWhole(live int) bool {
	return len(c.onDisk) == 0 || c.damaged || c.purged || c.consent != c.fileConsent || (c.fileBytes-live)*2 > live
}

// appendBatch appends the entries of keys as one batch to the file, if
// the file is still as last read or written.
func (c *ParseCache) appendBatch(keys []cachekey.Sum) error {
	f, err := os.OpenFile(c.file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.Size() != c.fileSize {
		return fmt.Errorf("%s changed since it was read", c.file)
	}
	e := encoder{}
	e.b = append(e.b, batchMark...)
	e.b = append(e.b, make([]byte, 8)...)
	added := 0
	for _, k := range keys {
		p := c.entries[k]
		e.b = append(e.b, k[:]...)
		e.str(p)
		added += len(p)
	}
	binary.LittleEndian.PutUint64(e.b[len(batchMark):], uint64(len(e.b)-len(batchMark)-8))
	sum := batchSum(c.salt, e.done())
	e.b = append(e.b, sum[:]...)
	if _, err := f.Write(e.b); err != nil {
		c.damaged = true // part of it may be there: the next save rewrites
		return err
	}
	if err := f.Close(); err != nil {
		c.damaged = true
		return err
	}
	c.fileSize += int64(len(e.b))
	c.fileBytes += added
	for _, k := range keys {
		c.onDisk[k] = true
	}
	c.changed = false
	return nil
}

// writeWhole writes the packed file whole, the live entries only.
func (c *ParseCache) writeWhole() error {
	keys := slices.Collect(maps.Keys(c.entries))
	sortKeys(keys)
	var size int64
	// Written piece by piece: the payloads are tens of megabytes, not
	// worth copying into one buffer first.
	err := atomicfile.Write(c.file, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		e := encoder{}
		e.b = append(e.b, parseCacheMagic...)
		e.str(c.salt)
		e.b = append(e.b, c.consent[:]...)
		e.num(len(keys))
		bw.Write(e.b)
		size += int64(len(e.b))
		for _, k := range keys {
			p := c.entries[k]
			e.b = append(e.b[:0], k[:]...)
			e.num(len(p))
			bw.Write(e.b)
			bw.WriteString(p)
			size += int64(len(e.b) + len(p))
		}
		return bw.Flush()
	})
	if err != nil {
		return err
	}
	c.changed, c.purged, c.damaged, c.fileConsent = false, false, false, c.consent
	clear(c.onDisk)
	c.fileBytes, c.fileSize = 0, size
	for _, k := range keys {
		c.onDisk[k] = true
		c.fileBytes += len(c.entries[k])
	}
	return nil
}

func sortKeys(keys []cachekey.Sum) {
	slices.SortFunc(keys, func(a, b cachekey.Sum) int { return bytes.Compare(a[:], b[:]) })
}

// clone copies what Load changes in a parsed document (its turns' roles
// and consent, its segments, Withheld), and the other slices and maps,
// so a kept parse is never changed through a load's copy. Strings and
// the offset lookups are shared: nothing changes them.
func (d *Document) clone() *Document {
	if d == nil {
		return nil
	}
	c := *d
	c.Attributes = maps.Clone(d.Attributes)
	c.Memos = slices.Clone(d.Memos)
	c.Turns = slices.Clone(d.Turns)
	c.Segments = slices.Clone(d.Segments)
	c.Codes = slices.Clone(d.Codes)
	return &c
}

// encodeParse writes what parsing made of a file, with the offsets of
// Body's lines and rune marks: finding them again took a rebuild 0.06 s
// of CPU, reading them a few milliseconds.
func encodeParse(display string, d *Document, probs diag.List) string {
	var e encoder
	if d != nil { // room for the body and about what a segment and a turn take, so the buffer seldom grows
		e.b = make([]byte, 0, 256+len(display)+len(d.Body)+32*len(d.Segments)+24*len(d.Turns))
	}
	e.str(display)
	e.num(len(probs))
	for _, p := range probs {
		e.str(p.File)
		e.num(p.Line, p.Col, int(p.Severity))
		e.str(p.Msg)
	}
	if d == nil {
		e.num(0)
		return e.done()
	}
	e.num(1)
	e.str(d.ID)
	e.str(d.Path)
	e.str(d.Kind)
	e.str(d.Date)
	e.str(d.Case)
	e.str(d.Body)
	e.num(d.BodyLine)
	e.str(d.Hash)
	e.str(d.Format)
	e.bool(d.Withheld)
	e.length(d.Attributes == nil, len(d.Attributes))
	for _, k := range sortedKeys(d.Attributes) {
		e.str(k)
		e.str(d.Attributes[k])
	}
	e.length(d.Memos == nil, len(d.Memos))
	for _, m := range d.Memos {
		e.num(m.Start, m.End)
		e.str(m.Author)
		e.str(m.Date)
		e.str(m.Text)
	}
	e.length(d.Turns == nil, len(d.Turns))
	for _, t := range d.Turns {
		e.str(t.Speaker)
		e.str(t.Time)
		e.num(int(t.Role), t.Start, t.End)
		e.bool(t.Withheld)
	}
	e.length(d.Segments == nil, len(d.Segments))
	for _, s := range d.Segments {
		e.str(s.ID)
		e.num(s.Doc, s.Turn, s.Start, s.End)
	}
	e.length(d.Codes == nil, len(d.Codes))
	for _, c := range d.Codes {
		e.length(c.Themes == nil, len(c.Themes))
		for _, t := range c.Themes {
			e.str(t)
		}
		e.num(c.Start, c.End, c.Line)
	}
	e.length(d.markup == nil, len(d.markup))
	for _, r := range d.markup {
		e.num(r.start, r.end)
	}
	e.length(d.lineMap == nil, len(d.lineMap))
	e.num(d.lineMap...)
	e.length(d.suspects == nil, len(d.suspects))
	for _, s := range d.suspects {
		e.num(s.line)
		e.str(s.prefix)
	}
	x := d.indexed()
	e.bool(x.ascii)
	e.deltas(x.lineStarts)
	e.deltas(x.runeMarks)
	return e.done()
}

// decodeParse reads what encodeParse wrote, naming the file display in
// its problems. Strings are slices of p, so a document costs a few
// allocations, not one per segment id.
func decodeParse(p, display string) (*Document, diag.List, bool) {
	r := &decoder{s: p}
	probs := r.problems(display)
	if r.num() == 0 {
		return nil, probs, !r.bad && r.pos == len(p)
	}
	d := &Document{ID: r.str(), Path: r.str(), Kind: r.str(), Date: r.str(), Case: r.str(), Body: r.str(), BodyLine: r.num(), Hash: r.str(), Format: r.str(), Withheld: r.bool()}
	r.content(d)
	r.indexes(d)
	ascii, lines, marks := r.bool(), r.deltas(), r.deltas()
	if r.bad || r.pos != len(p) {
		return nil, nil, false
	}
	if offsetsIn(d.Body, lines) && offsetsIn(d.Body, marks) {
		d.ascii, d.lineStarts, d.runeMarks = ascii, lines, marks
	} else { // a damaged entry: worked out again, never trusted to index Body
		d.index()
	}
	return d, probs, true
}

// problems reads a parse's problems, naming the file display where the
// entry named the file it was parsed from.
func (r *decoder) problems(display string) diag.List {
	was := r.str()
	n := r.count()
	if n == 0 {
		return nil
	}
	probs := make(diag.List, n)
	for i := range probs {
		probs[i] = diag.Problem{File: r.str(), Line: r.num(), Col: r.num(), Severity: diag.Severity(r.num()), Msg: r.str()}
		if probs[i].File == was {
			probs[i].File = display
		}
	}
	return probs
}

// content reads a document's attributes, memos, turns and segments.
func (r *decoder) content(d *Document) {
	if n, ok := r.length(); ok {
		d.Attributes = make(map[string]string, n)
		for range n {
			k := r.str()
			d.Attributes[k] = r.str()
		}
	}
	if n, ok := r.length(); ok {
		d.Memos = make([]Memo, n)
		for i := range d.Memos {
			d.Memos[i] = Memo{Start: r.num(), End: r.num(), Author: r.str(), Date: r.str(), Text: r.str()}
		}
	}
	if n, ok := r.length(); ok {
		d.Turns = make([]Turn, n)
		for i := range d.Turns {
			d.Turns[i] = Turn{Speaker: r.str(), Time: r.str(), Role: Role(r.num()), Start: r.num(), End: r.num(), Withheld: r.bool()}
		}
	}
	if n, ok := r.length(); ok {
		d.Segments = make([]Segment, n)
		for i := range d.Segments {
			d.Segments[i] = Segment{ID: r.str(), Doc: r.num(), Turn: r.num(), Start: r.num(), End: r.num()}
		}
	}
}

// indexes reads a document's inline codes and what the parser noted to
// find its way back to lines: markup ranges, the line map, suspect lines.
func (r *decoder) indexes(d *Document) {
	if n, ok := r.length(); ok {
		d.Codes = make([]InlineCode, n)
		for i := range d.Codes {
			c := &d.Codes[i]
			if m, ok := r.length(); ok {
				c.Themes = make([]string, m)
				for j := range c.Themes {
					c.Themes[j] = r.str()
				}
			}
			c.Start, c.End, c.Line = r.num(), r.num(), r.num()
		}
	}
	if n, ok := r.length(); ok {
		d.markup = make([]rng, n)
		for i := range d.markup {
			d.markup[i] = rng{r.num(), r.num()}
		}
	}
	if n, ok := r.length(); ok {
		d.lineMap = make([]int, n)
		for i := range d.lineMap {
			d.lineMap[i] = r.num()
		}
	}
	if n, ok := r.length(); ok {
		d.suspects = make([]suspectLine, n)
		for i := range d.suspects {
			d.suspects[i] = suspectLine{line: r.num(), prefix: r.str()}
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

type encoder struct{ b []byte }

// done returns what e wrote as a string, without copying it, as
// strings.Builder does: e is not written again. Copying was a second
// 60 MB, the size of the whole corpus, in a cold build of the benchmark
// study.
func (e *encoder) done() string { return unsafe.String(unsafe.SliceData(e.b), len(e.b)) }

func (e *encoder) num(ns ...int) {
	for _, n := range ns {
		e.b = binary.AppendVarint(e.b, int64(n))
	}
}

func (e *encoder) str(s string) {
	e.num(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.num(1)
	} else {
		e.num(0)
	}
}

// deltas writes ascending numbers as their differences, which are small.
func (e *encoder) deltas(ns []int) {
	e.num(len(ns))
	last := 0
	for _, n := range ns {
		e.num(n - last)
		last = n
	}
}

// length writes a slice's or map's length, keeping nil apart from empty.
func (e *encoder) length(isNil bool, n int) {
	if isNil {
		e.num(-1)
	} else {
		e.num(n)
	}
}

// decoder reads what encoder wrote; past an error it returns zero values
// and sets bad, so callers check once at the end.
type decoder struct {
	s   string
	pos int
	bad bool
}

func (r *decoder) num() int {
	if r.bad {
		return 0
	}
	// binary.Varint, over a string.
	var ux uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.pos >= len(r.s) {
			break
		}
		c := r.s[r.pos]
		r.pos++
		ux |= uint64(c&0x7f) << shift
		if c < 0x80 {
			x := int64(ux >> 1)
			if ux&1 != 0 {
				x = ^x
			}
			return int(x)
		}
	}
	r.bad = true
	return 0
}

func (r *decoder) raw(n int) string {
	if r.bad || n < 0 || n > len(r.s)-r.pos {
		r.bad = true
		return ""
	}
	s := r.s[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *decoder) str() string { return r.raw(r.num()) }

func (r *decoder) bool() bool { return r.num() == 1 }

// deltas reads what encoder.deltas wrote.
func (r *decoder) deltas() []int {
	ns := make([]int, r.count())
	last := 0
	for i := range ns {
		last += r.num()
		ns[i] = last
	}
	return ns
}

// offsetsIn reports whether offs is what index makes of a Body: starting
// at 0, ascending, and within body.
func offsetsIn(body string, offs []int) bool {
	if len(offs) == 0 || offs[0] != 0 {
		return false
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] <= offs[i-1] || offs[i] > len(body) {
			return false
		}
	}
	return true
}

// count reads a length that must fit in what is left.
func (r *decoder) count() int {
	n := r.num()
	if n < 0 || n > len(r.s)-r.pos {
		r.bad = true
		return 0
	}
	return n
}

// length reads what encoder.length wrote: ok is false for nil.
func (r *decoder) length() (int, bool) {
	n := r.num()
	if n == -1 || r.bad {
		return 0, false
	}
	if n < 0 || n > len(r.s)-r.pos {
		r.bad = true
		return 0, false
	}
	return n, true
}
