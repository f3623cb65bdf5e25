package privacy

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/journey"
	"gopkg.in/yaml.v3"
)

// contactsCopy is contacts.csv as read for the copy: its rows, and the
// findings in each row's free text (source and note), which check scans.
type contactsCopy struct {
	head   []string
	rows   []contactRow
	member int   // column of member, -1 when absent
	cols   []int // the columns renamed as identifiers: case, member
	texts  []int // the free-text columns: source, note
}

type contactRow struct {
	fields []string
	line   int
	hits   map[int][]anon.Finding // by column, unreviewed findings in its text
}

// scanContacts reads contacts.csv for the copy, leaving out the rows of
// participants who withdrew (counted, never read further), and finds the
// personal data in each row's source and note as check does. It returns
// nil when the study has no contacts.csv.
func (p *pseudonymiser) scanContacts() (*contactsCopy, error) {
	data, err := fs.ReadFile(p.src.FS, journey.ContactsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", joinName(p.src.Name, journey.ContactsFile), err)
	}
	withdrawn := map[string]bool{}
	for _, pt := range p.st.Participants {
		if pt.Withdrawn {
			withdrawn[strings.ToLower(pt.ID)] = true
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", joinName(p.src.Name, journey.ContactsFile), err)
	}
	c := &contactsCopy{head: head}
	col := func(name string) int {
		return slices.IndexFunc(head, func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), name) })
	}
	c.member = col("member")
	c.cols = []int{col("case"), c.member}
	c.texts = []int{col("source"), col("note")}
	seen := map[string][]anon.Finding{} // sources repeat on most rows
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// check refuses such a file before pseudonymise gets here.
			return nil, fmt.Errorf("%s: %w", joinName(p.src.Name, journey.ContactsFile), err)
		}
		if m := c.member; m >= 0 && m < len(rec) && withdrawn[strings.ToLower(strings.TrimSpace(rec[m]))] {
			p.res.WithheldContacts++
			continue
		}
		line, _ := r.FieldPos(0)
		row := contactRow{fields: rec, line: line, hits: map[int][]anon.Finding{}}
		for _, tc := range c.texts {
			if tc < 0 || tc >= len(rec) || rec[tc] == "" {
				continue
			}
			fs, ok := seen[rec[tc]]
			if !ok {
				fs = p.det.Detect(rec[tc])
				seen[rec[tc]] = fs
			}
			for _, f := range fs {
				if !p.reviewed(Finding{File: journey.ContactsFile, Line: line, Kind: f.Kind, Text: f.Text}) {
					row.hits[tc] = append(row.hits[tc], f)
				}
			}
		}
		c.rows = append(c.rows, row)
	}
	return c, nil
}

// names lists the names found in the contacts, to reserve them.
func (c *contactsCopy) names() []string {
	var out []string
	for _, r := range c.rows {
		for _, fs := range r.hits {
			for _, f := range fs {
				out = appendPerson(out, f.Kind, f.Text)
			}
		}
	}
	return out
}

