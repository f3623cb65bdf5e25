package journey

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/residentinsight/insight/diag"
)

// Contact is one row of contacts.csv.
type Contact struct {
	Line     int // in contacts.csv
	Case     string
	Member   string
	Date     Date
	Agency   string // a theme id under the agencies branch
	Type     string // a contact type from journey.types
	Problem  string // a theme id under the problems branch, or ""
	Source   string // where the row came from: case file, mapping workshop, a transcript line
	Note     string
	Reactive bool   // the type is reactive
	Phase    string // the phase the date falls in, or ""
	Cost     Money  // unit cost, when Costed
	Costed   bool   // costs.yaml gives a unit cost for this agency and type

	key   uint64 // case, member and type interned: equal for one member's contacts of one type
	caseN int32  // the case's number, the same for every contact of one family (Journeys.index)
}

// Columns of contacts.csv; the first five are required.
var columns = []string{"case", "member", "date", "agency", "type", "problem", "source", "note"}

const requiredColumns = 5

type rowReader struct {
	in        Input
	s         *Settings
	cases     []string            // known cases, for suggestions
	known     map[string]bool     // known cases
	people    map[string]string   // lower-case participant id -> id
	withdrawn map[string]bool     // lower-case participant id
	members   map[string][]string // case -> declared members
	ids       []string            // participant ids, for suggestions
	today     Day
	readCases bool
	agencies  map[string]bool
	types     map[string]bool
	problems  map[string]bool
	intern    map[string]interned
	// valid memoises the case, agency, type and problem values already
	// found valid, interned, and person the members already resolved: a
	// study repeats a few dozen values over 100,000s of rows.
	valid  [requiredColumns + 1]map[string]interned
	person map[string]personOf
}

// personOf is what a member value of contacts.csv resolves to.
type personOf struct {
	id        string // the participants.csv id, when isPerson
	isPerson  bool
	withdrawn bool
}

type interned struct {
	s  string
	id uint64
}

func newRowReader(in Input, s *Settings) *rowReader {
	r := &rowReader{in: in, s: s, known: map[string]bool{}, people: map[string]string{},
		withdrawn: map[string]bool{}, members: s.Members, today: dayOf(in.Today), intern: map[string]interned{},
		person: map[string]personOf{}}
	for k := range r.valid {
		r.valid[k] = map[string]interned{}
	}
	r.agencies, r.types, r.problems = setOf(s.Agencies), setOf(s.typeIDs()), setOf(s.Problems)
	for c := range s.Members {
		r.known[c] = true
	}
	for c := range r.known {
		r.cases = append(r.cases, c)
	}
	sortStrings(r.cases)
	for _, p := range in.Participants {
		r.people[strings.ToLower(p.ID)] = p.ID
		r.ids = append(r.ids, p.ID)
		if p.Withdrawn {
			r.withdrawn[strings.ToLower(p.ID)] = true
		}
	}
	return r
}

// transcriptCase adds the transcripts' cases to the known ones the first
// time a case is not in journey.members, and says whether c is one.
func (r *rowReader) transcriptCase(c string) bool {
	if r.in.Cases != nil && !r.readCases {
		r.readCases = true
		for tc := range r.in.Cases() {
			if !r.known[tc] {
				r.known[tc] = true
				r.cases = append(r.cases, tc)
			}
		}
		sortStrings(r.cases)
	}
	return r.known[c]
}

// str returns one shared copy of s and a small number naming it.
func (r *rowReader) str(s string) (string, uint64) {
	if v, ok := r.intern[s]; ok {
		return v.s, v.id
	}
	s = strings.Clone(s)
	id := uint64(len(r.intern))
	r.intern[s] = interned{s, id}
	return s, id
}

// personOf resolves a member value to a participant, once per value.
func (r *rowReader) personOf(m string) personOf {
	if p, ok := r.person[m]; ok {
		return p
	}
	low := strings.ToLower(m)
	id, isPerson := r.people[low]
	p := personOf{id: id, isPerson: isPerson, withdrawn: r.withdrawn[low]}
	r.person[strings.Clone(m)] = p
	return p
}

// check returns the interned value v of column col when an earlier row
// found it valid; otherwise valid says whether it is (reporting why not)
// and a valid value is remembered.
func (r *rowReader) check(col int, v string, valid func(string) bool) (string, uint64, bool) {
	if in, ok := r.valid[col][v]; ok {
		return in.s, in.id, true
	}
	if !valid(v) {
		return v, 0, false
	}
	s, id := r.str(v)
	r.valid[col][s] = interned{s, id}
	return s, id, true
}

// read parses contacts.csv. Rows with errors are left out; so are rows of
// withdrawn participants, which are counted and never described.
func (r *rowReader) read(file string, data []byte, probs *diag.List) ([]Contact, int) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	recs := records(data)
	if bytes.IndexByte(data, '"') >= 0 {
		recs = csvRecords(file, data, probs) // quoted fields: the full CSV reader
	}
	head, _, ok := recs()
	if !ok {
		probs.Errorf(file, 1, "is empty: the first row must name the columns %s", strings.Join(columns, ","))
		return nil, 0
	}
	head = slices.Clone(head) // records reuses its slice
	col, ok := r.header(file, head, probs)
	if !ok {
		return nil, 0
	}
	nhead := len(head)
	out := make([]Contact, 0, bytes.Count(data, []byte("\n")))
	withdrawn := 0
	for {
		rec, line, more := recs()
		if !more {
			break
		}
		if rec == nil {
			continue // a CSV error, already reported
		}
		if len(rec) != nhead {
			probs.Errorf(file, line, "has %d fields but the header has %d: quote values that contain commas", len(rec), nhead)
			continue
		}
		get := func(c int) string {
			if col[c] < 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[c]])
		}
		if r.personOf(get(1)).withdrawn {
			withdrawn++
			continue
		}
		c, ok := r.row(file, line, get, probs)
		if !ok {
			continue
		}
		out = append(out, c)
	}
	return out, withdrawn
}

