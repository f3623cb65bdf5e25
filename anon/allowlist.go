package anon

import (
	"path"
	"strings"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// AllowEntry is one reviewed exception in anonymisation.yaml: either a text
// allowed anywhere, or one finding in one file (and line, if given).
type AllowEntry struct {
	Text string
	File string // slash path relative to the study folder; "" means any file
	Line int    // 1-based line in File; 0 means any line
	Kind Kind   // "" means any kind
	Note string
	At   int // line of the entry in anonymisation.yaml
}

// Allowlist is the study's reviewed exceptions, read from anonymisation.yaml.
type Allowlist struct {
	Entries []AllowEntry
}

var allowKeys = map[string]bool{"text": true, "file": true, "line": true, "kind": true, "note": true}

// LoadAllowlist reads anonymisation.yaml. file names it in messages. Every
// problem is reported, each with its line.
func LoadAllowlist(file string, data []byte) (*Allowlist, diag.List) {
	var probs diag.List
	a := &Allowlist{}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		probs.Errorf(file, yamlErrLine(err), "cannot read the allowlist: %v; it must be YAML with a top-level \"allow:\" list", cleanYAMLErr(err))
		return a, probs
	}
	if len(doc.Content) == 0 {
		return a, nil // empty file: nothing allowed
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		probs.Errorf(file, root.Line, "the allowlist must be a mapping with an \"allow:\" list")
		return a, probs
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "allow" {
			probs.Errorf(file, k.Line, "unknown key %q; the only top-level key is \"allow\"", k.Value)
			continue
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			probs.Errorf(file, v.Line, "\"allow\" must be a list of entries, each starting with \"- text:\"")
			continue
		}
		for _, item := range v.Content {
			if e, ok := readEntry(file, item, &probs); ok {
				a.Entries = append(a.Entries, e)
			}
		}
	}
	return a, probs
}

func readEntry(file string, n *yaml.Node, probs *diag.List) (AllowEntry, bool) {
	e := AllowEntry{At: n.Line}
	if n.Kind != yaml.MappingNode {
		probs.Errorf(file, n.Line, "an allow entry must be a mapping like {text: \"Marsh End\"} or {file: ..., line: ..., text: ..., kind: ...}")
		return e, false
	}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !allowKeys[k.Value] {
			probs.Errorf(file, k.Line, "unknown key %q in allow entry; use text, file, line, kind or note", k.Value)
			ok = false
			continue
		}
		if v.Kind != yaml.ScalarNode {
			probs.Errorf(file, v.Line, "%q must be a single value", k.Value)
			ok = false
			continue
		}
		switch k.Value {
		case "text":
			e.Text = strings.TrimSpace(v.Value)
		case "file":
			e.File = path.Clean(strings.ReplaceAll(strings.TrimSpace(v.Value), "\\", "/"))
		case "line":
			if err := v.Decode(&e.Line); err != nil || e.Line < 1 {
				probs.Errorf(file, v.Line, "line must be a positive whole number, not %q", v.Value)
				ok = false
			}
		case "kind":
			kind, known := ParseKind(v.Value)
			if !known {
				probs.Errorf(file, v.Line, "unknown kind %q; use one of %s", v.Value, kindList())
				ok = false
			}
			e.Kind = kind
		case "note":
			e.Note = v.Value
		}
	}
	if e.Text == "" {
		probs.Errorf(file, n.Line, "allow entry has no text; give the exact text that was reviewed, e.g. text: \"Marsh End\"")
		ok = false
	}
	if e.Line > 0 && e.File == "" {
		probs.Errorf(file, n.Line, "allow entry gives a line but no file; add file: transcripts/...")
		ok = false
	}
	return e, ok
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// yamlErrLine digs the line out of a yaml.v3 error ("yaml: line 3: ...").
func yamlErrLine(err error) int {
	msg := err.Error()
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range msg[i+5:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
		if n > 1<<30 {
			return 0
		}
	}
	return n
}

func cleanYAMLErr(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "line ") && i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// Allows reports whether a reviewer has allowed finding f on line of file.
// Text is compared case-insensitively with spaces collapsed, since the
// reviewer types it by hand.
func (a *Allowlist) Allows(file string, line int, f Finding) bool {
	if a == nil {
		return false
	}
	text := normText(f.Text)
	file = path.Clean(file)
	for _, e := range a.Entries {
		if normText(e.Text) != text {
			continue
		}
		if e.File != "" && e.File != file || e.Line != 0 && e.Line != line || e.Kind != "" && e.Kind != f.Kind {
			continue
		}
		return true
	}
	return false
}

func normText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
