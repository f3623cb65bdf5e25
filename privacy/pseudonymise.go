package privacy

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/paths"
	"github.com/residentinsight/insight/journey"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/themes"
)

// PseudonymiseOptions are the choices of `insight pseudonymise`.
type PseudonymiseOptions struct {
	Out string // the copy: a new or empty folder outside the study
	Key string // the key CSV, outside Out; "" means Out + ".key.csv"
	PII Options
	// Allow is the study's reviewed allowlist (LoadAllowlist); nil allows nothing.
	Allow *anon.Allowlist
}

// PseudonymiseResult says what a copy holds.
type PseudonymiseResult struct {
	Replaced int       // findings replaced
	Key      string    // where the key was written
	Notes    diag.List // warnings: codings left out, files not copied
	// What was left out because a participant withdrew consent: counts
	// only, never their words.
	WithheldDocs, WithheldTurns, WithheldCodings int
	WithheldContacts, WithheldPins               int // contacts.csv rows; messages.yaml pinned quotes
}

// withheld is the finding kind of a withdrawn participant's turn; Replace
// turns it into "[withheld]". It never goes into the key.
const withheld anon.Kind = "withheld"

// Pseudonymise writes a copy of a study to opts.Out with every unreviewed
// personal-data finding replaced: the same name by the same pseudonym in
// every file, other kinds by tags such as "[phone]". Inline codes stay in
// place and coders' codings are rewritten to quote the new text, so every
// coding stays anchored. The key (original, replacement, kind) goes to a CSV
// outside the copy. The study itself is never written to.
//
// Only the files of the study format are copied (never .insight/, .git/ or
// other files, which were not scanned). A withdrawn participant's words never
// reach the copy, because the copy is what gets shared: a document only they
// speak in is left out, their turns elsewhere become "[withheld]" (the label
// stays), and codings on their words are dropped.
//
// st is the study read from src without errors: the caller refuses a study
// with errors, as check does.
func Pseudonymise(ctx context.Context, src Source, st *corpus.Study, opts PseudonymiseOptions) (*PseudonymiseResult, error) {
	out, key, err := Targets(src, opts.Out, opts.Key)
	if err != nil {
		return nil, err
	}
	det := opts.PII.detector(st.Config)
	p := &pseudonymiser{src: src, st: st, det: det, allow: opts.Allow, ps: anon.NewPseudonymiser(), files: map[string][]byte{}, res: &PseudonymiseResult{Key: key}}
	if err := p.run(ctx); err != nil {
		return nil, err
	}
	if err := p.write(ctx, out, key); err != nil {
		return nil, err
	}
	return p.res, nil
}

