// Package themes owns the codebook: the hierarchy of themes with their
// definitions, guidance and auto-coding rules, read from codebook.yaml.
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
