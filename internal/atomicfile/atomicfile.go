// Package atomicfile writes a file whole or not at all: through a temporary
// file in the same folder (named .tmp-<digits>, which the caches' pruning
// recognises) and a rename, so a crash or a concurrent reader never sees
// half of it. The caches under .insight and the index's state write this way.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a file being written: nothing is at its path until Commit.
type File struct {
	*os.File
	path string
	done bool
}

// Create starts writing path, creating its folder when missing.
func Create(path string) (*File, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &File{File: f, path: path}, nil
}

// Commit closes the file and puts it at its path, replacing what was
// there. On error nothing has changed at the path and the temporary file
// is gone.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("writing %s: already finished", f.path)
	}
	f.done = true
	err := f.File.Close()
	if err == nil {
		err = os.Rename(f.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", f.path, err)
	}
	return nil
}

// Abort discards the file; after Commit it does nothing.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
}

// Write creates or replaces path with what write writes, creating its
// folder when missing. On any error nothing is left at path that was not
// there before, and the temporary file is removed.
func Write(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path string, data ...[]byte) error {
	return Write(path, func(w io.Writer) error {
		for _, d := range data {
			if _, err := w.Write(d); err != nil {
				return err
			}
		}
		return nil
	})
}
