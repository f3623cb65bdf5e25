package privacy

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/messages"
)

// rewriteMessages writes the copy's messages.yaml: titles and statements
// with their findings replaced, like every other text, and each pinned
// quote moved through its transcript's replacements, as a coder's quote
// is, so it still anchors in the copy. A pin on a withdrawn participant's
// words is left out; so is one that no longer anchors in the study, since
// its words could not be checked (check warns of it already).
func (p *pseudonymiser) rewriteMessages() error {
	rel := messages.File
	data, err := fs.ReadFile(p.src.FS, rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", joinName(p.src.Name, rel), err)
	}
	text := newLines(normalise(data))
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text.text), &root); err != nil {
		return fmt.Errorf("%s: %w", joinName(p.src.Name, rel), err) // check refuses it first
	}
	changed := p.replaceScalars(rel, text, 1, &root, yamlKeys[rel])
	withheld, lost := 0, 0
	for _, pins := range pinLists(&root) {
		kept := pins.Content[:0]
		for _, pin := range pins.Content {
			switch p.movePin(pin) {
			case pinWithheld:
				withheld++
				changed = true
				continue
			case pinLost:
				lost++
				changed = true
				continue
			case pinMoved:
				changed = true
			}
			kept = append(kept, pin)
		}
		pins.Content = kept
		if len(kept) == 0 {
			pins.Style = yaml.FlowStyle // "quotes: []", not a dangling key
		}
	}
	if withheld > 0 {
		p.res.WithheldPins += withheld
		p.res.Notes.Warnf(rel, 0, "pinned quotes on the words of participants who withdrew consent left out of the copy: %d", withheld)
	}
	if lost > 0 {
		p.res.Notes.Warnf(rel, 0, "pinned quotes no longer found in their transcript left out of the copy, since their words could not be pseudonymised: %d", lost)
	}
	if !changed {
		p.files[rel] = []byte(text.text)
		return nil
	}
	out, err := encodeYAML(&root)
	if err != nil {
		return fmt.Errorf("%s: writing the pseudonymised YAML: %w", joinName(p.src.Name, rel), err)
	}
	p.files[rel] = out
	return nil
}

// pinLists returns every message's quotes: list.
func pinLists(root *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	top := root.Content[0]
	for _, list := range mapValues(top, "messages") {
		if list.Kind != yaml.SequenceNode {
			continue
		}
		for _, m := range list.Content {
			for _, q := range mapValues(m, "quotes") {
				if q.Kind == yaml.SequenceNode {
					out = append(out, q)
				}
			}
		}
	}
	return out
}

// mapValues returns the values under key in mapping m.
func mapValues(m *yaml.Node, key string) []*yaml.Node {
	var out []*yaml.Node
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			out = append(out, m.Content[i+1])
		}
	}
	return out
}

type pinFate int

const (
	pinKept pinFate = iota
	pinMoved
	pinWithheld
	pinLost
)

// movePin re-anchors a pinned quote in its original transcript, as
// messages.Resolve does, and rewrites its quote:, start: and end: to the
// same words in the copy.
func (p *pseudonymiser) movePin(pin *yaml.Node) pinFate {
	var docN, quoteN, startN, endN *yaml.Node
	for i := 0; i+1 < len(pin.Content); i += 2 {
		switch pin.Content[i].Value {
		case "doc":
			docN = pin.Content[i+1]
		case "quote":
			quoteN = pin.Content[i+1]
		case "start":
			startN = pin.Content[i+1]
		case "end":
			endN = pin.Content[i+1]
		}
	}
	if docN == nil || quoteN == nil {
		return pinLost
	}
	doc := strings.TrimSpace(docN.Value)
	if p.left[doc] {
		return pinWithheld
	}
	nd := p.docs[doc]
	if nd == nil {
		return pinLost
	}
	r := coding.Record{Doc: doc, Quote: strings.TrimSpace(quoteN.Value)}
	if startN != nil {
		r.Start, _ = strconv.Atoi(startN.Value)
	}
	start, end, found := coding.Anchor(nd.old, r)
	if !found {
		return pinLost
	}
	if onWithheld(nd.old, start, end) {
		return pinWithheld
	}
	ns, ne := mapOffset(nd.edits, start, false), mapOffset(nd.edits, end, true)
	quote := nd.body[ns:ne]
	fate := pinKept
	set := func(n *yaml.Node, v, tag string) {
		if n != nil && n.Value != v {
			n.Value, n.Tag, fate = v, tag, pinMoved
			n.Style &^= yaml.LiteralStyle | yaml.FoldedStyle
		}
	}
	set(quoteN, quote, "!!str")
	set(startN, strconv.Itoa(utf8.RuneCountInString(nd.body[:ns])), "!!int")
	set(endN, strconv.Itoa(utf8.RuneCountInString(nd.body[:ne])), "!!int")
	return fate
}

// encodeYAML writes a YAML tree as insight writes every file: two spaces.
func encodeYAML(root *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