// Targets checks where the copy and the key go and returns them as
// absolute paths. Symbolic links are resolved before deciding what is
// inside what, so no link can lead the copy or the key into the study (the
// next copy would include the key, with every real name), nor the key into
// the copy that is shared.
func Targets(src Source, outDir, keyFile string) (out, key string, err error) {
	if outDir == "" {
		return "", "", errors.New("pseudonymise needs --out DIR: a new or empty folder for the copy")
	}
	out, err = filepath.Abs(outDir)
	if err != nil {
		return "", "", err
	}
	key = out + ".key.csv"
	if keyFile != "" {
		if key, err = filepath.Abs(keyFile); err != nil {
			return "", "", err
		}
	}
	realOut, err := paths.Resolve(out)
	if err != nil {
		return "", "", err
	}
	realKey, err := paths.Resolve(key)
	if err != nil {
		return "", "", err
	}
	if paths.Inside(realOut, realKey) {
		return "", "", fmt.Errorf("the key %s would be inside the copy %s: it links pseudonyms to real names, so keep it apart (choose another --key)", key, out)
	}
	if paths.Inside(realKey, realOut) {
		return "", "", fmt.Errorf("the copy %s would be inside the key's path %s: --key names the key file itself, outside the copy", out, key)
	}
	if src.Dir != "" {
		dir, err := paths.Resolve(src.Dir)
		if err != nil {
			return "", "", err
		}
		if paths.Inside(dir, realOut) || paths.Inside(realOut, dir) {
			return "", "", fmt.Errorf("the copy %s must be outside the study folder %s", out, src.Dir)
		}
		if paths.Inside(dir, realKey) {
			return "", "", fmt.Errorf("the key %s must be outside the study folder %s: it holds the real names, and would be read as part of the study", key, src.Dir)
		}
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return "", "", fmt.Errorf("%s already has files; pseudonymise writes only into a new or empty folder", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", "", fmt.Errorf("cannot use %s: %w", out, err)
	}
	if _, err := os.Lstat(key); err == nil {
		return "", "", fmt.Errorf("the key file %s already exists; move it away (it may be the only key to an earlier copy) or choose another --key", key)
	}
	return out, key, nil
}

// pseudonymiser holds one run's state.
type pseudonymiser struct {
	src   Source
	st    *corpus.Study
	det   Detector
	allow *anon.Allowlist
	ps    *anon.Pseudonymiser
	files map[string][]byte // rel path -> new content
	res   *PseudonymiseResult
	docs  map[string]*newDoc // by document id
	left  map[string]bool    // ids and paths of withheld documents, left out
	moved map[string]string  // converted transcripts: path -> path of the text copy

	// Case ids and member labels, renamed alike in contacts.csv and
	// insight.yaml (see rename).
	cases   map[string]string // transcript case -> its case in the copy
	ids     map[string]bool   // lower-case participant ids
	sweepRE *regexp.Regexp    // the key's names, for sweep
	sweepTo map[string]string // name -> pseudonym
	sweepN  int               // key entries sweepRE was made from
}

// newDoc is a transcript's rewrite: its Body edits, for moving codings.
type newDoc struct {
	old   *corpus.Document
	body  string
	edits []anon.Edit
}

func (p *pseudonymiser) reviewed(f Finding) bool {
	return p.allow.Allows(f.File, f.Line, anon.Finding{Kind: f.Kind, Text: f.Text})
}

// run scans everything first, reserves every real name, then rewrites in a
// fixed order (insight.yaml, codebook, documents by id, codings by file) so
// the same study always gets the same pseudonyms.
func (p *pseudonymiser) run(ctx context.Context) error {
	sc, err := p.scanAll(ctx)
	if err != nil {
		return err
	}
	p.ps.Reserve(append(sc.names(), p.st.Config.Vocabulary.Pseudonyms...)...)
	return p.rewriteAll(sc)
}

// scanned is every finding of one run, by file, before anything is rewritten.
type scanned struct {
	yamls    []yamlScanned
	docs     []docScanned
	contacts *contactsCopy
	msgHits  []placed
	memos    map[string][]memoFinding // by codings file
}

type yamlScanned struct {
	rel  string
	text *lines
	hits []placed
}

type docScanned struct {
	d      *corpus.Document
	text   *lines
	header []placed
	body   []bodyFinding
}

// scanAll scans insight.yaml, the codebook, every transcript, contacts.csv,
// messages.yaml and the coders' files.
func (p *pseudonymiser) scanAll(ctx context.Context) (*scanned, error) {
	sc := &scanned{memos: map[string][]memoFinding{}}
	for _, rel := range []string{"insight.yaml", themes.CodebookFile} {
		data, err := fs.ReadFile(p.src.FS, rel)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", joinName(p.src.Name, rel), err)
		}
		text := newLines(normalise(data))
		sc.yamls = append(sc.yamls, yamlScanned{rel, text, scanYAML(p.det, rel, text, 1, yamlKeys[rel])})
	}
	for _, d := range p.st.Documents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := fs.ReadFile(p.src.FS, d.Path)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", joinName(p.src.Name, d.Path), err)
		}
		text := newLines(shownText(d.Path, data))
		h, b := scanDocument(p.det, d, text)
		sc.docs = append(sc.docs, docScanned{d, text, h, b})
	}
	var err error
	if sc.contacts, err = p.scanContacts(); err != nil {
		return nil, err
	}
	msgText, err := fs.ReadFile(p.src.FS, messages.File)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", joinName(p.src.Name, messages.File), err)
	}
	sc.msgHits = scanYAML(p.det, messages.File, newLines(normalise(msgText)), 1, yamlKeys[messages.File])
	info := map[string]*piiEntry{}
	parsed := map[string]*corpus.Document{}
	for _, d := range p.st.Documents {
		e := &piiEntry{Doc: d.ID, Withheld: d.Withheld}
		for _, t := range d.Turns {
			e.Partly = e.Partly || t.Withheld && !d.Withheld
		}
		info[d.ID], parsed[d.ID] = e, d
	}
	for _, rel := range codingsFiles(p.src.FS) {
		data, err := fs.ReadFile(p.src.FS, rel)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", joinName(p.src.Name, rel), err)
		}
		sc.memos[rel] = scanMemos(p.det, rel, data, info, parsed)
	}
	return sc, nil
}

