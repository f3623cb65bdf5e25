package refi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/coding"
	"gopkg.in/yaml.v3"
)

// Imported is a study made from a REFI-QDA project, held in memory until
// Write puts it on disk in one step.
type Imported struct {
	Files  map[string][]byte // slash path inside the study -> content
	Report *Report
}

// Import reads a .qdpx (or a bare .qde) and makes a study of it. data is
// the file's content, file its name for messages.
func Import(ctx context.Context, file string, data []byte) (*Imported, error) {
	p, err := openPackage(file, data)
	if err != nil {
		return nil, err
	}
	var x xProject
	if err := decode(qdeLabel(p), p.qde, &x); err != nil {
		return nil, err
	}
	im := &importer{
		p: p, x: &x, files: map[string][]byte{},
		rep:     &Report{File: file, Origin: x.Origin, ByCoder: map[string]int{}},
		users:   map[string]string{},
		themes:  map[string]string{},
		notes:   map[string]*xText{},
		docs:    map[string]string{},
		used:    map[string]bool{},
		coders:  map[string][]coding.Record{},
		coderOf: map[string]string{},
	}
	steps := []func() error{im.readUsers, im.readNotes, im.readCodebook, im.readSources, im.readCases, im.countRest, im.writeMemos, im.writeCodings, im.writeSettings}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := step(); err != nil {
			return nil, err
		}
	}
	im.files["import-report.md"] = []byte(im.rep.Markdown())
	return &Imported{Files: im.files, Report: im.rep}, nil
}

func qdeLabel(p *pkg) string {
	if p.zip == nil {
		return p.file
	}
	return p.file + ":" + p.qdeName
}

type importer struct {
	p     *pkg
	x     *xProject
	rep   *Report
	files map[string][]byte

	users   map[string]string // user GUID -> name as written
	themes  map[string]string // code GUID -> theme id
	notes   map[string]*xText // note GUID -> note
	docs    map[string]string // source GUID -> document id
	used    map[string]bool   // document ids taken (lower case)
	coders  map[string][]coding.Record
	coderOf map[string]string // user GUID or name -> coder file name
	memos   []memo
}

type memo struct {
	title, about, text string
}

func (im *importer) readUsers() error {
	for _, u := range im.x.Users {
		name := strings.TrimSpace(u.Name)
		if name == "" {
			name = strings.TrimSpace(u.ID)
		}
		im.users[normGUID(u.GUID)] = name
	}
	return nil
}

// coder returns the codings file name for the user with GUID g.
func (im *importer) coder(g string) string {
	key := normGUID(g)
	if c, ok := im.coderOf[key]; ok {
		return c
	}
	name := im.users[key]
	if name == "" && key != "" {
		name = "user-" + strings.SplitN(key, "-", 2)[0]
	}
	base := fileName(name)
	if base == "" {
		base = "unknown"
	}
	used := map[string]bool{}
	for _, c := range im.coderOf {
		used[strings.ToLower(c)] = true
	}
	c := unique(used, base)
	im.coderOf[key] = c
	return c
}

func (im *importer) readNotes() error {
	for i := range im.x.Notes {
		n := &im.x.Notes[i]
		im.notes[normGUID(n.GUID)] = n
	}
	return nil
}

