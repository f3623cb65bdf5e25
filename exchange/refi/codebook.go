package refi

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

// MergeReport says what merging a codebook into a study did.
type MergeReport struct {
	File      string
	Added     []string // ids of themes added
	Same      []string // ids already in the codebook with the same name, description and colour
	Conflicts []string // one line per theme whose incoming version differs; the study's is kept
	Sets      int      // code sets in the file, which insight has no place for
}

// Summary is printed at the end of a merge.
func (r *MergeReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "merged %s: %d themes added, %d already there unchanged, %d conflicts (the study's version kept)\n",
		r.File, len(r.Added), len(r.Same), len(r.Conflicts))
	for _, c := range r.Conflicts {
		fmt.Fprintf(&b, "  conflict: %s\n", c)
	}
	if r.Sets > 0 {
		fmt.Fprintf(&b, "not represented in insight, left out: %d sets (groups of codes)\n", r.Sets)
	}
	return b.String()
}

// ReadCodebook reads a .qdc and returns its themes as codebook.yaml would
// hold them, with the number of sets it holds.
func readCodebook(file string, data []byte) (*xCodebook, error) {
	var x xCodebook
	if err := decode(file, data, &x); err != nil {
		return nil, err
	}
	return &x, nil
}

// MergeCodebook adds the codes of a .qdc to dir/codebook.yaml. A theme
// whose id (or name) is already there is left as it is; if the incoming
// one differs, the difference is reported as a conflict. New themes are
// appended at the end of the list, a child with parent: naming its
// parent, so the file's comments, order and layout stay as they were. The
// file is replaced in one rename, and only when the result reads as a
// valid codebook.
func MergeCodebook(file string, data []byte, dir string) (*MergeReport, error) {
	x, err := readCodebook(file, data)
	if err != nil {
		return nil, err
	}
	cbPath := filepath.Join(dir, "codebook.yaml")
	old, err := os.ReadFile(cbPath)
	if err != nil {
		return nil, fmt.Errorf("reading the study's codebook: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(old, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v: fix it (insight check) before merging", cbPath, err)
	}
	list := themeList(&doc)
	if list == nil {
		return nil, fmt.Errorf("%s: no list of themes found (a list, or a mapping with themes:): fix it (insight check) before merging", cbPath)
	}
	m := &merger{rep: &MergeReport{File: file, Sets: len(x.Sets)}, list: list, byID: map[string]*yaml.Node{}, byName: map[string]string{}}
	m.index(list)
	m.merge(x.Codes, "")
	if len(m.rep.Added) == 0 {
		return m.rep, nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if _, probs := themes.Parse(cbPath, b.Bytes()); len(probs.Errors()) > 0 {
		return nil, fmt.Errorf("merging would leave codebook.yaml invalid, so it was not changed: %s", probs.Errors()[0])
	}
	return m.rep, replaceFile(cbPath, b.Bytes())
}

// themeList finds the sequence of themes in a codebook.yaml document.
func themeList(doc *yaml.Node) *yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	switch root.Kind {
	case yaml.SequenceNode:
		return root
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "themes" && root.Content[i+1].Kind == yaml.SequenceNode {
				return root.Content[i+1]
			}
		}
	}
	return nil
}

type merger struct {
	rep    *MergeReport
	list   *yaml.Node
	byID   map[string]*yaml.Node
	byName map[string]string // lower-cased name -> id
}

func (m *merger) index(list *yaml.Node) {
	for _, t := range list.Content {
		if t.Kind != yaml.MappingNode {
			continue
		}
		id := field(t, "id")
		m.byID[id] = t
		m.byName[strings.ToLower(field(t, "name"))] = id
		for i := 0; i+1 < len(t.Content); i += 2 {
			if t.Content[i].Value == "children" && t.Content[i+1].Kind == yaml.SequenceNode {
				m.index(t.Content[i+1])
			}
		}
	}
}

func field(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func (m *merger) merge(codes []xCode, parent string) {
	for _, c := range codes {
		t := codeTheme(c, map[string]bool{}, &Report{})
		id := t.ID
		if _, ok := m.byID[id]; !ok {
			if byName, ok := m.byName[strings.ToLower(t.Name)]; ok {
				id = byName
			}
		}
		if n, ok := m.byID[id]; ok {
			m.compare(id, n, t)
		} else {
			m.add(t, parent)
		}
		m.merge(c.Codes, id)
	}
}

func (m *merger) compare(id string, n *yaml.Node, t *yTheme) {
	var diffs []string
	for _, f := range [][3]string{{"name", field(n, "name"), t.Name}, {"description", field(n, "description"), t.Description}, {"colour", field(n, "colour"), t.Colour}} {
		have, want := strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
		if want != "" && !strings.EqualFold(have, want) {
			diffs = append(diffs, fmt.Sprintf("%s %q in the study, %q in the file", f[0], clip(have), clip(want)))
		}
	}
	if len(diffs) == 0 {
		m.rep.Same = append(m.rep.Same, id)
		return
	}
	m.rep.Conflicts = append(m.rep.Conflicts, id+": "+strings.Join(diffs, "; "))
}

func clip(s string) string {
	s = collapse(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

func (m *merger) add(t *yTheme, parent string) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	put := func(k, v string) {
		if v != "" {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v})
		}
	}
	put("id", t.ID)
	put("name", t.Name)
	put("description", t.Description)
	put("include", t.Include)
	put("exclude", t.Exclude)
	if t.Colour != "" {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "colour"}, &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: t.Colour})
	}
	put("parent", parent)
	if len(m.rep.Added) == 0 {
		n.HeadComment = "Added from " + filepath.Base(m.rep.File) + " by insight import."
	}
	m.list.Content = append(m.list.Content, n)
	m.byID[t.ID] = n
	m.byName[strings.ToLower(t.Name)] = t.ID
	m.rep.Added = append(m.rep.Added, t.ID)
}

// replaceFile writes data beside file and renames it over file.
func replaceFile(file string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if fi, err := os.Stat(file); err == nil {
		os.Chmod(f.Name(), fi.Mode().Perm())
	}
	return os.Rename(f.Name(), file)
}