// names is every real name found, allowed or not, to be reserved so no
// pseudonym is ever a real name from the study.
func (sc *scanned) names() []string {
	var names []string
	for _, y := range sc.yamls {
		for _, h := range y.hits {
			names = appendPerson(names, h.Kind, h.Text)
		}
	}
	for _, d := range sc.docs {
		for _, h := range d.header {
			names = appendPerson(names, h.Kind, h.Text)
		}
		for _, f := range d.body {
			names = appendPerson(names, f.Kind, f.Text)
		}
	}
	for _, ms := range sc.memos {
		for _, m := range ms {
			names = appendPerson(names, m.Kind, m.Text)
		}
	}
	for _, h := range sc.msgHits {
		names = appendPerson(names, h.Kind, h.Text)
	}
	if sc.contacts != nil {
		names = append(names, sc.contacts.names()...)
	}
	return names
}

// rewriteAll writes the copy's files in a fixed order.
func (p *pseudonymiser) rewriteAll(sc *scanned) error {
	for _, y := range sc.yamls {
		out, err := p.rewriteYAML(y.rel, y.text, y.text.text, 1, yamlKeys[y.rel])
		if err != nil {
			return err
		}
		p.files[y.rel] = []byte(out)
	}
	if err := p.rewriteDocs(sc.docs); err != nil {
		return err
	}
	for _, rel := range codingsFiles(p.src.FS) {
		if err := p.rewriteCodings(rel, sc.memos[rel]); err != nil {
			return err
		}
	}
	if sc.contacts != nil {
		if err := p.rewriteContacts(sc.contacts); err != nil {
			return err
		}
	}
	if err := p.rewriteMessages(); err != nil {
		return err
	}
	if err := p.copyCosts(); err != nil {
		return err
	}
	cfg, err := p.renameMembers(p.files["insight.yaml"])
	if err != nil {
		return fmt.Errorf("renaming journey.members in insight.yaml of the copy: %w", err)
	}
	if cfg, err = declarePseudonyms(cfg, p.ps.Key()); err != nil {
		return fmt.Errorf("adding the pseudonyms to insight.yaml of the copy: %w", err)
	}
	p.files["insight.yaml"] = cfg
	return nil
}

// rewriteDocs rewrites every transcript, leaving out (and noting) those
// everyone in which withdrew consent.
func (p *pseudonymiser) rewriteDocs(docs []docScanned) error {
	p.docs, p.left = map[string]*newDoc{}, map[string]bool{}
	var left []string
	for _, d := range docs {
		if d.d.Withheld {
			p.left[d.d.ID], p.left[d.d.Path] = true, true
			left = append(left, d.d.Path)
			continue
		}
		if err := p.rewriteDoc(d.d, d.text, d.body); err != nil {
			return err
		}
	}
	if p.res.WithheldDocs = len(left); len(left) > 0 {
		p.res.Notes.Warnf("transcripts", 0, "transcripts left out of the copy because everyone who speaks in them withdrew consent: %d (%s)",
			len(left), strings.Join(left, ", "))
	}
	if p.res.WithheldTurns > 0 {
		p.res.Notes.Warnf("transcripts", 0, "turns of participants who withdrew consent replaced by [withheld] in the copy: %d", p.res.WithheldTurns)
	}
	return nil
}

// declarePseudonyms lists the pseudonyms used in insight.yaml's
// vocabulary.pseudonyms, so that checking the copy does not flag them.
func declarePseudonyms(cfg []byte, key []anon.KeyEntry) ([]byte, error) {
	var words []string
	for _, e := range key {
		if e.Kind == anon.Person {
			words = append(words, strings.Fields(e.Replacement)...)
		}
	}
	if len(words) == 0 {
		return cfg, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(cfg, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("insight.yaml is not a mapping")
	}
	child := func(m *yaml.Node, key string, kind yaml.Kind) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				if v := m.Content[i+1]; v.Kind == kind {
					return v
				}
				m.Content[i+1] = &yaml.Node{Kind: kind}
				return m.Content[i+1]
			}
		}
		v := &yaml.Node{Kind: kind}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
		return v
	}
	seq := child(child(doc.Content[0], "vocabulary", yaml.MappingNode), "pseudonyms", yaml.SequenceNode)
	have := map[string]bool{}
	for _, n := range seq.Content {
		have[strings.ToLower(n.Value)] = true
	}
	for _, w := range words {
		if !have[strings.ToLower(w)] && !titles[strings.ToLower(strings.TrimSuffix(w, "."))] {
			have[strings.ToLower(w)] = true
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: w})
		}
	}
	return encodeYAML(&doc)
}