// noteText returns the text of the notes refs point at, and marks them used.
func (im *importer) noteText(refs []xRef) string {
	var parts []string
	for _, r := range refs {
		if n := im.notes[normGUID(r.Target)]; n != nil {
			if t := im.noteBody(n); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

func (im *importer) noteBody(n *xText) string {
	if n.Content != nil {
		return strings.TrimSpace(*n.Content)
	}
	if b, err := im.p.readSource(n.PlainTextPath); err == nil {
		s, _ := decodeText(b)
		return strings.TrimSpace(newText(s).body)
	}
	return strings.TrimSpace(n.Description)
}

var rgb = regexp.MustCompile(`^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$`)

// yTheme is a theme as codebook.yaml writes it.
type yTheme struct {
	ID          string    `yaml:"id"`
	Name        string    `yaml:"name"`
	Description string    `yaml:"description,omitempty"`
	Include     string    `yaml:"include,omitempty"`
	Exclude     string    `yaml:"exclude,omitempty"`
	Colour      string    `yaml:"colour,omitempty"`
	Children    []*yTheme `yaml:"children,omitempty"`
}

func (im *importer) readCodebook() error {
	used := map[string]bool{}
	roots := im.themeList(im.x.Codes, used)
	out, err := codebookYAML(roots, "Imported from "+path.Base(im.rep.File)+" by insight import.")
	if err != nil {
		return err
	}
	im.files["codebook.yaml"] = out
	return nil
}

func (im *importer) themeList(codes []xCode, used map[string]bool) []*yTheme {
	var out []*yTheme
	for _, c := range codes {
		t := codeTheme(c, used, im.rep)
		im.themes[normGUID(c.GUID)] = t.ID
		if strings.EqualFold(strings.TrimSpace(c.IsCodable), "false") {
			im.rep.note("code %q is marked not codable in the file; it is theme %s, which insight lets anyone code", c.Name, t.ID)
		}
		if n := im.noteText(c.NoteRefs); n != "" {
			t.Description = strings.TrimSpace(t.Description + "\n\n" + n)
		}
		t.Children = im.themeList(c.Codes, used)
		out = append(out, t)
	}
	return out
}

// codeTheme makes a theme of one code (without its children). The id is
// the one an insight export wrote in the description, else a slug of the
// name, else one made from the GUID.
func codeTheme(c xCode, used map[string]bool, rep *Report) *yTheme {
	rep.Themes++
	desc, guide := splitDescription(c.Description)
	id := guide.id
	if id == "" || used[id] {
		id = slug(c.Name)
		if id == "" {
			id = "code-" + strings.SplitN(normGUID(c.GUID), "-", 2)[0]
		}
		id = unique(used, id)
	} else {
		used[id] = true
	}
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name = id
	}
	colour := strings.TrimSpace(c.Color)
	if colour != "" && !rgb.MatchString(colour) {
		rep.note("code %q: colour %q is not #rgb or #rrggbb; left out", name, colour)
		colour = ""
	}
	return &yTheme{ID: id, Name: name, Description: desc, Include: guide.include, Exclude: guide.exclude, Colour: colour}
}

// Guidance that an insight export appends to a code's description, so a
// re-import gets back what REFI-QDA has no element for.
const (
	idLine      = "insight id: "
	includeLine = "Include: "
	excludeLine = "Exclude: "
)

type guidance struct{ id, include, exclude string }

func splitDescription(d string) (string, guidance) {
	var g guidance
	d = strings.TrimSpace(strings.ReplaceAll(d, "\r\n", "\n"))
	paras := strings.Split(d, "\n\n")
	for len(paras) > 0 {
		last := paras[len(paras)-1]
		switch {
		case strings.HasPrefix(last, idLine) && g.id == "" && isSlug(strings.TrimPrefix(last, idLine)):
			g.id = strings.TrimPrefix(last, idLine)
		case strings.HasPrefix(last, excludeLine) && g.exclude == "" && g.include == "":
			g.exclude = strings.TrimPrefix(last, excludeLine)
		case strings.HasPrefix(last, includeLine) && g.include == "":
			g.include = strings.TrimPrefix(last, includeLine)
		default:
			return strings.Join(paras, "\n\n"), g
		}
		paras = paras[:len(paras)-1]
	}
	return "", g
}

func isSlug(s string) bool { return s != "" && slug(s) == s }

func codebookYAML(roots []*yTheme, comment string) ([]byte, error) {
	var doc yaml.Node
	if err := doc.Encode(map[string][]*yTheme{"themes": roots}); err != nil {
		return nil, err
	}
	doc.HeadComment = comment
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// readSources makes a transcript of every text source whose text the file
// holds, and codings of its selections.
func (im *importer) readSources() error {
	for i := range im.x.Sources.Text {
		if err := im.textSource(&im.x.Sources.Text[i]); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) sourceText(s *xText) (string, error) {
	if s.Content != nil {
		return *s.Content, nil
	}
	b, err := im.p.readSource(s.PlainTextPath)
	if err != nil {
		return "", err
	}
	txt, note := decodeText(b)
	if note != "" {
		im.rep.note("%s: %s", s.PlainTextPath, note)
	}
	return txt, nil
}

func (im *importer) textSource(s *xText) error {
	raw, err := im.sourceText(s)
	if err == errNoFile {
		im.rep.skip("text sources whose text is not in the file", 1)
		im.rep.skip("text selections in sources whose text is not in the file", len(s.Selections))
		im.rep.skip("codings in sources whose text is not in the file", countCodings(s))
		return nil
	} else if err != nil {
		return fmt.Errorf("%s: source %q: %w", im.p.file, s.Name, err)
	}
	t := newText(raw)
	id := im.docID(s)
	im.rep.Documents++
	im.files["transcripts/"+id+".md"] = transcriptFile(id, s, t.body, im.variables(s.Values, s.Name != "" && s.Name != id), im.noteText(s.NoteRefs))
	im.rep.skip("codings of whole sources (no selection)", len(s.Codings))

	if len(s.Selections) == 0 {
		return nil
	}
	reading, scores := t.detect(s.Selections)
	im.rep.Units = append(im.rep.Units, UnitChoice{Doc: id, Reading: reading, Selections: len(s.Selections), Why: why(reading, scores)})
	for _, sel := range s.Selections {
		im.selection(id, t, reading, s, sel)
	}
	return nil
}

func countCodings(s *xText) int {
	n := len(s.Codings)
	for _, sel := range s.Selections {
		n += len(sel.Codings)
	}
	return n
}

func why(r Reading, scores map[Reading]int) string {
	var parts []string
	for _, c := range []Reading{{CodePoints, false}, {UTF16, false}, {CodePoints, true}, {UTF16, true}} {
		if s, ok := scores[c]; ok {
			parts = append(parts, fmt.Sprintf("%s: %d", c, s))
		}
	}
	return "fit score " + strings.Join(parts, "; ")
}

func positionsOf(sel xSelection) (int, int, bool) {
	s, err1 := strconv.Atoi(strings.TrimSpace(sel.Start))
	e, err2 := strconv.Atoi(strings.TrimSpace(sel.End))
	return s, e, err1 == nil && err2 == nil
}

func (im *importer) selection(doc string, t *text, r Reading, src *xText, sel xSelection) {
	start, end, ok := positionsOf(sel)
	var s, e int
	if ok {
		s, e, ok = t.span(r, start, end)
	}
	if !ok {
		im.rep.skip("text selections whose positions are outside their source's text", 1)
		im.rep.skip("codings on those selections", len(sel.Codings))
		return
	}
	memoText := strings.TrimSpace(strings.TrimSpace(sel.Description) + "\n\n" + im.noteText(sel.NoteRefs))
	quote := t.quote(s, e)
	if len(sel.Codings) == 0 {
		im.rep.skip("text selections with no code (kept as memos when they have a note)", 1)
		if memoText != "" {
			im.memos = append(im.memos, memo{title: "Quotation in " + doc, about: doc, text: "> " + strings.ReplaceAll(quote, "\n", "\n> ") + "\n\n" + memoText})
		}
		return
	}
	if strings.TrimSpace(quote) == "" {
		im.rep.skip("empty or blank text selections", 1)
		im.rep.skip("codings of empty or blank selections", len(sel.Codings))
		return
	}
	im.rep.Selections++
	if strings.Contains(im.x.Origin, "ATLAS.ti") && sel.Name != "" {
		im.rep.NamesChecked++
		if !nameMatches(sel.Name, quote) {
			im.rep.NamesMismatched++
			im.rep.note("%s: selection %q does not name its quote %q", doc, clip(sel.Name), clip(quote))
		}
	}
	for _, c := range sel.Codings {
		theme, ok := im.themes[normGUID(c.CodeRef.Target)]
		if !ok {
			im.rep.skip("codings naming a code that is not in the codebook", 1)
			continue
		}
		user := c.CreatingUser
		if user == "" {
			user = sel.CreatingUser
		}
		if user == "" {
			user = src.CreatingUser
		}
		m := memoText
		if n := im.noteText(c.NoteRefs); n != "" {
			m = strings.TrimSpace(m + "\n\n" + n)
		}
		coder := im.coder(user)
		im.coders[coder] = append(im.coders[coder], coding.Record{Doc: doc, Theme: theme, Quote: quote, Start: s, End: e, Memo: m})
	}
}

// docID makes a document id from the source's name (or its file's name).
func (im *importer) docID(s *xText) string {
	name := s.Name
	if name == "" {
		name = path.Base(strings.ReplaceAll(s.PlainTextPath, `\`, "/"))
	}
	for _, ext := range []string{".txt", ".docx", ".doc", ".rtf", ".md", ".pdf"} {
		if strings.HasSuffix(strings.ToLower(name), ext) {
			name = name[:len(name)-len(ext)]
			break
		}
	}
	base := fileName(name)
	if base == "" {
		base = "source-" + strings.SplitN(normGUID(s.GUID), "-", 2)[0]
	}
	id := unique(im.used, base)
	im.docs[normGUID(s.GUID)] = id
	return id
}

// variables turns VariableValues into front matter keys and values.
// titled says the front matter already has a title (the source's name).
func (im *importer) variables(vals []xValue, titled bool) [][2]string {
	names := map[string]string{}
	for _, v := range im.x.Variables {
		names[normGUID(v.GUID)] = v.Name
	}
	var out [][2]string
	seen := map[string]bool{"id": true, "description": true, "title": titled}
	for _, v := range vals {
		key := attrKey(names[normGUID(v.Ref.Target)])
		if key == "" {
			im.rep.skip("variable values naming no known variable", 1)
			continue
		}
		val := v.value()
		if key == "kind" && !validKind(val) {
			key = "kind-variable"
		}
		if seen[key] {
			key = unique(seen, key)
		}
		seen[key] = true
		out = append(out, [2]string{key, val})
	}
	return out
}

// attrKey is a variable's name as a front matter key or participants.csv
// column: insight lower-cases those and takes any other text as it is.
func attrKey(name string) string {
	return strings.ToLower(collapse(name))
}

func validKind(v string) bool {
	switch strings.ToLower(v) {
	case "interview", "focus-group", "fieldnote":
		return true
	}
	return false
}

// transcriptFile writes front matter (id, title, description, variables)
// and the text, with markup characters escaped so the body insight reads
// is exactly the source's text.
func transcriptFile(id string, s *xText, body string, vars [][2]string, notes string) []byte {
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string) {
		fm.Content = append(fm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
	}
	add("id", id)
	if s.Name != "" && s.Name != id {
		add("title", s.Name)
	}
	desc := strings.TrimSpace(strings.TrimSpace(s.Description) + "\n\n" + notes)
	if desc != "" {
		add("description", desc)
	}
	for _, kv := range vars {
		add(kv[0], kv[1])
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	enc.Encode(fm)
	enc.Close()
	b.WriteString("---\n")
	b.WriteString(escapeBody(body))
	return b.Bytes()
}

// escapeBody writes text so that corpus reads it back unchanged: a "]"
// followed by "{" would close an inline code, and a "\" before a bracket
// would be taken as an escape, so a backslash goes before such a bracket.
// Timestamps and labels are untouched, so turns are still found.
func escapeBody(s string) string {
	if !strings.ContainsAny(s, "[]") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == '[' || c == ']') && (i > 0 && s[i-1] == '\\' || c == ']' && i+1 < len(s) && s[i+1] == '{') {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// readCases makes participants.csv: a case is a participant, its variables
// the participant's attributes.
func (im *importer) readCases() error {
	if len(im.x.Cases) == 0 {
		return nil
	}
	names := map[string]string{}
	for _, v := range im.x.Variables {
		names[normGUID(v.GUID)] = v.Name
	}
	var cols []string
	colOf := map[string]string{}
	rows := make([]map[string]string, 0, len(im.x.Cases))
	ids := make([]string, 0, len(im.x.Cases))
	used := map[string]bool{}
	links := 0
	for _, c := range im.x.Cases {
		id := participantID(c.Name)
		if id == "" {
			id = "case-" + strings.SplitN(normGUID(c.GUID), "-", 2)[0]
		}
		if id != c.Name {
			im.rep.note("case %q is participant %s (a participant id must be usable as a speaker label)", c.Name, id)
		}
		id = unique(used, id)
		row := map[string]string{}
		for _, v := range c.Values {
			name := names[normGUID(v.Ref.Target)]
			col, ok := colOf[name]
			if !ok {
				col = attrKey(name)
				if col == "" || col == "id" || col == "consent" {
					col = "variable-" + strconv.Itoa(len(cols)+1)
				}
				colOf[name] = col
				cols = append(cols, col)
			}
			row[col] = v.value()
		}
		links += len(c.SourceRefs) + len(c.Selections)
		im.rep.skip("codes applied to whole cases", len(c.CodeRefs))
		if d := strings.TrimSpace(c.Description); d != "" {
			im.memos = append(im.memos, memo{title: "Case " + c.Name, about: id, text: d})
		}
		ids = append(ids, id)
		rows = append(rows, row)
	}
	im.rep.skip("case links to sources and selections (insight links a participant to a transcript by the turns they speak)", links)
	im.files["participants.csv"] = participantsCSV(ids, cols, rows)
	im.rep.Participants = len(ids)
	return nil
}

// participantID keeps what a speaker label may hold: letters, digits,
// spaces and - _ . ' (at most 40 characters, four words).
func participantID(name string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(name) {
		if r == ' ' || r == '-' || r == '_' || r == '.' || r == '\'' || isWord(r) {
			b.WriteRune(r)
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 4 {
		words = words[:4]
	}
	out := strings.Join(words, " ")
	for len(out) > 0 && !isWord([]rune(out)[0]) {
		out = out[1:]
	}
	if len([]rune(out)) > 40 {
		out = strings.TrimSpace(string([]rune(out)[:40]))
	}
	return out
}

func (im *importer) countRest() error {
	src := im.x.Sources
	isSel := func(n string) bool { return strings.HasSuffix(n, "Selection") }
	isCoding := func(n string) bool { return n == "Coding" }
	for _, k := range []struct {
		what  string
		nodes []xNode
	}{{"PDF", src.PDF}, {"picture", src.Picture}, {"audio", src.Audio}, {"video", src.Video}} {
		im.rep.skip(k.what+" sources", len(k.nodes))
		for _, n := range k.nodes {
			im.rep.skip(k.what+" sources' selections (of the region, time span or text representation)", n.count(isSel))
			im.rep.skip(k.what+" sources' codings", n.count(isCoding))
			im.rep.skip(k.what+" sources' transcripts", n.count(func(s string) bool { return s == "Transcript" }))
		}
	}
	im.rep.skip("sets (groups of codes, sources or notes)", len(im.x.Sets))
	im.rep.skip("links (relations between codes, selections or notes)", len(im.x.Links))
	im.rep.skip("graphs (network views)", len(im.x.Graphs))
	return nil
}

func (im *importer) writeMemos() error {
	for _, n := range im.x.Notes {
		title := n.Name
		if title == "" {
			title = "Note"
		}
		im.memos = append(im.memos, memo{title: title, text: im.noteBody(&n)})
	}
	if d := im.noteText(im.x.NoteRefs); d != "" {
		im.memos = append(im.memos, memo{title: "Project notes", text: d})
	}
	used := map[string]bool{}
	for _, m := range im.memos {
		name := unique(used, orDefault(fileName(m.title), "memo"))
		var b strings.Builder
		fmt.Fprintf(&b, "# %s\n\n", m.title)
		if m.about != "" {
			fmt.Fprintf(&b, "About: %s\n\n", m.about)
		}
		b.WriteString(m.text)
		b.WriteString("\n")
		im.files["memos/"+name+".md"] = []byte(b.String())
	}
	im.rep.Memos = len(im.memos)
	return nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (im *importer) writeCodings() error {
	names := make([]string, 0, len(im.coders))
	for n := range im.coders {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		for _, r := range im.coders[n] {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		im.files["codings/"+n+".jsonl"] = b.Bytes()
		im.rep.ByCoder[n] = len(im.coders[n])
		im.rep.Codings += len(im.coders[n])
	}
	return nil
}

// facilitatorsLine ends a project description that insight exported, so
// a re-import knows whose turns are the researchers' own.
const facilitatorsLine = "insight facilitators: "

func (im *importer) writeSettings() error {
	title := strings.TrimSpace(im.x.Name)
	if title == "" || title == "Untitled" {
		title = strings.TrimSuffix(path.Base(im.rep.File), path.Ext(im.rep.File))
	}
	desc := strings.TrimSpace(strings.ReplaceAll(im.x.Description, "\r\n", "\n"))
	var facilitators []string
	if i := strings.LastIndex(desc, facilitatorsLine); i >= 0 && !strings.Contains(desc[i:], "\n") {
		for _, f := range strings.Split(desc[i+len(facilitatorsLine):], ",") {
			if f = strings.TrimSpace(f); f != "" {
				facilitators = append(facilitators, f)
			}
		}
		desc = strings.TrimSpace(desc[:i])
	}
	cfg := struct {
		Title        string   `yaml:"title"`
		Description  string   `yaml:"description,omitempty"`
		Facilitators []string `yaml:"facilitators,omitempty,flow"`
	}{title, desc, facilitators}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		return err
	}
	im.files["insight.yaml"] = append([]byte("# Imported from "+path.Base(im.rep.File)+" by insight import; see import-report.md.\n"), out...)
	return nil
}
