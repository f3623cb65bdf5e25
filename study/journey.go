package study

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/themes"
)

// contactsCache is where journey keeps the contacts it read (see
// journey.Input.Cache): STUDY/.insight/contacts, none for the example.
func (s Source) contactsCache() string {
	if s.Example {
		return ""
	}
	return filepath.Join(s.Dir, CacheDir, "contacts")
}

// loadJourneys reads contacts.csv and costs.yaml for an opened study.
func loadJourneys(fsys fs.FS, name, cache string, st *corpus.Study, cb *themes.Codebook) (*journey.Journeys, diag.List) {
	cases := map[string]bool{}
	for _, d := range st.Documents {
		if d.Case != "" {
			cases[d.Case] = true
		}
	}
	return journey.Load(journey.Input{
		FS: fsys, Name: func(f string) string { return joinName(name, f) },
		Config: st.Config.Journey, Codebook: cb, Participants: st.Participants,
		Cases: func() map[string]bool { return cases }, Today: time.Now(), Cache: cache,
	})
}

// OpenJourneys reads only what the contacts need — insight.yaml, the
// codebook, participants.csv, contacts.csv, costs.yaml and the transcripts'
// front matter — so `insight query contacts` answers without reading or
// coding the transcripts. A study whose contacts have errors is a
// ProblemsError. Without findings the duplication rules are not applied
// (Flags is empty), for queries that show none.
func OpenJourneys(ctx context.Context, src Source, findings bool) (*journey.Journeys, error) {
	fsys, name := src.fs()
	var probs diag.List
	data, err := fs.ReadFile(fsys, "insight.yaml")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", joinName(name, "insight.yaml"), err)
	}
	cfg, p := corpus.ParseConfig(joinName(name, "insight.yaml"), data)
	probs.Add(p...)
	var parts []corpus.Participant
	if data, err := fs.ReadFile(fsys, "participants.csv"); err == nil {
		parts, p = corpus.ParseParticipants(joinName(name, "participants.csv"), data)
		probs.Add(p...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	cb, p := themes.Load(fsys, CodebookFile, joinName(name, CodebookFile))
	probs.Add(p...)
	if cb == nil || probs.HasErrors() {
		return nil, &ProblemsError{probs.Errors()}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	j, p := journey.Load(journey.Input{
		FS: fsys, Name: func(f string) string { return joinName(name, f) },
		Config: cfg.Journey, Codebook: cb, Participants: parts,
		Cases: func() map[string]bool { return corpus.Cases(fsys) }, Today: time.Now(),
		NoFindings: !findings, Cache: src.contactsCache(),
	})
	if p.HasErrors() {
		return nil, &ProblemsError{p.Errors()}
	}
	if !j.Present {
		return nil, &ProblemsError{diag.List{{File: joinName(name, journey.ContactsFile), Msg: "is missing: the study records no contacts (docs/study-format.md says how to add them)"}}}
	}
	return j, nil
}

// journeySummary is check's line about contacts.
func journeySummary(j *journey.Journeys) string {
	if j == nil || !j.Present {
		return ""
	}
	t := j.Total(nil)
	s := fmt.Sprintf("\ncontacts: %d with %d families, %d reactive (%.1f%%), %d costed; %d duplication findings",
		t.Contacts, t.Families, t.Reactive, t.ReactiveShare(), t.Costed, len(j.Flags))
	if j.Withdrawn > 0 {
		s += fmt.Sprintf("\nconsent withdrawn: %d contacts left out", j.Withdrawn)
	}
	return s
}

// siteJourneys is what the site's case pages need: the journeys, and the
// problems and agencies the families' transcripts name together, from
// evidence only (a person's codes, or rule hits on themes that opt in).
func siteJourneys(op *Opened) (*journey.Journeys, []journey.Evidence) {
	j := op.Journeys
	if j == nil || !j.Present {
		return nil, nil
	}
	studyAuto := op.Study.Config.AutoEvidence()
	isEvidence := func(i int) bool {
		a := op.Coded.Apps[i]
		t := op.Codebook.Lookup(a.Theme)
		return a.Source != coding.SourceAuto || (t != nil && t.AutoEvidence(studyAuto))
	}
	return j, journey.Interviews(op.Study, op.Coded, &j.Settings, isEvidence)
}
