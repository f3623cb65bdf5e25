package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strings"
	"testing"

	"github.com/residentinsight/insight/internal/safezip"
	"github.com/residentinsight/insight/transcript"
)

// makeDocx zips files into a minimal .docx; body is put inside w:body.
func makeDocx(t testing.TB, body string, extra map[string]string) []byte {
	files := map[string]string{
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
			body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		files[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(runs ...string) string { return "<w:p>" + strings.Join(runs, "") + "</w:p>" }
func r(text string) string    { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
func b(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, body, want, warn string
	}{
		{"typed labels", p(r("Interviewer: Hello.")) + p(r("P01: "), r("Hi there.")), "Interviewer: Hello.\n\nP01: Hi there.\n", ""},
		{"bold label without a colon", p(b("Ana"), r(" Yes, I am.")) + p(b("Researcher 1 "), r("Good.")), "Ana: Yes, I am.\n\nResearcher 1: Good.\n", ""},
		{"bold label with its colon", p(b("Ana:"), r(" Yes.")) + p(b("Ana"), r(": Again.")), "Ana: Yes.\n\nAna: Again.\n", ""},
		{"a bold heading is not a label", p(b("Interview with Ana, 12 May")) + p(b("Note"), r("")), "Interview with Ana, 12 May\n\nNote\n", ""},
		{"bold mid-paragraph is text", p(r("I said "), b("no"), r(" twice.")), "I said no twice.\n", ""},
		{"paragraph-mark bold does not make a label", `<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>` + r("Ana") + r(" text") + `</w:p>`, "Ana text\n", ""},
		{"w:b val=0 is not bold", `<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Ana</w:t></w:r>` + r(" text") + `</w:p>`, "Ana text\n", ""},
		{"tabs and breaks", p(r("a"), `<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>`), "a b\nc\n", ""},
		{"tables skipped with a warning", p(r("before")) + `<w:tbl><w:tr><w:tc>` + p(r("cell")) + `</w:tc></w:tr></w:tbl>` + p(r("after")), "before\n\nafter\n", "1 table"},
		{"images skipped with a warning", p(r("see "), `<w:r><w:drawing><wp:inline xmlns:wp="x"><w:txbxContent>`+p(r("box"))+`</w:txbxContent></wp:inline></w:drawing></w:r>`, r("this")), "see this\n", "1 image"},
		{"tracked deletions and placeholders are not text", p(r("kept "), `<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>`, `<w:ins><w:r><w:t>added</w:t></w:r></w:ins>`) +
			p(`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>`+r("Click here")+`</w:sdtContent></w:sdt>`, `<w:sdt><w:sdtPr/><w:sdtContent>`+r("real")+`</w:sdtContent></w:sdt>`), "kept added\n\nreal\n", ""},
		{"AlternateContent fallback is not read twice", p(r("x"), `<mc:AlternateContent><mc:Choice>`+r("y")+`</mc:Choice><mc:Fallback>`+r("y")+`</mc:Fallback></mc:AlternateContent>`), "xy\n", ""},
		{"entities and unicode", p(r("Tom &amp; Jerry — “ok” 😀")), "Tom & Jerry — “ok” 😀\n", ""},
		{"empty document", "", "", ""},
		{"a first paragraph --- cannot open front matter", p(r("---")) + p(r("id: x")) + p(r("---")), "\n---\n\nid: x\n\n---\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Reader{}.Read(makeDocx(t, tc.body, nil))
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tc.want {
				t.Errorf("text %q, want %q", got.Text, tc.want)
			}
			if err := got.Validate(); err != nil {
				t.Error(err)
			}
			if tc.warn != "" && (len(got.Warnings) == 0 || !strings.Contains(got.Warnings[0].Msg, tc.warn)) {
				t.Errorf("warnings %v, want %q", got.Warnings, tc.warn)
			} else if tc.warn == "" && len(got.Warnings) > 0 {
				t.Errorf("unexpected warnings %v", got.Warnings)
			}
		})
	}
}

func TestParagraphLines(t *testing.T) {
	got, err := Reader{}.Read(makeDocx(t, p(r("one"))+p()+p(r("Ana: three")), nil))
	if err != nil {
		t.Fatal(err)
	}
	// Text lines: "one", "", "Ana: three": paragraphs 1, 3, 3 (the blank line
	// separates, paragraph 2 is empty).
	if want := []int{1, 3, 3}; len(got.Lines) != 3 || got.Lines[0] != 1 || got.Lines[2] != 3 {
		t.Errorf("lines %v, want %v", got.Lines, want)
	}
}

func TestComments(t *testing.T) {
	body := p(r("Ana: I "), `<w:commentRangeStart w:id="0"/>`, r("waited months"), `<w:commentRangeEnd w:id="0"/>`, r(" for help.")) +
		p(`<w:commentRangeStart w:id="1"/>`, b("Bob"), r(" Two paragraphs")) + p(r("long."), `<w:commentRangeEnd w:id="1"/>`)
	comments := `<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:comment w:id="0" w:author="Amira" w:date="2024-03-01T10:00:00Z"><w:p><w:r><w:t>Waiting list: code intervening-too-late?</w:t></w:r></w:p></w:comment>` +
		`<w:comment w:id="1" w:author="Tom"><w:p><w:r><w:t>first</w:t></w:r></w:p><w:p><w:r><w:t>second</w:t></w:r></w:p></w:comment></w:comments>`
	got, err := Reader{}.Read(makeDocx(t, body, map[string]string{"word/comments.xml": comments}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Memos) != 2 {
		t.Fatalf("memos %+v, want 2", got.Memos)
	}
	m := got.Memos[0]
	if q := got.Text[m.Start:m.End]; q != "waited months" || m.Author != "Amira" || m.Text != "Waiting list: code intervening-too-late?" || m.Date == "" {
		t.Errorf("memo 0 on %q: %+v", q, m)
	}
	m = got.Memos[1] // it starts on a bold label: the memo covers the words, not the label
	if q := got.Text[m.Start:m.End]; q != "Two paragraphs\n\nlong." || m.Text != "first\nsecond" {
		t.Errorf("memo 1 on %q: %+v", q, m)
	}
}

// TestSmall covers inputs of 0, 1 and 2 bytes and other non-Word data.
func TestSmall(t *testing.T) {
	for _, in := range [][]byte{nil, {'P'}, []byte("PK"), []byte("PK\x03\x04"), []byte("\xD0\xCF\x11\xE0old word"), []byte("plain text")} {
		_, err := Reader{}.Read(in)
		if err == nil {
			t.Errorf("%q: read as a Word document", in)
		}
	}
	// A zip without word/document.xml.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.Create("hello.txt")
	zw.Close()
	if _, err := (Reader{}).Read(buf.Bytes()); err == nil || !strings.Contains(err.Error(), "word/document.xml") {
		t.Errorf("zip without document.xml: %v", err)
	}
}

func TestHostile(t *testing.T) {
	zipOf := func(add func(zw *zip.Writer)) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		add(zw)
		zw.Close()
		return buf.Bytes()
	}
	named := func(name string) []byte {
		return zipOf(func(zw *zip.Writer) {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name})
			w.Write([]byte("x"))
			w, _ = zw.Create("word/document.xml")
			w.Write([]byte(`<w:document xmlns:w="` + wordNS + `"/>`))
		})
	}
	zeros := bytes.Repeat([]byte{0}, 2<<20)
	for _, tc := range []struct {
		name   string
		data   []byte
		limits safezip.Limits
		want   string
	}{
		{"path traversal", named("../../etc/cron.d/x"), safezip.Limits{}, `climbs out of the archive with ".."`},
		{"absolute path", named("/etc/passwd"), safezip.Limits{}, "absolute path"},
		{"backslash", named(`word\..\..\x`), safezip.Limits{}, "backslash"},
		{"bomb: total size", zipOf(func(zw *zip.Writer) {
			w, _ := zw.Create("word/document.xml")
			w.Write(zeros)
		}), safezip.Limits{Total: 1 << 20}, "declares more than 1048576 bytes uncompressed in 1 entries"},
		{"bomb: entry count", zipOf(func(zw *zip.Writer) {
			for range 20 {
				zw.Create("word/x" + strings.Repeat("x", len(zeros)%7))
			}
		}), safezip.Limits{Entries: 10}, "has 20 entries, more than the 10 allowed"},
		{"bomb: 1 TB declared", declared(t, 1<<40), safezip.Limits{}, "declares 1099511627776 bytes uncompressed"},
		{"bomb: size that lies", declared(t, 10), safezip.Limits{}, "does not inflate to its declared 10 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Reader{Limits: tc.limits}.Read(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// declared makes a .docx whose document.xml says it is size bytes
// uncompressed but holds 1 MiB of zeros, compressed.
func declared(t *testing.T, size uint64) []byte {
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte{0}, 1<<20))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestEntities(t *testing.T) {
	for name, doc := range map[string]string{
		"billion laughs": `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
			`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`,
		"external entity": `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
			`<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`,
		"undeclared entity": `<w:document xmlns:w="` + wordNS + `"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`,
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("word/document.xml")
			w.Write([]byte(doc))
			zw.Close()
			got, err := Reader{}.Read(buf.Bytes())
			if err == nil {
				t.Fatalf("read: %q", got.Text)
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("error shows a file's content: %v", err)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(makeDocx(f, p(b("Ana"), r(" Yes."))+p(r("Researcher 1: Hm.")), nil))
	f.Add(makeDocx(f, p(`<w:commentRangeStart w:id="0"/>`, r("x"))+`<w:tbl>`+p(r("c"))+`</w:tbl>`,
		map[string]string{"word/comments.xml": `<w:comments xmlns:w="` + wordNS + `"><w:comment w:id="0"><w:p><w:r><w:t>m</w:t></w:r></w:p></w:comment></w:comments>`}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Reader{Limits: safezip.Limits{Total: 8 << 20}}.Read(data)
		if err != nil {
			var te *transcript.Error
			if !asError(err, &te) {
				t.Fatalf("error is not a *transcript.Error: %v", err)
			}
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func asError(err error, te **transcript.Error) bool {
	e, ok := err.(*transcript.Error)
	*te = e
	return ok
}
