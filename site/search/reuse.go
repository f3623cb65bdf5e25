package search

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/residentinsight/insight/internal/parallel"
)

// A build records, under a key of its whole input, which cache entries its
// files and analyses are (its manifest). A rebuild whose search input is
// the same — most edits outside the searchable text: a facilitator's line,
// a memo, a coding that moves no theme — then hands out the files from the
// cache as they are, and decodes, merges and encodes nothing. Entries are
// named by content, so the files are the ones a fresh build would make.

// manifestExt is the extension of a manifest's cache entry.
const manifestExt = ".idx"

// inputKey is a key of everything the search files are made of: the
// documents, themes and groups, and each document's key (docKeys).
func inputKey(in *Input, docs []string) string {
	k := newKey(formatVersion, analyzerVersion, "input")
	k.num(len(in.Docs), len(in.Themes), len(in.Groups), len(in.Segments))
	for d, doc := range in.Docs {
		k.str(doc.ID, doc.Href, docs[d])
	}
	k.themesAndGroups(in)
	return k.sum()
}

// docKeys returns, per document, a key of its segments and all they carry,
// worked out on every core: an edit to one document changes its key only.
func docKeys(in *Input, starts []int) []string {
	keys := make([]string, len(in.Docs))
	parallel.Each(len(in.Docs), func(d int) { keys[d] = docKey(in, starts[d], starts[d+1]) })
	return keys
}

// docKey is the key of segments [lo, hi).
func docKey(in *Input, lo, hi int) string {
	k := newKey(formatVersion, analyzerVersion, "doc")
	k.num(hi-lo, len(in.Groups))
	for i := lo; i < hi; i++ {
		s := in.Segments[i]
		k.num(int(s.Line))
		k.str(s.Speaker, s.Anchor, s.Text)
		for _, sp := range [2]Span{s.Themes, s.Filter} {
			k.num(int(sp.Hi - sp.Lo))
			for _, t := range in.refs(sp) {
				k.num(int(t))
			}
		}
		for _, v := range in.groups(i) {
			k.num(int(v))
		}
	}
	return k.sum()
}

// docStarts returns, per document, the index of its first segment, and
// the number of segments last.
func docStarts(in *Input) []int {
	starts := make([]int, len(in.Docs)+1)
	d := 0
	for i, s := range in.Segments {
		for d <= int(s.Doc) {
			starts[d] = i
			d++
		}
	}
	for ; d <= len(in.Docs); d++ {
		starts[d] = len(in.Segments)
	}
	return starts
}

// manifest lists a build's files, each with the cache entry holding it,
// and the cache entries of its analyses.
type manifest struct {
	files   [][2]string // name in search/, cache entry
	entries []string    // analyses
}

// encode writes one line per file ("f name entry") and per analysis ("a entry").
func (m *manifest) encode() []byte {
	var b bytes.Buffer
	for _, f := range m.files {
		fmt.Fprintf(&b, "f %s %s\n", f[0], f[1])
	}
	for _, e := range m.entries {
		fmt.Fprintf(&b, "a %s\n", e)
	}
	return b.Bytes()
}

var (
	fileName  = regexp.MustCompile(`^[a-z0-9-]+\.js$`)
	entryName = regexp.MustCompile(`^[0-9a-f]+\.(js|bin)$`)
)

// decodeManifest reads encode's output; anything else is a miss.
func decodeManifest(data []byte) (*manifest, bool) {
	m := &manifest{}
	for line := range bytes.Lines(data) {
		f := bytes.Fields(line)
		switch {
		case len(f) == 3 && string(f[0]) == "f" && fileName.Match(f[1]) && entryName.Match(f[2]):
			m.files = append(m.files, [2]string{string(f[1]), string(f[2])})
		case len(f) == 2 && string(f[0]) == "a" && entryName.Match(f[1]):
			m.entries = append(m.entries, string(f[1]))
		default:
			return nil, false
		}
	}
	return m, len(m.files) > 0
}

