package refi

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func participantsCSV(ids, cols []string, rows []map[string]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append([]string{"id"}, cols...))
	for i, id := range ids {
		rec := []string{id}
		for _, c := range cols {
			rec = append(rec, rows[i][c])
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// Write puts the imported study at dir, which must not exist yet (or be
// an empty folder). The files go to a temporary folder beside dir that is
// renamed into place, so a failed import leaves nothing behind.
func (im *Imported) Write(dir string) error {
	if fi, err := os.Stat(dir); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a folder: choose another --out", dir)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		if len(entries) > 0 {
			return fmt.Errorf("%s is not empty: import writes a new study; choose another --out (to add a codebook to a study, use --into)", dir)
		}
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".import-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	names := make([]string, 0, len(im.Files))
	for n := range im.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.Contains(n, "..") || filepath.IsAbs(n) {
			return fmt.Errorf("internal: refusing to write %q", n)
		}
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, im.Files[n], 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", n, err)
		}
	}
	// A study always has a transcripts folder, even when no source had text.
	if err := os.MkdirAll(filepath.Join(tmp, "transcripts"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".gitignore"), []byte(".insight/\ninsight-site/\n"), 0o644); err != nil {
		return err
	}
	os.Remove(dir) // an empty folder; Rename cannot replace it
	return os.Rename(tmp, dir)
}
