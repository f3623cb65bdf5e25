package journey

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"slices"

	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/atomicfile"
)

// The contacts cache (Input.Cache) keeps what reading contacts.csv made —
// the checked, priced and phased contacts, the duplication findings and the
// warnings — under the key of everything that decides it (Journeys.Key), so
// a command on an unchanged study decodes it instead of parsing and
// checking 200,000 rows again. Only a load without errors is kept: an
// error-free load stays one as time passes (a date in the future only
// becomes valid), and the cache is removed when a load has errors.
// Withdrawn participants' rows are never in it; a withdrawal changes the
// key, so the next load rewrites the file.
//
// The file is a magic line, the key, a string table and the records as
// varints naming strings by their place in the table.
const cacheMagic = "insight contacts cache 1\n" // bump when Contact, Flag or the rules change

type cached struct {
	contacts  []Contact
	withdrawn int
	flags     []Flag
	hasFlags  bool
	probs     diag.List
}

// readCache decodes the cache at path if it was made under key, with
// findings when findings are wanted, and every case it took from the
// transcripts is still one (cases is Input.Cases).
func readCache(path, key string, findings bool, cases func() map[string]bool) (*cached, bool) {
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, false
	}
	d := &decoder{data: data[len(cacheMagic):]}
	if d.raw() != key || !d.table() {
		return nil, false
	}
	c := &cached{withdrawn: d.num(), hasFlags: d.num() == 1}
	if findings && !c.hasFlags || !d.casesStillThere(cases) {
		return nil, false
	}
	c.contacts = d.contacts()
	c.probs = d.problems()
	if findings {
		c.flags = d.flags()
	}
	if d.err {
		return nil, false
	}
	for _, f := range c.flags {
		for _, i := range f.Contacts {
			if i < 0 || i >= len(c.contacts) {
				return nil, false
			}
		}
	}
	return c, true
}

// table reads the string table the records name strings by.
func (d *decoder) table() bool {
	n := d.num()
	if d.err || n > len(d.data) {
		return false
	}
	d.strs = make([]string, n)
	for i := range d.strs {
		d.strs[i] = d.raw()
	}
	return !d.err
}

// casesStillThere reads the cases the cache took from the transcripts and
// reports whether every one is still a case (cases is Input.Cases).
func (d *decoder) casesStillThere(cases func() map[string]bool) bool {
	need := make([]string, min(d.num(), len(d.data)))
	for i := range need {
		need[i] = d.str()
	}
	if len(need) == 0 {
		return !d.err
	}
	have := map[string]bool{}
	if cases != nil {
		have = cases()
	}
	for _, cs := range need {
		if !have[cs] {
			return false // a transcript's case: was removed or changed
		}
	}
	return !d.err
}

func (d *decoder) contacts() []Contact {
	n := d.num()
	if d.err || n > len(d.data) {
		d.err = true
		return nil
	}
	cs := make([]Contact, n)
	for i := range cs {
		x := &cs[i]
		x.Line = d.num()
		x.Case, x.Member, x.Agency, x.Type, x.Problem = d.str(), d.str(), d.str(), d.str(), d.str()
		x.Source, x.Note, x.Phase = d.str(), d.str(), d.str()
		x.Date.Lo, x.Date.Hi = Day(d.int()), Day(d.int())
		bits := d.num()
		x.Date.Approx, x.Reactive, x.Costed = bits&1 != 0, bits&2 != 0, bits&4 != 0
		x.Cost = Money(d.int())
		x.key = d.u64()
	}
	return cs
}

func (d *decoder) problems() diag.List {
	var probs diag.List
	for range min(d.num(), len(d.data)) {
		p := diag.Problem{File: d.str(), Line: d.num(), Col: d.num(), Severity: diag.Severity(d.num()), Msg: d.str()}
		probs = append(probs, p)
	}
	return probs
}

func (d *decoder) flags() []Flag {
	var flags []Flag
	for range min(d.num(), len(d.data)) {
		f := Flag{Rule: d.str(), Case: d.str(), Member: d.str(), Type: d.str()}
		f.Contacts = d.ints()
		f.Lines = d.ints()
		f.Agencies = make([]string, min(d.num(), len(d.data)))
		for k := range f.Agencies {
			f.Agencies[k] = d.str()
		}
		f.Days, f.Approx = d.int(), d.num() == 1
		flags = append(flags, f)
	}
	return flags
}

