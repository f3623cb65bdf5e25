package site

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdown renders the study's and codebook's prose. goldmark's defaults
// are kept on purpose: raw HTML is omitted and dangerous link targets
// (javascript: and the like) are dropped, so codebook text cannot script
// the site.
type markdown struct{ md goldmark.Markdown }

func newMarkdown() markdown { return markdown{goldmark.New()} }

// render converts Markdown to HTML. Images become links to their target:
// an <img> would make the browser fetch it, and the site must make no
// external request.
func (m markdown) render(src string) (template.HTML, error) {
	if src == "" {
		return "", nil
	}
	b := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(b))
	var imgs []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			imgs = append(imgs, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range imgs {
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
	var out bytes.Buffer
	if err := m.md.Renderer().Render(&out, b, doc); err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	// goldmark escapes text and omits raw HTML, so its output is trusted here.
	return template.HTML(out.String()), nil
}
