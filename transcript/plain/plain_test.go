package plain

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/residentinsight/insight/transcript"
)

func utf16le(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func utf16be(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = append(out, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

func TestRead(t *testing.T) {
	const text = "Interviewer: Café?\r\nP01: Yes — “please”. 😀\r\n"
	const want = "Interviewer: Café?\nP01: Yes — “please”. 😀\n"
	for _, tc := range []struct {
		name string
		in   []byte
		want string // "" means unchanged (nil)
		warn string
	}{
		{"UTF-16LE with BOM", utf16le(text, true), want, "UTF-16 (little-endian, with a byte-order mark)"},
		{"UTF-16BE with BOM", utf16be(text, true), want, "UTF-16 (big-endian"},
		{"UTF-16LE without BOM", utf16le(text, false), want, "without a byte-order mark"},
		{"Windows-1252", []byte("P01: caf\xe9 \x93quoted\x94 \x96 done\r\n"), "P01: café “quoted” – done\n", "read as Windows-1252"},
		{"UTF-8 passes through", []byte(want), "", ""},
		{"UTF-8 with BOM passes through", []byte("\xEF\xBB\xBF" + want), "", ""},
		{"QualCoder tags", []byte("[id1] hello.\n\n[id2] hi.\n[not a tag]{.theme} text\n"), "id1: hello.\n\nid2: hi.\n[not a tag]{.theme} text\n", "QualCoder speaker tags"},
		{"QualCoder tags among timestamps", []byte("[00:00:01] P01: hi.\n[id1] hello.\n[00:00:09] x\n[id2] hi.\n["), "[00:00:01] P01: hi.\nid1: hello.\n[00:00:09] x\nid2: hi.\n[", "QualCoder speaker tags"},
		{"timestamps are not tags", []byte("[00:00:01] P01: hi.\r\n[00:00:09] P02: yes.\r\n"), "", ""},
		{"one bracketed word is not a tag", []byte("[laughs] well.\nP01: yes.\n"), "", ""},
		{"empty", nil, "", ""},
		{"one byte", []byte("a"), "", ""},
		{"two bytes", []byte("ab"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Reader{}.Read(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if got != nil {
					t.Fatalf("converted a file that needs no conversion: %q", got.Text)
				}
				return
			}
			if got == nil {
				t.Fatal("not converted")
			}
			if got.Text != tc.want {
				t.Errorf("text %q, want %q", got.Text, tc.want)
			}
			if err := got.Validate(); err != nil {
				t.Error(err)
			}
			if len(got.Warnings) == 0 || !strings.Contains(got.Warnings[0].Msg, tc.warn) {
				t.Errorf("warnings %v, want one with %q", got.Warnings, tc.warn)
			}
		})
	}
}

func TestWordFileNamedTxt(t *testing.T) {
	_, err := Reader{}.Read([]byte("PK\x03\x04rest of a zip"))
	if err == nil || !strings.Contains(err.Error(), "rename it to .docx") {
		t.Errorf("err = %v", err)
	}
}

func TestNoScribe(t *testing.T) {
	in := "A talk with someone\n\nTranscribed with noScribe vers. 0.7\nAudio file: ./talk.mp3\n(Language: English (en) | Speaker detection: auto)\n\n(12 seconds pause)\n\nS01: [00:00:12] Good day.\n\nS00: [00:00:34] Hello: yes.\n"
	got, err := Reader{}.Read([]byte(in))
	if err != nil || got == nil {
		t.Fatalf("got %v, %v", got, err)
	}
	want := "---\ntitle: \"A talk with someone\"\ntranscriber: \"noScribe vers. 0.7\"\naudio: \"./talk.mp3\"\nsettings: \"Language: English (en) | Speaker detection: auto\"\n---\n\n\n(12 seconds pause)\n\n[00:00:12] S01: Good day.\n\n[00:00:34] S00: Hello: yes.\n"
	if got.Text != want {
		t.Errorf("text\n%s\nwant\n%s", got.Text, want)
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}
	// "[00:00:12] S01:" is line 11 of the output and line 9 of the file.
	if l := got.Lines[10]; l != 9 {
		t.Errorf("line 11 maps to %d, want 9 (all %v)", l, got.Lines)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("P01: hello\n"))
	f.Add(utf16le("P01: hé\n", true))
	f.Add([]byte("caf\xe9\n"))
	f.Add([]byte("[id1] a\n[id2] b\n"))
	f.Add([]byte("T\n\nTranscribed with noScribe\nAudio file: x\nS01: [00:00:01] hi\n"))
	f.Add([]byte("[00:00:01] R1: a\n[id2] b\n[id3] c\n"))
	f.Add([]byte("\xEF\xBB\xBF[id1] a\n[id2] b\n"))
	f.Add([]byte("[id1] a\r[id2] b\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// noDialect's shortcut never skips a rewrite dialects would make.
		if utf8.Valid(data) && noDialect(data) && dialects(&transcript.Text{Text: normalise(data)}, false) != nil {
			t.Fatalf("noDialect(%q), but dialects rewrites it", data)
		}
		got, err := Reader{}.Read(data)
		if err != nil || got == nil {
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestNotesAreNotQualCoderTags(t *testing.T) {
	in := "P01: well.\n[sighs] It was hard.\n[pause] Then it got worse.\n[laughs] Anyway.\n"
	if got, err := (Reader{}).Read([]byte(in)); err != nil || got != nil {
		t.Errorf("notes read as speaker tags: %+v, %v", got, err)
	}
}