// titles are kept by the pseudonymiser ("Mrs Begum" -> "Mrs Ashby"), so they are no pseudonym.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "sir": true, "dame": true, "lady": true, "lord": true, "rev": true}

func appendPerson(names []string, k anon.Kind, text string) []string {
	if k == anon.Person {
		names = append(names, text)
	}
	return names
}

// rewriteYAML replaces the unreviewed findings in the scalar values of yml
// (the part of the file text that is YAML, from file line first) and
// returns it re-encoded; unchanged when nothing needs replacing. Going
// through the YAML tree, not the text, keeps a replacement such as
// "[phone]" a string rather than turning it into a list.
func (p *pseudonymiser) rewriteYAML(rel string, text *lines, yml string, first int, want func(string, int) bool) (string, error) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(yml), &root); err != nil {
		return yml, nil // nothing was scanned in it either; insight check reports it
	}
	if !p.replaceScalars(rel, text, first, &root, want) {
		return yml, nil
	}
	out, err := encodeYAML(&root)
	if err != nil {
		return "", fmt.Errorf("%s: writing the pseudonymised YAML: %w", joinName(p.src.Name, rel), err)
	}
	return string(out), nil
}

// replaceScalars replaces the unreviewed findings in the text scalars of
// root under the keys want accepts, and reports whether it changed any.
func (p *pseudonymiser) replaceScalars(rel string, text *lines, first int, root *yaml.Node, want func(string, int) bool) bool {
	changed := false
	walkYAML(root, want, func(n *yaml.Node) {
		found := p.det.Detect(n.Value)
		var fs []anon.Finding
		for i, h := range placeAll(text, rel, first-1+n.Line, n, found) {
			if !p.reviewed(h.Finding) {
				fs = append(fs, found[i])
			}
		}
		if len(fs) > 0 {
			v, edits := p.ps.Replace(n.Value, fs)
			p.res.Replaced += len(edits)
			n.Value, n.Style, changed = v, n.Style&^(yaml.LiteralStyle|yaml.FoldedStyle), true
		}
	})
	return changed
}

// rewriteDoc replaces a transcript's findings: the front matter in the file
// text, the body in Body (so codings can follow the edits) and then, piece
// by piece, in the file's body with its inline markup kept.
func (p *pseudonymiser) rewriteDoc(d *corpus.Document, lines *lines, body []bodyFinding) error {
	head, err := p.rewriteHead(d, lines)
	if err != nil {
		return err
	}
	fs, held := withholdTurns(d, p.unreviewed(d, lines, body))
	newBody, edits := p.ps.Replace(d.Body, fs)
	for _, e := range edits {
		if held[e.OldStart] {
			p.res.WithheldTurns++
		} else {
			p.res.Replaced++
		}
	}
	raw := lines.text[lines.start(d.BodyLine):]
	newText := head + replaceInRaw(d, raw, newBody, edits, held)

	nd, probs := corpus.ParseDocument(d.Path, []byte(newText))
	if nd == nil || probs.HasErrors() || nd.Body != newBody {
		return fmt.Errorf("%s: the pseudonymised transcript would not read back as the same text with names replaced; nothing was written (please report this): %v",
			joinName(p.src.Name, d.Path), probs.Errors())
	}
	if to := copiedPath(d); to != d.Path {
		if p.moved == nil {
			p.moved = map[string]string{}
		}
		p.moved[d.Path] = to
		p.files[to] = []byte(newText)
	} else {
		p.files[d.Path] = []byte(newText)
	}
	p.docs[d.ID] = &newDoc{old: d, body: newBody, edits: edits}
	return nil
}

// rewriteHead returns the file's text before the body with the front
// matter's findings replaced.
func (p *pseudonymiser) rewriteHead(d *corpus.Document, lines *lines) (string, error) {
	text := lines.text
	bodyStart := lines.start(d.BodyLine)
	if d.BodyLine <= 1 || d.Withheld {
		return text[:bodyStart], nil
	}
	fmStart, fmEnd := strings.IndexByte(text, '\n')+1, lines.start(d.BodyLine-1)
	fm, err := p.rewriteYAML(d.Path, lines, text[fmStart:fmEnd], 2, frontMatterKeys)
	if err != nil {
		return "", err
	}
	return text[:fmStart] + fm + text[fmEnd:bodyStart], nil
}

