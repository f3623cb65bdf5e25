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

	Parent   *Theme           `yaml:"-"`
	Children []*Theme         `yaml:"-"`
	Depth    int              `yaml:"-"` // 0 for a top-level theme
	Line     int              `yaml:"-"` // line of the theme in codebook.yaml
	Regexps  []*regexp.Regexp `yaml:"-"` // compiled Patterns
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
