// Package docx reads Word documents (.docx): the paragraphs of
// word/document.xml become paragraphs of text, a speaker label is either
// typed ("Name: text") or set in bold at the start of a paragraph
// ("**Name** text" becomes "Name: text"), and Word comments become memos
// anchored on the text they comment. Tables, images, text boxes and
// tracked deletions are left out with a warning. No library: the served
// Go .docx libraries are either unmaintained, unlisted or paid, and the
// part insight needs is one XML stream read with encoding/xml, which
// expands no external entities.
package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/internal/safezip"
	"github.com/residentinsight/insight/transcript"
)

// Reader reads .docx files.
type Reader struct {
	// Limits bound the archive; zero values take safezip's defaults
	// with a 256 MiB total.
	Limits safezip.Limits
}

func (Reader) Extensions() []string { return []string{".docx"} }

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Read converts a .docx. Lines in warnings and in Text.Lines are
// paragraphs, counted from 1 in the document body: a Word file has no lines.
func (r Reader) Read(data []byte) (*transcript.Text, error) {
	l := r.Limits
	if l.Total == 0 {
		l.Total = 256 << 20
	}
	a, err := safezip.Open(data, l)
	if errors.Is(err, safezip.ErrNotZip) {
		if bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")) {
			return nil, transcript.Errorf(0, "is an old Word 97–2003 document with a .docx name: open it in Word and save it as .docx (Word Document) or plain text")
		}
		return nil, transcript.Errorf(0, "is not a Word document (%v): save it again from Word as .docx, or as plain text", err)
	}
	if err != nil {
		return nil, transcript.Errorf(0, "%v", err)
	}
	if !a.Has("word/document.xml") {
		return nil, transcript.Errorf(0, "is not a Word document: the archive has no word/document.xml; save it again from Word as .docx")
	}
	doc, err := a.Read("word/document.xml")
	if err != nil {
		return nil, transcript.Errorf(0, "%v", err)
	}
	comments := map[string]comment{}
	if a.Has("word/comments.xml") {
		if cx, err := a.Read("word/comments.xml"); err == nil {
			comments, err = readComments(cx)
			if err != nil {
				return nil, transcript.Errorf(0, "word/comments.xml cannot be read: %v", err)
			}
		} else {
			return nil, transcript.Errorf(0, "%v", err)
		}
	}
	w := &walker{comments: comments, open: map[string]int{}}
	if err := w.walk(doc); err != nil {
		return nil, err
	}
	return w.finish(), nil
}

// comment is one w:comment of comments.xml.
type comment struct {
	author, date, text string
}

// walker streams document.xml.
type walker struct {
	b        transcript.Builder
	comments map[string]comment
	open     map[string]int // comment id -> output offset where its range starts
	para     int            // paragraphs seen
	skipped  map[string][]int

	// The current paragraph.
	runs   []run
	inPara bool
	inText bool // inside w:t
	inPPr  bool // inside paragraph properties: their w:b is the paragraph mark's
	bold   bool // the current run is bold
	marks  []pendingMark
	sdts   []bool // open content controls: showing their placeholder?
}

type run struct {
	text string
	bold bool
}

// pendingMark is a comment range start or end inside the current paragraph,
// at a byte offset into the paragraph's text.
type pendingMark struct {
	id    string
	at    int
	start bool
}

func newDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = nil // only the five predefined entities; no DTD entity is expanded
	return d
}

func (w *walker) walk(data []byte) error {
	d := newDecoder(data)
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			line, _ := d.InputPos()
			return transcript.Errorf(0, "word/document.xml is not well-formed XML (its line %d: %v): open it in Word and save it again", line, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return transcript.Errorf(0, "word/document.xml declares XML entities, which Word never writes: refused")
			}
		case xml.StartElement:
			depth++
			if depth > 256 {
				return transcript.Errorf(0, "word/document.xml nests elements more than 256 deep: refused")
			}
			if skip := w.start(t); skip != "" {
				w.skip(skip)
				if err := d.Skip(); err != nil {
					return transcript.Errorf(0, "word/document.xml is not well-formed XML: %v", err)
				}
				depth--
			}
		case xml.EndElement:
			depth--
			w.end(t)
		case xml.CharData:
			if w.inText {
				w.add(string(t))
			}
		}
	}
}

