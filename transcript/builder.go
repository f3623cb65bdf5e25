package transcript

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Builder writes the shown text turn by turn, as readers of structured
// formats (subtitles, Word) need: one paragraph per turn, a blank line
// between paragraphs.
type Builder struct {
	// At is the place in the file (line, or paragraph for .docx) that the
	// text written next comes from; Text.Lines records it per line.
	At       int
	b        strings.Builder
	lines    []int
	Warnings []Warning
	Memos    []Memo
	warned   map[string]bool
}

// Len is the byte offset the next paragraph's text will start at, before
// any label: readers use it to anchor memos.
func (b *Builder) Len() int { return b.b.Len() }

// Paragraph adds text with no speaker. Text on several lines stays on
// several lines; lines that would read as a speaker label or front matter
// are left alone: the file said them.
func (b *Builder) Paragraph(text string) (start int) {
	text = strings.TrimSpace(text)
	if text == "" {
		return -1
	}
	b.sep()
	start = b.b.Len()
	if start == 0 && strings.HasPrefix(text, "---") {
		b.write("\n") // a first line "---" would open front matter
		start++
	}
	b.write(text)
	return start
}

// Turn adds a speaker turn: "[hh:mm:ss] LABEL: text" on one line (at
// stays out when negative). It returns where text starts in the output.
func (b *Builder) Turn(at time.Duration, speaker string, line int, text string) (start int) {
	text = strings.Join(strings.Fields(text), " ")
	label := b.Label(speaker, line)
	b.At = line
	b.sep()
	if at >= 0 {
		b.write(Stamp(at) + " ")
	}
	if label != "" {
		b.write(label + ": ")
	}
	start = b.b.Len()
	b.write(text)
	return start
}

// Warnf records a warning at line.
func (b *Builder) Warnf(line int, format string, args ...any) {
	b.Warnings = append(b.Warnings, Warning{line, fmt.Sprintf(format, args...)})
}

// Text returns what was built.
func (b *Builder) Text() *Text {
	s := b.b.String()
	if s != "" {
		s += "\n"
	}
	return &Text{Text: s, Warnings: b.Warnings, Memos: b.Memos, Lines: b.lines}
}

func (b *Builder) sep() {
	if b.b.Len() > 0 {
		b.write("\n\n")
	}
}

// write appends s, noting for each line it starts where in the file it came from.
func (b *Builder) write(s string) {
	if b.b.Len() == 0 && s != "" {
		b.lines = append(b.lines, b.At)
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			b.lines = append(b.lines, b.At)
		}
	}
	b.b.WriteString(s)
}

// Stamp writes a time as insight's turn prefix "[hh:mm:ss]", rounding down.
func Stamp(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("[%02d:%02d:%02d]", s/3600, s/60%60, s%60)
}

// Label makes a speaker name one insight reads as a label: 1–40
// characters of letters, digits, spaces and - _ . ', at most four words,
// starting with a letter or digit. Other characters become spaces and
// longer names are cut, with one warning per name.
func (b *Builder) Label(name string, line int) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	clean := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.'’ ", r) {
			return r
		}
		return ' '
	}, name)
	words := strings.Fields(clean)
	for len(words) > 0 && !startsWord(words[0]) {
		words[0] = strings.TrimLeft(words[0], "-_.'’")
		if words[0] == "" {
			words = words[1:]
		}
	}
	if len(words) > 4 {
		words = words[:4]
	}
	clean = strings.Join(words, " ")
	if utf8.RuneCountInString(clean) > 40 {
		clean = strings.TrimSpace(string([]rune(clean)[:40]))
	}
	if clean == "" {
		clean = "Speaker"
	}
	if clean != name {
		if b.warned == nil {
			b.warned = map[string]bool{}
		}
		if !b.warned[name] {
			b.warned[name] = true
			b.Warnf(line, "speaker %q is shown as %q: a label has at most four words of letters, digits, spaces and - _ . '", name, clean)
		}
	}
	return clean
}

func startsWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
