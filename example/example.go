// Package example holds the bundled example study, embedded so that `insight build --example` and `insight init` work with nothing to point at.
package example

import (
	"embed"
	"io/fs"
)

// FS is the example study folder as shipped: study/insight.yaml and the rest.
// "all:" keeps files whose names start with "." or "_" should any be added.
//
//go:embed all:study
var FS embed.FS

// Study returns the example study with its folder as the root, laid out
// exactly like a study folder on disk.
func Study() fs.FS {
	sub, err := fs.Sub(FS, "study")
	if err != nil {
		// fs.Sub fails only on an invalid path; "study" is a constant.
		panic(err)
	}
	return sub
}
