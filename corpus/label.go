package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// labelLine is a line that starts a speaker turn.
type labelLine struct {
	lineStart int    // byte offset of the line in the raw body
	textStart int    // byte offset just after "LABEL:" and the spaces after it
	label     string // the speaker's name, normalised, without qualifier or emphasis
	time      string // timestamp without brackets, or ""
}

// suspectLine is a line that looks like a speaker label but is not one by
// the grammar (see parseLabel): its words would join the previous turn.
// Load decides, knowing the participants, whether it is an error.
type suspectLine struct {
	line   int    // file line
	prefix string // the text before the colon
}

// maxLabelRunes bounds how far into a line a label's colon is looked for, so
// a line of a megabyte costs no more than a short one.
const maxLabelRunes = 64

// parseLabel reads the start of a turn:
//
//	[blanks] [list or quote markers] [[hh:mm:ss]] [emphasis or "["] NAME [QUALIFIER] [emphasis or "]"] COLON [emphasis or "]"] (blank | end of line)
//
// Blanks are any Unicode spaces and invisible format characters (zero-width
// space, byte-order mark); markers are ">" and one of "- * + •" or "1." /
// "1)" followed by a blank; COLON is ":" or a full-width or small colon;
// QUALIFIER is "(mum)", "[mum]", " - mum", "/mum" or ", mum" (see
// splitQualifier). It returns the timestamp, NAME normalised by
// normalLabel, and the offset in line where the turn's text starts.
func parseLabel(line string) (time, label string, text int, ok bool) {
	time, i := labelStart(line)
	colon, after := findColon(line, i)
	if colon < 0 {
		return "", "", 0, false
	}
	j := after + len(line[after:]) - len(strings.TrimLeft(line[after:], "*_]"))
	// The colon must end a word: "http://" and "10:30" are not labels.
	if j < len(line) && !isBlank(firstRune(line[j:])) {
		return "", "", 0, false
	}
	name, ok := parseName(line[i:colon])
	if !ok {
		return "", "", 0, false
	}
	return time, name, skipBlank(line, j), true
}

// suspectLabel reports whether a line that parseLabel refused still looks
// like one: a short prefix (at most six words) before a colon near the
// start of the line. It returns the prefix. Whether that is an error
// depends on its words (see Study.assignRoles): prose such as "10:30 is
// when they came" or "the thing is: …" has none that look like an id.
func suspectLabel(line string) (string, bool) {
	_, i := labelStart(line)
	colon, _ := findColon(line, i)
	if colon < 0 {
		return "", false
	}
	prefix := strings.TrimFunc(line[i:colon], isBlank)
	if prefix == "" || moreFields(prefix, 6) {
		return "", false
	}
	return prefix, true
}

// labelStart skips blanks, markers and a timestamp (before or after the
// markers) and returns the timestamp and where the label may start.
func labelStart(line string) (time string, i int) {
	i = skipMarkers(line, skipBlank(line, 0))
	if i < len(line) && line[i] == '[' {
		if n, t := timestamp(line[i:]); n > 0 {
			time, i = t, skipMarkers(line, skipBlank(line, i+n))
		}
	}
	return time, i
}

// parseName reads the text between the label's start and its colon.
func parseName(zone string) (string, bool) {
	zone = trimWrappers(zone)
	name, qual, sep := splitQualifier(zone)
	name = normalLabel(trimWrappers(name))
	if !validLabel(name) {
		return "", false
	}
	if sep != "" {
		// A qualifier makes prose more likely ("In 2019, the council
		// said:"), so the name before one is short: two words before
		// brackets ("Mrs Okafor (mum)"), one before a dash, slash or comma.
		words := len(strings.Fields(name))
		if words > 2 || words > 1 && sep != "()" && sep != "[]" || !validQualifier(qual) {
			return "", false
		}
	}
	return name, true
}

