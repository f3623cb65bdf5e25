package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"

	"github.com/residentinsight/insight/query"
)

// tableMagic starts table.bin; a file without it is not ours (or truncated).
const tableMagic = "insight-table\x00"

// writeTable stores t as little-endian int32 slices and length-prefixed
// strings: loading half a million rows is a few large reads, where gob
// decodes value by value (see BenchmarkTableLoad).
func writeTable(w io.Writer, t *query.Table) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	e := &encoder{w: bw}
	e.bytes([]byte(tableMagic))
	e.strings(t.Themes)
	ints := make([]int32, len(t.Depths))
	for i, d := range t.Depths {
		ints[i] = int32(d)
	}
	e.int32s(ints)
	e.uint(len(t.Ancestors))
	for _, a := range t.Ancestors {
		e.int32s(a)
	}
	e.strings(t.Sources)
	ev := make([]byte, len(t.AutoEvidence))
	for i, b := range t.AutoEvidence {
		if b {
			ev[i] = 1
		}
	}
	e.bytes(ev)
	e.strings(t.Attrs)
	e.strings(t.Display)
	e.uint(len(t.Values))
	for _, v := range t.Values {
		e.strings(v)
	}
	e.int32s(t.RowDoc)
	e.int32s(t.RowTurn)
	e.int32s(t.RowSpeaker)
	e.int32s(t.RowCase)
	fac := make([]byte, len(t.RowFacilitator))
	for i, f := range t.RowFacilitator {
		if f {
			fac[i] = 1
		}
	}
	e.bytes(fac)
	e.int32s(t.RowAttr)
	e.int32s(t.RowCodeStart)
	e.int32s(t.CodeTheme)
	e.int32s(t.CodeSource)
	e.uint(t.Speakers)
	e.uint(t.Docs)
	e.strings(t.CaseIDs)
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// readTable reads what writeTable wrote and checks that the row slices agree,
// so a damaged file is reported rather than causing an index panic later.
func readTable(data []byte) (*query.Table, error) {
	d := &decoder{b: data}
	if string(d.bytes()) != tableMagic {
		return nil, errors.New("not an insight table file")
	}
	t := &query.Table{}
	t.Themes = d.strings()
	for _, v := range d.int32s() {
		t.Depths = append(t.Depths, int(v))
	}
	n := d.length()
	for i := 0; i < n && d.err == nil; i++ {
		t.Ancestors = append(t.Ancestors, d.int32s())
	}
	t.Sources = d.strings()
	for _, b := range d.bytes() {
		t.AutoEvidence = append(t.AutoEvidence, b == 1)
	}
	t.Attrs = d.strings()
	t.Display = d.strings()
	n = d.length()
	for i := 0; i < n && d.err == nil; i++ {
		t.Values = append(t.Values, d.strings())
	}
	t.RowDoc = d.int32s()
	t.RowTurn = d.int32s()
	t.RowSpeaker = d.int32s()
	t.RowCase = d.int32s()
	fac := d.bytes()
	t.RowFacilitator = make([]bool, len(fac)) // one per row: no appending half a million times
	for i, b := range fac {
		t.RowFacilitator[i] = b == 1
	}
	t.RowAttr = d.int32s()
	t.RowCodeStart = d.int32s()
	t.CodeTheme = d.int32s()
	t.CodeSource = d.int32s()
	t.Speakers = d.count()
	t.Docs = d.count()
	t.CaseIDs = d.strings()
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errors.New("table file is damaged: trailing bytes")
	}
	if err := validTable(t); err != nil {
		return nil, err
	}
	return t, nil
}

