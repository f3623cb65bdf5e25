package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// theme is one generated codebook theme.
type theme struct {
	id       string
	name     string
	c        concept
	root     int // index into tree
	depth    int
	tint     int // position among its root's descendants, for the colour
	children []int
}

// buildThemes lays out n themes as up to eight roots whose children are
// dealt round-robin, so every size gives a balanced tree. A root's first
// three children hang from it directly; later ones nest under those, so
// the hierarchy is three deep and "a parent's counts include its
// children's" is exercised beyond one level. Beyond the 40 concepts the
// generator knows, concepts repeat with a numeric suffix on the id (their
// keywords repeat too, so both themes fire on the same words).
// The result is in codebook file order: depth-first, children after parent.
func buildThemes(n int) []theme {
	roots := min(n, len(tree))
	type node struct {
		c           concept
		root, depth int
		tint, copyN int
		children    []int
	}
	nodes := make([]node, 0, n)
	firstChild := make([][]int, roots) // node indexes of each root's direct children
	for r := 0; r < roots; r++ {
		nodes = append(nodes, node{c: tree[r][0], root: r})
	}
	for k := 0; k < n-roots; k++ {
		r, c := k%roots, k/roots
		kids := len(tree[r]) - 1
		nd := node{c: tree[r][1+c%kids], root: r, tint: c + 1, copyN: c / kids}
		parent := r
		if c >= 3 {
			parent = firstChild[r][(c-3)%3]
		}
		nd.depth = nodes[parent].depth + 1
		nodes = append(nodes, nd)
		nodes[parent].children = append(nodes[parent].children, len(nodes)-1)
		if c < 3 {
			firstChild[r] = append(firstChild[r], len(nodes)-1)
		}
	}

	out := make([]theme, 0, n)
	var walk func(i int) int
	walk = func(i int) int {
		nd := nodes[i]
		at := len(out)
		slug, name := nd.c.slug, nd.c.name
		if nd.copyN > 0 {
			slug += "-" + strconv.Itoa(nd.copyN+1)
			name += " " + strconv.Itoa(nd.copyN+1)
		}
		out = append(out, theme{id: fmt.Sprintf("t%02d-%s", at+1, slug), name: name, c: nd.c, root: nd.root, depth: nd.depth, tint: nd.tint})
		for _, ch := range nd.children {
			out[at].children = append(out[at].children, walk(ch))
		}
		return at
	}
	for r := 0; r < roots; r++ {
		walk(r)
	}
	return out
}

// colour is the root's colour, lightened for deeper and later themes.
func (t theme) colour() string {
	rgb := rootColours[t.root%len(rootColours)]
	f := min(0.75, 0.15*float64(t.depth)+0.08*float64(t.tint%5))
	var b strings.Builder
	b.WriteByte('#')
	for _, c := range rgb {
		fmt.Fprintf(&b, "%02x", int(float64(c)+(255-float64(c))*f))
	}
	return b.String()
}

// codebookYAML writes the themes as codebook.yaml with nested children.
func codebookYAML(ts []theme) []byte {
	var b strings.Builder
	b.WriteString("# Synthetic codebook written by internal/synth. Keywords fire on the\n")
	b.WriteString("# generator's theme phrases, a few percent of sentences per theme.\n")
	b.WriteString("themes:\n")
	var write func(i int, indent string)
	write = func(i int, indent string) {
		t := ts[i]
		fmt.Fprintf(&b, "%s- id: %s\n", indent, t.id)
		in := indent + "  "
		fmt.Fprintf(&b, "%sname: %s\n", in, strconv.Quote(t.name))
		fmt.Fprintf(&b, "%sdescription: %s\n", in, strconv.Quote(t.c.desc))
		fmt.Fprintf(&b, "%sexamples: [%s]\n", in, strconv.Quote(t.c.clauses[0]))
		fmt.Fprintf(&b, "%scolour: %q\n", in, t.colour())
		fmt.Fprintf(&b, "%skeywords: [%s]\n", in, quoteList(t.c.keywords))
		if len(t.children) > 0 {
			fmt.Fprintf(&b, "%schildren:\n", in)
			for _, ch := range t.children {
				write(ch, in+"  ")
			}
		}
	}
	for i, t := range ts {
		if t.depth == 0 {
			write(i, "  ")
		}
	}
	return []byte(b.String())
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
