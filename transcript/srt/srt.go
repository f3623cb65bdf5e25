// Package srt reads SubRip subtitle files (.srt): numbered cues with
// "00:00:01,200 --> 00:00:04,000" timings. SubRip has no voice markup, so
// a cue starting "Name: " names its speaker (and <v Name> is honoured
// where a tool wrote one); consecutive cues of one speaker become one turn.
package srt

import (
	"strings"

	"github.com/residentinsight/insight/transcript"
	"github.com/residentinsight/insight/transcript/vtt"
)

// Reader reads .srt files.
type Reader struct{}

func (Reader) Extensions() []string { return []string{".srt"} }

func (Reader) Read(data []byte) (*transcript.Text, error) {
	lines, err := vtt.Lines(data)
	if err != nil {
		return nil, err
	}
	var b transcript.Builder
	var cues []transcript.Cue
	for _, blk := range vtt.Blocks(lines) {
		t := -1
		for i, l := range blk.Lines[:min(2, len(blk.Lines))] {
			if strings.Contains(l, "-->") {
				t = i
				break
			}
		}
		if t < 0 {
			// A cue's text may hold a blank line: keep such text with the cue before.
			if n := len(cues); n > 0 {
				cues[n-1].Text += "\n" + strings.Join(blk.Lines, "\n")
				continue
			}
			b.Warnf(blk.Line, "text before the first cue timing (\"00:00:01,000 --> 00:00:02,000\") was skipped")
			continue
		}
		at, ok := transcript.Timing(blk.Lines[t])
		if !ok {
			b.Warnf(blk.Line+t, "cue timing %q cannot be read (expected hh:mm:ss,mmm --> hh:mm:ss,mmm), so the cue was skipped", blk.Lines[t])
			continue
		}
		for _, c := range transcript.Payload(strings.Join(blk.Lines[t+1:], "\n")) {
			c.Start, c.Line = at, blk.Line+t
			if c.Speaker == "" {
				if name, rest, ok := transcript.SpeakerPrefix(c.Text); ok {
					c.Speaker, c.Text = name, rest
				}
			}
			cues = append(cues, c)
		}
	}
	if len(cues) == 0 && len(lines) > 0 {
		return nil, transcript.Errorf(1, "has no SubRip cues (a number, a line like 00:00:01,000 --> 00:00:02,000, then the text): is it really an .srt file?")
	}
	return transcript.FromCues(cues, &b), nil
}
