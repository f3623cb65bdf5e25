package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/residentinsight/insight/diag"
)

// ParseParticipants reads participants.csv: a header row with an id column,
// an optional consent column (yes | withdrawn; empty means yes) and any
// attribute columns, whose names are lower-cased.
func ParseParticipants(file string, data []byte) ([]Participant, diag.List) {
	var probs diag.List
	r := csv.NewReader(bytes.NewReader(trimBOM(data)))
	r.FieldsPerRecord = -1 // ragged rows are reported below, with their line
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			probs.Errorf(file, 1, "is empty: the first row must name the columns, starting with id (e.g. id,role,ward,consent)")
		} else {
			csvError(file, err, &probs)
		}
		return nil, probs
	}
	h := parseHeader(file, header, &probs)
	if h.id < 0 {
		probs.Errorf(file, 1, "the header row has no id column: the first row must name the columns, e.g. id,role,ward,consent (found %s)", strings.Join(h.cols, ","))
		return nil, probs
	}
	var out []Participant
	seenID := map[string]int{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvError(file, err, &probs)
			break // the reader cannot resynchronise after a quoting error
		}
		line, _ := r.FieldPos(0)
		if p, ok := h.participant(file, line, rec, seenID, &probs); ok {
			out = append(out, p)
		}
	}
	return out, probs
}

// participantsHeader is participants.csv's header row: its lower-cased
// column names and where the id and consent columns are (-1 if absent).
type participantsHeader struct {
	cols        []string
	id, consent int
}

func parseHeader(file string, header []string, probs *diag.List) participantsHeader {
	h := participantsHeader{cols: make([]string, len(header)), id: -1, consent: -1}
	seenCol := map[string]int{}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(name))
		h.cols[i] = name
		switch {
		case name == "":
			probs.Errorf(file, 1, "column %d has no name in the header row: name it or remove the column", i+1)
		case seenCol[name] > 0:
			probs.Errorf(file, 1, "column %q appears twice in the header row (columns %d and %d): rename one", name, seenCol[name], i+1)
		}
		seenCol[name] = i + 1
		switch name {
		case "id":
			h.id = i
		case "consent":
			h.consent = i
		}
	}
	return h
}

// participant reads one row; false means it is reported and left out.
func (h participantsHeader) participant(file string, line int, rec []string, seenID map[string]int, probs *diag.List) (Participant, bool) {
	if len(rec) != len(h.cols) {
		probs.Errorf(file, line, "row has %d fields but the header has %d: add the missing commas or quote values that contain commas", len(rec), len(h.cols))
		return Participant{}, false
	}
	p := Participant{ID: strings.TrimSpace(rec[h.id]), Line: line, Attributes: map[string]string{}}
	if p.ID == "" {
		probs.Errorf(file, line, "row has an empty id: give every participant the label used for them in transcripts (e.g. P07)")
		return p, false
	}
	key := strings.ToLower(p.ID)
	if prev, dup := seenID[key]; dup {
		probs.Errorf(file, line, "participant id %q is repeated (first on line %d): ids must be unique", p.ID, prev)
		return p, false
	}
	seenID[key] = line
	if !validLabel(p.ID) {
		probs.Warnf(file, line, "id %q cannot be written as a speaker label (1–40 letters, digits, spaces, - _ . ', at most 4 words), so no transcript turn can match it", p.ID)
	}
	for i, v := range rec {
		switch i {
		case h.id:
		case h.consent:
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "", "yes":
			case "withdrawn":
				p.Withdrawn = true
			default:
				// Fail safe: an unreadable consent never exposes anyone's words.
				p.Withdrawn = true
				probs.Errorf(file, line, "consent %q is not understood: use yes or withdrawn (empty means yes)", v)
			}
		default:
			p.Attributes[h.cols[i]] = strings.TrimSpace(v)
		}
	}
	return p, true
}

func csvError(file string, err error, probs *diag.List) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			msg += `: a value containing quotes must be quoted itself, with inner quotes doubled ("like ""this""")`
		}
		probs.Errorf(file, pe.Line, "%s", msg)
		return
	}
	probs.Errorf(file, 0, "cannot read: %v", err)
}
