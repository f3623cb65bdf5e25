package vtt

import (
	"fmt"
	"strings"
	"testing"

	"github.com/residentinsight/insight/transcript"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // the shown text
		warn     string // a warning that must be given
	}{
		{
			name: "voice tags, merged turns, times",
			in: "WEBVTT\n\n1\n00:00:01.500 --> 00:00:03.000\n<v S01>Hello there.\n\n2\n00:00:03.000 --> 00:00:04.000\n<v S01>Still me.</v>\n\n" +
				"00:01:02.000 --> 00:01:04.000\n<v Dr Ann Lee>Now me.\n",
			want: "[00:00:01] S01: Hello there. Still me.\n\n[00:01:02] Dr Ann Lee: Now me.\n",
		},
		{
			name: "Teams short timestamps",
			in:   "WEBVTT\n\n0:0:0.0 --> 0:0:0.570\n<v Yuri>There you go.</v>\n\n0:1:5.210 --> 0:1:6.130\n<v Adrian>Why hello.</v>\n",
			want: "[00:00:00] Yuri: There you go.\n\n[00:01:05] Adrian: Why hello.\n",
		},
		{
			name: "NOTE, STYLE and REGION blocks ignored, tags stripped, entities decoded",
			in: "WEBVTT - a title\nKind: captions\n\nregion\nid:bill\nwidth:40%\n\nSTYLE\n::cue { color: red }\n\nNOTE a note\nspanning lines\n\n" +
				"1\n00:00:01.000 --> 00:00:02.000 region:bill align:left\n<em>Just</em> before <c.loud>lunch</c> &amp; <00:00:01.500>after\nsecond line\n",
			want: "Just before lunch & after\nsecond line\n",
		},
		{
			name: "several voices in one cue",
			in:   "WEBVTT\n\n00:00.000 --> 00:02.000\n<v A>Hi.</v> <v B>Hello.</v>\n",
			want: "[00:00:00] A: Hi.\n\n[00:00:00] B: Hello.\n",
		},
		{
			name: "a cue with a bad timing is skipped with a warning",
			in:   "WEBVTT\n\n00:00:01.000 --> soon\n<v A>Lost.\n\n00:00:02.000 --> 00:00:03.000\n<v A>Kept.\n",
			want: "[00:00:02] A: Kept.\n",
			warn: "cue timing",
		},
		{
			name: "a speaker name insight cannot use as a label is cleaned with a warning",
			in:   "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann (host), BBC>Hi.\n",
			want: "[00:00:01] Ann host BBC: Hi.\n",
			warn: `speaker "Ann (host), BBC" is shown as "Ann host BBC"`,
		},
		{
			name: "speakerless text that starts with --- cannot open front matter",
			in:   "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n---\n\n00:00:03.000 --> 00:00:04.000\n---\n",
			want: "\n---\n---\n",
		},
		{name: "CRLF and a BOM", in: "\xEF\xBB\xBFWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v A>Hi.\r\n", want: "[00:00:01] A: Hi.\n"},
		{name: "header only", in: "WEBVTT\n", want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Reader{}.Read([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tc.want {
				t.Errorf("text\n%q\nwant\n%q", got.Text, tc.want)
			}
			if err := got.Validate(); err != nil {
				t.Error(err)
			}
			if tc.warn != "" && !strings.Contains(warnings(got.Warnings), tc.warn) {
				t.Errorf("no warning %q in %s", tc.warn, warnings(got.Warnings))
			}
		})
	}
}

func warnings(ws []transcript.Warning) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "%d: %s; ", w.Line, w.Msg)
	}
	return b.String()
}

func TestLinesMapCues(t *testing.T) {
	in := "WEBVTT\n\nNOTE x\n\n1\n00:00:01.000 --> 00:00:02.000\n<v A>One.\n\n2\n00:00:03.000 --> 00:00:04.000\n<v B>Two.\n"
	got, err := Reader{}.Read([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	// Text lines: "A: One.", "", "B: Two." come from the timing lines 6 and 10.
	if want := []int{6, 10, 10}; len(got.Lines) != 3 || got.Lines[0] != want[0] || got.Lines[2] != want[2] {
		t.Errorf("lines %v, want %v", got.Lines, want)
	}
}

// TestNotVTT covers the smallest inputs: 0, 1 and 2 bytes, and other text.
func TestNotVTT(t *testing.T) {
	for _, in := range []string{"", "W", "WE", "WEBVTTX\n", "1\n00:00:01,000 --> 00:00:02,000\nHi\n", "\xff\xfe"} {
		_, err := Reader{}.Read([]byte(in))
		if err == nil {
			t.Errorf("%q: read as WebVTT", in)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v S01>Hello <em>there</em>.\n"))
	f.Add([]byte("WEBVTT\n\nNOTE hi\n\nSTYLE\n::cue{}\n\n0:0:0.210 --> 0:0:1.130\n<v A>x</v><v.loud B>y\n"))
	f.Add([]byte("WEBVTT\n\n00:00.000 --> 00:01.000\n---\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Reader{}.Read(data)
		if err != nil {
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}