// unreviewed returns the body's findings that no review has accepted.
func (p *pseudonymiser) unreviewed(d *corpus.Document, lines *lines, body []bodyFinding) []anon.Finding {
	var fs []anon.Finding
	reported := map[string]bool{} // a label's findings follow the review of its first, reported, occurrence
	lns, cols := lines.atAll(bodyOffsets(d, lines, body))
	for i, f := range body {
		pf := Finding{File: d.Path, Line: d.FileLine(lns[i]), Col: cols[i], Kind: f.Kind, Text: f.Text}
		k := string(f.Kind) + "\x00" + strings.ToLower(f.Text)
		if f.labelRepeat {
			if !reported[k] {
				continue
			}
		} else if p.reviewed(pf) {
			continue
		}
		reported[k] = true
		fs = append(fs, f.Finding)
	}
	return fs
}

// replaceInRaw applies the body's edits to the body as written. A finding
// that spans markup puts its replacement in its first stretch of text and
// empties the others, so the markup stays whole; a withheld turn goes
// whole, with the codes and escapes on its words.
func replaceInRaw(d *corpus.Document, raw, newBody string, edits []anon.Edit, held map[int]bool) string {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		rep := newBody[e.NewStart:e.NewEnd]
		if held[e.OldStart] {
			rs := max(last, d.RawOffset(e.OldStart, true))
			b.WriteString(raw[last:rs])
			b.WriteString(keptMarkup(d, raw, e.OldStart, e.OldEnd))
			b.WriteString(rep)
			last = d.RawOffset(e.OldEnd, false)
			continue
		}
		for i := e.OldStart; i < e.OldEnd; {
			start := d.RawOffset(i, false)
			j := i + 1
			for j < e.OldEnd && d.RawOffset(j, false) == start+(j-i) {
				j++
			}
			b.WriteString(raw[last:start])
			b.WriteString(rep)
			rep = ""
			last = start + (j - i)
			i = j
		}
	}
	b.WriteString(raw[last:])
	return b.String()
}

// copiedPath is where a transcript goes in the copy. A converted file
// (.docx, .vtt, .srt) is copied as the text insight read from it, in a
// .txt of the same name: rewriting a Word or subtitle file in place could
// leave names in what was not converted (comments, metadata, cue settings).
// A .txt or .md in another encoding is copied as UTF-8 under its own name.
func copiedPath(d *corpus.Document) string {
	ext := path.Ext(d.Path)
	if d.Format == "" || strings.EqualFold(ext, ".txt") || strings.EqualFold(ext, ".md") {
		return d.Path
	}
	return strings.TrimSuffix(d.Path, ext) + ".txt"
}

// withholdTurns adds a finding over each withheld turn's text and drops the
// personal-data findings that overlap one, so the two never clash. held
// holds the withheld findings' starts.
func withholdTurns(d *corpus.Document, fs []anon.Finding) (out []anon.Finding, held map[int]bool) {
	held = map[int]bool{}
	for _, t := range d.Turns {
		if t.Withheld && t.Start < t.End {
			out = append(out, anon.Finding{Start: t.Start, End: t.End, Kind: withheld})
			held[t.Start] = true
		}
	}
	for _, f := range fs {
		if !onWithheld(d, f.Start, f.End) {
			out = append(out, f)
		}
	}
	return out, held
}

// onWithheld reports whether Body[start:end] touches a withheld turn.
func onWithheld(d *corpus.Document, start, end int) bool {
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return true
		}
	}
	return false
}