// validTable checks every id in t is in range for the slices it indexes.
func validTable(t *query.Table) error {
	rows := len(t.RowDoc)
	if len(t.Depths) != len(t.Themes) || len(t.Ancestors) != len(t.Themes) || len(t.Values) != len(t.Attrs) ||
		len(t.AutoEvidence) != len(t.Themes) ||
		len(t.RowTurn) != rows || len(t.RowSpeaker) != rows || len(t.RowCase) != rows ||
		len(t.RowFacilitator) != rows || len(t.RowAttr) != rows*len(t.Attrs) ||
		len(t.RowCodeStart) != rows+1 || len(t.CodeSource) != len(t.CodeTheme) {
		return errors.New("table slices disagree in length")
	}
	inRange := func(vs []int32, lo, hi int) bool {
		for _, v := range vs {
			if int(v) < lo || int(v) >= hi {
				return false
			}
		}
		return true
	}
	for _, a := range t.Ancestors {
		if !inRange(a, 0, len(t.Themes)) {
			return errors.New("theme ancestor out of range")
		}
	}
	// One pass over the values as unsigned numbers (a negative id is huge),
	// against a limit per column: this runs on every query.
	limits := make([]uint32, len(t.Attrs))
	for a := range limits {
		limits[a] = uint32(len(t.Values[a]))
	}
	for r := 0; r+len(limits) <= len(t.RowAttr); r += len(limits) {
		row := t.RowAttr[r : r+len(limits)]
		for a, lim := range limits {
			if uint32(row[a]) >= lim {
				return errors.New("attribute value out of range")
			}
		}
	}
	prev := int32(0)
	for _, c := range t.RowCodeStart {
		if c < prev || int(c) > len(t.CodeTheme) {
			return errors.New("code offsets out of order")
		}
		prev = c
	}
	if !inRange(t.RowDoc, 0, t.Docs) || !inRange(t.RowSpeaker, -1, t.Speakers) || !inRange(t.RowCase, -1, len(t.CaseIDs)) ||
		!inRange(t.RowTurn, 0, math.MaxInt32) || !inRange(t.CodeTheme, 0, len(t.Themes)) || !inRange(t.CodeSource, 0, len(t.Sources)) {
		return errors.New("row id out of range")
	}
	return nil
}

type encoder struct {
	w   *bufio.Writer
	off int // bytes written so far
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
		e.off += len(b)
	}
}

func (e *encoder) uint(n int) { e.write(e.buf[:binary.PutUvarint(e.buf[:], uint64(n))]) }

func (e *encoder) bytes(b []byte) {
	e.uint(len(b))
	e.write(b)
}

func (e *encoder) strings(ss []string) {
	e.uint(len(ss))
	for _, s := range ss {
		e.bytes([]byte(s))
	}
}

// int32s pads to a multiple of 4 bytes from the start of the file, so a
// reader can use the int32s where they lie in the file's bytes.
func (e *encoder) int32s(vs []int32) {
	e.uint(len(vs))
	e.write(make([]byte, pad4(e.off)))
	if e.err != nil {
		return
	}
	if nativeLittle && len(vs) > 0 {
		// The slice's own bytes are the file's: no per-value encoding.
		e.write(unsafe.Slice((*byte)(unsafe.Pointer(&vs[0])), 4*len(vs)))
		return
	}
	e.err = binary.Write(e.w, binary.LittleEndian, vs)
	e.off += 4 * len(vs)
}

func pad4(off int) int { return (4 - off%4) % 4 }

// decoder reads from the whole file in memory, so every length can be
// checked against the bytes that remain before anything is allocated.
// nativeLittle is true on little-endian machines, where int32 slices are
// used in place.
var nativeLittle = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

type decoder struct {
	b   []byte
	off int // of b[0] in the file
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("table file is damaged: %s", what)
	}
}

// varint reads one unsigned number no larger than max.
func (d *decoder) varint(max uint64) int {
	if d.err != nil {
		return 0
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > max {
		d.fail("bad length")
		return 0
	}
	d.skip(k)
	return int(n)
}

// length reads the length of what follows: a byte string, or a list whose
// every item takes at least one byte. Either fits in the bytes left, so a
// damaged length is caught before anything is allocated.
func (d *decoder) length() int { return d.varint(uint64(len(d.b))) }

// count reads a number that is not a length (Table.Speakers, Table.Docs):
// it owes nothing to the bytes left, only to the int32 ids it bounds.
func (d *decoder) count() int { return d.varint(math.MaxInt32) }

func (d *decoder) bytes() []byte {
	n := d.length()
	if d.err != nil || n > len(d.b) {
		d.fail("truncated")
		return nil
	}
	b := d.b[:n:n]
	d.skip(n)
	return b
}

func (d *decoder) strings() []string {
	n := d.length()
	var out []string
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, string(d.bytes()))
	}
	return out
}

func (d *decoder) skip(n int) {
	d.b = d.b[n:]
	d.off += n
}

func (d *decoder) int32s() []int32 {
	n := d.length()
	p := pad4(d.off)
	if d.err != nil || p > len(d.b) || n > (len(d.b)-p)/4 {
		d.fail("truncated")
		return nil
	}
	d.skip(p)
	if n == 0 {
		return []int32{}
	}
	var vs []int32
	if nativeLittle && uintptr(unsafe.Pointer(&d.b[0]))%4 == 0 {
		// Little-endian like the file and aligned: use the bytes in place,
		// which spares copying (and faulting in) tens of megabytes.
		vs = unsafe.Slice((*int32)(unsafe.Pointer(&d.b[0])), n)[:n:n]
	} else {
		vs = make([]int32, n)
		for i := range vs {
			vs[i] = int32(binary.LittleEndian.Uint32(d.b[4*i:]))
		}
	}
	d.skip(4 * n)
	return vs
}
