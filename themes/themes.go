// Package themes owns the codebook: the hierarchy of themes with their
// definitions, guidance and auto-coding rules, read from codebook.yaml, and
// the word splitting and stemming that keyword rules are matched with
// (Words, Stem, Theme.KeywordStems), so every package matches alike.
//
// codebook.yaml is either a list of themes or a mapping whose only key,
// themes:, holds that list. Each theme is a mapping with these keys:
//
//	id           required; a slug: lower-case letters, digits, single hyphens
//	name         required; the label readers see
//	description, include, exclude   text guidance for coders
//	examples     list of text
//	colour       "#rgb" or "#rrggbb", quoted (unquoted, # starts a YAML comment).
//	             Default: roots take the Okabe–Ito palette by position among
//	             roots; a child takes its parent's colour lightened.
//	keywords     list of words or phrases: case-insensitive, whole words,
//	             inflections forgiven by the Porter stemmer (see Words)
//	patterns     list of Go regular expressions, compiled as written: add
//	             (?i) yourself for case-insensitive matching
//	auto         "suggest" (the default) or "evidence": whether this theme's
//	             keyword and pattern hits count as evidence before a person
//	             accepts them; children inherit it (see AutoEvidence)
//	kind         "finding" (the default) or "category": a category branch
//	             (agencies, presenting problems) is shown apart from findings
//	children     list of themes nested under this one
//	parent       id of the parent: an alternative to nesting for long flat
//	             codebooks; a nested theme may not also have one
//
// A parent's counts include its children's (see Codebook.SelfAndAncestors).
package themes

import "regexp"

// Theme is one code in the codebook.
type Theme struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Include     string   `yaml:"include"`
	Exclude     string   `yaml:"exclude"`
	Examples    []string `yaml:"examples"`
	Colour      string   `yaml:"colour"`
	Keywords    []string `yaml:"keywords"`
	Patterns    []string `yaml:"patterns"`
	Auto        string   `yaml:"auto"` // "", AutoSuggest or AutoEvidence
	Kind        string   `yaml:"kind"` // "", KindFinding or KindCategory

	Parent   *Theme           `yaml:"-"`
	Children []*Theme         `yaml:"-"`
	Depth    int              `yaml:"-"` // 0 for a top-level theme
	Line     int              `yaml:"-"` // line of the theme in codebook.yaml
	Regexps  []*regexp.Regexp `yaml:"-"` // compiled Patterns
}

// Values of a theme's auto: key (and of insight.yaml's).
const (
	AutoSuggest  = "suggest"  // rule hits are suggestions until a person accepts them
	AutoEvidence = "evidence" // rule hits count as evidence, and counts say so
)

// Values of a theme's kind: key.
const (
	KindFinding  = "finding"
	KindCategory = "category"
)

// AutoEvidence reports whether keyword and pattern hits for t count as
// evidence: t's own auto: setting, else its nearest ancestor's, else
// studyDefault (insight.yaml's auto: evidence).
func (t *Theme) AutoEvidence(studyDefault bool) bool {
	for u := t; u != nil; u = u.Parent {
		switch u.Auto {
		case AutoEvidence:
			return true
		case AutoSuggest:
			return false
		}
	}
	return studyDefault
}

// IsCategory reports whether t sits in a branch marked kind: category
// (itself or an ancestor).
func (t *Theme) IsCategory() bool {
	for u := t; u != nil; u = u.Parent {
		if u.Kind == KindCategory {
			return true
		}
		if u.Kind == KindFinding {
			return false
		}
	}
	return false
}

// Codebook is a loaded, validated codebook.
type Codebook struct {
	File  string   // path used in messages
	Roots []*Theme // top-level themes in file order
	All   []*Theme // every theme, depth-first in file order
	byID  map[string]*Theme
}

// Lookup returns the theme with the given id, or nil.
func (c *Codebook) Lookup(id string) *Theme { return c.byID[id] }