// keptMarkup returns the inline markup from Body offset s to e (inclusive,
// so markup at either edge counts) that must stay when the text between goes:
// the "]{...}" of spans opened before s and the "[" of spans closed after e.
// Spans wholly on the removed words and \ escapes go with them.
func keptMarkup(d *corpus.Document, raw string, s, e int) string {
	// Markup between Body offsets p-1 and p is raw[RawOffset(p, true):
	// RawOffset(p, false)]. RawOffset(p, false)-p only grows, so a binary
	// search finds the next place it steps and long turns stay cheap.
	var pieces []string
	at := d.RawOffset(s, true)
	for p := s; ; {
		r := d.RawOffset(p, false)
		for m := raw[at:r]; m != ""; {
			n := 1
			if m[0] == ']' { // "]{.a .b}"; the parser only removes whole blocks
				n = strings.IndexByte(m, '}') + 1
			}
			if n <= 0 {
				n = len(m)
			}
			pieces, m = append(pieces, m[:n]), m[n:]
		}
		if p >= e {
			break
		}
		k := sort.Search(e-p, func(k int) bool {
			q := p + 1 + k
			return d.RawOffset(q, false)-q > r-p
		})
		q := min(e, p+1+k)
		at, p = r+(q-p), q
	}
	keep := make([]bool, len(pieces))
	var open []int
	for i, m := range pieces {
		switch m[0] {
		case '[':
			open, keep[i] = append(open, i), true
		case ']':
			if len(open) > 0 {
				keep[open[len(open)-1]] = false
				open = open[:len(open)-1]
			} else {
				keep[i] = true
			}
		}
	}
	var b strings.Builder
	for i, m := range pieces {
		if keep[i] {
			b.WriteString(m)
		}
	}
	return b.String()
}

// rewriteCodings re-anchors each coding in the original transcript, moves
// its span through the replacements and quotes the new text; memos get
// their own findings replaced. Other fields of each line are kept.
func (p *pseudonymiser) rewriteCodings(rel string, memos []memoFinding) error {
	data, err := fs.ReadFile(p.src.FS, rel)
	if err != nil {
		return fmt.Errorf("reading %s: %w", joinName(p.src.Name, rel), err)
	}
	recs, _ := coding.ParseRecords(rel, data)
	byLine := map[int]coding.Record{}
	for _, r := range recs {
		byLine[r.Line] = r
	}
	memoFs := map[int][]anon.Finding{}
	for _, m := range memos {
		if !p.reviewed(m.Finding) {
			memoFs[m.line] = append(memoFs[m.line], m.finding)
		}
	}
	var out bytes.Buffer
	dropped := 0
	for i, line := range strings.Split(strings.TrimSuffix(normalise(data), "\n"), "\n") {
		r, ok := byLine[i+1]
		if !ok {
			out.WriteString(line + "\n") // blank lines stay, so line numbers do
			continue
		}
		if p.left[r.Doc] {
			dropped++
			continue
		}
		nd := p.docs[r.Doc]
		start, end, found := 0, 0, false
		if nd != nil {
			start, end, found = coding.Anchor(nd.old, r)
		}
		if !found {
			p.res.Notes.Warnf(rel, r.Line, "orphaned coding left out of the copy: its quote was not pseudonymised")
			continue
		}
		if onWithheld(nd.old, start, end) {
			dropped++
			continue
		}
		ns, ne := mapOffset(nd.edits, start, false), mapOffset(nd.edits, end, true)
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &fields); err != nil {
			return fmt.Errorf("%s:%d: %w", joinName(p.src.Name, rel), r.Line, err)
		}
		set := func(k string, v any) {
			b, _ := json.Marshal(v)
			fields[k] = b
		}
		set("quote", nd.body[ns:ne])
		set("start", utf8.RuneCountInString(nd.body[:ns]))
		set("end", utf8.RuneCountInString(nd.body[:ne]))
		if fs := memoFs[r.Line]; len(fs) > 0 {
			memo, edits := p.ps.Replace(r.Memo, fs)
			p.res.Replaced += len(edits)
			set("memo", memo)
		}
		b, err := json.Marshal(fields)
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	if dropped > 0 {
		p.res.WithheldCodings += dropped
		p.res.Notes.Warnf(rel, 0, "codings on the words of participants who withdrew consent left out of the copy: %d", dropped)
	}
	p.files[rel] = out.Bytes()
	return nil
}

// mapOffset moves a Body offset through replacements. An offset inside a
// replaced stretch goes to the start of its replacement, or with end to its
// end, so a coded span takes in the whole pseudonym.
func mapOffset(edits []anon.Edit, off int, end bool) int {
	delta := 0
	for _, e := range edits {
		switch {
		case off <= e.OldStart:
			return off + delta
		case off >= e.OldEnd:
			delta = e.NewEnd - e.OldEnd
		case end:
			return e.NewEnd
		default:
			return e.NewStart
		}
	}
	return off + delta
}

