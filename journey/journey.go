// Package journey owns families' contacts with services: contacts.csv (one
// row per contact), costs.yaml (unit costs per agency and contact type) and
// the journey: section of insight.yaml (which codebook branches hold the
// agencies and the presenting problems, contact types as reactive or
// planned, phases, duplication rules and the members of each case).
//
// It reads them reporting every problem as file:line, leaves out the
// contacts of participants who withdrew, applies the duplication rules and
// computes every aggregate the CLI and the site show (contacts, cost and
// families by agency, type, case, member, problem, phase or month; reactive
// share; contacts and cost per family-month by phase). The site renders
// these and computes nothing itself, so its numbers equal the queries'.
package journey

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

// File names in a study folder.
const (
	ContactsFile = "contacts.csv"
	CostsFile    = "costs.yaml"
)

// Input is what Load needs from the rest of the study.
type Input struct {
	FS           fs.FS                   // the study folder
	Name         func(rel string) string // a file's name in messages
	Config       *yaml.Node              // insight.yaml's journey: section; nil when absent
	Codebook     *themes.Codebook
	Participants []corpus.Participant
	// Cases lists the case ids named in transcripts' front matter. It is
	// called only when contacts.csv names a case journey.members does not
	// list, so a study that lists its families reads no transcript.
	Cases func() map[string]bool
	Today time.Time // a contact dated after it is an error
	// NoFindings skips the duplication rules and the identical-row
	// warnings, for a caller that shows neither (insight query contacts):
	// on a large study they are a third of the reading.
	NoFindings bool
	// Cache is a file for what reading contacts.csv made (see cacheMagic);
	// "" reads contacts.csv every time.
	Cache string
}

// Journeys is everything read from a study's contacts and costs.
type Journeys struct {
	Settings Settings
	Costs    *Costs    // nil when the study has no costs.yaml
	Contacts []Contact // in file order; withdrawn participants' contacts are not here
	// Withdrawn counts the contacts left out because the member withdrew consent.
	Withdrawn int
	Flags     []Flag   // duplication findings, by case, member, type and date
	Cases     []string // the families with at least one contact, sorted
	Present   bool     // the study has a contacts.csv
	// Key changes whenever anything read here changes: the files, the
	// settings, the codebook's names and who withdrew. Pages built from
	// the journeys are cached under it.
	Key string

	people      map[string]map[string]string // participant id -> attributes, for --where
	byCase      map[string][]int             // case -> indexes into Contacts
	flagsByCase map[string][]int             // case -> indexes into Flags
}

// Family is the journeys of one family alone: its contacts and findings
// (indexes renumbered), with the study's settings and costs. A page per
// family then costs the family's contacts, not the study's.
func (j *Journeys) Family(id string) *Journeys {
	f := &Journeys{Settings: j.Settings, Costs: j.Costs, Present: j.Present, Key: j.Key, people: j.people}
	own := j.byCase[id] // ascending, so a contact's place in it is found by binary search
	f.Contacts = make([]Contact, len(own))
	for k, i := range own {
		f.Contacts[k] = j.Contacts[i]
	}
	if len(f.Contacts) > 0 {
		f.Cases = []string{id}
	}
	for _, fi := range j.flagsByCase[id] {
		fl := j.Flags[fi]
		fl.Contacts = slices.Clone(fl.Contacts)
		for k, i := range fl.Contacts {
			fl.Contacts[k], _ = slices.BinarySearch(own, i)
		}
		f.Flags = append(f.Flags, fl)
	}
	return f
}

// Load reads contacts.csv, costs.yaml and the journey: settings. It keeps
// going past problems so that one `insight check` reports them all; rows
// with errors are left out. A study with neither contacts.csv nor a
// journey: section gives an empty Journeys and no problems.
func Load(in Input) (*Journeys, diag.List) {
	var probs diag.List
	if in.Name == nil {
		in.Name = func(s string) string { return s }
	}
	if in.Today.IsZero() {
		in.Today = time.Now()
	}
	j := &Journeys{people: map[string]map[string]string{}}
	for _, p := range in.Participants {
		j.people[p.ID] = p.Attributes
	}
	j.Settings = parseSettings(in, &probs)

	key := sha256.New()
	fmt.Fprintf(key, "%v\x00", j.Settings)
	for _, p := range in.Participants {
		fmt.Fprintf(key, "%s %v\x00", p.ID, p.Withdrawn)
	}
	defer func() { j.Key = hex.EncodeToString(key.Sum(nil)) }()
	if data, err := fs.ReadFile(in.FS, CostsFile); err == nil {
		key.Write(data)
		j.Costs = parseCosts(in.Name(CostsFile), data, &j.Settings, &probs)
	} else if !errors.Is(err, fs.ErrNotExist) {
		probs.Errorf(in.Name(CostsFile), 0, "cannot be read: %v", err)
	}

	// contacts.csv is hashed as it streams past, and read whole only when
	// the cache cannot answer: on 200,000 rows that is 15 MB not allocated.
	fmt.Fprintf(key, "\x00contacts\x00")
	prefix, _ := key.(encoding.BinaryMarshaler).MarshalBinary()
	csum, err := hashFile(in.FS, ContactsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		probs.Sort()
		return j, probs
	case err != nil:
		probs.Errorf(in.Name(ContactsFile), 0, "cannot be read: %v", err)
		probs.Sort()
		return j, probs
	}
	j.Present = true
	key.Write(csum)
	sum := hex.EncodeToString(key.Sum(nil))
	if in.Cache != "" && !probs.HasErrors() {
		if c, ok := readCache(in.Cache, sum, !in.NoFindings, in.Cases); ok {
			j.fromCache(c, in.Name, &probs)
			probs.Sort()
			return j, probs
		}
	}
	data, err := fs.ReadFile(in.FS, ContactsFile)
	if err != nil {
		probs.Errorf(in.Name(ContactsFile), 0, "cannot be read: %v", err)
		probs.Sort()
		return j, probs
	}
	if d := sha256.Sum256(data); !bytes.Equal(d[:], csum) {
		// Changed since it was hashed: key what was read.
		key = sha256.New()
		key.(encoding.BinaryUnmarshaler).UnmarshalBinary(prefix)
		key.Write(d[:])
		sum = hex.EncodeToString(key.Sum(nil))
	}
	j.read(in, data, sum, &probs)
	probs.Sort()
	return j, probs
}

