package plain

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// Two transcribers researchers use write text that insight's label
// grammar would misread; their files are recognised and rewritten so the
// turns come out as a person counts them.

// qualcoderTag is QualCoder's speaker tag at the start of a line: "[id1] text".
// The tag is letters then digits and is followed by a space, so neither an
// inline code "[text]{.theme}" nor a note such as "[laughs]" or "[pause]"
// matches.
var qualcoderTag = regexp.MustCompile(`(?m)^\[([A-Za-z]{1,20}[0-9]{1,6})\][ \t]+`)

// maybeDialect is a quick look for either transcriber's marks, so that
// most files are not copied to be checked.
func maybeDialect(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 2048)], []byte("Transcribed with noScribe")) ||
		bytes.HasPrefix(data, []byte("[")) || bytes.Contains(data, []byte("\n[")) ||
		bytes.HasPrefix(data, []byte("\xEF\xBB\xBF["))
}

// qualcoder rewrites "[id1] text" lines as "id1: text" when at least two
// lines start with such a tag. Lines stay lines.
func qualcoder(text string) (string, bool) {
	if tagLines(text) < 2 {
		return text, false
	}
	return qualcoderTag.ReplaceAllString(text, "$1: "), true
}

// tagLines counts the lines that start with a QualCoder tag, up to 2. Every
// .txt and .md passes here, so lines are found with Index, not the regexp,
// and a line's first two bytes are looked at before the regexp is: a tag's
// first character is a letter, and timestamp lines such as "[00:01:02]"
// are common in transcripts.
func tagLines[T string | []byte](text T) int {
	n := 0
	for i := 0; i < len(text) && n < 2; {
		if text[i] == '[' && (i == 0 || text[i-1] == '\n') && i+1 < len(text) && isLetter(text[i+1]) &&
			qualcoderTag.MatchString(string(text[i:min(len(text), i+48)])) {
			n++
		}
		j := lineBracket(text[i+1:])
		if j < 0 {
			break
		}
		i += j + 2
	}
	return n
}

// lineBracket is the index of the first "\n[" in text, or -1.
func lineBracket[T string | []byte](text T) int {
	switch t := any(text).(type) {
	case string:
		return strings.Index(t, "\n[")
	case []byte:
		return bytes.Index(t, []byte("\n["))
	}
	panic("unreachable")
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// noScribeTurn is a noScribe turn: the label, then the time.
var noScribeTurn = regexp.MustCompile(`(?m)^([^\s:\[][^:\n]{0,39}): \[(\d\d:\d\d:\d\d)\] ?`)

// noScribe rewrites noScribe's text export: its header (title, "Transcribed
// with", "Audio file:", the settings in parentheses) becomes front matter,
// and "S01: [00:00:12] text" becomes "[00:00:12] S01: text", so the time
// is the turn's. lines maps each output line to its line in the input.
func noScribe(text string) (out string, lines []int, ok bool) {
	if !strings.Contains(text[:min(len(text), 2048)], "Transcribed with noScribe") {
		return text, nil, false
	}
	in := strings.Split(text, "\n")
	if len(in) < 3 || !strings.HasPrefix(strings.TrimSpace(strings.Join(in[:min(len(in), 6)], "\n")), strings.TrimSpace(in[0])) ||
		!strings.Contains(strings.Join(in[:min(len(in), 6)], "\n"), "Transcribed with noScribe") {
		return text, nil, false
	}
	first := len(in) // the first turn
	for i, l := range in {
		if noScribeTurn.MatchString(l) {
			first = i
			break
		}
	}
	var fm, body []string
	var fmLines, bodyLines []int
	put := func(key, val string, line int) {
		v, _ := json.Marshal(strings.TrimSpace(val)) // a JSON string is a YAML string
		fm = append(fm, key+": "+string(v))
		fmLines = append(fmLines, line)
	}
	for i, l := range in[:first] {
		t := strings.TrimSpace(l)
		switch {
		case i == 0 && t != "":
			put("title", t, i+1)
		case strings.HasPrefix(t, "Transcribed with "):
			put("transcriber", strings.TrimPrefix(t, "Transcribed with "), i+1)
		case strings.HasPrefix(t, "Audio file:"):
			put("audio", strings.TrimPrefix(t, "Audio file:"), i+1)
		case strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Contains(t, "Speaker detection"):
			put("settings", t[1:len(t)-1], i+1)
		default:
			body = append(body, l)
			bodyLines = append(bodyLines, i+1)
		}
	}
	for i, l := range in[first:] {
		body = append(body, noScribeTurn.ReplaceAllString(l, "[$2] $1: "))
		bodyLines = append(bodyLines, first+i+1)
	}
	if len(fm) > 0 {
		lines = append(append(append([]int{1}, fmLines...), fmLines[len(fmLines)-1]), bodyLines...)
		out = "---\n" + strings.Join(fm, "\n") + "\n---\n" + strings.Join(body, "\n")
	} else {
		lines, out = bodyLines, strings.Join(body, "\n")
	}
	return out, lines, true
}
