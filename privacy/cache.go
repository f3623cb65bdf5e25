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
	"regexp"
	"sync"

	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/internal/packcache"
	"github.com/residentinsight/insight/internal/parallel"
)

// hashAll reads and hashes files on all cores and loads their cache
// entries. Unreadable files are problems; a file that has gone is skipped.
// A file whose hash is known (one build has read) is read only when its
// entry is missing, and then keyed by the bytes read, which are scanned;
// or, when build gave what it keeps of them, not read at all.
func hashAll(ctx context.Context, fsys fs.FS, cache *packcache.Cache, base []byte, files []*piiFile, probs *diag.List) error {
	var mu sync.Mutex
	parallel.Each(len(files), func(i int) {
		if ctx.Err() != nil {
			return
		}
		f := files[i]
		if f.known != "" { // read already, by build: only a miss reads it again
			f.hash, f.key = f.known, entryKey(base, f.rel, f.known)
			if f.hit = readEntry(cache, f.key); f.hit != nil {
				return
			}
			if f.given != nil {
				f.data, f.given = f.given, nil
				return
			}
		}
		data, err := fs.ReadFile(fsys, f.rel)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				mu.Lock()
				probs.Errorf(f.rel, 0, "cannot be read: %v", err)
				mu.Unlock()
			}
			return
		}
		if f.sum != nil {
			f.hash = f.sum(data)
		} else {
			sum := sha256.Sum256(data)
			f.hash = hex.EncodeToString(sum[:])
		}
		f.key = entryKey(base, f.rel, f.hash)
		// Only a miss needs its bytes again: a study's transcripts are
		// tens of megabytes, not to be held through the scan for nothing.
		if f.hit = readEntry(cache, f.key); f.hit == nil {
			f.data = data
			if f.keep != nil {
				f.data = f.keep(data)
			}
		}
	})
	return ctx.Err()
}

// entryKey is the cache key of the file rel whose bytes hash to hash.
func entryKey(base []byte, rel, hash string) string {
	k := sha256.New()
	k.Write(base)
	fmt.Fprintf(k, "%s\x00%s", rel, hash)
	return hex.EncodeToString(k.Sum(nil))
}

// findingsPack is the pack of cached findings in the cache folder.
const findingsPack = "findings.pack"

// openCache opens the findings pack in folder dir ("" keeps none).
func openCache(dir string) *packcache.Cache {
	if dir == "" {
		return packcache.Open("")
	}
	return packcache.Open(filepath.Join(dir, findingsPack))
}

func readEntry(cache *packcache.Cache, key string) *piiEntry {
	data, ok := cache.Get(key + ".json")
	if !ok {
		return nil
	}
	var e piiEntry
	if json.Unmarshal(data, &e) != nil {
		return nil // a damaged entry is a miss, rewritten below
	}
	return &e
}

// writeEntry stores an entry for the next scan. Failing to cache only
// costs time, so errors are reported once, by saveCache.
func writeEntry(cache *packcache.Cache, key string, e *piiEntry) {
	if data, err := json.Marshal(e); err == nil {
		cache.Put(key+".json", data)
	}
}

// legacyEntry names the files scans kept one finding each in, before the
// pack, and the temporary files of their writes.
var legacyEntry = regexp.MustCompile(`^([0-9a-f]{64}\.json|\.tmp-[0-9]+)$`)

// saveCache writes the pack, which holds the entries of this study's files
// only, so old findings do not pile up; removes the files older scans kept
// entries in; and warns when the cache could not be written.
func saveCache(dir string, cache *packcache.Cache, probs *diag.List) {
	if err := cache.Close(); err != nil {
		probs.Warnf(dir, 0, "cannot keep the personal-data cache here (%v); every check will scan the whole study", err)
		return
	}
	if dir == "" {
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && legacyEntry.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
