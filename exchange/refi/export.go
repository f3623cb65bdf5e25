package refi

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/exchange"
	"github.com/residentinsight/insight/themes"
)

// InlineUser is the REFI-QDA user that inline codes (written in the
// transcripts) are exported under; a re-import makes them
// codings/inline-codes.jsonl.
const InlineUser = "inline-codes"

// QDPX writes a REFI-QDA project: project.qde and one UTF-8 .txt per
// transcript under sources/. Positions are code points (the standard's
// characters) into that text. Auto-coding suggestions are not exported:
// they are not a person's codes.
type QDPX struct{}

func (QDPX) Format() string { return "qdpx" }
func (QDPX) Usage() string {
	return "write a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder"
}

// QDC writes the codebook alone as a REFI-QDA codebook (.qdc).
type QDC struct{}

func (QDC) Format() string { return "qdc" }
func (QDC) Usage() string  { return "write the codebook as a REFI-QDA codebook (.qdc)" }

func (QDC) Export(ctx context.Context, s *exchange.Study, out string) error {
	cb := oCodebook{Origin: origin(), Codes: exportCodes(s.Codebook.Roots)}
	var b bytes.Buffer
	if err := writeXML(&b, cb); err != nil {
		return err
	}
	return atomicWrite(out, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
}

func (QDPX) Export(ctx context.Context, s *exchange.Study, out string) error {
	p, texts, err := buildProject(ctx, s)
	if err != nil {
		return err
	}
	return atomicWrite(out, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		// Fastest deflate: text still shrinks about fourfold, in half the time.
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
		f, err := zw.Create("project.qde")
		if err != nil {
			return err
		}
		if err := writeXML(f, p); err != nil {
			return err
		}
		for _, src := range p.Sources {
			f, err := zw.Create("sources/" + src.GUID + ".txt")
			if err != nil {
				return err
			}
			if _, err := io.WriteString(f, texts[src.GUID]); err != nil {
				return err
			}
		}
		return zw.Close()
	})
}

func origin() string { return "insight" }

