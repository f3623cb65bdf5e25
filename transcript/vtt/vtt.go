// Package vtt reads WebVTT subtitle files (.vtt), as Teams, Zoom and
// Whisper-based transcribers write them: voice tags (<v S01>) name the
// speakers, consecutive cues of one speaker become one turn stamped with
// its first cue's start, NOTE, STYLE and REGION blocks are skipped, and
// other tags (<em>, <c.x>, inline times) are stripped.
package vtt

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/residentinsight/insight/transcript"
)

// Reader reads .vtt files.
type Reader struct{}

func (Reader) Extensions() []string { return []string{".vtt"} }

// Read converts a WebVTT file. Teams' short timestamps (0:0:0.210) are
// accepted; a cue whose timing cannot be read is skipped with a warning.
func (Reader) Read(data []byte) (*transcript.Text, error) {
	lines, err := Lines(data)
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "WEBVTT") ||
		len(lines[0]) > 6 && lines[0][6] != ' ' && lines[0][6] != '\t' {
		return nil, transcript.Errorf(1, "is not a WebVTT file: its first line must be WEBVTT; save the transcript again as WebVTT, or as .srt or .txt")
	}
	var b transcript.Builder
	var cues []transcript.Cue
	for _, blk := range Blocks(lines)[1:] { // the first block is the header
		first := blk.Lines[0]
		switch kw := strings.ToUpper(strings.Fields(first + " x")[0]); {
		case kw == "NOTE" || kw == "STYLE" || kw == "REGION":
			continue
		}
		cues = append(cues, cueOf(blk, &b)...)
	}
	return transcript.FromCues(cues, &b), nil
}

func cueOf(blk Block, b *transcript.Builder) []transcript.Cue {
	t := 0
	if !strings.Contains(blk.Lines[0], "-->") {
		t = 1 // a cue identifier
	}
	if t >= len(blk.Lines) || !strings.Contains(blk.Lines[t], "-->") {
		b.Warnf(blk.Line, "block is not a cue (no \"-->\" timing line), so it was skipped")
		return nil
	}
	at, ok := transcript.Timing(blk.Lines[t])
	if !ok {
		b.Warnf(blk.Line+t, "cue timing %q cannot be read (expected hh:mm:ss.fff --> hh:mm:ss.fff), so the cue was skipped", blk.Lines[t])
		return nil
	}
	parts := transcript.Payload(strings.Join(blk.Lines[t+1:], "\n"))
	for i := range parts {
		parts[i].Start, parts[i].Line = at, blk.Line+t
		if parts[i].Speaker == "" {
			if name, rest, ok := transcript.SpeakerPrefix(parts[i].Text); ok {
				parts[i].Speaker, parts[i].Text = name, rest
			}
		}
	}
	return parts
}

// Lines splits a subtitle file into lines: UTF-8 (a BOM is dropped), any
// line ending. It fails on text that is not UTF-8, naming the line.
func Lines(data []byte) ([]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, transcript.Errorf(1+bytes.Count(data[:i], []byte("\n")), "contains NUL bytes, so it is not a UTF-8 text file: save it again as UTF-8")
	}
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, n := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			bad += n
		}
		return nil, transcript.Errorf(1+bytes.Count(data[:bad], []byte("\n")), "is not valid UTF-8 (byte %d): save it again with UTF-8 encoding", bad)
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if s == "" {
		return nil, nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n"), nil
}

// Block is a run of non-blank lines.
type Block struct {
	Line  int // 1-based file line of Lines[0]
	Lines []string
}

// Blocks splits lines at blank lines.
func Blocks(lines []string) []Block {
	var out []Block
	var cur *Block
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, Block{Line: i + 1})
			cur = &out[len(out)-1]
		}
		cur.Lines = append(cur.Lines, l)
	}
	return out
}
