package themes

// IDs returns every theme id in codebook order (depth-first, file order).
func (c *Codebook) IDs() []string {
	ids := make([]string, len(c.All))
	for i, t := range c.All {
		ids[i] = t.ID
	}
	return ids
}

// Ancestors returns the ids of the theme's ancestors, nearest first, without
// the theme itself. It returns nil for an unknown id or a root.
func (c *Codebook) Ancestors(id string) []string {
	t := c.Lookup(id)
	if t == nil {
		return nil
	}
	var out []string
	for p := t.Parent; p != nil; p = p.Parent {
		out = append(out, p.ID)
	}
	return out
}

// SelfAndAncestors returns id followed by its ancestors, nearest first: the
// themes whose counts a code for id adds to. It returns nil for an unknown id.
func (c *Codebook) SelfAndAncestors(id string) []string {
	if c.Lookup(id) == nil {
		return nil
	}
	return append([]string{id}, c.Ancestors(id)...)
}

// Descendants returns the ids of every theme below id, depth-first in file
// order, without id itself. It returns nil for an unknown id or a leaf.
func (c *Codebook) Descendants(id string) []string {
	t := c.Lookup(id)
	if t == nil {
		return nil
	}
	var out []string
	var walk func(*Theme)
	walk = func(t *Theme) {
		for _, ch := range t.Children {
			out = append(out, ch.ID)
			walk(ch)
		}
	}
	walk(t)
	return out
}

// IsAncestor reports whether a is a proper ancestor of b (a theme is not its
// own ancestor). Unknown ids are nobody's ancestors.
func (c *Codebook) IsAncestor(a, b string) bool {
	t := c.Lookup(b)
	if t == nil {
		return false
	}
	for p := t.Parent; p != nil; p = p.Parent {
		if p.ID == a {
			return true
		}
	}
	return false
}

// Suggest returns the codebook id closest to id, for "unknown theme"
// messages, or "" when none is close enough to be a likely typo. Spaces,
// underscores and capitals are forgiven first, so "Perverse Incentives"
// suggests "perverse-incentives".
func (c *Codebook) Suggest(id string) string {
	return closest(id, c.IDs())
}