// fromCache takes the contacts, findings and problems a cache entry holds.
func (j *Journeys) fromCache(c *cached, name func(string) string, probs *diag.List) {
	j.Contacts, j.Withdrawn, j.Flags = c.contacts, c.withdrawn, c.flags
	j.index()
	for _, p := range c.probs {
		if p.File == ContactsFile || p.File == CostsFile {
			p.File = name(p.File)
		}
		probs.Add(p)
	}
}

// read parses contacts.csv, finds duplication, and caches the result under
// sum unless there were errors.
func (j *Journeys) read(in Input, data []byte, sum string, probs *diag.List) {
	before := len(*probs)
	r := newRowReader(in, &j.Settings)
	j.Contacts, j.Withdrawn = r.read(in.Name(ContactsFile), data, probs)
	j.finish(in.Name(ContactsFile), !in.NoFindings, probs)
	if in.Cache == "" {
		return
	}
	if probs.HasErrors() {
		removeCache(in.Cache)
	} else {
		writeCache(in.Cache, sum, j, !in.NoFindings, relProblems((*probs)[before:], in.Name), j.transcriptCases())
	}
}

// hashFile is the sha256 of a file of fsys, read in pieces.
func hashFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// relProblems names the files of problems as in the study folder, so a
// cache is the same however the folder is named on the command line.
func relProblems(ps diag.List, name func(string) string) diag.List {
	out := slices.Clone(ps)
	for i, p := range out {
		for _, f := range []string{ContactsFile, CostsFile} {
			if p.File == name(f) {
				out[i].File = f
			}
		}
	}
	return out
}

// transcriptCases lists the cases of the contacts that journey.members
// does not list: known only from the transcripts, so a cache holds only
// while the transcripts still name them.
func (j *Journeys) transcriptCases() []string {
	var out []string
	for _, c := range j.Cases {
		if _, ok := j.Settings.Members[c]; !ok {
			out = append(out, c)
		}
	}
	return out
}

// finish prices and phases the contacts, lists the families and, with
// findings, applies the duplication rules.
func (j *Journeys) finish(file string, findings bool, probs *diag.List) {
	for i := range j.Contacts {
		c := &j.Contacts[i]
		c.Reactive = j.Settings.reactive(c.Type)
		c.Phase = j.Settings.phaseOf(c.Date)
		if j.Costs != nil {
			c.Cost, c.Costed = j.Costs.unit(c.Agency, c.Type)
		}
	}
	j.index()
	j.reportUncosted(file, probs)
	j.reportStraddles(file, probs)
	if findings {
		j.Flags = j.duplication(file, probs)
	}
	j.indexFlags()
}

// index lists the families and each one's contacts and findings.
// Each contact gets its case's number.
func (j *Journeys) index() {
	num := map[string]int32{}
	var per [][]int
	prev, n := "", int32(-1)
	for i := range j.Contacts {
		c := &j.Contacts[i]
		if n >= 0 && c.Case == prev { // a family's rows are usually together: no lookup
			c.caseN = n
			per[n] = append(per[n], i)
			continue
		}
		var ok bool
		prev = c.Case
		n, ok = num[c.Case]
		if !ok {
			n = int32(len(per))
			num[c.Case] = n
			per = append(per, nil)
			j.Cases = append(j.Cases, c.Case)
		}
		c.caseN = n
		per[n] = append(per[n], i)
	}
	j.byCase = make(map[string][]int, len(per))
	for c, n := range num {
		j.byCase[c] = per[n]
	}
	sortStrings(j.Cases)
	j.indexFlags()
}

func (j *Journeys) indexFlags() {
	j.flagsByCase = map[string][]int{}
	for i, f := range j.Flags {
		j.flagsByCase[f.Case] = append(j.flagsByCase[f.Case], i)
	}
}
