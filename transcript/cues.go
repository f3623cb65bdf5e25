package transcript

import (
	"html"
	"strconv"
	"strings"
	"time"
)

// Cue is one timed piece of a subtitle file, split by voice.
type Cue struct {
	Start   time.Duration
	Speaker string // "" when the cue names no voice
	Text    string // tags removed, entities decoded, lines joined by \n
	Line    int    // line of the cue's timing in the file
}

// FromCues builds the shown text of a subtitle file: consecutive cues of
// one speaker become one turn, stamped with the first cue's start; cues
// with no speaker become paragraphs, one line per cue.
func FromCues(cues []Cue, b *Builder) *Text {
	for i := range cues {
		// Merge by the label as shown: noScribe's "//S02" (overlapping speech) is S02.
		cues[i].Speaker = b.Label(cues[i].Speaker, cues[i].Line)
	}
	for i := 0; i < len(cues); {
		j := i + 1
		for j < len(cues) && cues[j].Speaker == cues[i].Speaker {
			j++
		}
		var parts []string
		for _, c := range cues[i:j] {
			if c.Speaker != "" {
				parts = append(parts, strings.Join(strings.Fields(c.Text), " "))
			} else {
				for _, l := range strings.Split(c.Text, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						parts = append(parts, l)
					}
				}
			}
		}
		if cues[i].Speaker != "" {
			b.Turn(cues[i].Start, cues[i].Speaker, cues[i].Line, strings.Join(parts, " "))
		} else {
			b.At = cues[i].Line
			b.Paragraph(strings.Join(parts, "\n"))
		}
		i = j
	}
	return b.Text()
}

// ParseTime reads a cue time: hh:mm:ss.fff, mm:ss.fff, and the short forms
// some tools write (Teams: 0:0:0.210), with '.' or ',' before the fraction.
func ParseTime(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	frac := ""
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		s, frac = s[:i], s[i+1:]
		if frac == "" || len(frac) > 9 || !digits(frac) {
			return 0, false
		}
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var total int64
	for k, p := range parts {
		if p == "" || len(p) > 6 || !digits(p) {
			return 0, false
		}
		n, _ := strconv.ParseInt(p, 10, 64)
		if k > 0 && n > 59 {
			return 0, false
		}
		total = total*60 + n
	}
	d := time.Duration(total) * time.Second
	if frac != "" {
		n, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
		d += time.Duration(n)
	}
	return d, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Timing reads a cue timing line "START --> END [settings]" and returns the start.
func Timing(line string) (time.Duration, bool) {
	start, rest, ok := strings.Cut(line, "-->")
	if !ok {
		return 0, false
	}
	if _, ok := ParseTime(firstField(rest)); !ok {
		return 0, false
	}
	return ParseTime(start)
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// Payload splits a cue's text by voice span (<v Name>…</v>, <v.class Name>)
// and strips every other tag (<em>, <i>, <c.x>, <00:01.000>, <font …>),
// decoding entities. Text outside any voice span has speaker "".
func Payload(text string) []Cue {
	var out []Cue
	var cur strings.Builder
	speaker := ""
	flush := func() {
		if s := strings.TrimSpace(html.UnescapeString(cur.String())); s != "" {
			out = append(out, Cue{Speaker: speaker, Text: s})
		}
		cur.Reset()
	}
	for text != "" {
		lt := strings.IndexByte(text, '<')
		if lt < 0 {
			cur.WriteString(text)
			break
		}
		cur.WriteString(text[:lt])
		gt := strings.IndexByte(text[lt:], '>')
		if gt < 0 {
			cur.WriteString(text[lt:]) // a lone '<' is text
			break
		}
		tag := text[lt+1 : lt+gt]
		text = text[lt+gt+1:]
		name, ann, _ := strings.Cut(tag, " ")
		if nl := strings.IndexAny(name, "\t\n"); nl >= 0 {
			name, ann = name[:nl], name[nl+1:]+" "+ann
		}
		class, _, _ := strings.Cut(name, ".")
		switch {
		case class == "v":
			flush()
			speaker = strings.TrimSpace(ann)
		case class == "/v":
			flush()
			speaker = ""
		}
	}
	flush()
	return out
}

// SpeakerPrefix reads "Name: text" at the start of a cue with no voice,
// as subtitle files without voice tags often mark speakers. The name must
// be 1–4 words starting with a capital letter.
func SpeakerPrefix(text string) (name, rest string, ok bool) {
	head, rest, found := strings.Cut(text, ":")
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\n') || strings.TrimSpace(rest) == "" {
		return "", "", false
	}
	words := strings.Fields(head)
	if len(words) == 0 || len(words) > 4 || len(head) > 40 || strings.ContainsAny(head, "\n[(") {
		return "", "", false
	}
	if c := head[0]; !(c >= 'A' && c <= 'Z') {
		return "", "", false
	}
	return strings.TrimSpace(head), strings.TrimSpace(rest), true
}
