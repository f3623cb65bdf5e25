package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelLine is a line that starts a speaker turn.
type labelLine struct {
	lineStart int    // byte offset of the line in the raw body
	textStart int    // byte offset just after "LABEL:" and the spaces after it
	label     string // as written, without emphasis
	time      string // timestamp without brackets, or ""
}

// parseLabel reads an optional [hh:mm:ss] or [mm:ss] timestamp and a
// "LABEL:" at the start of line, accepting Markdown emphasis around the
// label (**Interviewer:** or **P07**:). It returns the timestamp, the label
// and the offset in line where the turn's text starts.
func parseLabel(line string) (time, label string, text int, ok bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '[' {
		n, t := timestamp(line[i:])
		if n == 0 {
			return "", "", 0, false
		}
		time = t
		i += n
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	emph := ""
	if strings.HasPrefix(line[i:], "**") || strings.HasPrefix(line[i:], "__") {
		emph = line[i : i+2]
		i += 2
	}
	// A label is at most 40 characters, so only look that far for its colon.
	colon := strings.IndexByte(line[i:min(len(line), i+4*41+2)], ':')
	if colon < 0 {
		return "", "", 0, false
	}
	raw := line[i : i+colon]
	j := i + colon + 1
	if emph != "" {
		switch {
		case strings.HasSuffix(raw, emph): // **P07**:
			raw = raw[:len(raw)-2]
		case strings.HasPrefix(line[j:], emph): // **Interviewer:**
			j += 2
		default:
			return "", "", 0, false
		}
	}
	// The colon must end a word: "http://" and "10:30" are not labels.
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return "", "", 0, false
	}
	label = strings.TrimRight(raw, " \t")
	if !validLabel(label) {
		return "", "", 0, false
	}
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	return time, label, j, true
}

// validLabel reports whether s can be a speaker label: 1–40 characters of
// letters, digits, spaces and - _ . ', starting with a letter or digit, at
// most four words. The limits keep sentences with a colon from being read
// as labels.
func validLabel(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 40 {
		return false
	}
	words := 1
	prevSpace := false
	for k, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case k == 0:
			return false
		case r == ' ':
			if !prevSpace {
				words++
			}
		case r == '-' || r == '_' || r == '.' || r == '\'' || r == '’':
		default:
			return false
		}
		prevSpace = r == ' '
	}
	return words <= 4
}

// timestamp reads "[hh:mm:ss]" or "[mm:ss]" (optionally with fractional
// seconds) at the start of s and returns its length and its text.
func timestamp(s string) (int, string) {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return 0, ""
	}
	t := s[1:end]
	if frac := strings.IndexByte(t, '.'); frac >= 0 {
		if !allDigits(t[frac+1:]) || frac+1 == len(t) {
			return 0, ""
		}
		t = t[:frac]
	}
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, ""
	}
	for k, p := range parts {
		if !allDigits(p) || len(p) == 0 || len(p) > 2 || k > 0 && len(p) != 2 {
			return 0, ""
		}
	}
	return end + 1, s[1:end]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
