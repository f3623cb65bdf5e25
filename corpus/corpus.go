// Package corpus owns the study folder's raw material: the study settings
// (insight.yaml), the participants (participants.csv) and the transcripts,
// read into documents made of speaker turns and sentence segments.
//
// Offsets inside a Document are byte offsets into Document.Body, which is the
// transcript text after the front matter with line endings normalised to \n
// and inline code markup removed. Standoff formats exchange Unicode code point
// offsets instead; Document.RuneOffset and Document.ByteOffset convert.
package corpus

import "gopkg.in/yaml.v3"

// Speaker roles. A turn's role decides whether it counts as evidence from a
// participant: facilitators' words are left out of counts by default, the
// observer's notes count for documents and cases but belong to no participant.
type Role int

const (
	RoleParticipant Role = iota // label matches a participants.csv id
	RoleUnlisted                // label not in participants.csv: a participant known only within this document
	RoleFacilitator             // label listed as a facilitator in insight.yaml
	RoleObserver                // paragraphs before any label, and field notes
)

func (r Role) String() string {
	return [...]string{"participant", "unlisted", "facilitator", "observer"}[r]
}

// Config is insight.yaml.
type Config struct {
	Title        string   `yaml:"title"`
	Description  string   `yaml:"description"`
	Facilitators []string `yaml:"facilitators"`
	// Attributes lists the participant attributes to break counts down by, in
	// display order. Empty means every participants.csv column.
	Attributes []string `yaml:"attributes"`
	// Vocabulary is the study's own words that look like personal data but are
	// not: ward and place names, agencies, pseudonyms already in use.
	Vocabulary Vocabulary `yaml:"vocabulary"`
	// Auto is "evidence" when every theme's keyword and pattern hits count
	// as evidence unless the theme says auto: suggest; "" or "suggest"
	// leaves them suggestions until a person accepts them.
	Auto string `yaml:"auto"`
	// Journey is the journey: section as written (contact types, phases,
	// duplication rules, members), left raw for package journey to read
	// with its line numbers; nil when absent.
	Journey *yaml.Node `yaml:"-"`
}

// AutoEvidence reports whether insight.yaml opts every theme's rule hits in as evidence.
func (c Config) AutoEvidence() bool { return c.Auto == "evidence" }

// Vocabulary lists declared names that the anonymisation guard never flags.
type Vocabulary struct {
	Places     []string `yaml:"places"`
	Agencies   []string `yaml:"agencies"`
	Pseudonyms []string `yaml:"pseudonyms"`
}

// Participant is one row of participants.csv.
type Participant struct {
	ID         string
	Attributes map[string]string // column name -> value, without id and consent
	Withdrawn  bool              // consent column says "withdrawn"
	Line       int               // line in participants.csv
}

// Document is one transcript, focus group or set of field notes.
type Document struct {
	ID         string            // front matter id, default the file name without extension
	Path       string            // slash path relative to the study folder, e.g. transcripts/int-001.md
	Kind       string            // interview | focus-group | fieldnote
	Date       string            // as written in front matter
	Case       string            // household/family id
	Attributes map[string]string // any other front matter keys, values as text
	Body       string            // text after the front matter; \n endings; inline markup removed
	BodyLine   int               // 1-based file line on which Body starts
	Hash       string            // hex sha256 of the file's bytes
	// Format is "" for a UTF-8 .md or .txt read as it is, else the file's
	// extension ("docx", "vtt", "srt", "txt" in another encoding): Body is
	// the text insight made of it, and codings address that text.
	Format string
	// Memos are comments the file carries (Word comments), anchored in Body.
	Memos []Memo

	Turns    []Turn
	Segments []Segment
	Codes    []InlineCode // inline [text]{.theme} codes, in order of Start

	// Withheld is true when every participant who speaks in the document
	// withdrew consent: the whole document is left out of everything derived.
	Withheld bool

	lineStarts []int // byte offsets of each Body line start; see Line
	ascii      bool  // Body is pure ASCII: rune and byte offsets agree
	runeMarks  []int // byte offset of every 1024th rune, for RuneOffset/ByteOffset
	markup     []rng // inline markup removed from the raw body, for RawOffset
	lineMap    []int // converted files: shown text line -> file line (or .docx paragraph)
	suspects   []suspectLine
}

// HasWithheld reports whether any of the document's words are withheld
// for consent: the whole document, or a turn.
func (d *Document) HasWithheld() bool {
	if d.Withheld {
		return true
	}
	for _, t := range d.Turns {
		if t.Withheld {
			return true
		}
	}
	return false
}

// Memo is a comment a transcript file carries on a stretch of its text,
// such as a Word comment: a note, never a coding.
type Memo struct {
	Start, End int // byte offsets into Body
	Author     string
	Date       string
	Text       string
}

// Turn is one speaker's turn, or one observer paragraph.
type Turn struct {
	Speaker  string // the id listed for the speaker, else the label normalised ("" for the observer)
	Role     Role
	Time     string // [hh:mm:ss] timestamp before the label, if any
	Start    int    // byte offset in Body of the turn's text (after "LABEL:")
	End      int
	Withheld bool // the speaker withdrew consent: text is never shown or counted
}

// Segment is one sentence of a turn: the unit that codes are applied to and counted in.
type Segment struct {
	ID         string // stable: "<doc>/<8 hex of the text's hash>", with "-2", "-3" for repeats
	Doc        int    // index into Study.Documents
	Turn       int    // index into Document.Turns
	Start, End int    // byte offsets into Body
}

// InlineCode is a [span]{.theme .theme2} in a transcript.
type InlineCode struct {
	Themes     []string
	Start, End int // byte offsets into Body of the span's text
	Line       int // file line of the opening bracket
}

// Study is a whole study folder, read.
type Study struct {
	Dir          string // folder as given by the user, for messages ("" for the embedded example)
	Config       Config
	Participants []Participant // in file order
	Documents    []*Document   // sorted by ID
	// Withheld counts segments left out because a participant withdrew consent.
	Withheld int
}