func writeXML(w io.Writer, v any) error {
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// atomicWrite writes to a temporary file beside out and renames it into
// place, so a failed export leaves no partial file.
func atomicWrite(out string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a file beside %s: %w", out, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	os.Chmod(f.Name(), 0o644) // CreateTemp makes it private; an export is for sharing
	return os.Rename(f.Name(), out)
}

// The elements written, in the order Project.xsd requires.
type oProject struct {
	XMLName   xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
	Name      string      `xml:"name,attr"`
	Origin    string      `xml:"origin,attr"`
	Users     []oUser     `xml:"Users>User"`
	Codes     []oCode     `xml:"CodeBook>Codes>Code"`
	Variables []oVariable `xml:"Variables>Variable"`
	Cases     []oCase     `xml:"Cases>Case"`
	Sources   []oSource   `xml:"Sources>TextSource"`
	Notes     *oNotes     `xml:"Notes,omitempty"`
	Desc      string      `xml:"Description,omitempty"`
}

// oNotes is a wrapper of its own: encoding/xml writes an empty <Notes/>
// for an empty "Notes>Note" slice before a sibling, which the schema refuses.
type oNotes struct {
	Notes []oNote `xml:"Note"`
}

type oCodebook struct {
	XMLName xml.Name `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string   `xml:"origin,attr"`
	Codes   []oCode  `xml:"Codes>Code"`
}

type oUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type oCode struct {
	GUID      string  `xml:"guid,attr"`
	Name      string  `xml:"name,attr"`
	IsCodable bool    `xml:"isCodable,attr"`
	Color     string  `xml:"color,attr,omitempty"`
	Desc      string  `xml:"Description,omitempty"`
	Codes     []oCode `xml:"Code"`
}

type oVariable struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	Type string `xml:"typeOfVariable,attr"`
}

type oValue struct {
	Ref  oRef   `xml:"VariableRef"`
	Text string `xml:"TextValue"`
}

type oRef struct {
	Target string `xml:"targetGUID,attr"`
}

type oCase struct {
	GUID    string   `xml:"guid,attr"`
	Name    string   `xml:"name,attr"`
	Values  []oValue `xml:"VariableValue"`
	Sources []oRef   `xml:"SourceRef"`
}

type oSource struct {
	GUID       string       `xml:"guid,attr"`
	Name       string       `xml:"name,attr"`
	Path       string       `xml:"plainTextPath,attr"`
	Desc       string       `xml:"Description,omitempty"`
	Selections []oSelection `xml:"PlainTextSelection"`
	Values     []oValue     `xml:"VariableValue"`
}

type oSelection struct {
	GUID    string    `xml:"guid,attr"`
	Name    string    `xml:"name,attr"`
	Start   int       `xml:"startPosition,attr"`
	End     int       `xml:"endPosition,attr"`
	User    string    `xml:"creatingUser,attr"`
	Desc    string    `xml:"Description,omitempty"`
	Codings []oCoding `xml:"Coding"`
}

type oCoding struct {
	GUID string `xml:"guid,attr"`
	User string `xml:"creatingUser,attr"`
	Ref  oRef   `xml:"CodeRef"`
}

type oNote struct {
	GUID    string `xml:"guid,attr"`
	Name    string `xml:"name,attr"`
	Content string `xml:"PlainTextContent"`
}

func exportCodes(ts []*themes.Theme) []oCode {
	var out []oCode
	for _, t := range ts {
		desc := strings.TrimSpace(t.Description)
		for _, g := range [][2]string{{includeLine, t.Include}, {excludeLine, t.Exclude}} {
			if v := strings.TrimSpace(g[1]); v != "" {
				desc = strings.TrimSpace(desc + "\n\n" + g[0] + strings.ReplaceAll(v, "\n\n", "\n"))
			}
		}
		desc = strings.TrimSpace(desc + "\n\n" + idLine + t.ID)
		out = append(out, oCode{GUID: guid("theme", t.ID), Name: t.Name, IsCodable: true, Color: t.Colour, Desc: desc, Codes: exportCodes(t.Children)})
	}
	return out
}

// buildProject makes the project and each source's text, keyed by GUID.
// Withdrawn participants are nowhere in it: not as cases, their turns'
// words replaced by [withheld], and documents that are theirs alone left
// out; the coded study has already dropped codes on their words.
func buildProject(ctx context.Context, s *exchange.Study) (*oProject, map[string]string, error) {
	st := s.Study
	name := st.Config.Title
	if name == "" {
		name = s.Name
	}
	desc := strings.TrimSpace(st.Config.Description)
	if len(st.Config.Facilitators) > 0 {
		desc = strings.TrimSpace(desc + "\n\n" + facilitatorsLine + strings.Join(st.Config.Facilitators, ", "))
	}
	p := &oProject{Name: name, Origin: origin(), Codes: exportCodes(s.Codebook.Roots), Desc: desc}
	vars := &variables{byName: map[string]string{}}
	texts := map[string]string{}
	users := map[string]bool{}
	byDoc := map[int][]coding.Application{}
	for _, a := range s.Coded.Apps {
		if a.Source == coding.SourceAuto {
			continue
		}
		byDoc[a.Doc] = append(byDoc[a.Doc], a)
	}
	for di, d := range st.Documents {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if d.Withheld {
			continue
		}
		src, text := exportSource(d, byDoc[di], vars, users)
		texts[src.GUID] = text
		p.Sources = append(p.Sources, src)
	}
	p.Cases = exportCases(st, vars)
	for _, u := range sortedKeys(users) {
		p.Users = append(p.Users, oUser{GUID: guid("user", u), Name: u})
	}
	notes, err := readMemos(st.Dir)
	if err != nil {
		return nil, nil, err
	}
	notes = append(notes, commentNotes(st)...)
	if len(notes) > 0 {
		p.Notes = &oNotes{notes}
	}
	p.Variables = vars.list
	return p, texts, nil
}

type variables struct {
	list   []oVariable
	byName map[string]string
}

func (v *variables) value(name, val string) oValue {
	g, ok := v.byName[name]
	if !ok {
		g = guid("variable", name)
		v.byName[name] = g
		v.list = append(v.list, oVariable{GUID: g, Name: name, Type: "Text"})
	}
	return oValue{Ref: oRef{g}, Text: val}
}

func exportSource(d *corpus.Document, apps []coding.Application, vars *variables, users map[string]bool) (oSource, string) {
	text, at := withholdTurns(d)
	g := guid("document", d.ID)
	src := oSource{GUID: g, Name: d.ID, Path: "internal://" + g + ".txt", Desc: d.Attributes["description"]}
	src.Values = append(src.Values, vars.value("kind", d.Kind))
	for _, kv := range [][2]string{{"date", d.Date}, {"case", d.Case}} {
		if kv[1] != "" {
			src.Values = append(src.Values, vars.value(kv[0], kv[1]))
		}
	}
	for _, k := range sortedKeys(d.Attributes) {
		if k != "description" {
			src.Values = append(src.Values, vars.value(k, d.Attributes[k]))
		}
	}
	runeAt := runeIndex(text)
	for i, a := range apps {
		user := a.Source
		if user == coding.SourceInline {
			user = InlineUser
		}
		users[user] = true
		start, end := runeAt[at(a.Start)], runeAt[at(a.End)]
		key := fmt.Sprintf("%s/%d/%s/%s/%d-%d", d.ID, i, user, a.Theme, a.Start, a.End)
		src.Selections = append(src.Selections, oSelection{
			GUID: guid("selection", key), Start: start, End: end, User: guid("user", user), Desc: a.Memo,
			Codings: []oCoding{{GUID: guid("coding", key), User: guid("user", user), Ref: oRef{guid("theme", a.Theme)}}},
		})
	}
	return src, text
}

// withholdTurns returns the body with withdrawn participants' words
// replaced by [withheld], and a map from body byte offsets to the result's.
func withholdTurns(d *corpus.Document) (string, func(int) int) {
	type cut struct{ start, end int }
	var cuts []cut
	for _, t := range d.Turns {
		if t.Withheld {
			end := t.Start + len(strings.TrimRight(d.Body[t.Start:t.End], " \t\n"))
			cuts = append(cuts, cut{t.Start, end})
		}
	}
	if len(cuts) == 0 {
		return d.Body, func(b int) int { return b }
	}
	const mark = "[withheld]"
	var b strings.Builder
	prev := 0
	for _, c := range cuts {
		b.WriteString(d.Body[prev:c.start])
		b.WriteString(mark)
		prev = c.end
	}
	b.WriteString(d.Body[prev:])
	return b.String(), func(off int) int {
		shift := 0
		for _, c := range cuts {
			if off < c.end {
				if off > c.start {
					return c.start + shift
				}
				break
			}
			shift += len(mark) - (c.end - c.start)
		}
		return off + shift
	}
}

// runeIndex maps every byte offset of s to its code point offset.
func runeIndex(s string) []int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			idx[i+k] = n
		}
		i += size
		n++
	}
	idx[len(s)] = n
	return idx
}

func exportCases(st *corpus.Study, vars *variables) []oCase {
	speaks := map[string][]string{}
	for _, d := range st.Documents {
		if d.Withheld {
			continue
		}
		seen := map[string]bool{}
		for _, t := range d.Turns {
			id := strings.ToLower(t.Speaker)
			if t.Role == corpus.RoleParticipant && !t.Withheld && !seen[id] {
				seen[id] = true
				speaks[id] = append(speaks[id], guid("document", d.ID))
			}
		}
	}
	var out []oCase
	for _, pt := range st.Participants {
		if pt.Withdrawn {
			continue
		}
		c := oCase{GUID: guid("participant", pt.ID), Name: pt.ID}
		for _, k := range sortedKeys(pt.Attributes) {
			if v := pt.Attributes[k]; v != "" {
				c.Values = append(c.Values, vars.value(k, v))
			}
		}
		for _, g := range speaks[strings.ToLower(pt.ID)] {
			c.Sources = append(c.Sources, oRef{g})
		}
		out = append(out, c)
	}
	return out
}

// commentNotes makes a note of each comment a transcript file carries
// (Word comments), with the text it is on; none on a withheld turn.
func commentNotes(st *corpus.Study) []oNote {
	var out []oNote
	for _, d := range st.Documents {
		if d.Withheld {
			continue
		}
	memos:
		for i, m := range d.Memos {
			for _, t := range d.Turns {
				if t.Withheld && m.Start < t.End && m.End > t.Start {
					continue memos
				}
			}
			title := "Comment on " + d.ID
			if m.Author != "" {
				title = "Comment by " + m.Author + " on " + d.ID
			}
			text := "About: " + d.ID + "\n\n"
			if q := strings.TrimSpace(d.Body[m.Start:m.End]); q != "" {
				text += "> " + strings.ReplaceAll(q, "\n", "\n> ") + "\n\n"
			}
			out = append(out, oNote{GUID: guid("comment", fmt.Sprintf("%s/%d", d.ID, i)), Name: title, Content: text + strings.TrimSpace(m.Text)})
		}
	}
	return out
}

// readMemos reads memos/*.md (what an import wrote from notes) as notes.
func readMemos(dir string) ([]oNote, error) {
	if dir == "" {
		return nil, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "memos", "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []oNote
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		title, body := strings.TrimSuffix(filepath.Base(f), ".md"), string(b)
		if rest, ok := strings.CutPrefix(body, "# "); ok {
			line, after, _ := strings.Cut(rest, "\n")
			title, body = line, strings.TrimLeft(after, "\n")
		}
		out = append(out, oNote{GUID: guid("memo", filepath.Base(f)), Name: title, Content: strings.TrimRight(body, "\n")})
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
