package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedTranscripts is ../shared/refi/transcripts: real transcripts under
// licences that keep them out of this repository.
func sharedTranscripts(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "refi", "transcripts")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatalf("INSIGHT_REQUIRE_SHARED=1 but %s is missing: %v", dir, err)
		}
		t.Skipf("skipping: %s is absent (real transcripts are not in the repository)", dir)
	}
	return dir
}

// realCount is what a person counts in a real transcript.
type realCount struct {
	turns    int            // speaker turns (labelled; the observer's text is not a turn)
	speakers map[string]int // turns per speaker
	lines    int            // non-empty lines of text, for files without speakers (0: not checked)
	time     string         // the first turn's time, "" when it has none
}

// realCounts were made by reading the files, not with insight's readers:
// grep -c '^Researcher 1:' Ana.txt (123) and '^Ana:' (123); grep -cE
// '^S0[0-9]: ' interview.txt (55); in interview.vtt the 55 <v …> tags
// by eye form 52 runs of one speaker ("//S02" is noScribe's overlap mark
// for S02, and runs S02 S02, S01 S01, S00 S00 each read as one turn);
// the QualCoder focus group has 7 tagged paragraphs; the lunchroom
// captions have 107 cues, 188 lines of text and no voices; ID1.docx has
// three paragraphs of text and no labels.
var realCounts = map[string]realCount{
	"QualCoder/transcript.txt":                        {turns: 7, speakers: map[string]int{"id1": 3, "id2": 2, "id3": 2}},
	"QualCoder/ID1.docx":                              {turns: 0, lines: 3},
	"QualCoder-v2_sheffield/Ana.docx":                 {turns: 246, speakers: map[string]int{"Researcher 1": 123, "Ana": 123}},
	"QualCoder-v2_sheffield/Ana.txt":                  {turns: 246, speakers: map[string]int{"Researcher 1": 123, "Ana": 123}},
	"noScribe/interview.txt":                          {turns: 55, speakers: map[string]int{"S00": 26, "S01": 28, "S02": 1}, time: "00:00:12"},
	"noScribe/interview.vtt":                          {turns: 52, speakers: map[string]int{"S00": 25, "S01": 26, "S02": 1}, time: "00:00:34"},
	"webvtt-py/teams_timeframe.vtt":                   {turns: 2, speakers: map[string]int{"Yuri Bakulin": 1, "Adrian Petrescu": 1}, time: "00:00:00"},
	"ramp/lunchroom_manners.vtt":                      {turns: 0, lines: 188},
	"ramp/lunchroom_manners.srt":                      {turns: 0, lines: 188},
	"QualCoder-v2_sheffield/Readme - Interviews.docx": {turns: -1, lines: 21},
}

// TestRealTranscripts reads every transcript in ../shared and checks its
// speaker turns and speakers against realCounts. A file there that the
// table does not know fails the test, so a new file gets counted.
func TestRealTranscripts(t *testing.T) {
	dir := sharedTranscripts(t)
	var files []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(files) < len(realCounts) {
		t.Errorf("found %d files in %s, expected at least %d", len(files), dir, len(realCounts))
	}
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			want, ok := realCounts[rel]
			if !ok {
				t.Fatalf("%s is not in realCounts: count its turns and speakers by hand and add it", rel)
			}
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil {
				t.Fatal(err)
			}
			d, probs := parseTranscript(rel, data)
			if d == nil {
				t.Fatalf("not read: %v", probs)
			}
			for _, p := range probs.Errors() {
				if !strings.Contains(p.Msg, "document id") { // "Readme - Interviews" has spaces
					t.Errorf("error: %v", p)
				}
			}
			speakers := map[string]int{}
			turns := 0
			for _, tu := range d.Turns {
				if tu.Speaker != "" {
					turns++
					speakers[tu.Speaker]++
				}
			}
			if want.turns >= 0 {
				if turns != want.turns {
					t.Errorf("%d speaker turns, want %d", turns, want.turns)
				}
				if len(speakers) != len(want.speakers) {
					t.Errorf("speakers %v, want %v", speakers, want.speakers)
				}
				for s, n := range want.speakers {
					if speakers[s] != n {
						t.Errorf("speaker %q has %d turns, want %d (all: %v)", s, speakers[s], n, speakers)
					}
				}
			}
			if want.lines > 0 {
				n := 0
				for _, l := range strings.Split(d.Body, "\n") {
					if strings.TrimSpace(l) != "" {
						n++
					}
				}
				if n != want.lines {
					t.Errorf("%d lines of text, want %d", n, want.lines)
				}
			}
			if want.time != "" && (len(d.Turns) == 0 || firstSpeaker(d).Time != want.time) {
				t.Errorf("first turn's time %q, want %q", firstSpeaker(d).Time, want.time)
			}
			for _, junk := range []string{"<v", "<em>", "</", "WEBVTT", "-->", "::cue", "regionanchor", "NOTE "} {
				if strings.Contains(d.Body, junk) {
					t.Errorf("shown text still holds %q", junk)
				}
			}
		})
	}
}

func firstSpeaker(d *Document) Turn {
	for _, t := range d.Turns {
		if t.Speaker != "" {
			return t
		}
	}
	return Turn{}
}

// TestRealDocxMatchesText checks the Word and text versions of one
// interview give the same turns, speaker by speaker, and nearly the same words.
func TestRealDocxMatchesText(t *testing.T) {
	dir := sharedTranscripts(t)
	read := func(name string) *Document {
		data, err := os.ReadFile(filepath.Join(dir, "QualCoder-v2_sheffield", name))
		if err != nil {
			t.Fatal(err)
		}
		d, _ := parseTranscript(name, data)
		if d == nil {
			t.Fatalf("%s not read", name)
		}
		return d
	}
	docx, txt := read("Ana.docx"), read("Ana.txt")
	speakers := func(d *Document) []string {
		var out []string
		for _, t := range d.Turns {
			out = append(out, t.Speaker)
		}
		return out
	}
	if a, b := speakers(docx), speakers(txt); !slices.Equal(a, b) {
		t.Errorf("speaker sequence differs: docx %d turns, txt %d", len(a), len(b))
	}
	// The .txt was saved from another revision: Ana.docx holds some 34
	// words (Google Docs suggestions kept as content controls) the .txt
	// lacks, so the words agree to within 1%, not exactly.
	a, b := len(strings.Fields(docx.Body)), len(strings.Fields(txt.Body))
	if a < b || a-b > b/100 {
		t.Errorf("docx has %d words, txt %d: more apart than the known revision difference", a, b)
	}
}
