package themes

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// CodebookFile is the codebook's name in a study folder.
const CodebookFile = "codebook.yaml"

// Load reads the codebook at name in fsys. displayName is the path used in
// messages (usually the study-relative "codebook.yaml").
func Load(fsys fs.FS, name string, displayName string) (*Codebook, diag.List) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		var l diag.List
		if errors.Is(err, fs.ErrNotExist) {
			l.Errorf(displayName, 0, "codebook not found; every study needs a codebook.yaml listing its themes (id and name for each)")
		} else {
			l.Errorf(displayName, 0, "cannot read codebook: %v", err)
		}
		return nil, l
	}
	return Parse(displayName, data)
}

// Parse reads a codebook. The file is either a YAML list of themes or a
// mapping whose only key, themes:, holds that list. Every problem found is
// returned, each naming file:line:col.
//
// When the YAML itself is unreadable Parse returns a nil Codebook. Otherwise
// it returns a best-effort Codebook even alongside errors, so that other
// checks can go on: themes with a missing, malformed or duplicate id are left
// out, and a theme whose parent is unknown or in a cycle becomes a root.
// Callers must not build output from a Codebook whose list has errors.
//
// Patterns are compiled exactly as written: matching is case-sensitive unless
// the author writes (?i), because only the author knows whether "NHS" and
// "nhs" mean the same thing in their study.
func Parse(file string, data []byte) (*Codebook, diag.List) {
	p := &parser{file: file}
	list := p.top(data)
	if list == nil {
		p.probs.Sort()
		return nil, p.probs
	}
	p.themeList(list, nil)
	cb := p.build()
	if len(cb.All) == 0 && !p.probs.HasErrors() {
		p.errAt(list, "the codebook has no themes; add at least one with an id and a name")
	}
	p.probs.Sort()
	return cb, p.probs
}

// rawTheme is a theme as read, before the hierarchy is built.
type rawTheme struct {
	t          *Theme
	seq        int       // position in file order
	nestedIn   *rawTheme // the theme whose children: list holds this one
	parentID   string    // the parent: key, if any
	parentNode *yaml.Node
	dropped    bool // left out of the codebook: bad or duplicate id
}

type parser struct {
	file   string
	probs  diag.List
	themes []*rawTheme // file order: a theme before its nested children
}

