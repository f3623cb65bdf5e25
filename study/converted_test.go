package study

import (
	"bytes"
	"context"
	"github.com/residentinsight/insight/internal/exampletext"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/privacy"
)

// TestPIIInConvertedTranscripts: personal data in a .vtt (and a UTF-16
// .txt) is found and placed at the file's own line, the pseudonymised
// copy holds the converted text with the name replaced, and a withdrawn
// participant's cue never reaches it.
func TestPIIInConvertedTranscripts(t *testing.T) {
	dir := exampletext.Copy(t)
	tr := filepath.Join(dir, "transcripts")
	write(t, filepath.Join(tr, "call-01.vtt"), "WEBVTT\n\nNOTE Teams\n\n0:0:1.0 --> 0:0:2.0\n<v Interviewer>Who helped?</v>\n\n"+
		"0:0:2.0 --> 0:0:5.0\n<v P01>My neighbour, email sharon.p@example.com, helped.</v>\n\n0:0:6.0 --> 0:0:8.0\n<v P09>Call me on 07700 900999.</v>\n")
	rep, err := CheckPII(context.Background(), Source{Dir: dir}, &bytes.Buffer{}, &bytes.Buffer{}, "text", privacy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range rep.Findings {
		if f.File == "transcripts/call-01.vtt" {
			if f.Kind == anon.Email && f.Text == "sharon.p@example.com" && f.Line == 8 {
				found = true
			}
			if strings.Contains(f.Text, "07700") {
				t.Errorf("a withdrawn participant's words were scanned and printed: %+v", f)
			}
		}
	}
	if !found {
		t.Errorf("the e-mail address in call-01.vtt (line 8) was not found: %+v", rep.Findings)
	}

	out := filepath.Join(t.TempDir(), "copy")
	if _, err := Pseudonymise(context.Background(), Source{Dir: dir}, PseudonymiseOptions{Out: out, Key: filepath.Join(t.TempDir(), "key.csv")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "transcripts", "call-01.vtt")); err == nil {
		t.Error("the .vtt itself was copied, unscanned parts and all")
	}
	data, err := os.ReadFile(filepath.Join(out, "transcripts", "call-01.txt"))
	if err != nil {
		t.Fatalf("no text copy of the .vtt: %v", err)
	}
	copy := string(data)
	if strings.Contains(copy, "sharon.p@example.com") || strings.Contains(copy, "07700") || !strings.Contains(copy, "P01: My neighbour") {
		t.Errorf("copy of call-01:\n%s", copy)
	}
}
