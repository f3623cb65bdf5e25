// Package messages owns a study's key messages, messages.yaml: the five or
// six findings an "As Is" report leads with, each a title, a one-paragraph
// statement, the codebook themes it rests on and, optionally, quotes pinned
// to it by the same quote + hint addressing as a coder's file, re-anchored
// the same way when transcripts are edited. The evidence behind a message
// is counted by package query; this package only reads and checks the file.
package messages

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

// File is the messages file's name in a study folder.
const File = "messages.yaml"

// Message is one key message.
type Message struct {
	ID        string   // slug, for the page's file name; default from the title
	Title     string   // the finding in plain words
	Statement string   // one paragraph (Markdown)
	Themes    []string // codebook theme ids it rests on
	Quotes    []Pin    // pinned quotes, in file order
	Line      int
}

// Pin is a quote pinned to a message.
type Pin struct {
	Doc   string // document id
	Quote string // exact text: authoritative
	Start int    // hint: code point offset, as in a coder's file
	Line  int

	// Set by Resolve: where the quote is now. Found is false when it is
	// nowhere in the document, or touches withheld words.
	DocIndex, ByteStart, ByteEnd int
	Found                        bool
}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads messages.yaml from fsys when there is one (it is optional) and
// resolves it against the study and codebook. name is the study's name for
// messages.
func Load(fsys fs.FS, name string, st *corpus.Study, cb *themes.Codebook) ([]Message, diag.List) {
	file := File
	if name != "" {
		file = name + "/" + File
	}
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var probs diag.List
		probs.Errorf(file, 0, "cannot read: %v", err)
		return nil, probs
	}
	msgs, probs := Parse(file, data)
	probs.Add(Resolve(file, msgs, st, cb)...)
	return msgs, probs
}

// Parse reads messages.yaml: a mapping whose messages: key holds a list of
// messages, each with title (required), statement, themes (required, at
// least one), id and quotes. Every problem names file and line; unknown
// keys are errors, so a misspelling is never silently ignored.
func Parse(file string, data []byte) ([]Message, diag.List) {
	var probs diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		probs.Errorf(file, yamlLine(err), "not valid YAML: %v", err)
		return nil, probs
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		probs.Errorf(file, top.Line, "must be a mapping with a messages: list")
		return nil, probs
	}
	var list *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "messages" {
			probs.Errorf(file, k.Line, "unknown key %q; the file holds one key, messages:", k.Value)
			continue
		}
		list = v
	}
	if list == nil || (list.Kind == yaml.ScalarNode && list.Tag == "!!null") {
		return nil, probs
	}
	if list.Kind != yaml.SequenceNode {
		probs.Errorf(file, list.Line, "messages: must be a list of messages, each starting with - title:")
		return nil, probs
	}
	ids := map[string]int{}
	var out []Message
	for _, n := range list.Content {
		m, ok := parseMessage(file, n, &probs)
		if !ok {
			continue
		}
		if prev, dup := ids[m.ID]; dup {
			probs.Errorf(file, m.Line, "message id %q is used twice (first on line %d); give one an id: of its own", m.ID, prev)
			continue
		}
		ids[m.ID] = m.Line
		out = append(out, m)
	}
	return out, probs
}

var messageKeys = []string{"id", "title", "statement", "themes", "quotes"}

func parseMessage(file string, n *yaml.Node, probs *diag.List) (Message, bool) {
	m := Message{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		probs.Errorf(file, n.Line, "each message must be a mapping with title:, statement:, themes:")
		return m, false
	}
	var idLine int
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "id":
			m.ID, idLine = scalar(file, k, v, probs), v.Line
		case "title":
			m.Title = scalar(file, k, v, probs)
		case "statement":
			m.Statement = scalar(file, k, v, probs)
		case "themes":
			if v.Kind != yaml.SequenceNode {
				probs.Errorf(file, v.Line, "themes: must be a list of theme ids, e.g. [duplication]")
				continue
			}
			for _, t := range v.Content {
				if s := scalar(file, k, t, probs); s != "" {
					m.Themes = append(m.Themes, s)
				}
			}
		case "quotes":
			m.Quotes = parsePins(file, v, probs)
		default:
			probs.Errorf(file, k.Line, "unknown key %q in a message (known keys: %s)", k.Value, strings.Join(messageKeys, ", "))
		}
	}
	if m.Title == "" {
		probs.Errorf(file, n.Line, "message has no title: say the finding in plain words")
		return m, false
	}
	if len(m.Themes) == 0 {
		probs.Errorf(file, n.Line, "message %q has no themes: list the codebook themes it rests on", m.Title)
	}
	if m.ID == "" {
		m.ID = slugify(m.Title)
	} else if !slug.MatchString(m.ID) {
		probs.Errorf(file, idLine, "message id %q is not a slug (lower-case letters, digits, single hyphens)", m.ID)
		m.ID = slugify(m.ID)
	}
	return m, true
}