// splitQualifier splits "P09 (mum)", "P09 [mum]", "P09 - mum" (also with an
// en or em dash), "P09/mum" and "P09, mum" into name and qualifier. The
// qualifier describes the speaker in the transcript; it is not part of the
// id, and is not shown (it may name someone). sep is the separator, ""
// when there is no qualifier.
func splitQualifier(zone string) (name, qual, sep string) {
	for _, br := range [...]string{"()", "[]"} {
		if strings.HasSuffix(zone, br[1:]) {
			if k := strings.LastIndexByte(zone, br[0]); k > 0 {
				return zone[:k], zone[k+1 : len(zone)-1], br
			}
		}
	}
	best := -1
	for _, s := range [...]string{" - ", " – ", " — ", "/", ", "} {
		if k := strings.Index(zone, s); k > 0 && (best < 0 || k < best) {
			best, sep = k, s
		}
	}
	if best < 0 {
		return zone, "", ""
	}
	return zone[:best], zone[best+len(sep):], sep
}

func validQualifier(q string) bool {
	q = strings.TrimFunc(q, isBlank)
	if q == "" || utf8.RuneCountInString(q) > 40 || len(strings.Fields(q)) > 4 {
		return false
	}
	return !strings.ContainsAny(q, "()[]{}:")
}

// trimWrappers removes Markdown emphasis and brackets around a label:
// **P09**, _P09_, [P09].
func trimWrappers(s string) string {
	s = strings.TrimFunc(s, isBlank)
	s = strings.TrimLeft(s, "*_[")
	s = strings.TrimRight(s, "*_]")
	return strings.TrimFunc(s, isBlank)
}

// normalLabel folds compatibility forms (full-width letters and digits)
// and makes every run of Unicode spaces and invisible format characters
// one space.
func normalLabel(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case isBlank(r):
			// An invisible character counts as a space: keys ignore spaces,
			// so "P\u200b09" is still P09, and "0\u200bP09" has the word P09.
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// validLabel reports whether s can be a speaker name: 1–40 characters of
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

// isBlank is a space of any kind or an invisible format character (zero
// width space, byte-order mark, joiners, direction marks).
// moreFields reports whether s has more than n fields (runs of runes that
// are not blank, as strings.FieldsFunc(s, isBlank) finds them) without
// making the list: suspectLabel asks this of most lines of prose.
func moreFields(s string, n int) bool {
	in := false
	for _, r := range s {
		switch {
		case isBlank(r):
			in = false
		case !in:
			in = true
			if n--; n < 0 {
				return true
			}
		}
	}
	return false
}

func isBlank(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func skipBlank(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isBlank(r) {
			break
		}
		i += n
	}
	return i
}

// skipMarkers skips Markdown quote markers (">", repeated) and one list
// marker ("-", "*", "+", "•", "1." or "1)") followed by a blank.
func skipMarkers(s string, i int) int {
	for i < len(s) && s[i] == '>' {
		i = skipBlank(s, i+1)
	}
	j := i
	switch {
	case strings.HasPrefix(s[i:], "•"):
		j = i + len("•")
	case i < len(s) && strings.IndexByte("-*+", s[i]) >= 0:
		j = i + 1
	default:
		for j < len(s) && j-i < 4 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j >= len(s) || s[j] != '.' && s[j] != ')' {
			return i
		}
		j++
	}
	if j < len(s) && isBlank(firstRune(s[j:])) {
		return skipBlank(s, j)
	}
	return i
}

// isColon is ":" or a character that looks like one.
func isColon(r rune) bool {
	switch r {
	case ':', '：', '﹕', '︓', '꞉', '∶':
		return true
	}
	return false
}

// findColon returns the byte offsets of the first colon within
// maxLabelRunes runes of s[i:] and just after it, or -1.
func findColon(s string, i int) (int, int) {
	for k := 0; i < len(s) && k < maxLabelRunes; k++ {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isColon(r) {
			return i, i + n
		}
		i += n
	}
	return -1, -1
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
