package coding

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"

	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/themes"
)

// autoCacheFile holds, in Options.CacheDir, the rule matches of every
// document by a key of its text, its withheld turns and the rules, so a
// rebuild runs the rules over changed documents only.
const autoCacheFile = "autocode.gob"

// autoCacheVersion is part of every key: bump it when matching changes.
const autoCacheVersion = "autocode-2"

// autoCache is the file's content: per key, the document's matches, each
// theme stored once by its index in Themes.
type autoCache struct {
	Themes []string
	Docs   map[string][]autoHit
}

type autoHit struct{ Theme, Start, End int32 }

// rulesKey covers every rule of the codebook, in order.
func rulesKey(cb *themes.Codebook) string {
	k := cachekey.New(autoCacheVersion, cachekey.Version)
	for _, t := range cb.All {
		k.Str("theme", t.ID)
		for _, stems := range t.KeywordStems() {
			k.Num(len(stems))
			k.Str(stems...)
		}
		for _, re := range t.Regexps {
			k.Str("re", re.String())
		}
	}
	return k.Hex()
}

// docKey covers what a document's matches depend on besides the rules:
// its file's bytes (and so its body) and which turns are withheld.
func autoDocKey(rules string, d *corpus.Document) string {
	k := cachekey.New(rules, d.Hash)
	k.Num(len(d.Body), boolInt(d.Withheld))
	for _, t := range d.Turns {
		k.Num(t.Start, t.End, boolInt(t.Withheld))
	}
	return k.Hex()
}

// loadAutoCache reads the cache; a missing or unreadable file is an empty
// cache, since it is only ever an optimisation.
func loadAutoCache(dir string) autoCache {
	c := autoCache{Docs: map[string][]autoHit{}}
	data, err := os.ReadFile(filepath.Join(dir, autoCacheFile))
	if err != nil {
		return c
	}
	var got autoCache
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&got) != nil || got.Docs == nil {
		return c
	}
	return got
}

// hits turns cached matches back into applications of document di, or
// reports false when an entry names a theme the cache does not list.
func (c autoCache) apps(di int, hits []autoHit) ([]Application, bool) {
	out := make([]Application, 0, len(hits))
	for _, h := range hits {
		if h.Theme < 0 || int(h.Theme) >= len(c.Themes) || h.Start < 0 || h.End < h.Start {
			return nil, false
		}
		out = append(out, Application{Theme: c.Themes[h.Theme], Doc: di, Start: int(h.Start), End: int(h.End), Source: SourceAuto})
	}
	return out, true
}

// saveAutoCache writes the entries this run used, through a temporary file
// and a rename, so a crash or a concurrent run never leaves half a file.
func saveAutoCache(dir string, keys []string, perDoc [][]Application) error {
	c := autoCache{Docs: make(map[string][]autoHit, len(keys))}
	idx := map[string]int32{}
	for d, key := range keys {
		if key == "" {
			continue
		}
		hits := make([]autoHit, 0, len(perDoc[d]))
		for _, a := range perDoc[d] {
			i, ok := idx[a.Theme]
			if !ok {
				i = int32(len(c.Themes))
				idx[a.Theme] = i
				c.Themes = append(c.Themes, a.Theme)
			}
			hits = append(hits, autoHit{i, int32(a.Start), int32(a.End)})
		}
		c.Docs[key] = hits
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return err
	}
	return atomicfile.WriteBytes(filepath.Join(dir, autoCacheFile), buf.Bytes())
}
