package corpus

import (
	"fmt"
	"strings"

	"github.com/residentinsight/insight/diag"
	"gopkg.in/yaml.v3"
)

// ParseConfig reads insight.yaml. Every problem is reported with its line;
// unknown keys are errors because a misspelt key would otherwise be
// silently ignored.
func ParseConfig(file string, data []byte) (Config, diag.List) {
	var cfg Config
	var probs diag.List
	data = trimBOM(data)
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlError(err)
		probs.Errorf(file, line, "not valid YAML: %s", msg)
		return cfg, probs
	}
	titleLine := 1
	if len(root.Content) > 0 {
		m := root.Content[0]
		if m.Kind != yaml.MappingNode {
			probs.Errorf(file, m.Line, "must be `key: value` settings such as `title: Housing repairs study`")
			return cfg, probs
		}
		d := yamlDecoder{file: file, probs: &probs}
		d.mapping(m, "", map[string]func(*yaml.Node){
			"title":        func(v *yaml.Node) { titleLine = v.Line; d.text(v, "title", &cfg.Title) },
			"description":  func(v *yaml.Node) { d.text(v, "description", &cfg.Description) },
			"facilitators": func(v *yaml.Node) { d.list(v, "facilitators", &cfg.Facilitators) },
			"attributes":   func(v *yaml.Node) { d.list(v, "attributes", &cfg.Attributes) },
			"auto": func(v *yaml.Node) {
				d.text(v, "auto", &cfg.Auto)
				if cfg.Auto != "" && cfg.Auto != "suggest" && cfg.Auto != "evidence" {
					probs.Errorf(file, v.Line, "auto must be suggest (keyword matches are suggestions until a person accepts them) or evidence (they count), not %q", cfg.Auto)
					cfg.Auto = ""
				}
			},
			// journey: is read by package journey, which reports its own lines.
			"journey": func(v *yaml.Node) { cfg.Journey = v },
			"vocabulary": func(v *yaml.Node) {
				if v.Kind != yaml.MappingNode {
					if !isNull(v) {
						probs.Errorf(file, v.Line, "vocabulary must be a mapping with places:, agencies: and pseudonyms: lists")
					}
					return
				}
				d.mapping(v, "vocabulary.", map[string]func(*yaml.Node){
					"places":     func(v *yaml.Node) { d.list(v, "vocabulary.places", &cfg.Vocabulary.Places) },
					"agencies":   func(v *yaml.Node) { d.list(v, "vocabulary.agencies", &cfg.Vocabulary.Agencies) },
					"pseudonyms": func(v *yaml.Node) { d.list(v, "vocabulary.pseudonyms", &cfg.Vocabulary.Pseudonyms) },
				})
			},
		})
	}
	if strings.TrimSpace(cfg.Title) == "" {
		probs.Errorf(file, titleLine, "title is required: add a line such as `title: Housing repairs study`")
	}
	for i, a := range cfg.Attributes {
		cfg.Attributes[i] = strings.ToLower(strings.TrimSpace(a))
	}
	return cfg, probs
}

func trimBOM(data []byte) []byte {
	if len(data) >= 3 && string(data[:3]) == utf8BOM {
		return data[3:]
	}
	return data
}

// yamlDecoder walks a yaml.Node tree reporting problems with their lines.
type yamlDecoder struct {
	file  string
	probs *diag.List
}

// mapping calls the field function for each key of m; unknown and repeated
// keys are errors.
func (d yamlDecoder) mapping(m *yaml.Node, prefix string, fields map[string]func(*yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		f, ok := fields[k.Value]
		if !ok {
			d.probs.Errorf(d.file, k.Line, "unknown key %q; known keys are %s", prefix+k.Value, knownKeys(prefix, fields))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.probs.Errorf(d.file, k.Line, "key %q is repeated (first on line %d): keep one", prefix+k.Value, prev)
			continue
		}
		seen[k.Value] = k.Line
		f(v)
	}
}

func knownKeys(prefix string, fields map[string]func(*yaml.Node)) string {
	// Listed in the order they appear in insight.yaml's documentation.
	order := []string{"title", "description", "facilitators", "attributes", "auto", "vocabulary", "places", "agencies", "pseudonyms", "journey"}
	var out []string
	for _, k := range order {
		if _, ok := fields[k]; ok {
			out = append(out, prefix+k)
		}
	}
	return strings.Join(out, ", ")
}

func isNull(v *yaml.Node) bool { return v.Kind == yaml.ScalarNode && v.Tag == "!!null" }

func (d yamlDecoder) text(v *yaml.Node, key string, dst *string) {
	if v.Kind != yaml.ScalarNode {
		d.probs.Errorf(d.file, v.Line, "%s must be text, not a %s", key, kindName(v))
		return
	}
	if !isNull(v) {
		*dst = v.Value
	}
}

func (d yamlDecoder) list(v *yaml.Node, key string, dst *[]string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.probs.Errorf(d.file, v.Line, "%s must be a list, e.g. `%s: [first, second]`", key, key[strings.LastIndexByte(key, '.')+1:])
		return
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) || strings.TrimSpace(item.Value) == "" {
			d.probs.Errorf(d.file, item.Line, "each entry of %s must be a non-empty name", key)
			continue
		}
		*dst = append(*dst, strings.TrimSpace(item.Value))
	}
}

func kindName(v *yaml.Node) string {
	switch v.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return fmt.Sprint("YAML node kind ", v.Kind)
}