// rewriteContacts writes the copy's contacts.csv: each row's source and
// note with its findings replaced by the pseudonymiser that replaced the
// transcripts' (so a name gets the same pseudonym in both), then any name
// the key already holds swept from the text as well; case and member
// labels renamed as the transcripts' cases and journey.members are. Rows
// of withdrawn participants were left out when reading.
func (p *pseudonymiser) rewriteContacts(c *contactsCopy) error {
	recs := make([][]string, len(c.rows))
	for i, r := range c.rows {
		rec := slices.Clone(r.fields)
		for _, tc := range c.texts {
			if fs := r.hits[tc]; len(fs) > 0 {
				v, edits := p.ps.Replace(rec[tc], fs)
				p.res.Replaced += len(edits)
				rec[tc] = v
			}
		}
		recs[i] = rec
	}
	// The key is complete for these rows only now, so the sweep comes second.
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(c.head)
	for _, rec := range recs {
		for _, ic := range c.cols {
			if ic >= 0 && ic < len(rec) && (ic != c.member || !p.isParticipant(rec[ic])) {
				rec[ic] = p.rename(strings.TrimSpace(rec[ic]))
			}
		}
		for _, tc := range c.texts {
			if tc >= 0 && tc < len(rec) {
				rec[tc] = p.sweep(rec[tc])
			}
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("writing the copy's %s: %w", journey.ContactsFile, err)
	}
	p.files[journey.ContactsFile] = b.Bytes()
	if n := p.res.WithheldContacts; n > 0 {
		p.res.Notes.Warnf(journey.ContactsFile, 0, "contacts of participants who withdrew consent left out of the copy: %d", n)
	}
	return nil
}

// isParticipant reports whether a member value is a participants.csv id:
// those are copied as they are, like participants.csv itself.
func (p *pseudonymiser) isParticipant(m string) bool {
	if p.ids == nil {
		p.ids = map[string]bool{}
		for _, pt := range p.st.Participants {
			p.ids[strings.ToLower(pt.ID)] = true
		}
	}
	return p.ids[strings.ToLower(strings.TrimSpace(m))]
}

// caseRenames maps each transcript's case id to the case id of its copy,
// where pseudonymising its front matter changed it.
func (p *pseudonymiser) caseRenames() map[string]string {
	out := map[string]string{}
	for _, nd := range p.docs {
		if nd.old.Case == "" {
			continue
		}
		data := p.files[copiedPath(nd.old)]
		if d, probs := corpus.ParseDocument(nd.old.Path, data); d != nil && !probs.HasErrors() && d.Case != nd.old.Case {
			out[nd.old.Case] = d.Case
		}
	}
	return out
}

// rename is how a case id or a member label (not a participant id) reads in
// the copy, the same in contacts.csv and in insight.yaml's journey.members:
// a transcript's case as its front matter was rewritten; otherwise the
// label with what the detector finds in it replaced (check does not scan
// labels, so no review applies: a label such as "Kayla" is renamed alike in
// both files) and any name the key holds swept out.
func (p *pseudonymiser) rename(id string) string {
	if p.cases == nil {
		p.cases = p.caseRenames()
	}
	if v, ok := p.cases[id]; ok {
		return v
	}
	v := id
	if fs := p.det.Detect(id); len(fs) > 0 {
		var edits []anon.Edit
		v, edits = p.ps.Replace(id, fs)
		p.res.Replaced += len(edits)
	}
	v = p.sweep(v)
	p.cases[id] = v
	return v
}

// sweep replaces, in s, every whole-word occurrence of a name the key holds
// by its pseudonym, longest names first. It catches what detection cannot
// see in a short label or a note ("visit to Jayden"): a name known to be a
// person's anywhere in the study is one everywhere in the copy.
func (p *pseudonymiser) sweep(s string) string {
	if s == "" {
		return s
	}
	if key := p.ps.Key(); p.sweepRE == nil || p.sweepN != len(key) {
		p.sweepN = len(key)
		var names []string
		p.sweepTo = map[string]string{}
		for _, e := range key {
			if e.Kind == anon.Person && strings.TrimSpace(e.Original) != "" {
				names = append(names, e.Original)
				p.sweepTo[e.Original] = e.Replacement
			}
		}
		if len(names) == 0 {
			p.sweepRE = regexp.MustCompile(`$^`)
		}
		sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = regexp.QuoteMeta(n)
		}
		if len(names) > 0 {
			p.sweepRE = regexp.MustCompile(`(^|[^\p{L}\p{N}])(` + strings.Join(quoted, "|") + `)($|[^\p{L}\p{N}])`)
		}
	}
	// The pattern consumes one character either side, so adjacent names
	// need a second pass.
	for range 2 {
		s = p.sweepRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := p.sweepRE.FindStringSubmatch(m)
			return sub[1] + p.sweepTo[sub[2]] + sub[3]
		})
	}
	return s
}

// copyCosts copies costs.yaml: unit costs per agency and type, with the
// source and year of each. It holds no personal data by design, and check
// does not scan it, so only the names the key already holds are swept
// from it (a source citing a named officer, say).
func (p *pseudonymiser) copyCosts() error {
	data, err := fs.ReadFile(p.src.FS, journey.CostsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", joinName(p.src.Name, journey.CostsFile), err)
	}
	p.files[journey.CostsFile] = []byte(p.sweep(string(data)))
	return nil
}

// renameMembers renames the cases and member labels of insight.yaml's
// journey.members as rename does in contacts.csv, so the copy's contacts
// still name declared cases and members.
func (p *pseudonymiser) renameMembers(cfg []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(cfg, &doc); err != nil || len(doc.Content) == 0 {
		return cfg, nil // check reports it
	}
	changed := false
	set := func(n *yaml.Node, v string) {
		if n.Kind == yaml.ScalarNode && n.Value != v {
			n.Value, n.Tag, n.Style, changed = v, "!!str", 0, true
		}
	}
	for _, j := range mapValues(doc.Content[0], "journey") {
		for _, ms := range mapValues(j, "members") {
			if ms.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(ms.Content); i += 2 {
				set(ms.Content[i], p.rename(strings.TrimSpace(ms.Content[i].Value)))
				for _, m := range ms.Content[i+1].Content {
					if !p.isParticipant(m.Value) {
						set(m, p.rename(strings.TrimSpace(m.Value)))
					}
				}
			}
		}
	}
	if !changed {
		return cfg, nil
	}
	return encodeYAML(&doc)
}
