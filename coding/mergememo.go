package coding

import (
	"encoding/binary"
	"errors"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/packcache"
)

// memoFormat is part of every entry's name in a memo on disk: bump it when
// the encoding below changes.
const memoFormat = "mergememo-1"

// OpenMemo returns a memo kept on disk, in the pack at path, between
// builds: each document's share of the last merge, by the same key as a
// watch's memo (and program, the id of the insight program, since the
// parts it decodes are its own). A merge reads the shares of unchanged
// documents from it and works out only the others; Save writes the pack
// with exactly the entries that merge used, so nothing of a withdrawn
// participant's document outlives it. A missing or damaged pack is an
// empty memo: it only ever costs time.
func OpenMemo(path, program string) *Memo {
	return &Memo{parts: map[cachekey.Sum]*docPart{}, pack: packcache.Open(path), program: program}
}

// Save writes an on-disk memo's pack; a watch's memo has none to write.
func (m *Memo) Save() error {
	if m == nil || m.pack == nil {
		return nil
	}
	return m.pack.Close()
}

// Abort gives up an on-disk memo's new pack, leaving the old one.
func (m *Memo) Abort() {
	if m != nil && m.pack != nil {
		m.pack.Abort()
	}
}

// entry names a document's part in the pack.
func (m *Memo) entry(key cachekey.Sum) string {
	return cachekey.New(memoFormat, m.program, string(key[:])).Hex()
}

// load returns the part the pack holds under key for document d, whose
// records are mine, or nil when it holds none that decodes.
func (m *Memo) load(key cachekey.Sum, d *corpus.Document, recs []Record, mine []int) *docPart {
	data, ok := m.pack.Get(m.entry(key))
	if !ok {
		return nil
	}
	p, err := decodePart(data, d, recs, mine)
	if err != nil {
		return nil
	}
	m.loaded.Add(1)
	return p
}

// store puts p, document d's freshly worked-out part, in the new pack.
func (m *Memo) store(key cachekey.Sum, p *docPart) {
	// A failed write leaves the old pack: time, not results.
	_ = m.pack.Put(m.entry(key), encodePart(p))
}

// encodePart writes a part compactly: its strings once each, then the
// applications, orphans, moved records and problems by numbers. The
// records a part refers to are not copied (they are named by their place
// among the document's records, which the key covers), nor is the
// segment index, which decodePart works out again.
func encodePart(p *docPart) []byte {
	var e partEncoder
	e.strs = map[string]int{}
	// Sized for the usual application (four string numbers and three
	// small numbers, a byte or two each), and the whole part again once
	// the strings are known: grown by appending, a dense cold build's
	// parts made 60 MB of garbage (issue 11).
	body := make([]byte, 0, 16+14*len(p.apps))
	body = e.num(body, p.withheld, len(p.apps))
	for _, a := range p.apps {
		body = e.str(body, a.Theme, a.Source, a.Memo, a.File)
		body = e.num(body, a.Start, a.End, a.Line)
	}
	body = e.num(body, len(p.orphans))
	body = e.num(body, p.orphans...)
	body = e.num(body, len(p.moved))
	for i, mv := range p.moved {
		body = e.num(body, p.movedRec[i], mv.NewStart, mv.NewEnd)
	}
	body = e.num(body, len(p.probs))
	for _, pr := range p.probs {
		body = e.problem(body, pr)
	}
	body = e.num(body, len(p.recProbs))
	for _, rp := range p.recProbs {
		body = e.num(body, rp.rec)
		body = e.problem(body, rp.p)
	}
	size := binary.MaxVarintLen64 + len(body)
	for _, s := range e.list {
		size += binary.MaxVarintLen64 + len(s)
	}
	out := e.num(make([]byte, 0, size), len(e.list))
	for _, s := range e.list {
		out = e.num(out, len(s))
		out = append(out, s...)
	}
	return append(out, body...)
}

type partEncoder struct {
	strs map[string]int
	list []string
}

func (e *partEncoder) str(b []byte, ss ...string) []byte {
	for _, s := range ss {
		i, ok := e.strs[s]
		if !ok {
			i = len(e.list)
			e.strs[s] = i
			e.list = append(e.list, s)
		}
		b = binary.AppendVarint(b, int64(i))
	}
	return b
}

// num writes numbers (and str their strings' places) as signed varints:
// none should be negative, but a part that holds one comes back as it was.
func (e *partEncoder) num(b []byte, ns ...int) []byte {
	for _, n := range ns {
		b = binary.AppendVarint(b, int64(n))
	}
	return b
}

