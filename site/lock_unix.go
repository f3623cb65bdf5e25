//go:build unix

package site

import (
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes an advisory lock on a staging folder's marker, held while
// the build runs, so removeStale in another build leaves the folder alone.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// staleLock reports whether no running build holds the marker's lock. The
// lock it takes to find out goes when the caller closes f.
func staleLock(f *os.File, _ fs.FileInfo) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
