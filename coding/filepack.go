package coding

import (
	"encoding/binary"
	"errors"
	"strings"

	"github.com/residentinsight/insight/diag"
)

// packedFile is a coder's file as the cache on disk keeps it: each
// distinct document id, theme id and memo once, and the quotes one after
// another in one string. Decoded, its records share those strings, where
// a file of Records decoded with a string of each field per line held
// the dense benchmark's codings four times over (issue 11).
type packedFile struct {
	Coder    string
	File     string // every record's File: ParseFile gives them one
	Declared *Declaration
	Probs    diag.List
	Strings  []string
	Quotes   string
	Recs     []packedRecord
}

// The cache's file keeps a pack as the fields below, in order, each
// string as its length in bytes then its bytes, each number a varint and
// each list its length then its items; the records apart, a row of seven
// varints each. Read back in one pass from one string, the pack's strings
// and quotes are parts of it, not an allocation each (gob took 0.5-1.4 s
// over the dense benchmark's 79 MB, issue 11); the rows are read from a
// buffer used again, so the string holds no bytes the pack has no use for.

type packedRecord struct {
	Doc, Theme, Memo int32 // indexes into Strings
	Quote            int   // bytes of its quote, after the one before's in Quotes
	Start, End, Line int
}

func pack(c cachedFile) packedFile {
	p := packedFile{Coder: c.F.Coder, Declared: c.F.Declared, Probs: c.Probs, Recs: make([]packedRecord, len(c.F.Records))}
	index := map[string]int32{}
	var quotes strings.Builder
	n := 0
	for _, r := range c.F.Records {
		n += len(r.Quote)
	}
	quotes.Grow(n) // once: grown by doubling, a dense coder's quotes were held twice over
	for i, r := range c.F.Records {
		p.File = r.File
		quotes.WriteString(r.Quote)
		p.Recs[i] = packedRecord{Doc: p.str(index, r.Doc), Theme: p.str(index, r.Theme), Memo: p.str(index, r.Memo), Quote: len(r.Quote), Start: r.Start, End: r.End, Line: r.Line}
	}
	p.Quotes = quotes.String()
	return p
}

// str is the index of s in p.Strings, added to it (and to index, which
// maps p.Strings to their indexes) when new.
func (p *packedFile) str(index map[string]int32, s string) int32 {
	i, ok := index[s]
	if !ok {
		i = int32(len(p.Strings))
		index[s] = i
		p.Strings = append(p.Strings, s)
	}
	return i
}

// unpackInto writes the records of a valid pack to dst, len(p.Recs) long.
func (p *packedFile) unpackInto(dst []Record) {
	p.unpackFrom(dst, 0, 0)
}

// unpackFrom writes the records of a valid pack from the first-th on
// to dst, whose first quote starts at off in p.Quotes.
func (p *packedFile) unpackFrom(dst []Record, first, off int) {
	for i, r := range p.Recs[first : first+len(dst)] {
		dst[i] = Record{
			Doc: p.Strings[r.Doc], Theme: p.Strings[r.Theme], Quote: p.Quotes[off : off+r.Quote],
			Start: r.Start, End: r.End, Memo: p.Strings[r.Memo],
			Coder: p.Coder, File: p.File, Line: r.Line,
		}
		off += r.Quote
	}
}

// unpackChunk is a run of a pack's records to unpack, on a core of its own.
type unpackChunk struct {
	p          *packedFile
	dst        []Record
	first, off int
}

func (c unpackChunk) unpack() { c.p.unpackFrom(c.dst, c.first, c.off) }

// unpackChunkLen is how many records a chunk holds: enough that handing
// it to a core costs nothing beside it.
const unpackChunkLen = 1 << 15

// chunks appends to cs the runs that unpack p's records to dst, len(p.Recs) long.
func (p *packedFile) chunks(cs []unpackChunk, dst []Record) []unpackChunk {
	off := 0
	for first := 0; first < len(p.Recs); first += unpackChunkLen {
		end := min(first+unpackChunkLen, len(p.Recs))
		cs = append(cs, unpackChunk{p: p, dst: dst[first:end], first: first, off: off})
		for _, r := range p.Recs[first:end] {
			off += r.Quote
		}
	}
	return cs
}

// appendPack appends the encoding of p but its records to b.
func appendPack(b []byte, p *packedFile) []byte {
	b = appendPackStr(appendPackStr(b, p.Coder), p.File)
	if d := p.Declared; d == nil {
		b = append(b, 0)
	} else {
		b = appendPackStr(appendPackStr(append(b, 1), d.Coder), d.File)
		b = binary.AppendVarint(b, int64(d.Line))
		b = binary.AppendUvarint(b, uint64(len(d.Documents)))
		for _, doc := range d.Documents {
			b = appendPackStr(b, doc)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(p.Probs)))
	for _, pr := range p.Probs {
		b = appendPackStr(b, pr.File)
		b = binary.AppendVarint(b, int64(pr.Line))
		b = binary.AppendVarint(b, int64(pr.Col))
		b = binary.AppendVarint(b, int64(pr.Severity))
		b = appendPackStr(b, pr.Msg)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Strings)))
	for _, s := range p.Strings {
		b = appendPackStr(b, s)
	}
	return appendPackStr(b, p.Quotes)
}

