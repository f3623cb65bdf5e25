package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// packFile holds the case pages and the resource map of the last build in
// the cache folder: one file, not a store entry and its hash per page. A
// study of 1,000 families has 1,000 case pages of about 100 KB, and
// creating two cache files for each (plus the page itself) cost more than
// rendering them. The pack is the pages one after another, then an index
// line per page (key, offset, length, sha256), then the index's offset:
//
//	<page><page>…
//	<key> <offset> <length> <sha256>\n …
//	<index offset, 20 digits>\n
//
// A page is taken from the pack only when its bytes still have their
// sha256, so a damaged or tampered pack is rendered again, as a store
// entry is. The pack is rewritten only when a page was rendered or one is
// no longer needed, by a temporary file and a rename.
const packFile = "journeys.pack"

const packTrailer = 21 // "%020d\n"

type packEntry struct {
	off, n int64
	sum    string
}

// pagePack is the pack of one build: the last build's, read, and this
// build's, written when it differs.
type pagePack struct {
	dir  string
	old  *os.File
	idx  map[string]packEntry // the last build's pages
	mu   sync.Mutex
	left int // pages not yet placed
	tmp  *os.File
	off  int64
	made map[string]packEntry // pages rendered by this build, in tmp
	took map[string]bool      // pages taken from the last build's pack
}

// openPack reads the index of dir's pack, for a build of pages pages. A
// pack that is missing or unreadable is an empty one. dir "" keeps
// nothing.
func openPack(dir string, pages int) *pagePack {
	p := &pagePack{dir: dir, left: pages, idx: map[string]packEntry{}, made: map[string]packEntry{}, took: map[string]bool{}}
	if dir == "" {
		return p
	}
	f, err := os.Open(filepath.Join(dir, packFile))
	if err != nil {
		return p
	}
	if idx, ok := readPackIndex(f); ok {
		p.old, p.idx = f, idx
	} else {
		f.Close()
	}
	return p
}

func readPackIndex(f *os.File) (map[string]packEntry, bool) {
	fi, err := f.Stat()
	if err != nil || fi.Size() < packTrailer {
		return nil, false
	}
	size := fi.Size()
	tr := make([]byte, packTrailer)
	if _, err := f.ReadAt(tr, size-packTrailer); err != nil {
		return nil, false
	}
	at, err := strconv.ParseInt(strings.TrimSpace(string(tr)), 10, 64)
	if err != nil || at < 0 || at > size-packTrailer {
		return nil, false
	}
	data := make([]byte, size-packTrailer-at)
	if _, err := f.ReadAt(data, at); err != nil {
		return nil, false
	}
	idx := map[string]packEntry{}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		parts := strings.Fields(line)
		if len(parts) != 4 {
			return nil, false
		}
		off, err1 := strconv.ParseInt(parts[1], 10, 64)
		n, err2 := strconv.ParseInt(parts[2], 10, 64)
		if err1 != nil || err2 != nil || off < 0 || n < 0 || off > at-n {
			return nil, false
		}
		idx[parts[0]] = packEntry{off, n, parts[3]}
	}
	return idx, true
}

// place writes the page stored under key to dst, rendering it first when
// the pack lacks it, and writes the pack once the last page is placed.
func (p *pagePack) place(key, dst string, render func() ([]byte, error)) (outcome, error) {
	out, err := p.placeOne(key, dst, render)
	p.mu.Lock()
	p.left--
	last := p.left == 0
	p.mu.Unlock()
	if last && err == nil {
		err = p.finish()
	}
	return out, err
}

func (p *pagePack) placeOne(key, dst string, render func() ([]byte, error)) (outcome, error) {
	if data, ok := p.cached(key); ok {
		p.mu.Lock()
		p.took[key] = true
		p.mu.Unlock()
		return journeyCached, writeParts(dst, data)
	}
	data, err := render()
	if err != nil {
		return journeyRendered, err
	}
	if err := p.add(key, data); err != nil {
		return journeyRendered, err
	}
	return journeyRendered, writeParts(dst, data)
}

// cached returns the last build's page under key if its bytes still have
// their hash.
func (p *pagePack) cached(key string) ([]byte, bool) {
	e, ok := p.idx[key]
	if !ok || p.old == nil {
		return nil, false
	}
	data := make([]byte, e.n)
	if _, err := p.old.ReadAt(data, e.off); err != nil {
		return nil, false
	}
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:]) == e.sum
}

// add appends a rendered page to this build's pack.
func (p *pagePack) add(key string, data []byte) error {
	if p.dir == "" {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tmp == nil {
		f, err := os.CreateTemp(p.dir, ".tmp-*") // named so cachePrune clears one a killed build left
		if err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		p.tmp = f
	}
	if _, err := p.tmp.Write(data); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	sum := sha256.Sum256(data)
	p.made[key] = packEntry{p.off, int64(len(data)), hex.EncodeToString(sum[:])}
	p.off += int64(len(data))
	return nil
}

// finish writes this build's pack: the pages it rendered, then those it
// took from the last build's pack, then the index. When it rendered none
// and took every page the last pack holds, the last pack stays as it is.
func (p *pagePack) finish() error {
	if p.old != nil {
		defer p.old.Close()
	}
	if p.dir == "" || p.tmp == nil && len(p.took) == len(p.idx) {
		return nil
	}
	if p.tmp == nil {
		f, err := os.CreateTemp(p.dir, ".tmp-*")
		if err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		p.tmp = f
	}
	name := p.tmp.Name()
	err := p.writeRest()
	if cerr := p.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, filepath.Join(p.dir, packFile))
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// writeRest copies the pages taken from the last pack into this build's
// and writes the index and the trailer.
func (p *pagePack) writeRest() error {
	keys := make([]string, 0, len(p.took))
	for k := range p.took {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := p.idx[k]
		if _, err := io.Copy(p.tmp, io.NewSectionReader(p.old, e.off, e.n)); err != nil {
			return err
		}
		p.made[k] = packEntry{p.off, e.n, e.sum}
		p.off += e.n
	}
	var b bytes.Buffer
	keys = keys[:0]
	for k := range p.made {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e := p.made[k]
		fmt.Fprintf(&b, "%s %d %d %s\n", k, e.off, e.n, e.sum)
	}
	fmt.Fprintf(&b, "%020d\n", p.off)
	_, err := p.tmp.Write(b.Bytes())
	return err
}