func (e *partEncoder) problem(b []byte, p diag.Problem) []byte {
	b = e.str(b, p.File, p.Msg)
	return e.num(b, p.Line, p.Col, int(p.Severity))
}

var errBadPart = errors.New("coding: damaged memo entry")

// partDecoder reads what encodePart wrote; the first error sticks and
// every read after it returns zero, so decodePart checks once at the end.
type partDecoder struct {
	b    []byte
	strs []string
	err  error
}

func (d *partDecoder) num() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errBadPart
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length, which must be at most max and at most what is
// left to read (every item takes at least a byte), so a damaged entry
// cannot ask for a huge allocation.
func (d *partDecoder) count(max int) int {
	n := d.num()
	if n < 0 || n > max || n > len(d.b) {
		d.err = errBadPart
		return 0
	}
	return n
}

func (d *partDecoder) str() string {
	i := d.num()
	if i < 0 || i >= len(d.strs) {
		d.err = errBadPart
		return ""
	}
	return d.strs[i]
}

func (d *partDecoder) problem() diag.Problem {
	p := diag.Problem{File: d.str(), Msg: d.str()}
	p.Line, p.Col = d.num(), d.num()
	if s := d.num(); s == int(diag.Error) || s == int(diag.Warning) {
		p.Severity = diag.Severity(s)
	} else {
		d.err = errBadPart
	}
	return p
}

// decodePart reads a part of document doc (number di in the study), whose
// records are recs[mine[k]]; anything out of range is an error, never a panic.
func decodePart(data []byte, doc *corpus.Document, recs []Record, mine []int) (*docPart, error) {
	d := &partDecoder{b: data}
	d.strs = make([]string, d.count(len(data)))
	for i := range d.strs {
		n := d.count(len(d.b))
		if d.err != nil {
			return nil, d.err
		}
		d.strs[i], d.b = string(d.b[:n]), d.b[n:]
	}
	p := &docPart{withheld: d.num()}
	// The applications are checked here and decoded later, in place
	// (packedApps.decode), so they are never copied.
	apps := &packedApps{n: d.count(len(data)), strs: d.strs}
	apps.data = d.b
	for range apps.n {
		a := d.app()
		if d.err != nil || a.Start < 0 || a.End < a.Start || a.End > len(doc.Body) {
			return nil, errBadPart
		}
	}
	p.packed = apps
	record := func() int {
		k := d.num()
		if k < 0 || k >= len(mine) {
			d.err = errBadPart
			return 0
		}
		return k
	}
	if n := d.count(len(mine)); n > 0 {
		p.orphans = make([]int, n)
		for i := range p.orphans {
			p.orphans[i] = record()
		}
	}
	for range d.count(len(mine)) {
		k := record()
		p.movedRec = append(p.movedRec, k)
		p.moved = append(p.moved, Moved{Record: recs[mine[k]], NewStart: d.num(), NewEnd: d.num()})
	}
	for range d.count(len(data)) {
		p.probs = append(p.probs, d.problem())
	}
	for range d.count(len(mine)) {
		p.recProbs = append(p.recProbs, placedProblem{rec: record(), p: d.problem()})
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errBadPart
	}
	return p, nil
}

// packedApps is a part's applications as encodePart wrote them, checked.
type packedApps struct {
	n    int
	data []byte // from the first application on
	strs []string
}

// decode writes the applications of document di into dst, which has
// room for exactly n of them.
func (pa *packedApps) decode(dst []Application, di int) {
	d := &partDecoder{b: pa.data, strs: pa.strs}
	// Field by field into its place (checked by decodePart: cannot
	// fail): a whole Application copied in moved its four strings under
	// the collector's bulk write barrier, two fifths of decoding a dense
	// study's parts on an edit (issue 11).
	for i := range dst {
		a := &dst[i]
		a.Theme = d.str()
		a.Source = d.str()
		a.Memo = d.str()
		a.File = d.str()
		a.Start, a.End, a.Line = d.num(), d.num(), d.num()
		a.Doc = di
	}
}

// app reads one application, its document left to the caller.
func (d *partDecoder) app() Application {
	a := Application{Theme: d.str(), Source: d.str(), Memo: d.str(), File: d.str()}
	a.Start, a.End, a.Line = d.num(), d.num(), d.num()
	return a
}
