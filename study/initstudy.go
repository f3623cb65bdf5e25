package study

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/residentinsight/insight/example"
)

// Init writes a new study folder at dir, seeded from the bundled example,
// so a researcher starts from a study that builds and edits it. It refuses
// a folder that already has files, so nothing is ever overwritten.
func Init(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s already has files; insight init only writes into a new or empty folder", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot use %s: %w", dir, err)
	}
	if err := os.CopyFS(dir, example.Study()); err != nil {
		return fmt.Errorf("init %s: %w", dir, err)
	}
	return nil
}