func (p *parser) errAt(n *yaml.Node, format string, args ...any) {
	p.probs.Add(diag.Problem{File: p.file, Line: n.Line, Col: n.Column, Severity: diag.Error, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) warnAt(n *yaml.Node, format string, args ...any) {
	p.probs.Add(diag.Problem{File: p.file, Line: n.Line, Col: n.Column, Severity: diag.Warning, Msg: fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// top decodes the YAML and returns the node holding the list of themes, or
// nil after reporting why there is none.
func (p *parser) top(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		p.syntaxError(data, err)
		return nil
	}
	// A second document would be silently ignored by a plain Unmarshal.
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case err == nil:
		p.errAt(&more, "the codebook holds a second YAML document (after ---); keep every theme in one list")
	case err != io.EOF:
		p.syntaxError(data, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		p.probs.Errorf(p.file, 0, "the codebook is empty; list the study's themes, each with an id and a name")
		return nil
	}
	root := doc.Content[0]
	switch root.Kind {
	case yaml.SequenceNode:
		return root
	case yaml.MappingNode:
		var list *yaml.Node
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Value != "themes" {
				p.errAt(k, "unknown top-level key %q%s; the codebook is a list of themes, or a mapping with a themes: key holding that list", k.Value, hint(k.Value, []string{"themes"}))
				continue
			}
			if v.Kind != yaml.SequenceNode {
				p.errAt(v, "themes: must be a list of themes (one \"- id: ...\" entry per theme), not %s", kindName(v))
				return nil
			}
			list = v
		}
		if list == nil && !p.probs.HasErrors() {
			p.errAt(root, "the codebook has no themes: key; write themes: followed by a list of themes")
		}
		return list
	}
	p.errAt(root, "the codebook must be a list of themes, or a mapping with a themes: key; found %s", kindName(root))
	return nil
}

// syntaxError reports a YAML syntax error, keeping the line yaml.v3 found.
func (p *parser) syntaxError(data []byte, err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if line > 0 {
		// yaml.v3 gives some errors the line before the culprit, so look at
		// both. YAML forbids tabs in indentation and yaml.v3 does not say so.
		lines := strings.Split(string(data), "\n")
		if line <= len(lines) && strings.Contains(lines[line-1], "\t") {
			msg += "; this line holds a tab: YAML indentation must use spaces"
		} else if line < len(lines) && strings.Contains(lines[line], "\t") {
			msg += "; the next line holds a tab: YAML indentation must use spaces"
		} else {
			msg += " (check this line and the next for indentation and quoting)"
		}
	}
	p.probs.Errorf(p.file, line, "YAML syntax error: %s", msg)
}

// themeList reads a list of themes, nested in the theme in (nil at the top).
func (p *parser) themeList(list *yaml.Node, in *rawTheme) {
	for _, item := range list.Content {
		switch item.Kind {
		case yaml.MappingNode:
			p.theme(item, in)
		case yaml.AliasNode:
			p.errAt(item, "a theme cannot be an alias (*%s): each theme needs its own id, so write it out", item.Value)
		default:
			p.errAt(item, "each theme must be a mapping with at least id: and name:, found %s", kindName(item))
		}
	}
}

var knownKeys = []string{"id", "name", "description", "include", "exclude", "examples", "colour", "keywords", "patterns", "auto", "kind", "children", "parent"}

// slug is what a theme id must look like: it is used in inline codes
// ({.id}), file names and URLs.
var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (p *parser) theme(n *yaml.Node, in *rawTheme) {
	rt := &rawTheme{t: &Theme{Line: n.Line}, seq: len(p.themes), nestedIn: in}
	p.themes = append(p.themes, rt)
	t := rt.t
	seen := map[string]int{}
	var idNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errAt(k, "theme keys must be plain words like id or name, found %s", kindName(k))
			continue
		}
		if k.Tag == "!!merge" {
			p.errAt(k, "YAML merge keys (<<) are not supported in the codebook; write the keys out")
			continue
		}
		if prev, ok := seen[k.Value]; ok {
			p.errAt(k, "key %q appears twice in this theme (lines %d and %d); keep one", k.Value, prev, k.Line)
			continue
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "id":
			t.ID, idNode = p.text(k, v), v
		case "name":
			t.Name = p.text(k, v)
		case "description":
			t.Description = p.text(k, v)
		case "include":
			t.Include = p.text(k, v)
		case "exclude":
			t.Exclude = p.text(k, v)
		case "examples":
			t.Examples, _ = p.texts(k, v)
		case "colour":
			t.Colour = p.colour(k, v)
		case "keywords":
			p.keywords(t, k, v)
		case "patterns":
			p.patterns(t, k, v)
		case "auto":
			t.Auto = p.choice(k, v, AutoSuggest, AutoEvidence)
		case "kind":
			t.Kind = p.choice(k, v, KindFinding, KindCategory)
		case "parent":
			rt.parentID, rt.parentNode = p.text(k, v), v
		case "children":
			p.children(rt, k, v)
		default:
			p.errAt(k, "unknown key %q in a theme%s (known keys: %s)", k.Value, hint(k.Value, knownKeys), strings.Join(knownKeys, ", "))
		}
	}
	switch {
	case idNode == nil || t.ID == "":
		p.errAt(n, "theme has no id; add id: followed by a short slug such as %q", suggestSlug(t.Name, "waiting-lists"))
		rt.dropped = true
	case !slug.MatchString(t.ID):
		p.errAt(idNode, "theme id %q is not a slug (lower-case letters, digits and single hyphens); use %q", t.ID, suggestSlug(t.ID, "my-theme"))
		rt.dropped = true
	}
	if t.Name == "" {
		p.errAt(n, "theme %q has no name; add name: with the label readers will see", t.ID)
	}
}

func (p *parser) children(rt *rawTheme, k, v *yaml.Node) {
	switch v.Kind {
	case yaml.SequenceNode:
		p.themeList(v, rt)
	case yaml.ScalarNode:
		if v.Tag != "!!null" {
			p.errAt(v, "children: must be a list of themes, not a single piece of text; to place this theme under another, use parent: on the child instead")
		}
	default:
		p.errAt(v, "children: must be a list of themes, not %s", kindName(v))
	}
}

// resolve follows an alias to its anchored node, one level: enough for
// shared keyword lists, and never expands one alias into many themes.
func resolve(v *yaml.Node) *yaml.Node {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		return v.Alias
	}
	return v
}

