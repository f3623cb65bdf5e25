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
	agencies  map[string]bool
	types     map[string]bool
	problems  map[string]bool
	intern    map[string]string
}

func newRowReader(in Input, s *Settings) *rowReader {
	r := &rowReader{in: in, s: s, known: map[string]bool{}, people: map[string]string{},
		withdrawn: map[string]bool{}, members: s.Members, today: dayOf(in.Today), intern: map[string]string{}}
	r.agencies, r.types, r.problems = setOf(s.Agencies), setOf(s.typeIDs()), setOf(s.Problems)
	for c := range in.Cases {
		r.known[c] = true
	}
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

func (r *rowReader) str(s string) string {
	if v, ok := r.intern[s]; ok {
		return v
	}
	s = strings.Clone(s)
	r.intern[s] = s
	return s
}

// read parses contacts.csv. Rows with errors are left out; so are rows of
// withdrawn participants, which are counted and never described.
func (r *rowReader) read(file string, data []byte, probs *diag.List) ([]Contact, int) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		probs.Errorf(file, 1, "is empty: the first row must name the columns %s", strings.Join(columns, ","))
		return nil, 0
	}
	if err != nil {
		csvProblem(file, err, probs)
		return nil, 0
	}
	col, ok := r.header(file, head, probs)
	if !ok {
		return nil, 0
	}
	var out []Contact
	withdrawn := 0
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			csvProblem(file, err, probs)
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue
			}
			if !errors.As(err, &pe) {
				break
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(head) {
			probs.Errorf(file, line, "has %d fields but the header has %d: quote values that contain commas", len(rec), len(head))
			continue
		}
		get := func(c int) string {
			if col[c] < 0 {
				return ""
			}
			return strings.TrimSpace(rec[col[c]])
		}
		if m := get(1); r.withdrawn[strings.ToLower(m)] {
			withdrawn++
			continue
		}
		c, ok := r.row(file, line, get, probs)
		if !ok {
			continue
		}
		key := strings.Join(rec, "\x00")
		if prev, dup := seen[key]; dup {
			probs.Warnf(file, line, "is identical to line %d: both are counted; delete one if it was entered twice", prev)
		} else {
			seen[key] = line
		}
		out = append(out, c)
	}
	return out, withdrawn
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
	c.Case = get(0)
	switch {
	case c.Case == "":
		bad("case is empty: give the family's case id, as in the transcripts' case:")
	case !r.known[c.Case]:
		bad("unknown case %q: no transcript's case: names it and journey.members does not list it%s", c.Case, suggestion(c.Case, r.cases))
	}
	c.Member = get(1)
	if id, isPerson := r.people[strings.ToLower(c.Member)]; isPerson {
		c.Member = id
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
	c.Agency = get(3)
	if !r.agencies[c.Agency] {
		bad("unknown agency %q: use a theme id under the codebook's %s branch%s", c.Agency, r.s.AgencyBranch, suggestion(c.Agency, r.s.Agencies))
	}
	c.Type = get(4)
	if !r.types[c.Type] {
		bad("unknown contact type %q: declare it in insight.yaml's journey.types as reactive or planned%s", c.Type, suggestion(c.Type, r.s.typeIDs()))
	}
	if c.Problem = get(5); c.Problem != "" && !r.problems[c.Problem] {
		bad("unknown problem %q: use a theme id under the codebook's %s branch, or leave it empty%s", c.Problem, r.s.ProblemBranch, suggestion(c.Problem, r.s.Problems))
	}
	c.Case, c.Member, c.Agency, c.Type, c.Problem = r.str(c.Case), r.str(c.Member), r.str(c.Agency), r.str(c.Type), r.str(c.Problem)
	c.Source, c.Note = r.str(get(6)), get(7)
	return c, ok
}

func setOf(ss []string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}
