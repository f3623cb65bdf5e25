package privacy

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/residentinsight/insight/anon"
	"github.com/residentinsight/insight/messages"
	"github.com/residentinsight/insight/themes"
)

var (
	configKeys      = func(key string, depth int) bool { return depth == 0 && (key == "title" || key == "description") }
	frontMatterKeys = func(key string, depth int) bool { return depth == 0 && key != "kind" }
	codebookKeys    = func(key string, _ int) bool {
		switch key {
		case "name", "description", "include", "exclude", "examples":
			return true
		}
		return false
	}
	// A message's pinned quotes are transcript words, scanned there (and
	// never when a withdrawn participant's); its title and statement are its own.
	messageKeys = func(key string, _ int) bool { return key == "title" || key == "statement" }
	yamlKeys    = map[string]func(string, int) bool{"insight.yaml": configKeys, themes.CodebookFile: codebookKeys, messages.File: messageKeys}
)

// scanYAML finds personal data in the scalar values of a YAML file under
// the keys want accepts (at any depth of nested mappings and lists). text is
// the whole file; yml, if given, is the part of it that is YAML, starting on
// file line first. A file that is not YAML yields nothing: check reports it.
func scanYAML(det Detector, rel string, text *lines, first int, want func(key string, depth int) bool, yml ...string) []placed {
	src := text.text
	if len(yml) > 0 {
		src = yml[0]
	}
	var root yaml.Node
	if yaml.Unmarshal([]byte(src), &root) != nil {
		return nil
	}
	var out []placed
	walkYAML(&root, want, func(n *yaml.Node) {
		out = append(out, placeAll(text, rel, first-1+n.Line, n, det.Detect(n.Value))...)
	})
	return out
}

// walkYAML calls fn on each text scalar under the keys want accepts.
func walkYAML(root *yaml.Node, want func(key string, depth int) bool, fn func(n *yaml.Node)) {
	var walk func(n *yaml.Node, depth int, wanted bool)
	walk = func(n *yaml.Node, depth int, wanted bool) {
		switch n.Kind {
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, depth, wanted)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := strings.ToLower(n.Content[i].Value)
				walk(n.Content[i+1], depth+1, want(k, depth))
			}
		case yaml.ScalarNode:
			if wanted && n.Tag == "!!str" {
				fn(n)
			}
		}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		walk(root.Content[0], 0, false)
	}
}

// placeAll finds each finding of a YAML scalar in the file text, searching
// from the scalar's own line on; findings are in order, so each search
// starts after the previous one.
func placeAll(text *lines, rel string, line int, n *yaml.Node, fs []anon.Finding) []placed {
	from := text.start(line)
	if n.Column > 0 {
		from = min(len(text.text), from+n.Column-1)
	}
	// A scalar spans at most its own lines plus its block indicator's line.
	limit := len(text.text)
	if end := text.start(line + strings.Count(n.Value, "\n") + 2); end > from {
		limit = end
	}
	var out []placed
	for _, f := range fs {
		p := placed{Finding: Finding{File: rel, Line: line, Col: max(n.Column, 1), Kind: f.Kind, Text: f.Text, Reason: f.Reason}, Start: -1, End: -1}
		if i := strings.Index(text.text[from:limit], f.Text); i >= 0 {
			p.Start, p.End = from+i, from+i+len(f.Text)
			p.Line, p.Col = text.at(p.Start)
			from = p.End
		}
		out = append(out, p)
	}
	return out
}
