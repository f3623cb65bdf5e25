// Package paths decides what is inside what on disk once symbolic links
// are resolved, for the commands that write beside a study (build,
// pseudonymise) and must never write into it or delete it.
package paths

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Resolve returns absolute p with every symbolic link in it resolved; the
// end of p that does not exist yet is kept as written. A link to nothing is
// an error: where it leads cannot be checked, and writing through it would
// create its target.
func Resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("cannot check where %s leads: %w", p, err)
		}
		if _, lerr := os.Lstat(p); lerr == nil {
			return "", fmt.Errorf("%s is a link to a missing folder or file; remove it or choose another path", p)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest), nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// Inside reports whether p is dir or under it. Both should be resolved.
func Inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