// reuse returns an index whose files are the manifest's under key, or
// false when the cache has no such manifest or lacks one of its entries.
// The analyses are kept in the cache too, for a later build that changes
// something.
func reuse(ctx context.Context, in Input, cache Cache, memo *Memo, key string) (*Index, bool) {
	if cache == nil {
		return nil, false
	}
	data, ok := cache.Get(key + manifestExt)
	if !ok {
		return nil, false
	}
	m, ok := decodeManifest(data)
	if !ok {
		return nil, false
	}
	for _, e := range m.entries {
		if !has(cache, e) {
			return nil, false
		}
	}
	for _, f := range m.files {
		if !has(cache, f[1]) {
			return nil, false
		}
	}
	has(cache, lastState) // the state of this very input, for the next delta
	return &Index{in: in, cache: cache, memo: memo, key: key, reused: m, ctx: ctx}, true
}

// has reports whether cache holds entry name, keeping it for the next build.
func has(cache Cache, name string) bool {
	if k, ok := cache.(keeper); ok {
		return k.Keep(name)
	}
	_, ok := cache.Get(name)
	return ok
}

// reusedFiles are the manifest's files.
func (ix *Index) reusedFiles() []File {
	rebuild := ix.rebuilder()
	files := make([]File, len(ix.reused.files))
	for i, mf := range ix.reused.files {
		files[i] = ix.entryFile(mf[0], mf[1], rebuild)
	}
	return files
}

// rebuilder returns a function that builds the index in full, once, and
// lists its files by name.
func (ix *Index) rebuilder() func() (map[string]File, error) {
	var once sync.Once
	var full map[string]File
	var fullErr error
	return func() (map[string]File, error) {
		once.Do(func() {
			fresh, err := build(ix.ctx, ix.in, ix.cache, ix.memo, ix.key, nil)
			if err != nil {
				fullErr = err
				return
			}
			full = map[string]File{}
			for _, f := range fresh.Files() {
				full[f.Name] = f
			}
		})
		return full, fullErr
	}
}

// entryFile is file name, which the cache holds as entry. Should the
// entry be unreadable after all (damaged since it was kept), the index is
// built in full, once, and the file taken from that, which also stores
// the entry again.
func (ix *Index) entryFile(name, entry string, rebuild func() (map[string]File, error)) File {
	return File{Name: name, Key: entry, Data: func() ([]byte, error) {
		if data, ok := ix.cache.Get(entry); ok {
			return data, nil
		}
		full, err := rebuild()
		if err != nil {
			return nil, err
		}
		f, ok := full[name]
		if !ok {
			return nil, fmt.Errorf("search: %s is not in the rebuilt index", name)
		}
		return f.Data()
	}}
}

// Save records, once every file's data was made, the manifest that lets
// the next build of the same input reuse them. Call it after the files
// are written and before the cache is saved. An index that reused a
// manifest has nothing to add: reading it kept it.
func (ix *Index) Save() error {
	if ix.cache == nil || ix.key == "" || ix.reused != nil {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	m := &manifest{entries: ix.pieceNames}
	for i, name := range ix.names {
		if ix.made[i] == "" {
			return nil // a file not made: nothing to vouch for
		}
		m.files = append(m.files, [2]string{name, ix.made[i]})
	}
	if err := ix.cache.Put(ix.key+manifestExt, m.encode()); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if ix.st != nil {
		if err := ix.cache.Put(lastState, ix.st.encode()); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	return nil
}

// themesAndGroups adds what every search file's key shares beyond the
// documents: the themes and the groups a reader filters by.
func (k *key) themesAndGroups(in *Input) {
	for _, t := range in.Themes {
		k.str(t.ID, t.Name, t.Href)
		k.num(t.Depth)
	}
	for _, g := range in.Groups {
		k.str(g.Name)
		k.num(len(g.Values))
		k.str(g.Values...)
	}
}