var pinKeys = []string{"doc", "quote", "start", "end"}

func parsePins(file string, v *yaml.Node, probs *diag.List) []Pin {
	if v.Kind != yaml.SequenceNode {
		probs.Errorf(file, v.Line, "quotes: must be a list of {doc:, quote:} mappings")
		return nil
	}
	var out []Pin
	for _, n := range v.Content {
		if n.Kind != yaml.MappingNode {
			probs.Errorf(file, n.Line, "each pinned quote must be a mapping with doc: and quote:")
			continue
		}
		p := Pin{Line: n.Line}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "doc":
				p.Doc = scalar(file, k, val, probs)
			case "quote":
				p.Quote = scalar(file, k, val, probs)
			case "start":
				if err := val.Decode(&p.Start); err != nil || p.Start < 0 {
					probs.Warnf(file, val.Line, "start: %q is not a code point offset; the quote will be searched for", val.Value)
					p.Start = 0
				}
			case "end": // accepted for symmetry with codings; the quote decides
			default:
				probs.Errorf(file, k.Line, "unknown key %q in a pinned quote (known keys: %s)", k.Value, strings.Join(pinKeys, ", "))
			}
		}
		if p.Doc == "" || p.Quote == "" {
			probs.Errorf(file, n.Line, "a pinned quote needs doc: (a document id) and quote: (its exact words)")
			continue
		}
		out = append(out, p)
	}
	return out
}

func scalar(file string, k, v *yaml.Node, probs *diag.List) string {
	if v.Kind != yaml.ScalarNode {
		probs.Errorf(file, v.Line, "%s: must be text", k.Value)
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// Resolve checks every message's themes against the codebook and anchors
// its pinned quotes in the study: an unknown theme or document is an error;
// a quote no longer found is a warning and is not shown. A quote in a
// document or turn withheld for consent is dropped without a word about it.
func Resolve(file string, msgs []Message, st *corpus.Study, cb *themes.Codebook) diag.List {
	var probs diag.List
	byID := map[string]int{}
	for i, d := range st.Documents {
		byID[d.ID] = i
	}
	for mi := range msgs {
		m := &msgs[mi]
		for _, t := range m.Themes {
			if cb.Lookup(t) == nil {
				hint := ""
				if s := cb.Suggest(t); s != "" {
					hint = fmt.Sprintf("; did you mean %q?", s)
				}
				probs.Errorf(file, m.Line, "message %q rests on unknown theme %q%s (themes are listed in %s)", m.Title, t, hint, cb.File)
			}
		}
		for pi := range m.Quotes {
			p := &m.Quotes[pi]
			di, ok := byID[p.Doc]
			if !ok {
				probs.Errorf(file, p.Line, "no transcript has id %q; fix the doc: of this pinned quote", p.Doc)
				continue
			}
			d := st.Documents[di]
			if d.Withheld {
				continue
			}
			start, end, found := coding.Anchor(d, coding.Record{Doc: p.Doc, Quote: p.Quote, Start: p.Start})
			if !found {
				probs.Warnf(file, p.Line, "pinned quote is no longer in %s; it is not shown — fix the quote or remove it", d.Path)
				continue
			}
			if touchesWithheld(d, start, end) {
				continue
			}
			p.DocIndex, p.ByteStart, p.ByteEnd, p.Found = di, start, end, true
		}
	}
	return probs
}

func touchesWithheld(d *corpus.Document, start, end int) bool {
	for _, t := range d.Turns {
		if t.Withheld && t.Start < end && start < t.End {
			return true
		}
	}
	return false
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		return "message"
	}
	return s
}

var lineRE = regexp.MustCompile(`line (\d+)`)

func yamlLine(err error) int {
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}
