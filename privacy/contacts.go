package privacy

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/journey"
)

// contactsEntry scans contacts.csv's free-text columns (note and source)
// like every other text. Rows of a participant who withdrew are skipped
// unread, as their transcript turns are.
func contactsEntry(det Detector, f *piiFile, partData []byte) *piiEntry {
	e := &piiEntry{Findings: []Finding{}}
	withdrawn := map[string]bool{}
	if partData != nil {
		ps, _ := corpus.ParseParticipants("participants.csv", partData)
		for _, p := range ps {
			if p.Withdrawn {
				withdrawn[strings.ToLower(p.ID)] = true
			}
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return e // insight check reports an unreadable file
	}
	col := func(name string) int {
		return slices.IndexFunc(head, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), name) })
	}
	member, texts := col("member"), []int{col("source"), col("note")}
	// Sources and notes repeat ("case file" on most rows): detect each
	// distinct text once.
	seen := map[string][]anon.Finding{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			continue
		}
		if member >= 0 && member < len(rec) && withdrawn[strings.ToLower(strings.TrimSpace(rec[member]))] {
			continue
		}
		line, _ := r.FieldPos(0)
		for _, c := range texts {
			if c < 0 || c >= len(rec) || rec[c] == "" {
				continue
			}
			fs, ok := seen[rec[c]]
			if !ok {
				fs = det.Detect(rec[c])
				seen[rec[c]] = fs
			}
			_, colStart := r.FieldPos(c)
			for _, fd := range fs {
				at := colStart
				if i := strings.Index(rec[c], fd.Text); i >= 0 {
					at += utf8.RuneCountInString(rec[c][:i])
				}
				e.Findings = append(e.Findings, Finding{File: journey.ContactsFile, Line: line, Col: at, Kind: fd.Kind, Text: fd.Text, Reason: fd.Reason})
			}
		}
	}
	return e
}
