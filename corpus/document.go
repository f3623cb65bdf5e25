package corpus

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// Document kinds.
const (
	KindInterview  = "interview"
	KindFocusGroup = "focus-group"
	KindFieldnote  = "fieldnote"
)

const utf8BOM = "\xEF\xBB\xBF"

// ParseDocument reads one transcript: front matter, speaker turns, inline
// codes and sentence segments. file names the file in messages; its base
// name without extension is the default id. It returns nil when the file
// cannot be read as text at all. Roles are provisional (RoleUnlisted for
// labelled turns): Load decides them from the study's facilitators and
// participants.
//
// Without a kind in the front matter, a file whose name contains
// "fieldnote" or "field-note" is a field note, anything else an interview:
// researchers name their files that way more often than they add front matter.
func ParseDocument(file string, data []byte) (*Document, diag.List) {
	var probs diag.List
	text, ok := decodeText(file, data, &probs)
	if !ok {
		return nil, probs
	}
	d, p := parseDocument(file, data, text)
	probs.Add(p...)
	return d, probs
}

// parseDocument is ParseDocument after decodeText has made text of data.
func parseDocument(file string, data []byte, text string) (*Document, diag.List) {
	var probs diag.List
	sum := sha256.Sum256(data)
	d := &Document{Path: file, Hash: hex.EncodeToString(sum[:]), BodyLine: 1}

	base := path.Base(strings.ReplaceAll(file, `\`, "/"))
	d.ID = strings.TrimSuffix(base, path.Ext(base))

	body := text
	if fm, fmEnd, closeLine, ok := frontMatter(file, text, &probs); !ok {
		return nil, probs
	} else if fmEnd > 0 {
		parseFrontMatter(file, fm, d, &probs)
		body = text[fmEnd:]
		d.BodyLine = closeLine + 1
	}
	if d.Kind == "" {
		d.Kind = KindInterview
		if low := strings.ToLower(base); strings.Contains(low, "fieldnote") || strings.Contains(low, "field-note") {
			d.Kind = KindFieldnote
		}
	}
	if !isSlug(d.ID) {
		probs.Errorf(file, 1, "document id %q may only use letters, digits, '-', '_' and '.': rename the file or set `id: %s` in its front matter", d.ID, slugify(d.ID))
	}
	if strings.TrimFunc(body, isBlank) == "" {
		probs.Warnf(file, d.BodyLine, "has no text, so nothing in it is read: add the transcript or remove the file")
	}
	parseBody(file, body, d, &probs)
	return d, probs
}

// decodeText checks data is UTF-8 text and returns it without a BOM and
// with \n line endings. Lone CRs become \n too, so file lines still count
// the same.
func decodeText(file string, data []byte, probs *diag.List) (string, bool) {
	if !checkText(file, data, probs) {
		return "", false
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	s := string(data)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, true
}

// shownAsIs reports whether decodeText would return data unchanged: it has
// no UTF-8 BOM to drop and no \r to make \n.
func shownAsIs(data []byte) bool {
	return !bytes.HasPrefix(data, []byte(utf8BOM)) && bytes.IndexByte(data, '\r') < 0
}

// checkText reports, as errors, a NUL byte or invalid UTF-8 in data.
func checkText(file string, data []byte, probs *diag.List) bool {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		probs.Errorf(file, lineOf(data, i), "contains NUL bytes (first at byte %d), so it is probably a binary or Word file: save it as plain text (.txt) or Markdown (.md)", i)
		return false
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		probs.Errorf(file, lineOf(data, i), "is not valid UTF-8 (first bad byte at offset %d): open it in a text editor and save it again with UTF-8 encoding", i)
		return false
	}
	return true
}

// lineOf returns the 1-based line of byte offset i, counting \n, \r\n and lone \r.
func lineOf(data []byte, i int) int {
	b := data[:i]
	return 1 + bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) - bytes.Count(b, []byte("\r\n"))
}

// frontMatter finds YAML front matter between a first line "---" and the
// next "---" or "..." line. It returns the YAML, the offset where the body
// starts (0 when there is no front matter) and the closing line.
func frontMatter(file, text string, probs *diag.List) (fm string, bodyStart, closeLine int, ok bool) {
	first, _, found := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t") != "---" || !found {
		return "", 0, 0, true
	}
	pos, line := len(first)+1, 2
	for pos <= len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		next := pos + end + 1
		if end < 0 {
			end, next = len(text)-pos, len(text)
		}
		l := strings.TrimRight(text[pos:pos+end], " \t")
		if l == "---" || l == "..." {
			return text[len(first)+1 : pos], next, line, true
		}
		if next == len(text) {
			break
		}
		pos, line = next, line+1
	}
	probs.Errorf(file, 1, "front matter opened by --- on line 1 is never closed: add a line with just --- after the last key (or remove the first line if it is not front matter)")
	return "", 0, 0, false
}

// parseFrontMatter sets the document's id, kind, date, case and attributes.
// Front matter lines are file lines + 1, as the YAML starts on line 2.
func parseFrontMatter(file, fm string, d *Document, probs *diag.List) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		line, msg := yamlError(err)
		probs.Errorf(file, line+1, "front matter is not valid YAML: %s", msg)
		return
	}
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		probs.Errorf(file, m.Line+1, "front matter must be `key: value` lines (id:, kind:, date:, case: or any attribute)")
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := strings.ToLower(strings.TrimSpace(k.Value))
		if prev, dup := seen[key]; dup {
			probs.Errorf(file, k.Line+1, "front matter key %q is repeated (first on line %d): keep one", k.Value, prev+1)
			continue
		}
		seen[key] = k.Line
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if v.Kind != yaml.ScalarNode {
			probs.Errorf(file, v.Line+1, "front matter %q must be a single value, not a list or mapping", k.Value)
			continue
		}
		val := strings.TrimSpace(v.Value)
		if v.Tag == "!!null" {
			val = ""
		}
		switch key {
		case "id":
			if val != "" {
				d.ID = val
			}
		case "kind":
			switch kind := strings.ToLower(val); kind {
			case KindInterview, KindFocusGroup, KindFieldnote:
				d.Kind = kind
			case "":
			default:
				probs.Errorf(file, v.Line+1, "kind %q is not known: use interview, focus-group or fieldnote", val)
			}
		case "date":
			d.Date = val
		case "case":
			d.Case = val
		default:
			if d.Attributes == nil {
				d.Attributes = map[string]string{}
			}
			d.Attributes[key] = val
		}
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlError splits a yaml.v3 error into its line and message.
func yamlError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !slugByte(s[i]) {
			return false
		}
	}
	return true
}

func slugByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// slugify suggests a slug for s: other characters become '-'.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		if slugByte(s[i]) {
			b.WriteByte(s[i])
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	if out := strings.Trim(b.String(), "-"); out != "" {
		return out
	}
	return "doc-1"
}

// parseBody removes inline markup from raw and finds turns, codes and
// segments. Markup never spans a newline, so body lines stay file lines.
func parseBody(file, raw string, d *Document, probs *diag.List) {
	own := interner{}
	labels := findLabels(raw, d, own)
	mk := scanMarkup(raw, labels)
	om := newOffsetMap(mk.dels)
	d.Body = om.strip(raw)
	d.markup = mk.dels
	d.index()
	addInlineCodes(file, raw, d, mk, om, labels, own, probs)
	addTurns(file, raw, d, om, labels, probs)
	addSegments(d)
}

// interner copies the labels, timestamps and classes cut from raw, so the
// document does not keep the whole marked-up text alive beside Body, and
// shares repeats.
type interner map[string]string

func (in interner) own(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	if len(in) < 1024 { // bounded: a file of distinct labels is rare
		in[c] = c
	}
	return c
}

// findLabels finds the speaker labels of a transcript (a field note has
// none) and notes lines that look like a label but are not one.
func findLabels(raw string, d *Document, own interner) []labelLine {
	if d.Kind == KindFieldnote {
		return nil
	}
	var labels []labelLine
	for ls, line := 0, d.BodyLine; ls < len(raw); line++ {
		le := strings.IndexByte(raw[ls:], '\n')
		if le < 0 {
			le = len(raw) - ls
		}
		if t, lab, off, ok := parseLabel(raw[ls : ls+le]); ok {
			labels = append(labels, labelLine{lineStart: ls, textStart: ls + off, label: own.own(lab), time: strings.Clone(t)})
		} else if prefix, ok := suspectLabel(raw[ls : ls+le]); ok {
			d.suspects = append(d.suspects, suspectLine{line: line, prefix: strings.Clone(prefix)})
		}
		ls += le + 1
	}
	return labels
}

// labelRegions tells which turn a raw offset is in: region r is the
// preamble (r == 0) or the turn of labels[r-1].
type labelRegions struct {
	labels []labelLine
	rawLen int
}

func (lr labelRegions) at(p int) int {
	return sort.Search(len(lr.labels), func(i int) bool { return lr.labels[i].lineStart > p })
}

func (lr labelRegions) end(r int) int {
	if r < len(lr.labels) {
		return lr.labels[r].lineStart
	}
	return lr.rawLen
}

// addInlineCodes turns the markup's spans into inline codes, each kept
// within its speaker's turn, and warns about markup that was kept as text.
func addInlineCodes(file, raw string, d *Document, mk markup, om offsetMap, labels []labelLine, own interner, probs *diag.List) {
	body := d.Body
	regions := labelRegions{labels, len(raw)}
	for _, sp := range mk.spans {
		start, end := om.at(sp.open), om.at(sp.close)
		line := d.Line(start)
		if r := regions.at(sp.open); r != regions.at(sp.close) {
			end = trimEnd(body, start, om.at(regions.end(r)))
			probs.Warnf(file, line, "code {.%s} runs into the next speaker's turn (line %d); it was closed at the end of this turn: end the span before the next label", strings.Join(sp.classes, " ."), d.Line(om.at(sp.close)))
		}
		if len(sp.classes) == 0 {
			probs.Warnf(file, line, "span has no .theme class, so nothing was coded: write [text]{.theme-id}")
			continue
		}
		if start < end {
			for i, c := range sp.classes {
				sp.classes[i] = own.own(c)
			}
			d.Codes = append(d.Codes, InlineCode{Themes: sp.classes, Start: start, End: end, Line: line})
		}
	}
	sort.SliceStable(d.Codes, func(a, b int) bool {
		ca, cb := d.Codes[a], d.Codes[b]
		if ca.Start != cb.Start {
			return ca.Start < cb.Start
		}
		return ca.End > cb.End
	})
	warnEach(probs, file, d, om, mk.unclosed, `"[" is never closed and was kept as text: if it starts a code, end it with ]{.theme-id}; for a literal bracket write \[`)
	warnEach(probs, file, d, om, mk.badAttr, `"]{" has no closing "}" on the same line, so the span was kept as text: close it like ]{.theme-id}`)
}

// addTurns splits the body into turns: a field note's paragraphs are the
// observer's; a transcript has the observer's preamble, then one turn per label.
func addTurns(file, raw string, d *Document, om offsetMap, labels []labelLine, probs *diag.List) {
	body := d.Body
	d.Turns = make([]Turn, 0, len(labels)+1)
	addTurn := func(t Turn, a, b int) {
		t.Start, t.End = trimRange(body, a, b)
		if t.Start < t.End {
			d.Turns = append(d.Turns, t)
		}
	}
	if d.Kind == KindFieldnote {
		for _, p := range paragraphs(body) {
			addTurn(Turn{Role: RoleObserver}, p.start, p.end)
		}
		return
	}
	regions := labelRegions{labels, len(raw)}
	first := len(raw)
	if len(labels) > 0 {
		first = labels[0].lineStart
	}
	addTurn(Turn{Role: RoleObserver}, 0, om.at(first))
	if len(labels) == 0 && len(d.Turns) > 0 {
		probs.Warnf(file, d.BodyLine, "no speaker labels found, so the whole %s is read as the observer's notes: start each turn with a label such as `P01:` or `Interviewer:` (or set `kind: fieldnote`)", d.Kind)
	}
	for r, l := range labels {
		addTurn(Turn{Speaker: l.label, Role: RoleUnlisted, Time: l.time}, om.at(l.textStart), om.at(regions.end(r+1)))
	}
}

// addSegments splits each turn into sentences, each with an id that
// survives edits elsewhere in the document. The list is cut to its length
// and the ids are cut from one string: a densely coded study holds some
// 650,000 segments for the whole build (issue 11: memory).
func addSegments(d *Document) {
	body := d.Body
	segs := make([]Segment, 0, len(body)/48+1)
	// An id is the doc's, '/' and 8 hex digits (rarely "-n" more); ids
	// grown by doubling were some 30 MB of the benchmark's garbage.
	ids := segmentIDs{doc: d.ID, seen: make(map[[4]byte]int32, len(body)/64+1), all: make([]byte, 0, cap(segs)*(len(d.ID)+9))}
	var buf [][2]int
	idEnd := make([]int, 0, cap(segs)) // per segment: where its id ends in ids.all
	for ti, t := range d.Turns {
		buf = splitSentences(body[t.Start:t.End], buf[:0])
		for _, s := range buf {
			start, end := t.Start+s[0], t.Start+s[1]
			ids.next(body[start:end])
			idEnd = append(idEnd, len(ids.all))
			segs = append(segs, Segment{Turn: ti, Start: start, End: end})
		}
	}
	if cap(segs)-len(segs) > len(segs)/8 {
		segs = slices.Clone(segs)
	}
	all, from := string(ids.all), 0
	for i, end := range idEnd {
		segs[i].ID = all[from:end]
		from = end
	}
	d.Segments = segs
}

// SegmentHash is what a sentence's id is made of: the first 4 bytes of the
// SHA-1 of its text (the site's anchors and search.js derive theirs from
// it too). buf is scratch space, reused between calls so that hashing a
// study's sentences allocates nothing per sentence.
func SegmentHash(buf *[]byte, text string) [4]byte {
	*buf = append((*buf)[:0], text...)
	sum := sha1.Sum(*buf)
	return [4]byte(sum[:4])
}

// segmentIDs hashes each sentence's text so that its id survives edits
// elsewhere in the document; repeats get -2, -3. Ids are appended to all.
type segmentIDs struct {
	doc  string
	buf  []byte // text to hash, reused to avoid an allocation per sentence
	seen map[[4]byte]int32
	all  []byte
}

func (g *segmentIDs) next(text string) {
	key := SegmentHash(&g.buf, text)
	n := g.seen[key] + 1
	g.seen[key] = n
	g.all = append(g.all, g.doc...)
	g.all = append(g.all, '/')
	g.all = hex.AppendEncode(g.all, key[:])
	if n > 1 {
		g.all = append(g.all, '-')
		g.all = strconv.AppendInt(g.all, int64(n), 10)
	}
}

func trimRange(s string, a, b int) (int, int) {
	for a < b && isSpace(s[a]) {
		a++
	}
	return a, trimEnd(s, a, b)
}

func trimEnd(s string, a, b int) int {
	for b > a && isSpace(s[b-1]) {
		b--
	}
	return b
}

// paragraphs splits s at blank lines.
func paragraphs(s string) []rng {
	var out []rng
	start := 0
	for ls := 0; ls <= len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s) - ls
		}
		if strings.TrimSpace(s[ls:ls+le]) == "" {
			if start < ls {
				out = append(out, rng{start, ls})
			}
			start = ls + le + 1
		}
		ls += le + 1
	}
	if start < len(s) {
		out = append(out, rng{start, len(s)})
	}
	return out
}

// maxRepeats bounds how many times one warning is repeated per file, so a
// file full of stray brackets does not bury the other problems.
const maxRepeats = 10

func warnEach(probs *diag.List, file string, d *Document, om offsetMap, raw []int, msg string) {
	for i, p := range raw {
		if i == maxRepeats {
			probs.Warnf(file, d.Line(om.at(p)), "%d more like the above from here on", len(raw)-i)
			return
		}
		probs.Warnf(file, d.Line(om.at(p)), "%s", msg)
	}
}