func sameRow(a, b Contact) bool {
	a.Line = b.Line
	return a == b
}

// A recordFunc returns the next record and its line; ok is false at the
// end. A record with a CSV error is returned as nil, after the error is
// reported.
type recordFunc func() (fields []string, line int, ok bool)

// records splits a file without quotes into lines and fields, several
// times faster than encoding/csv, which a file with quotes goes through.
func records(data []byte) recordFunc {
	s := string(data)
	line := 0
	var fields []string
	return func() ([]string, int, bool) {
		for len(s) > 0 {
			line++
			l := s
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				l, s = s[:i], s[i+1:]
			} else {
				s = ""
			}
			l = strings.TrimSuffix(l, "\r")
			if l == "" {
				continue
			}
			fields = fields[:0]
			for {
				i := strings.IndexByte(l, ',')
				if i < 0 {
					fields = append(fields, l)
					break
				}
				fields = append(fields, l[:i])
				l = l[i+1:]
			}
			return fields, line, true
		}
		return nil, 0, false
	}
}

func csvRecords(file string, data []byte, probs *diag.List) recordFunc {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	return func() ([]string, int, bool) {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, 0, false
		}
		if err != nil {
			csvProblem(file, err, probs)
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, 0, false
			}
			return nil, pe.Line, true
		}
		line, _ := cr.FieldPos(0)
		return rec, line, true
	}
}

func csvProblem(file string, err error, probs *diag.List) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		probs.Errorf(file, pe.Line, "is not valid CSV: %v (quote values that contain commas or quotes)", pe.Err)
		return
	}
	probs.Errorf(file, 0, "cannot be read: %v", err)
}

// header maps each known column to its position, -1 when absent.
func (r *rowReader) header(file string, head []string, probs *diag.List) ([]int, bool) {
	col := make([]int, len(columns))
	for i := range col {
		col[i] = -1
	}
	ok := true
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		k := slices.Index(columns, h)
		switch {
		case k < 0:
			probs.Errorf(file, 1, "unknown column %q; the columns are %s%s", h, strings.Join(columns, ", "), suggestion(h, columns))
			ok = false
		case col[k] >= 0:
			probs.Errorf(file, 1, "column %q is named twice", h)
			ok = false
		default:
			col[k] = i
		}
	}
	for k := range requiredColumns {
		if col[k] < 0 {
			probs.Errorf(file, 1, "the column %q is missing: the first row must name at least %s", columns[k], strings.Join(columns[:requiredColumns], ","))
			ok = false
		}
	}
	return col, ok
}

// row checks one row's values; every problem in it is reported.
func (r *rowReader) row(file string, line int, get func(int) string, probs *diag.List) (Contact, bool) {
	c := Contact{Line: line}
	ok := true
	bad := func(format string, args ...any) {
		probs.Errorf(file, line, format, args...)
		ok = false
	}
	var cid, mid, tid uint64
	c.Case, cid, _ = r.check(0, get(0), func(v string) bool {
		switch {
		case v == "":
			bad("case is empty: give the family's case id, as in the transcripts' case:")
		case !r.known[v] && !r.transcriptCase(v):
			bad("unknown case %q: no transcript's case: names it and journey.members does not list it%s", v, suggestion(v, r.cases))
		default:
			return true
		}
		return false
	})
	c.Member = get(1)
	if p := r.personOf(c.Member); p.isPerson {
		c.Member = p.id
	} else if c.Member == "" {
		bad("member is empty: give a participants.csv id or a member listed for the case in journey.members")
	} else if ms := r.members[c.Case]; r.known[c.Case] && !slices.Contains(ms, c.Member) {
		bad("unknown member %q of case %s: use a participants.csv id or list it under journey.members.%s in insight.yaml%s",
			c.Member, c.Case, c.Case, suggestion(c.Member, append(slices.Clone(ms), r.ids...)))
	}
	if d, err := parseDate(get(2)); err != nil {
		bad("date: %v", err)
	} else if d.Lo > r.today {
		bad("date %s is in the future: contacts record what happened", get(2))
	} else {
		c.Date = d
	}
	c.Agency, _, _ = r.check(3, get(3), func(v string) bool {
		if !r.agencies[v] {
			bad("unknown agency %q: use a theme id under the codebook's %s branch%s", v, r.s.AgencyBranch, suggestion(v, r.s.Agencies))
		}
		return r.agencies[v]
	})
	c.Type, tid, _ = r.check(4, get(4), func(v string) bool {
		if !r.types[v] {
			bad("unknown contact type %q: declare it in insight.yaml's journey.types as reactive or planned%s", v, suggestion(v, r.s.typeIDs()))
		}
		return r.types[v]
	})
	c.Problem, _, _ = r.check(5, get(5), func(v string) bool {
		if v != "" && !r.problems[v] {
			bad("unknown problem %q: use a theme id under the codebook's %s branch, or leave it empty%s", v, r.s.ProblemBranch, suggestion(v, r.s.Problems))
			return false
		}
		return true
	})
	c.Member, mid = r.str(c.Member)
	c.Source, _ = r.str(get(6))
	c.Note = get(7)
	c.key = cid<<42 | mid<<21 | tid // 2^21 distinct strings is far beyond any study
	return c, ok                    // a row with problems is dropped, so its values need no interning
}

func setOf(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
