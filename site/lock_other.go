//go:build !unix

package site

import (
	"io/fs"
	"os"
	"time"
)

// lockFile does nothing where there is no flock: see staleLock.
func lockFile(*os.File) error { return nil }

// staleLock, without advisory locks, calls a staging folder stale only when
// its marker is a day old, so it never removes a running build's folder.
func staleLock(_ *os.File, fi fs.FileInfo) bool {
	return time.Since(fi.ModTime()) > 24*time.Hour
}