// writeCache writes j's contacts, findings and warnings to path under key,
// through a temporary file and a rename. need lists the cases that only
// the transcripts name. It is only an optimisation: failures are ignored.
func writeCache(path, key string, j *Journeys, hasFlags bool, probs diag.List, need []string) {
	e := &encoder{ids: map[string]int{}}
	e.num(j.Withdrawn)
	e.num(boolNum(hasFlags))
	e.num(len(need))
	for _, c := range need {
		e.str(c)
	}
	e.num(len(j.Contacts))
	for i := range j.Contacts {
		x := &j.Contacts[i]
		e.num(x.Line)
		for _, s := range []string{x.Case, x.Member, x.Agency, x.Type, x.Problem, x.Source, x.Note, x.Phase} {
			e.str(s)
		}
		e.int(int(x.Date.Lo))
		e.int(int(x.Date.Hi))
		e.num(boolNum(x.Date.Approx) | boolNum(x.Reactive)<<1 | boolNum(x.Costed)<<2)
		e.int(int(x.Cost))
		e.buf = binary.AppendUvarint(e.buf, x.key)
	}
	e.num(len(probs))
	for _, p := range probs {
		e.str(p.File)
		e.num(p.Line)
		e.num(p.Col)
		e.num(int(p.Severity))
		e.str(p.Msg)
	}
	if hasFlags {
		e.num(len(j.Flags))
		for _, f := range j.Flags {
			e.str(f.Rule)
			e.str(f.Case)
			e.str(f.Member)
			e.str(f.Type)
			e.nums(f.Contacts)
			e.nums(f.Lines)
			e.num(len(f.Agencies))
			for _, a := range f.Agencies {
				e.str(a)
			}
			e.int(f.Days)
			e.num(boolNum(f.Approx))
		}
	}

	head := &encoder{}
	head.raw(key)
	head.num(len(e.strs))
	for _, s := range e.strs {
		head.raw(s)
	}
	// A cache that cannot be written is only a slower next query.
	atomicfile.Write(path, func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<16)
		w.WriteString(cacheMagic)
		w.Write(head.buf)
		w.Write(e.buf)
		return w.Flush()
	})
}

// removeCache removes the cache at path, if any: the load had errors, so
// what it holds may describe a study that is no longer there. A cache that
// cannot be removed is harmless: a load trusts it only while its key
// matches and the transcripts still name its cases.
func removeCache(path string) { os.Remove(path) }

func boolNum(b bool) int {
	if b {
		return 1
	}
	return 0
}

type encoder struct {
	buf  []byte
	ids  map[string]int
	strs []string
}

func (e *encoder) num(n int) { e.buf = binary.AppendUvarint(e.buf, uint64(n)) }
func (e *encoder) int(n int) { e.buf = binary.AppendVarint(e.buf, int64(n)) }
func (e *encoder) raw(s string) {
	e.num(len(s))
	e.buf = append(e.buf, s...)
}
func (e *encoder) str(s string) {
	id, ok := e.ids[s]
	if !ok {
		id = len(e.strs)
		e.ids[s] = id
		e.strs = append(e.strs, s)
	}
	e.num(id)
}
func (e *encoder) nums(ns []int) {
	e.num(len(ns))
	for _, n := range ns {
		e.int(n)
	}
}

// decoder reads what encoder wrote; any damage sets err and yields zeros.
type decoder struct {
	data []byte
	strs []string
	err  bool
}

func (d *decoder) num() int {
	v, n := binary.Uvarint(d.data)
	if n <= 0 || v > 1<<40 {
		d.err, d.data = true, nil
		return 0
	}
	d.data = d.data[n:]
	return int(v)
}

func (d *decoder) u64() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err, d.data = true, nil
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.err, d.data = true, nil
		return 0
	}
	d.data = d.data[n:]
	return int(v)
}

func (d *decoder) raw() string {
	n := d.num()
	if n > len(d.data) {
		d.err, d.data = true, nil
		return ""
	}
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}

func (d *decoder) str() string {
	i := d.num()
	if i >= len(d.strs) {
		d.err = true
		return ""
	}
	return d.strs[i]
}

func (d *decoder) ints() []int {
	n := min(d.num(), len(d.data))
	out := make([]int, n)
	for i := range out {
		out[i] = d.int()
	}
	return slices.Clip(out)
}