// start handles an opening element and returns what to skip, if anything:
// "table", "image", or "-" to skip silently.
func (w *walker) start(t xml.StartElement) string {
	if t.Name.Space == "http://schemas.openxmlformats.org/markup-compatibility/2006" && t.Name.Local == "Fallback" {
		return "-" // the same content as the Choice before it
	}
	if t.Name.Space != wordNS {
		return ""
	}
	switch t.Name.Local {
	case "p":
		w.para++
		w.inPara, w.runs, w.marks = true, nil, nil
	case "pPr":
		w.inPPr = true
	case "r":
		w.bold = false
	case "b":
		if !w.inPPr {
			v := attr(t, "val")
			w.bold = v != "0" && v != "false" && v != "off"
		}
	case "t":
		w.inText = true
	case "tab":
		w.add(" ")
	case "br", "cr":
		w.add("\n")
	case "noBreakHyphen":
		w.add("-")
	case "sdt":
		w.sdts = append(w.sdts, false)
	case "showingPlcHdr":
		if n := len(w.sdts); n > 0 {
			w.sdts[n-1] = true
		}
	case "sdtContent":
		if n := len(w.sdts); n > 0 && w.sdts[n-1] {
			return "-" // placeholder text ("Click here to enter text"), not the document's
		}
	case "commentRangeStart", "commentRangeEnd":
		w.mark(attr(t, "id"), t.Name.Local == "commentRangeStart")
	case "tbl":
		return "table"
	case "drawing", "pict", "object":
		return "image"
	case "moveFrom", "del":
		return "-" // tracked deletions: not the document's text
	}
	return ""
}

