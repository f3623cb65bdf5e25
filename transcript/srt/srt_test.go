package srt

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, warn string
	}{
		{
			name: "captions without speakers: one line per caption line",
			in:   "1\n00:00:01,200 --> 00:00:21,000\n[music]\n\n2\n00:00:22,200 --> 00:00:26,600\n<i>Just</i> before lunch \nwas put on.\n",
			want: "[music]\nJust before lunch\nwas put on.\n",
		},
		{
			name: "Name: prefixes are speakers; consecutive cues merge",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nANN: Hello.\n\n2\n00:00:02,500 --> 00:00:03,000\nANN: Again.\n\n3\n00:01:00,000 --> 00:01:02,000\nBob Smith: Hi\nthere.\n",
			want: "[00:00:01] ANN: Hello. Again.\n\n[00:01:00] Bob Smith: Hi there.\n",
		},
		{
			name: "a blank line inside a caption stays with it",
			in:   "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nstill first\n\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n",
			want: "first\nstill first\nsecond\n",
		},
		{
			name: "bad timing skipped with a warning",
			in:   "1\n00:00:01,000 --> later\nlost\n\n2\n00:00:03,000 --> 00:00:04,000\nkept\n",
			want: "kept\n",
			warn: "cue timing",
		},
		{name: "CRLF", in: "1\r\n00:00:01,000 --> 00:00:02,000\r\nA: hi\r\n", want: "[00:00:01] A: hi\n"},
		{name: "empty", in: "", want: ""},
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
			var ws []string
			for _, w := range got.Warnings {
				ws = append(ws, w.Msg)
			}
			if tc.warn != "" && !strings.Contains(strings.Join(ws, "; "), tc.warn) {
				t.Errorf("no warning %q in %q", tc.warn, ws)
			}
		})
	}
}

// TestSmall covers inputs of 1 and 2 bytes and text that is not SubRip.
func TestSmall(t *testing.T) {
	for _, in := range []string{"1", "12", "just some text\n", "\xff"} {
		if _, err := (Reader{}).Read([]byte(in)); err == nil {
			t.Errorf("%q: read as SubRip", in)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("1\n00:00:01,200 --> 00:00:21,000\n[music]\n\n2\n00:00:22,200 --> 00:00:26,600\nANN: <b>Hi</b>\n"))
	f.Add([]byte("1\n0:0:1,2 --> 0:0:2,0\n<v A>x\n\n\n"))
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
