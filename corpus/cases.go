package corpus

import (
	"io"
	"io/fs"
	"strings"

	"github.com/residentinsight/insight/diag"
)

// Cases returns the case ids the transcripts' front matter names, reading
// only each file's front matter. It is for commands that need to know the
// study's families without reading its transcripts (`insight query
// contacts`); problems are left to Load, which reports them properly.
func Cases(fsys fs.FS) map[string]bool {
	var ignore diag.List
	out := map[string]bool{}
	for _, p := range transcriptFiles(fsys, func(s string) string { return s }, &ignore) {
		if c := fileCase(fsys, p); c != "" {
			out[c] = true
		}
	}
	return out
}

// fileCase reads the front matter of one transcript: usually the first
// few hundred bytes, so only the head is read unless the front matter is long.
func fileCase(fsys fs.FS, p string) string {
	f, err := fsys.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	head := string(buf[:n])
	if n == len(buf) {
		// Cut at a line end so a character split by the read is not
		// taken for bad UTF-8; read the rest when the front matter may
		// run past the head.
		if i := strings.LastIndexByte(head, '\n'); i > 0 && strings.Contains(head[:i], "\n---") {
			head = head[:i+1]
		} else {
			rest, _ := io.ReadAll(f)
			head += string(rest)
		}
	}
	var ignore diag.List
	text, ok := decodeText(p, []byte(head), &ignore)
	if !ok {
		return ""
	}
	fm, _, _, ok := frontMatter(p, text, &ignore)
	if !ok || fm == "" {
		return ""
	}
	var d Document
	parseFrontMatter(p, fm, &d, &ignore)
	return d.Case
}