func (w *walker) end(t xml.EndElement) {
	if t.Name.Space != wordNS {
		return
	}
	switch t.Name.Local {
	case "sdt":
		if n := len(w.sdts); n > 0 {
			w.sdts = w.sdts[:n-1]
		}
	case "t":
		w.inText = false
	case "pPr":
		w.inPPr = false
	case "p":
		w.flush()
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (w *walker) add(s string) {
	if !w.inPara {
		return
	}
	if n := len(w.runs); n > 0 && w.runs[n-1].bold == w.bold {
		w.runs[n-1].text += s
		return
	}
	w.runs = append(w.runs, run{s, w.bold})
}

func (w *walker) textLen() int {
	n := 0
	for _, r := range w.runs {
		n += len(r.text)
	}
	return n
}

func (w *walker) mark(id string, start bool) {
	if w.inPara {
		w.marks = append(w.marks, pendingMark{id, w.textLen(), start})
		return
	}
	w.place(id, start, w.b.Len())
}

func (w *walker) skip(what string) {
	if what == "-" {
		return
	}
	if w.skipped == nil {
		w.skipped = map[string][]int{}
	}
	w.skipped[what] = append(w.skipped[what], max(w.para, 1))
}

// flush writes the current paragraph, turning a bold name at its start
// into a label.
func (w *walker) flush() {
	w.inPara = false
	var all strings.Builder
	for _, r := range w.runs {
		all.WriteString(r.text)
	}
	text := all.String()
	newText, cut, shift := boldLabel(w.runs)
	if newText != "" {
		text = newText
	}
	lead := len(text) - len(strings.TrimLeft(text, " \t\n"))
	w.b.At = w.para
	start := w.b.Paragraph(text)
	for _, m := range w.marks {
		at := m.at
		if newText != "" {
			at = max(at, cut) + shift
		}
		if start < 0 {
			w.place(m.id, m.start, w.b.Len())
			continue
		}
		w.place(m.id, m.start, start+min(max(at-lead, 0), len(strings.TrimSpace(text))))
	}
	w.runs, w.marks = nil, nil
}

// boldLabel reads a paragraph that starts with a bold name followed by
// plain text ("**Ana** Yes, I am …") as "Ana: Yes, I am …". It returns ""
// when the paragraph has no such label, else the new text, the old
// offset where the text after the label starts, and how far that text moved.
func boldLabel(runs []run) (text string, cut, shift int) {
	i, label := 0, ""
	for i < len(runs) && strings.TrimSpace(runs[i].text) == "" {
		cut += len(runs[i].text)
		i++
	}
	for i < len(runs) && runs[i].bold {
		label += runs[i].text
		cut += len(runs[i].text)
		i++
	}
	var rest strings.Builder
	for _, r := range runs[i:] {
		rest.WriteString(r.text)
	}
	after := rest.String()
	label = strings.TrimSpace(label)
	trimmed := strings.TrimLeft(after, " \t")
	if label == "" || strings.TrimSpace(after) == "" || strings.HasSuffix(label, ":") || strings.HasPrefix(trimmed, ":") || !plainLabel(label) {
		return "", 0, 0
	}
	cut += len(after) - len(trimmed)
	text = label + ": " + trimmed
	return text, cut, len(label) + 2 - cut
}

// plainLabel accepts 1–4 words of letters, digits and - _ . ' of at most
// 40 characters, starting with a letter or digit: a name, not a heading.
func plainLabel(s string) bool {
	if utf8.RuneCountInString(s) > 40 || len(strings.Fields(s)) > 4 {
		return false
	}
	for k, r := range s {
		letter := r >= '0' && r <= '9' || r > 127 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if k == 0 && !letter {
			return false
		}
		if !letter && !strings.ContainsRune(" -_.'’", r) {
			return false
		}
	}
	return true
}

// place records where a comment's range starts or ends in the output.
func (w *walker) place(id string, start bool, at int) {
	if start {
		w.open[id] = at
		return
	}
	from, ok := w.open[id]
	if !ok {
		return
	}
	delete(w.open, id)
	c, ok := w.comments[id]
	if !ok {
		return
	}
	w.b.Memos = append(w.b.Memos, transcript.Memo{Start: from, End: max(at, from), Author: c.author, Date: c.date, Text: c.text})
}

func (w *walker) finish() *transcript.Text {
	for _, what := range []string{"table", "image"} {
		paras := w.skipped[what]
		if len(paras) == 0 {
			continue
		}
		list := fmt.Sprint(paras[0])
		for _, p := range paras[1:min(len(paras), 10)] {
			list += fmt.Sprintf(", %d", p)
		}
		if len(paras) > 10 {
			list += ", …"
		}
		msg := "tables are"
		if what == "image" {
			msg = "images and drawings (with any text boxes in them) are"
		}
		w.b.Warnf(0, "%d %s skipped (after paragraph %s): %s not read; if one holds transcript text, copy it into paragraphs", len(paras), what, list, msg)
	}
	end := w.b.Len()
	for id, from := range w.open { // ranges never closed run to the end
		if c, ok := w.comments[id]; ok {
			w.b.Memos = append(w.b.Memos, transcript.Memo{Start: from, End: end, Author: c.author, Date: c.date, Text: c.text})
		}
	}
	return w.b.Text()
}

// readComments reads word/comments.xml: each comment's author, date and
// text (its paragraphs joined by newlines).
func readComments(data []byte) (map[string]comment, error) {
	out := map[string]comment{}
	d := newDecoder(data)
	var id string
	var cur *comment
	var text strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return nil, errors.New("it declares XML entities, which Word never writes: refused")
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "comment":
				id, cur = attr(t, "id"), &comment{author: attr(t, "author"), date: attr(t, "date")}
				text.Reset()
			case "p":
				if cur != nil && text.Len() > 0 {
					text.WriteByte('\n')
				}
			case "t":
				inT = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "comment":
				if cur != nil {
					cur.text = strings.TrimSpace(text.String())
					out[id] = *cur
				}
				cur = nil
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && cur != nil {
				text.Write(t)
			}
		}
	}
}
