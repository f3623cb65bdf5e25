package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

type entry struct {
	name     string
	data     []byte
	declared uint64 // forged uncompressed size; 0 = honest
}

// makeZip writes entries stored (not compressed), with forged sizes where
// asked, the way a hostile archive would.
func makeZip(t testing.TB, entries ...entry) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		if e.declared == 0 {
			w, err := zw.Create(e.name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.data)
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Store, CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.declared})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.Close()
	return b.Bytes()
}

const tinyProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="test">
 <Users><User guid="11111111-1111-1111-1111-111111111111" name="Ann"/></Users>
 <CodeBook><Codes><Code guid="22222222-2222-2222-2222-222222222222" name="Waiting" isCodable="true" color="#aa0000"/></Codes></CodeBook>
 <Sources><TextSource guid="33333333-3333-3333-3333-333333333333" name="int 1" plainTextPath="internal://33333333-3333-3333-3333-333333333333.txt">
  <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" name="" startPosition="%d" endPosition="%d" creatingUser="11111111-1111-1111-1111-111111111111">
   <Coding guid="55555555-5555-5555-5555-555555555555" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
  </PlainTextSelection>
 </TextSource></Sources>
</Project>`

func TestHostileArchivesRefused(t *testing.T) {
	qde := []byte(fmt.Sprintf(tinyProject, 0, 1))
	huge := strings.Repeat("<Code>", 10_000)
	laughs := `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Project name="&c;"/>`
	var many []entry
	for i := 0; i < 30; i++ {
		many = append(many, entry{name: fmt.Sprintf("sources/%d.txt", i), data: []byte("x"), declared: 100 << 20})
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"path traversal", makeZip(t, entry{name: "project.qde", data: qde}, entry{name: "../../etc/evil.txt", data: []byte("x")}), `climbs out`},
		{"absolute path", makeZip(t, entry{name: "project.qde", data: qde}, entry{name: "/etc/evil.txt", data: []byte("x")}), "absolute path"},
		{"backslash", makeZip(t, entry{name: "project.qde", data: qde}, entry{name: `sources\evil.txt`, data: []byte("x")}), "backslash"},
		{"zip bomb", makeZip(t, append([]entry{{name: "project.qde", data: qde}}, many...)...), "zip bomb"},
		{"1 GB .qde", makeZip(t, entry{name: "project.qde", data: qde, declared: 1 << 30}), "1073741824 bytes"},
		{"entity expansion", []byte(laughs), "entities"},
		{"entity expansion in a qdpx", makeZip(t, entry{name: "project.qde", data: []byte(laughs)}), "entities"},
		{"deep nesting", []byte(`<Project name="x"><CodeBook><Codes>` + huge + `</Codes></CodeBook></Project>`), "nested more than"},
		{"not a project", makeZip(t, entry{name: "word/document.xml", data: []byte("<w/>")}), "no .qde"},
		{"empty file", nil, "is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			im, err := Import(context.Background(), "hostile.qdpx", c.data)
			if err == nil {
				t.Fatalf("imported (%d files); want refusal", len(im.Files))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q should say %q", err, c.want)
			}
		})
	}
}

// TestPositionUnits builds NVivo's and ATLAS.ti's readings of one text with
// an emoji, a byte-order mark and CRLF line ends, and checks each is
// detected and the quote is right.
func TestPositionUnits(t *testing.T) {
	body := "Interviewer: How was it?\r\nP01: 🙂 We waited six weeks for the first visit.\r\n"
	want := "We waited six weeks"
	raw := "\uFEFF" + body
	runeStart := len([]rune(body[:strings.Index(body, want)]))
	u16Start := len(utf16.Encode([]rune(body[:strings.Index(body, want)])))
	n := len([]rune(want))
	for _, c := range []struct {
		name       string
		start, end int
		unit       Unit
	}{
		{"utf16", u16Start, u16Start + n, UTF16},
		{"code points", runeStart, runeStart + n, CodePoints},
	} {
		t.Run(c.name, func(t *testing.T) {
			qde := fmt.Sprintf(tinyProject, c.start, c.end)
			data := makeZip(t, entry{name: "project.qde", data: []byte(qde)}, entry{name: "Sources/33333333-3333-3333-3333-333333333333.TXT", data: []byte(raw)})
			im, err := Import(context.Background(), "t.qdpx", data)
			if err != nil {
				t.Fatal(err)
			}
			if len(im.Report.Units) != 1 || im.Report.Units[0].Reading.Unit != c.unit {
				t.Fatalf("units: %+v, want %s", im.Report.Units, c.unit)
			}
			got := string(im.Files["codings/Ann.jsonl"])
			if !strings.Contains(got, `"quote":"`+want+`"`) {
				t.Errorf("codings: %s", got)
			}
		})
	}
}

func TestEscapeBodyKeepsText(t *testing.T) {
	for _, s := range []string{"a]{.x} b", `\[not\]`, `\]{.y}`, "[00:00:14] P01: [laughs]{.x}", "plain"} {
		got := escapeBody(s)
		if strings.Contains(got, "]{") && !strings.Contains(got, `\]{`) {
			t.Errorf("%q -> %q leaves markup", s, got)
		}
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte(fmt.Sprintf(tinyProject, 0, 3)))
	f.Add(makeZip(f, entry{name: "project.qde", data: []byte(fmt.Sprintf(tinyProject, 2, 5))}, entry{name: "sources/33333333-3333-3333-3333-333333333333.txt", data: []byte("\uFEFFP01: hello\r\nthere 🙂")}))
	f.Add([]byte(`<Project name="x"><Cases><Case guid="1" name="P 1"><VariableValue><VariableRef targetGUID="2"/><TextValue>v</TextValue></VariableValue></Case></Cases><Variables><Variable guid="2" name="Role" typeOfVariable="Text"/></Variables></Project>`))
	f.Add([]byte{})
	f.Add([]byte("PK"))
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := Import(context.Background(), "fuzz.qdpx", data)
		if err != nil {
			return
		}
		if im.Files["codebook.yaml"] == nil || im.Files["insight.yaml"] == nil {
			t.Fatal("a study without codebook.yaml or insight.yaml")
		}
	})
}

func FuzzCodebook(f *testing.F) {
	f.Add([]byte(`<CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes><Code guid="1" name="a" isCodable="true" color="#fff"><Description>d</Description><Code guid="2" name="b" isCodable="true"/></Code></Codes><Sets><Set guid="3" name="s"/></Sets></CodeBook>`))
	f.Add([]byte(`<CodeBook><Codes><Code `))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := readCodebook("fuzz.qdc", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.qdc") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		used := map[string]bool{}
		var walk func([]xCode)
		walk = func(cs []xCode) {
			for _, c := range cs {
				th := codeTheme(c, used, &Report{})
				if th.ID == "" || th.Name == "" {
					t.Fatalf("theme without id or name from %+v", c)
				}
				walk(c.Codes)
			}
		}
		walk(x.Codes)
	})
}

// TestATLASNamesDecide: ATLAS.ti names a selection after its text, which
// settles the unit even where word boundaries would not, and the import
// checks every such name against its quote.
func TestATLASNamesDecide(t *testing.T) {
	text := "🙂🙂 abc abd abe"
	want := "abd" // code points 7–10; in UTF-16 7–10 is "abc"'s tail and more
	qde := strings.NewReplacer(`origin="test"`, `origin="ATLAS.ti 8.4.0"`, `name=""`, `name="abd"`).Replace(fmt.Sprintf(tinyProject, 7, 10))
	data := makeZip(t, entry{name: "project.qde", data: []byte(qde)}, entry{name: "sources/33333333-3333-3333-3333-333333333333.txt", data: []byte(text)})
	im, err := Import(context.Background(), "a.qdpx", data)
	if err != nil {
		t.Fatal(err)
	}
	if u := im.Report.Units[0].Reading; u.Unit != CodePoints {
		t.Errorf("reading %s, want code points", u)
	}
	if im.Report.NamesChecked != 1 || im.Report.NamesMismatched != 0 {
		t.Errorf("names checked %d, mismatched %d", im.Report.NamesChecked, im.Report.NamesMismatched)
	}
	if got := string(im.Files["codings/Ann.jsonl"]); !strings.Contains(got, `"quote":"`+want+`"`) {
		t.Errorf("codings: %s", got)
	}
}
