package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func docxOf(t *testing.T, body, comments string) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	w.Write([]byte(`<w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`))
	if comments != "" {
		w, _ = zw.Create("word/comments.xml")
		w.Write([]byte(`<w:comments ` + ns + `>` + comments + `</w:comments>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestLoadConverted loads a study of a Word file, a WebVTT file and a
// UTF-16 text file: each becomes turns like a .md would, messages name the
// file's own lines (paragraphs for .docx), the hash is the file's, and a
// Word comment becomes a memo on the words it comments.
func TestLoadConverted(t *testing.T) {
	docx := docxOf(t,
		`<w:p><w:r><w:t>Interview, May</w:t></w:r></w:p>`+
			`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer</w:t></w:r><w:r><w:t xml:space="preserve"> How was it?</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t xml:space="preserve">Zed: I </w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>waited months</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:t>.</w:t></w:r></w:p>`,
		`<w:comment w:id="7" w:author="Amira"><w:p><w:r><w:t>too late?</w:t></w:r></w:p></w:comment>`)
	vtt := "WEBVTT\n\nNOTE from Teams\n\n1\n0:0:1.5 --> 0:0:3.0\n<v Interviewer>Hello.</v>\n\n2\n0:0:3.0 --> 0:0:4.0\n<v Yan>Hi.</v>\n\n3\n0:0:4.0 --> 0:0:6.0\n<v Yan>Me again.</v>\n"
	var u16 []byte
	u16 = append(u16, 0xFF, 0xFE)
	for _, c := range "Interviewer: Well?\nP1: Fine.\n" {
		u16 = append(u16, byte(c), 0)
	}
	fsys := mapFS(map[string]string{
		"insight.yaml":          "title: T\nfacilitators: [Interviewer]\n",
		"participants.csv":      "id,consent\nP1,yes\n",
		"transcripts/a.docx":    docx,
		"transcripts/b.vtt":     vtt,
		"transcripts/c.txt":     string(u16),
		"transcripts/d.md":      "P1: plain.\n",
		"transcripts/notes.doc": "old word",
	})
	st, probs := Load(context.Background(), fsys, "s")
	if probs.HasErrors() {
		t.Fatalf("errors: %v", probs)
	}
	all := probs.Error()
	for _, want := range []string{
		`s/transcripts/a.docx:3: warning: speaker "Zed" is not in participants.csv`, // paragraph 3
		`s/transcripts/b.vtt:10: warning: speaker "Yan" is not in participants.csv`, // cue at line 10
		"s/transcripts/c.txt: warning: is UTF-16",
		"s/transcripts/notes.doc: warning: is not read: save it from your word processor as Word (.docx)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in\n%s", want, all)
		}
	}
	byID := map[string]*Document{}
	for _, d := range st.Documents {
		byID[d.ID] = d
	}
	a, b, c, d := byID["a"], byID["b"], byID["c"], byID["d"]
	if a == nil || b == nil || c == nil || d == nil {
		t.Fatalf("documents %v", st.Documents)
	}
	speakers := func(d *Document) string {
		var s []string
		for _, t := range d.Turns {
			s = append(s, t.Time+"|"+t.Speaker+"|"+d.Body[t.Start:t.End])
		}
		return strings.Join(s, " / ")
	}
	for doc, want := range map[*Document]string{
		a: "||Interview, May / |Interviewer|How was it? / |Zed|I waited months.",
		b: "00:00:01|Interviewer|Hello. / 00:00:03|Yan|Hi. Me again.",
		c: "|Interviewer|Well? / |P1|Fine.",
	} {
		if got := speakers(doc); got != want {
			t.Errorf("%s turns %q, want %q", doc.ID, got, want)
		}
	}
	if len(a.Memos) != 1 || a.Body[a.Memos[0].Start:a.Memos[0].End] != "waited months" || a.Memos[0].Author != "Amira" {
		t.Errorf("memos %+v", a.Memos)
	}
	sum := sha256.Sum256([]byte(docx))
	if a.Hash != hex.EncodeToString(sum[:]) {
		t.Error("hash of a converted file is not the file's")
	}
	if a.Format != "docx" || b.Format != "vtt" || c.Format != "txt" || d.Format != "" {
		t.Errorf("formats %q %q %q %q", a.Format, b.Format, c.Format, d.Format)
	}
	if l := b.Line(b.Turns[1].Start); l != 10 {
		t.Errorf("Yan's turn is on line %d of b.vtt, want 10", l)
	}
}

// TestLoadUnreadable: a broken Word file is an error naming it; the rest loads.
func TestLoadUnreadable(t *testing.T) {
	fsys := mapFS(map[string]string{
		"insight.yaml":       "title: T\n",
		"transcripts/a.docx": "not a zip",
		"transcripts/b.vtt":  "not a vtt",
		"transcripts/c.md":   "P1: fine.",
	})
	st, probs := Load(context.Background(), fsys, "")
	all := probs.Error()
	for _, want := range []string{"transcripts/a.docx: is not a Word document", "transcripts/b.vtt:1: is not a WebVTT file"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if len(st.Documents) != 1 {
		t.Errorf("%d documents loaded, want 1 (c)", len(st.Documents))
	}
}
