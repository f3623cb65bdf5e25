// Package privacy owns the personal-data guard over a whole study: the scan
// of everything that can reach the site (transcripts minus withdrawn
// participants' words, front matter, unlisted speaker labels, memos, the
// codebook and the study's title), its per-file cache, the reviewer's
// allowlist (anonymisation.yaml), the report check --pii prints, and the
// pseudonymised copy of a study with its key. Package anon finds personal
// data in one text; this package decides what text is scanned, places each
// finding at file:line:col and rewrites the files.
package privacy

import "io/fs"

// AllowlistFile holds a study's reviewed exceptions to the anonymisation guard.
const AllowlistFile = "anonymisation.yaml"

// Source is a study as this package reads it.
type Source struct {
	FS   fs.FS
	Name string // the study as the user named it, for messages
	// Dir is the study folder on disk, "" for a study that is not one (the
	// bundled example): pseudonymise keeps its copy and key out of it.
	Dir string
	// Cache is the folder for cached findings; "" caches nothing.
	Cache string
	// Codings, when set, gives the coders' files a build has read, by
	// path in FS, each with its coding.File Hash; the scan waits for it
	// to key them, and reads only those whose findings it has not kept
	// and whose memo lines it is not given.
	Codings func() map[string]CodingsFile
}

// CodingsFile is a coder's file as a build read it.
type CodingsFile struct {
	Hash string // coding.File.Hash
	// MemoLines is coding.File.MemoLines: when set, a file whose findings
	// are not kept is scanned from it, not read again (a dense study's
	// coders' files are 122 MB, their memo lines a tenth of that).
	MemoLines []byte
}

func joinName(dir, file string) string {
	if dir == "" {
		return file
	}
	return dir + "/" + file
}
