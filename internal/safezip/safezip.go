// Package safezip opens zip archives from untrusted files (.docx, .qdpx)
// with bounds: entry names that could escape a folder are refused, and the
// entry count and total uncompressed size are limited before anything is
// inflated, so a zip bomb is refused at once with its numbers. Reads are
// limited again while inflating, because a header can lie about sizes.
package safezip

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound an archive. Zero values take the defaults.
type Limits struct {
	Entries int    // default 10,000
	Total   uint64 // sum of declared uncompressed sizes; default 1 GiB
	Entry   uint64 // one entry's uncompressed size; default 256 MiB
}

func (l Limits) withDefaults() Limits {
	if l.Entries <= 0 {
		l.Entries = 10_000
	}
	if l.Total == 0 {
		l.Total = 1 << 30
	}
	if l.Entry == 0 {
		l.Entry = 256 << 20
	}
	return l
}

// Archive is an opened, checked zip.
type Archive struct {
	files  map[string]*zip.File
	limits Limits
}

// ErrNotZip says the data is not a zip archive at all.
var ErrNotZip = errors.New("is not a zip archive")

// Open checks every entry's name and the archive's declared sizes.
func Open(data []byte, l Limits) (*Archive, error) {
	l = l.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNotZip, err)
	}
	if len(zr.File) > l.Entries {
		return nil, fmt.Errorf("has %d entries, more than the %d allowed: refused as a possible zip bomb", len(zr.File), l.Entries)
	}
	a := &Archive{files: map[string]*zip.File{}, limits: l}
	var total uint64
	for _, f := range zr.File {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		if f.UncompressedSize64 > l.Entry {
			return nil, fmt.Errorf("entry %q declares %d bytes uncompressed, more than the %d allowed: refused as a possible zip bomb", f.Name, f.UncompressedSize64, l.Entry)
		}
		total += f.UncompressedSize64
		if total > l.Total {
			return nil, fmt.Errorf("declares more than %d bytes uncompressed in %d entries (compressed: %d bytes): refused as a possible zip bomb", l.Total, len(zr.File), len(data))
		}
		a.files[f.Name] = f
	}
	return a, nil
}

// checkName refuses names that could write or read outside a folder.
func checkName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("has an entry with an empty name: refused")
	case strings.Contains(name, `\`):
		return fmt.Errorf("entry %q contains a backslash: refused (zip names use /)", name)
	case strings.HasPrefix(name, "/") || len(name) > 1 && name[1] == ':':
		return fmt.Errorf("entry %q is an absolute path: refused", name)
	case strings.ContainsRune(name, 0):
		return fmt.Errorf("entry %q contains a NUL byte: refused", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return fmt.Errorf("entry %q climbs out of the archive with \"..\": refused", name)
		}
	}
	return nil
}

// Has reports whether the archive holds name.
func (a *Archive) Has(name string) bool { return a.files[name] != nil }

// Names lists the entries.
func (a *Archive) Names() []string {
	out := make([]string, 0, len(a.files))
	for n := range a.files {
		out = append(out, n)
	}
	return out
}

// Read inflates one entry, stopping at its declared size and the per-entry limit.
func (a *Archive) Read(name string) ([]byte, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("has no %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	limit := min(f.UncompressedSize64, a.limits.Entry)
	data, err := io.ReadAll(io.LimitReader(rc, int64(limit)+1))
	if uint64(len(data)) > limit || errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
		// archive/zip itself stops at the declared size with ErrFormat.
		return nil, fmt.Errorf("entry %q does not inflate to its declared %d bytes: refused (a damaged archive or a zip bomb)", name, f.UncompressedSize64)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return data, nil
}