// studyFiles lists the files of the study format, the only ones copied.
func studyFiles(fsys fs.FS) ([]string, []string, error) {
	var keep, skip []string
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if p != "." && strings.HasPrefix(path.Base(p), ".") {
				return fs.SkipDir // .insight/ holds the real names; .git/ their history
			}
			return nil
		}
		dir, base := path.Split(p)
		ext := strings.ToLower(path.Ext(base))
		switch {
		case dir == "" && (base == "insight.yaml" || base == themes.CodebookFile || base == messages.File || base == "participants.csv" || base == AllowlistFile || base == ".gitignore" ||
			base == journey.ContactsFile || base == journey.CostsFile),
			strings.HasPrefix(p, "transcripts/") && corpus.IsTranscript(base) && !strings.HasPrefix(base, "."),
			dir == coding.CodingsDir+"/" && ext == ".jsonl" && !strings.HasPrefix(base, "."):
			keep = append(keep, p)
		default:
			skip = append(skip, p)
		}
		return nil
	})
	return keep, skip, err
}

// write stages the copy and the key beside their targets and renames them
// into place, so a failure leaves neither half written.
func (p *pseudonymiser) write(ctx context.Context, out, key string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", out, err)
	}
	defer os.RemoveAll(tmp) // gone after the rename; cleans up after a failure
	if err := p.writeCopy(ctx, tmp); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(key), 0o755); err != nil {
		return err
	}
	kf, err := os.CreateTemp(filepath.Dir(key), "."+filepath.Base(key)+".tmp-")
	if err != nil {
		return fmt.Errorf("writing the key: %w", err)
	}
	defer os.Remove(kf.Name())
	if _, err := kf.Write(p.keyCSV()); err != nil {
		kf.Close()
		return fmt.Errorf("writing the key: %w", err)
	}
	if err := kf.Close(); err != nil {
		return fmt.Errorf("writing the key: %w", err)
	}

	if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replacing the empty folder %s: %w", out, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("moving the copy into place: %w", err)
	}
	if err := os.Rename(kf.Name(), key); err != nil {
		return fmt.Errorf("the copy is in %s but its key could not be written to %s: %w", out, key, err)
	}
	return nil
}

// writeCopy writes every file of the study into tmp: rewritten where it was
// rewritten, as it was where it holds no free text, and never a transcript
// that was not scanned.
func (p *pseudonymiser) writeCopy(ctx context.Context, tmp string) error {
	files, skipped, err := studyFiles(p.src.FS)
	if err != nil {
		return fmt.Errorf("listing the study: %w", err)
	}
	for _, s := range skipped {
		p.res.Notes.Warnf(s, 0, "not copied: not part of the study format, so it was not checked for personal data")
	}
	for _, rel := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if to, ok := p.moved[rel]; ok {
			p.res.Notes.Warnf(rel, 0, "copied as %s: the text insight reads from it, with names replaced (the original file is not copied)", to)
			rel = to
		}
		data, ok := p.files[rel]
		switch {
		case ok:
		case p.left[rel]:
			continue // withheld; the notes count it
		case strings.HasPrefix(rel, "transcripts/"):
			// Never fall back to the original: it was not scanned, and
			// may be a withdrawn participant's words.
			p.res.Notes.Warnf(rel, 0, "not copied: it was not read as a transcript, so it was not checked")
			continue
		default:
			if data, err = fs.ReadFile(p.src.FS, rel); err != nil {
				return fmt.Errorf("reading %s: %w", joinName(p.src.Name, rel), err)
			}
		}
		dst := filepath.Join(tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("writing the copy: %w", err)
		}
	}
	// A copy whose transcripts were all withheld still has the folder, so it
	// reads as a study.
	if err := os.MkdirAll(filepath.Join(tmp, "transcripts"), 0o755); err != nil {
		return err
	}
	return os.Chmod(tmp, 0o755)
}

// keyCSV is the key file: each original, its replacement and kind, never
// a withdrawn participant's words.
func (p *pseudonymiser) keyCSV() []byte {
	var kb bytes.Buffer
	w := csv.NewWriter(&kb)
	w.Write([]string{"original", "replacement", "kind"})
	var entries []anon.KeyEntry
	for _, e := range p.ps.Key() {
		if e.Kind != withheld {
			entries = append(entries, e)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].Kind < entries[j].Kind })
	for _, e := range entries {
		w.Write([]string{e.Original, e.Replacement, string(e.Kind)})
	}
	w.Flush()
	return kb.Bytes()
}
