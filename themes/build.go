package themes

import (
	"fmt"
	"strings"
)

// build turns the themes as read into the hierarchy, reporting duplicate
// ids, unknown parents, conflicting nesting and cycles.
func (p *parser) build() *Codebook {
	cb := &Codebook{File: p.file, byID: map[string]*Theme{}}
	byID := map[string]*rawTheme{}
	for _, rt := range p.themes {
		if rt.dropped {
			continue
		}
		if first, ok := byID[rt.t.ID]; ok {
			p.probs.Errorf(p.file, rt.t.Line, "duplicate theme id %q: also used by the theme at line %d; ids must be unique", rt.t.ID, first.t.Line)
			rt.dropped = true
			continue
		}
		byID[rt.t.ID] = rt
	}

	parent := map[*rawTheme]*rawTheme{}
	for _, rt := range p.themes {
		if rt.dropped {
			continue
		}
		nest := rt.nestedIn
		for nest != nil && nest.dropped {
			nest = nest.nestedIn
		}
		switch {
		case rt.nestedIn != nil && rt.parentID != "":
			p.errAt(rt.parentNode, "theme %q is nested under children: of the theme at line %d and also has parent: %q; use one or the other", rt.t.ID, rt.nestedIn.t.Line, rt.parentID)
			if nest != nil {
				parent[rt] = nest
			}
		case nest != nil:
			parent[rt] = nest
		case rt.parentID != "":
			par, ok := byID[rt.parentID]
			if !ok {
				p.errAt(rt.parentNode, "theme %q has unknown parent %q%s", rt.t.ID, rt.parentID, hint(rt.parentID, p.keptIDs(rt)))
				continue
			}
			parent[rt] = par
		}
	}
	p.breakCycles(parent)

	for _, rt := range p.themes {
		if rt.dropped {
			continue
		}
		if par := parent[rt]; par != nil {
			par.t.Children = append(par.t.Children, rt.t)
			rt.t.Parent = par.t
		} else {
			cb.Roots = append(cb.Roots, rt.t)
		}
	}
	for i, root := range cb.Roots {
		if root.Colour == "" {
			root.Colour = palette[i%len(palette)]
		}
		cb.walk(root, 0)
	}
	return cb
}

// walk adds t and its descendants to All, depth-first, giving each its
// depth and, when it has none, a colour derived from its parent's.
func (c *Codebook) walk(t *Theme, depth int) {
	t.Depth = depth
	if t.Colour == "" && t.Parent != nil {
		t.Colour = lighten(t.Parent.Colour)
	}
	c.All = append(c.All, t)
	c.byID[t.ID] = t
	for _, ch := range t.Children {
		c.walk(ch, depth+1)
	}
}

// breakCycles reports every cycle in parent and breaks it by removing the
// parent: link of its first member in the file. Nesting alone cannot make a
// cycle, so every cycle holds at least one parent: key.
func (p *parser) breakCycles(parent map[*rawTheme]*rawTheme) {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*rawTheme]int{}
	for _, start := range p.themes {
		var path []*rawTheme
		n := start
		for n != nil && state[n] == unseen {
			state[n] = onPath
			path = append(path, n)
			n = parent[n]
		}
		if n != nil && state[n] == onPath {
			var cycle []*rawTheme
			for i := range path {
				if path[i] == n {
					cycle = path[i:]
					break
				}
			}
			p.reportCycle(cycle, parent)
		}
		for _, m := range path {
			state[m] = done
		}
	}
}

func (p *parser) reportCycle(cycle []*rawTheme, parent map[*rawTheme]*rawTheme) {
	var first *rawTheme
	for _, m := range cycle {
		if m.parentID != "" && (first == nil || m.seq < first.seq) {
			first = m
		}
	}
	if first == nil { // cannot happen: nesting is a tree
		first = cycle[0]
	}
	names := []string{first.t.ID}
	for m := parent[first]; m != first; m = parent[m] {
		names = append(names, m.t.ID)
	}
	names = append(names, first.t.ID)
	if len(cycle) == 1 {
		p.errAt(first.parentNode, "theme %q names itself as its parent; remove parent: or name another theme", first.t.ID)
	} else {
		p.errAt(first.parentNode, "parent cycle: %s (each theme's parent is the next); a theme cannot sit under its own descendant", strings.Join(names, " → "))
	}
	parent[first] = nil
}

// keptIDs lists the ids of the themes kept so far but not self, in file
// order, so that suggestions are deterministic.
func (p *parser) keptIDs(self *rawTheme) []string {
	var ids []string
	for _, rt := range p.themes {
		if !rt.dropped && rt != self {
			ids = append(ids, rt.t.ID)
		}
	}
	return ids
}

// palette is the Okabe–Ito colour-blind-safe palette without black, so that
// roots stay distinguishable for readers with colour-vision deficiency.
var palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442"}

// expandColour turns #rgb or #rrggbb into lower-case #rrggbb.
func expandColour(s string) string {
	s = strings.ToLower(s)
	if len(s) == 4 {
		return string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return s
}

// lighten mixes a #rrggbb colour a quarter of the way towards white, so a
// child reads as a paler shade of its parent.
func lighten(c string) string {
	var r, g, b int
	if _, err := fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return c
	}
	mix := func(v int) int { return v + (255-v)/4 }
	return fmt.Sprintf("#%02x%02x%02x", mix(r), mix(g), mix(b))
}
