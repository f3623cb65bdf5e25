package refi

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/residentinsight/insight/internal/safezip"
)

// pkg is an opened project: the .qde's bytes and a way to read the text
// files its sources name. A bare .qde has no files beside it that insight
// will read (its paths point at the machine that wrote it).
type pkg struct {
	file    string // as the user named it, for messages
	qdeName string // entry name in the archive, or file for a bare .qde
	qde     []byte
	zip     *safezip.Archive
	byLower map[string]string // lower-cased entry name -> entry name
}

// limits for a .qdpx: the .qde itself may be large (NVivo writes every
// selection's metadata), the archive as a whole is bounded so a zip bomb is
// refused before anything is inflated.
var qdpxLimits = safezip.Limits{Entries: 100_000, Total: 2 << 30, Entry: maxXMLBytes}

// openPackage opens data as a .qdpx (a zip) or, if it is not one, as a
// bare .qde XML file.
func openPackage(file string, data []byte) (*pkg, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: the file is empty: not a REFI-QDA project", file)
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		if len(data) > maxXMLBytes {
			return nil, fmt.Errorf("%s: %d bytes, more than the %d a project file may hold: refused", file, len(data), maxXMLBytes)
		}
		return &pkg{file: file, qdeName: file, qde: data}, nil
	}
	a, err := safezip.Open(data, qdpxLimits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	p := &pkg{file: file, zip: a, byLower: map[string]string{}}
	var qdes []string
	for _, n := range a.Names() {
		p.byLower[strings.ToLower(n)] = n
		if !strings.Contains(n, "/") && strings.EqualFold(path.Ext(n), ".qde") {
			qdes = append(qdes, n)
		}
	}
	sort.Strings(qdes)
	switch {
	case len(qdes) == 0:
		return nil, fmt.Errorf("%s: no .qde project file at the top of the archive: is it a REFI-QDA .qdpx?", file)
	case len(qdes) > 1:
		// project.qde is the standard's name; any other single one is taken as is.
		qdes = slicesFilter(qdes, func(n string) bool { return strings.EqualFold(n, "project.qde") })
		if len(qdes) != 1 {
			return nil, fmt.Errorf("%s: several .qde files at the top of the archive and none is project.qde: cannot tell which is the project", file)
		}
	}
	p.qdeName = qdes[0]
	if p.qde, err = a.Read(p.qdeName); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

func slicesFilter(s []string, keep func(string) bool) []string {
	var out []string
	for _, x := range s {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// errNoFile says a source's file is not in the package.
var errNoFile = errors.New("not in the archive")

// readSource finds the file a plainTextPath names: internal://NAME is
// Sources/NAME (or sources/NAME); relative:///NAME and a bare name are
// looked for in the archive's sources folder and at its top. Absolute
// paths and anything outside the archive are never read. Names match
// case-insensitively, because GUIDs come in either case.
func (p *pkg) readSource(ref string) ([]byte, error) {
	if p.zip == nil || ref == "" {
		return nil, errNoFile
	}
	name := ref
	for _, prefix := range []string{"internal://", "relative:///", "relative://", "file:///"} {
		if strings.HasPrefix(strings.ToLower(name), prefix) {
			name = name[len(prefix):]
			break
		}
	}
	name = strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/")
	for _, cand := range []string{"sources/" + name, name, "sources/" + path.Base(name)} {
		if real, ok := p.byLower[strings.ToLower(cand)]; ok {
			return p.zip.Read(real)
		}
	}
	return nil, errNoFile
}

// decodeText turns a source file's bytes into text, keeping a byte-order
// mark as U+FEFF so position readings can count it or not. UTF-16 with a
// BOM is converted; invalid UTF-8 bytes become U+FFFD (reported).
func decodeText(b []byte) (s string, note string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		be := b[0] == 0xFE
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			if be {
				u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
			} else {
				u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
			}
		}
		return string(utf16.Decode(u)), "converted from UTF-16"
	case utf8.Valid(b):
		return string(b), ""
	}
	return strings.ToValidUTF8(string(b), "\uFFFD"), "invalid UTF-8 bytes replaced by U+FFFD"
}
