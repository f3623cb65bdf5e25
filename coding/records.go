package coding

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/diag"
)

// CodingsDir is the study folder holding one JSON-lines file per coder.
const CodingsDir = "codings"

// ParseRecords reads one coder's codings file. The coder's name is the file
// name without .jsonl. Every malformed line is reported with its line number
// and skipped; the rest are returned, so one bad line never hides a coder's
// other work.
func ParseRecords(file string, data []byte) ([]Record, diag.List) {
	var probs diag.List
	coder := strings.TrimSuffix(path.Base(file), ".jsonl")
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var recs []Record
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil {
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
		r.Coder, r.File, r.Line = coder, file, n
		recs = append(recs, r)
	}
	return recs, probs
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
	var probs diag.List
	entries, err := fs.ReadDir(fsys, CodingsDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		probs.Errorf(path.Join(dir, CodingsDir), 0, "cannot read the codings folder: %v", err)
		return nil, probs
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var all []Record
	for _, e := range entries {
		name := path.Join(CodingsDir, e.Name())
		display := path.Join(dir, name)
		switch {
		case !utf8.ValidString(e.Name()):
			// No fs.FS opens such a name; say which file, readably.
			q := strconv.Quote(e.Name())
			probs.Warnf(path.Join(dir, CodingsDir, q[1:len(q)-1]), 0, "ignored: its name is not valid UTF-8, so it cannot be read: rename it <coder>.jsonl")
			continue
		case e.Name() == ".jsonl":
			probs.Warnf(display, 0, "ignored: the file has no coder name: rename it <coder>.jsonl")
			continue
		case e.IsDir() || strings.HasPrefix(e.Name(), "."):
			continue
		}
		if !strings.HasSuffix(e.Name(), ".jsonl") {
			probs.Warnf(display, 0, "ignored: codings files are named <coder>.jsonl")
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			probs.Errorf(display, 0, "cannot read: %v", err)
			continue
		}
		recs, p := ParseRecords(display, data)
		all = append(all, recs...)
		probs.Add(p...)
	}
	return all, probs
}
