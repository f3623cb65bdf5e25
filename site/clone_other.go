//go:build !linux

package site

import (
	"errors"
	"os"
)

// clone is not tried here: the caller copies.
func clone(dst, src *os.File) error { return errors.New("no copy-on-write clone on this system") }
