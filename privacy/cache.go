package privacy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/residentinsight/insight/diag"
)

// hashAll reads and hashes files on all cores and loads their cache
// entries. Unreadable files are problems; a file that has gone is skipped.
func hashAll(ctx context.Context, fsys fs.FS, cache string, base []byte, files []*piiFile, probs *diag.List) error {
	var mu sync.Mutex
	parallel(len(files), func(i int) {
		if ctx.Err() != nil {
			return
		}
		f := files[i]
		data, err := fs.ReadFile(fsys, f.rel)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				mu.Lock()
				probs.Errorf(f.rel, 0, "cannot be read: %v", err)
				mu.Unlock()
			}
			return
		}
		sum := sha256.Sum256(data)
		f.hash = hex.EncodeToString(sum[:])
		k := sha256.New()
		k.Write(base)
		fmt.Fprintf(k, "%s\x00%s", f.rel, f.hash)
		f.key = hex.EncodeToString(k.Sum(nil))
		f.data = data
		f.hit = readEntry(cache, f.key)
	})
	return ctx.Err()
}

func readEntry(cache, key string) *piiEntry {
	if cache == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(cache, key+".json"))
	if err != nil {
		return nil
	}
	var e piiEntry
	if json.Unmarshal(data, &e) != nil {
		return nil // a damaged entry is a miss, rewritten below
	}
	return &e
}

// writeEntry stores an entry atomically (temp file + rename), so a reader
// never sees half of one. Failing to cache only costs time, so errors are
// reported once by pruneCache rather than here.
func writeEntry(cache, key string, e *piiEntry) {
	if cache == "" {
		return
	}
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	if os.MkdirAll(cache, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(cache, ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(cache, key+".json")) != nil {
		os.Remove(tmp.Name())
	}
}

// pruneCache removes entries no file of the study has any more, so old
// findings do not pile up, and warns when the cache could not be written.
func pruneCache(cache string, files []*piiFile, probs *diag.List) {
	if cache == "" {
		return
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.key+".json"] = true
	}
	entries, err := os.ReadDir(cache)
	if err != nil {
		probs.Warnf(cache, 0, "cannot keep the personal-data cache here (%v); every check will scan the whole study", err)
		return
	}
	stored := 0
	for _, e := range entries {
		if keep[e.Name()] {
			stored++
		} else {
			os.Remove(filepath.Join(cache, e.Name()))
		}
	}
	if stored == 0 && len(files) > 0 {
		probs.Warnf(cache, 0, "cannot write the personal-data cache here; every check will scan the whole study")
	}
}