// text reads a scalar value; null is "".
func (p *parser) text(k, v *yaml.Node) string {
	v = resolve(v)
	if v.Kind != yaml.ScalarNode {
		p.errAt(v, "%s: must be text, not %s", k.Value, kindName(v))
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// choice reads text that must be one of the given words.
func (p *parser) choice(k, v *yaml.Node, words ...string) string {
	s := p.text(k, v)
	if s == "" || slices.Contains(words, s) {
		return s
	}
	p.errAt(v, "%s: %q is not one of %s", k.Value, s, strings.Join(words, ", "))
	return ""
}

// texts reads a list of scalars, returning the values and their nodes.
func (p *parser) texts(k, v *yaml.Node) ([]string, []*yaml.Node) {
	v = resolve(v)
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return nil, nil
	case v.Kind == yaml.ScalarNode:
		p.errAt(v, "%s: must be a list, not a single piece of text; write %s: [%s] or one \"- item\" per line", k.Value, k.Value, v.Value)
		return nil, nil
	case v.Kind != yaml.SequenceNode:
		p.errAt(v, "%s: must be a list of text, not %s", k.Value, kindName(v))
		return nil, nil
	}
	var vals []string
	var nodes []*yaml.Node
	for _, item := range v.Content {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode {
			p.errAt(item, "each item of %s: must be text, not %s", k.Value, kindName(item))
			continue
		}
		s := strings.TrimSpace(item.Value)
		if item.Tag == "!!null" || s == "" {
			p.errAt(item, "empty item in %s:; remove it or fill it in", k.Value)
			continue
		}
		vals = append(vals, s)
		nodes = append(nodes, item)
	}
	return vals, nodes
}

func (p *parser) keywords(t *Theme, k, v *yaml.Node) {
	vals, nodes := p.texts(k, v)
	for i, kw := range vals {
		if len(Words(kw)) == 0 {
			p.errAt(nodes[i], "keyword %q has no letters or digits to match; remove it or use patterns: for punctuation", kw)
			continue
		}
		t.Keywords = append(t.Keywords, kw)
	}
}

func (p *parser) patterns(t *Theme, k, v *yaml.Node) {
	vals, nodes := p.texts(k, v)
	for i, pat := range vals {
		re, err := regexp.Compile(pat)
		if err != nil {
			p.errAt(nodes[i], "pattern %q is not a valid Go regular expression: %v", pat, err)
			continue
		}
		if re.MatchString("") {
			p.warnAt(nodes[i], "pattern %q matches empty text, so it would code nothing useful; require at least one character", pat)
		}
		t.Patterns = append(t.Patterns, pat)
		t.Regexps = append(t.Regexps, re)
	}
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// colour reads a colour and returns it as lower-case #rrggbb.
func (p *parser) colour(k, v *yaml.Node) string {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		// colour: #c00 without quotes is a YAML comment, leaving no value.
		if c, _, _ := strings.Cut(strings.TrimSpace(v.LineComment+k.LineComment), " "); hexColour.MatchString(c) {
			p.errAt(v, "colour is empty because YAML reads %s as a comment; quote it: colour: \"%s\"", c, c)
		}
		return ""
	}
	s := p.text(k, v)
	if !hexColour.MatchString(s) {
		p.errAt(v, "colour %q is not a hex colour; write \"#rrggbb\" or \"#rgb\" in quotes, e.g. colour: \"#0072b2\"", s)
		return ""
	}
	return expandColour(s)
}

// kindName says what a node is, in words for a researcher.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping (key: value pairs)"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("the text %q", n.Value)
	}
	return "nothing"
}

// hint returns `; did you mean "x"?` when word is close to one of choices.
func hint(word string, choices []string) string {
	if s := closest(word, choices); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// suggestSlug turns s into a valid id, or returns fallback if nothing is left.
func suggestSlug(s, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}
