package privacy

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/residentinsight/insight/corpus"
)

// TestParsedTextIsShownText checks the shortcut in parsedText: whatever a
// transcript looks like (plain, with a BOM or CRLF endings, a reader's
// dialect, a converted format), the text used to place findings is the one
// the transcript readers show.
func TestParsedTextIsShownText(t *testing.T) {
	files := map[string]string{
		"transcripts/plain.md":      "---\nid: plain\n---\n\nP01: I live at 12 Mill Road.\n",
		"transcripts/bom.md":        "\xEF\xBB\xBFP01: my son Jayden.\n",
		"transcripts/crlf.txt":      "P01: ring me on 07700 900123.\r\nInterviewer: thanks.\r\n",
		"transcripts/cr.txt":        "P01: one.\rP01: two.\r",
		"transcripts/qualcoder.txt": "[id1] hello, my son Jayden is nine.\n\n[id2] I am at LS6 2AB now.\n",
		"transcripts/caps.vtt":      "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v P01>My son Jayden is nine.\n",
		"transcripts/empty.md":      "",
	}
	fsys := fstest.MapFS{"insight.yaml": {Data: []byte("title: t\n")}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	st, _ := corpus.Load(context.Background(), fsys, "s")
	checked := 0
	for _, d := range st.Documents {
		data, err := fs.ReadFile(fsys, d.Path)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := parsedText(d, data), shownText(d.Path, data); got != want {
			t.Errorf("%s (format %q): parsedText %q, shownText %q", d.Path, d.Format, got, want)
		}
		checked++
	}
	if checked < len(files)-1 {
		t.Errorf("only %d of %d transcripts parsed", checked, len(files))
	}
}