// appendRows appends the encoding of p's records to b.
func appendRows(b []byte, p *packedFile) []byte {
	b = binary.AppendUvarint(b, uint64(len(p.Recs)))
	for _, r := range p.Recs {
		b = binary.AppendUvarint(b, uint64(uint32(r.Doc)))
		b = binary.AppendUvarint(b, uint64(uint32(r.Theme)))
		b = binary.AppendUvarint(b, uint64(uint32(r.Memo)))
		b = binary.AppendVarint(b, int64(r.Quote))
		b = binary.AppendVarint(b, int64(r.Start))
		b = binary.AppendVarint(b, int64(r.End))
		b = binary.AppendVarint(b, int64(r.Line))
	}
	return b
}

func appendPackStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errBadPack = errors.New("damaged codings cache")

// decodePack reads a pack from the whole of text, which appendPack wrote,
// and rows, which appendRows wrote, checking that every record's strings
// and quote are in it: anything else is an error, so a damaged cache is a
// miss, never a panic or a wrong record. Its quotes are parts of text, its
// other strings copies; rows may be used again once it returns.
func decodePack(text string, rows []byte) (*packedFile, error) {
	d := packReader[string]{s: text}
	// What outlives the records (the merged applications' coder, file,
	// theme and memo, and the declaration) is copied out of text, so text
	// (tens of megabytes on a dense study, mostly quotes) can go once the
	// records have been merged.
	p := &packedFile{Coder: strings.Clone(d.str()), File: strings.Clone(d.str())}
	switch d.byte() {
	case 0:
	case 1:
		decl := &Declaration{Coder: d.str(), File: d.str(), Line: d.int()}
		if n := d.count(1); n > 0 {
			decl.Documents = make([]string, n)
			for i := range decl.Documents {
				decl.Documents[i] = d.str()
			}
		}
		p.Declared = decl
	default:
		d.bad = true
	}
	if n := d.count(5); n > 0 {
		p.Probs = make(diag.List, n)
		for i := range p.Probs {
			p.Probs[i] = diag.Problem{File: d.str(), Line: d.int(), Col: d.int(), Severity: diag.Severity(d.int()), Msg: d.str()}
		}
	}
	if n := d.count(1); n > 0 {
		p.Strings = make([]string, n)
		for i := range p.Strings {
			p.Strings[i] = strings.Clone(d.str())
		}
	}
	p.Quotes = d.str()
	r := packReader[[]byte]{s: rows}
	p.Recs = r.records(len(p.Strings), len(p.Quotes))
	if d.bad || d.off != len(d.s) || r.bad || r.off != len(r.s) {
		return nil, errBadPack
	}
	return p, nil
}

// records reads the rows of records whose indexes must be below strings
// and whose quotes must add up to at most quotes bytes.
func (d *packReader[T]) records(strings, quotes int) []packedRecord {
	n := d.count(7)
	if n == 0 {
		return nil
	}
	recs := make([]packedRecord, n)
	for i := range recs {
		doc, theme, memo := d.uint(), d.uint(), d.uint()
		q := d.int()
		if max(doc, theme, memo) >= uint64(strings) || q < 0 || q > quotes {
			d.bad = true
			return nil
		}
		quotes -= q
		recs[i] = packedRecord{Doc: int32(doc), Theme: int32(theme), Memo: int32(memo), Quote: q, Start: d.int(), End: d.int(), Line: d.int()}
	}
	return recs
}

// packReader reads s from off; once bad, every read gives zero.
type packReader[T string | []byte] struct {
	s   T
	off int
	bad bool
}

func (d *packReader[T]) uint() uint64 {
	var x uint64
	for shift := 0; !d.bad; shift += 7 {
		if d.off >= len(d.s) || shift > 63 {
			d.bad = true
			break
		}
		c := d.s[d.off]
		d.off++
		if shift == 63 && c > 1 {
			d.bad = true // more than 64 bits
			break
		}
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
	return 0
}

// int reads a zig-zag varint that must fit an int.
func (d *packReader[T]) int() int {
	u := d.uint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	if int64(int(x)) != x {
		d.bad = true
		return 0
	}
	return int(x)
}

func (d *packReader[T]) byte() byte {
	if d.bad || d.off >= len(d.s) {
		d.bad = true
		return 0
	}
	d.off++
	return d.s[d.off-1]
}

// count reads the length of a list whose items take at least least
// bytes each: a length the rest of s cannot hold is damage, not a huge
// allocation.
func (d *packReader[T]) count(least int) int {
	n := d.uint()
	if n > uint64(len(d.s)-d.off)/uint64(least) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *packReader[T]) str() T {
	n := d.count(1)
	if d.bad {
		return d.s[:0]
	}
	d.off += n
	return d.s[d.off-n : d.off]
}
