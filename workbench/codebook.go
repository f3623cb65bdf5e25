package workbench

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/themes"
	"gopkg.in/yaml.v3"
)

// loadCodebook returns the codebook as it is on disk now (another server
// may have added a theme), re-reading it only when the file changed.
func (s *Server) loadCodebook() (*themes.Codebook, error) {
	fi, err := os.Stat(s.st.CodebookFile)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.codebook != nil && fi.ModTime().Equal(s.cbTime) && fi.Size() == s.cbSize {
		return s.codebook, nil
	}
	data, err := os.ReadFile(s.st.CodebookFile)
	if err != nil {
		return nil, err
	}
	cb, probs := themes.Parse(s.st.CodebookFile, data)
	if cb == nil || probs.HasErrors() {
		return nil, fail(http.StatusConflict, "%s has errors now; run insight check: %v", s.st.CodebookFile, probs.Errors())
	}
	s.codebook, s.cbTime, s.cbSize = cb, fi.ModTime(), fi.Size()
	return cb, nil
}

type themeReq struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Parent      string `json:"parent"`
	Description string `json:"description"`
}

func (s *Server) addTheme(w http.ResponseWriter, r *http.Request) {
	var req themeReq
	if err := decode(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	err := coding.EditFile(s.st.CodebookFile, func(old []byte) ([]byte, error) {
		return AddTheme(s.st.CodebookFile, old, req.ID, req.Name, req.Parent, req.Description)
	})
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, map[string]string{"id": req.ID})
}

// AddTheme returns codebook data with a new theme appended to its list of
// themes, under parent by a parent: key (so no existing entry moves), with
// every comment and the order of the rest kept. The result must parse
// without errors and hold the theme, or nothing is written.
func AddTheme(file string, data []byte, id, name, parent, description string) ([]byte, error) {
	id, name, parent, description = strings.TrimSpace(id), strings.TrimSpace(name), strings.TrimSpace(parent), strings.TrimSpace(description)
	if id == "" || name == "" {
		return nil, fail(http.StatusBadRequest, "a new theme needs an id and a name")
	}
	before, probs := themes.Parse(file, data)
	if before == nil || probs.HasErrors() {
		return nil, fail(http.StatusConflict, "%s has errors; fix them first (insight check)", file)
	}
	if before.Lookup(id) != nil {
		return nil, fail(http.StatusConflict, "theme %q is already in the codebook", id)
	}
	if parent != "" && before.Lookup(parent) == nil {
		return nil, fail(http.StatusBadRequest, "no parent theme %q", parent)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fail(http.StatusConflict, "%s cannot be read as YAML", file)
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(list.Content); i += 2 {
			if list.Content[i].Value == "themes" {
				list = list.Content[i+1]
			}
		}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fail(http.StatusConflict, "%s has no list of themes", file)
	}
	str := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
	th := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	th.Content = append(th.Content, str("id"), str(id), str("name"), str(name))
	if parent != "" {
		th.Content = append(th.Content, str("parent"), str(parent))
	}
	if description != "" {
		th.Content = append(th.Content, str("description"), str(description))
	}
	note := "Added in the workbench " + time.Now().UTC().Format("2006-01-02") + "."
	out, err := appendText(data, list, th, note)
	if err == nil && added(file, out, id, len(before.All)) {
		return out, nil
	}
	// The list is not at the end of the file: re-encode the document. Its
	// comments and order are kept, but long folded text may be re-wrapped.
	th.HeadComment = note
	list.Content = append(list.Content, th)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	enc.Close()
	after, probs := themes.Parse(file, buf.Bytes())
	if after == nil || probs.HasErrors() {
		return nil, fail(http.StatusBadRequest, "the new theme is not valid: %v", probs.Errors())
	}
	if after.Lookup(id) == nil {
		return nil, fail(http.StatusBadRequest, "the new theme is not valid")
	}
	return buf.Bytes(), nil
}

// appendText adds the theme th as the last item of list by appending text
// to data, so every existing byte of the codebook stays as it was. It works
// when list is the last thing in the file, as in a codebook that is a list
// of themes or ends with its themes: key.
func appendText(data []byte, list, th *yaml.Node, note string) ([]byte, error) {
	if list.Style&yaml.FlowStyle != 0 || len(list.Content) == 0 {
		return nil, errors.New("not a block list")
	}
	last := list.Content[len(list.Content)-1]
	dash := last.Column - 3 // spaces before "- "
	if last.Kind != yaml.MappingNode || dash < 0 {
		return nil, errors.New("unexpected list item")
	}
	item, err := yaml.Marshal(th)
	if err != nil {
		return nil, err
	}
	pad := strings.Repeat(" ", dash)
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	b.WriteString("\n" + pad + "# " + note + "\n")
	for i, line := range strings.Split(strings.TrimRight(string(item), "\n"), "\n") {
		if i == 0 {
			b.WriteString(pad + "- " + line + "\n")
		} else {
			b.WriteString(pad + "  " + line + "\n")
		}
	}
	return b.Bytes(), nil
}

// added reports whether data parses cleanly with one theme more than n,
// id among them.
func added(file string, data []byte, id string, n int) bool {
	cb, probs := themes.Parse(file, data)
	return cb != nil && !probs.HasErrors() && cb.Lookup(id) != nil && len(cb.All) == n+1
}
