// Package packcache keeps a cache's entries, named by content hashes, in
// one file instead of one file each. A cold build stores thousands of
// entries, and creating a file costs far more than writing its bytes
// (os.CreateTemp and the rename were 3.3 s of a 35 s build), so a build
// opens the last build's pack, reads what it can use, and writes one new
// pack when it is done.
//
// The new pack holds exactly the entries this build read or stored, so an
// entry no build uses any more (transcript text of a withdrawn participant,
// say) is gone after the next one. It is written through internal/atomicfile:
// a crash leaves the old pack. Every entry carries a checksum of its bytes,
// and the index a checksum of itself, so a damaged entry is a miss and a
// damaged pack an empty cache: a cache only ever costs time.
//
// Layout: the magic line, then per entry checksum(data) and data; then the
// index, per entry a uvarint name length, the name, and uvarints of its
// offset and length; then the index's offset (8 bytes, little-endian), its
// checksum, and the magic line again.
package packcache

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
)

// magic starts and ends a pack; bump it when the layout or checksum changes.
const magic = "insight-pack-2\n"

// sumSize is the length of the checksums that find damage: XXH3-128
// (internal/cachekey), since damage is not an attacker, and every entry
// read is checked.
const sumSize = cachekey.Size

func checksum(data []byte) cachekey.Sum { return cachekey.Of(data) }

const trailerSize int64 = 8 + sumSize + int64(len(magic))

// span is where an entry's checksum and data are in a pack file.
type span struct{ off, n int64 }

// Cache is a pack opened for one build. Its methods are safe for
// concurrent use.
type Cache struct {
	path string

	mu     sync.Mutex
	old    *os.File        // the last build's pack; nil if none was usable
	oldIdx map[string]span // its entries
	used   map[string]bool // old entries this build read
	tmp    *atomicfile.File
	w      *bufio.Writer
	off    int64
	newIdx map[string]span // entries stored by this build, in tmp
	err    error           // the first write error: the pack is then not saved
	closed bool
}

// Open opens the pack at path. A missing, unreadable or damaged pack is an
// empty cache. With path "" nothing is kept: Get misses and Put does nothing.
func Open(path string) *Cache {
	c := &Cache{path: path, oldIdx: map[string]span{}, used: map[string]bool{}, newIdx: map[string]span{}}
	if path == "" {
		return c
	}
	f, err := os.Open(path)
	if err != nil {
		return c
	}
	idx, err := readIndex(f)
	if err != nil {
		f.Close()
		return c
	}
	c.old, c.oldIdx = f, idx
	return c
}

var errDamaged = errors.New("packcache: damaged pack")

// readIndex reads and checks a pack's index.
func readIndex(f *os.File) (map[string]span, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	if size < int64(len(magic))+trailerSize {
		return nil, errDamaged
	}
	head := make([]byte, len(magic))
	tail := make([]byte, trailerSize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, err
	}
	if _, err := f.ReadAt(tail, size-trailerSize); err != nil {
		return nil, err
	}
	if string(head) != magic || string(tail[8+sumSize:]) != magic {
		return nil, errDamaged
	}
	at := int64(binary.LittleEndian.Uint64(tail))
	end := size - trailerSize
	if at < int64(len(magic)) || at > end {
		return nil, errDamaged
	}
	raw := make([]byte, end-at)
	if _, err := f.ReadAt(raw, at); err != nil {
		return nil, err
	}
	if sum := checksum(raw); !bytes.Equal(sum[:], tail[8:8+sumSize]) {
		return nil, errDamaged
	}
	idx := map[string]span{}
	for len(raw) > 0 {
		var name string
		var off, n uint64
		if name, raw, err = readName(raw); err != nil {
			return nil, err
		}
		if off, raw, err = readUvarint(raw); err != nil {
			return nil, err
		}
		if n, raw, err = readUvarint(raw); err != nil {
			return nil, err
		}
		if off < uint64(len(magic)) || off > uint64(at) || n > uint64(at)-off || n < sumSize {
			return nil, errDamaged
		}
		idx[name] = span{int64(off), int64(n)}
	}
	return idx, nil
}

func readUvarint(b []byte) (uint64, []byte, error) {
	v, k := binary.Uvarint(b)
	if k <= 0 {
		return 0, nil, errDamaged
	}
	return v, b[k:], nil
}

func readName(b []byte) (string, []byte, error) {
	n, b, err := readUvarint(b)
	if err != nil || n > uint64(len(b)) {
		return "", nil, errDamaged
	}
	return string(b[:n]), b[n:], nil
}

// Get returns the entry stored under name, and false for a miss: an entry
// not there, or one whose bytes do not match their hash.
func (c *Cache) Get(name string) ([]byte, bool) {
	return c.get(name, true)
}

// Peek is Get without keeping: the entry goes with this build unless
// something Gets or Keeps it. For what a build reads only to work out what
// changed (an edited transcript's old words), which must not outlive it.
func (c *Cache) Peek(name string) ([]byte, bool) {
	return c.get(name, false)
}

// get reads name from this build's entries or the last build's, marking a
// last build's entry kept when keep is set.
func (c *Cache) get(name string, keep bool) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.newIdx[name]; ok && c.tmp != nil {
		if c.w.Flush() != nil {
			return nil, false
		}
		return readEntry(c.tmp.File, s)
	}
	s, ok := c.oldIdx[name]
	if !ok || c.old == nil {
		return nil, false
	}
	data, ok := readEntry(c.old, s)
	if ok && keep {
		c.used[name] = true
	}
	return data, ok
}

// Keep is Get for a caller that still holds the entry's bytes, or what
// it made of them (a watch, in memory): it marks the entry as used by
// this build, so the new pack keeps it, without reading it, and reports
// whether the cache has it.
func (c *Cache) Keep(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.newIdx[name]; ok && c.tmp != nil {
		return true
	}
	if _, ok := c.oldIdx[name]; !ok || c.old == nil {
		return false
	}
	c.used[name] = true
	return true
}

func readEntry(f *os.File, s span) ([]byte, bool) {
	buf := make([]byte, s.n)
	if _, err := f.ReadAt(buf, s.off); err != nil {
		return nil, false
	}
	sum := checksum(buf[sumSize:])
	if !bytes.Equal(sum[:], buf[:sumSize]) {
		return nil, false
	}
	return buf[sumSize:], true
}

// Put stores data under name for the next build. The pack is written by
// Close; a write error is returned here and by Close, and the old pack
// then stays as it was.
func (c *Cache) Put(name string, data []byte) error {
	if c.path == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil || c.closed {
		return c.err
	}
	if _, ok := c.newIdx[name]; ok {
		return nil // names are content hashes: the same name, the same data
	}
	delete(c.used, name)
	c.err = c.append(name, data)
	return c.err
}

// start begins the new pack, if it is not begun.
func (c *Cache) start() error {
	if c.tmp != nil {
		return nil
	}
	f, err := atomicfile.Create(c.path)
	if err != nil {
		return err
	}
	c.tmp, c.w = f, bufio.NewWriterSize(f, 256<<10)
	c.off = int64(len(magic))
	_, err = c.w.WriteString(magic)
	return err
}

// append writes an entry to the new pack.
func (c *Cache) append(name string, data []byte) error {
	if err := c.start(); err != nil {
		return err
	}
	sum := checksum(data)
	if _, err := c.w.Write(sum[:]); err != nil {
		return fmt.Errorf("packcache: %w", err)
	}
	if _, err := c.w.Write(data); err != nil {
		return fmt.Errorf("packcache: %w", err)
	}
	n := int64(sumSize + len(data))
	c.newIdx[name] = span{c.off, n}
	c.off += n
	return nil
}

// Close saves the pack: the entries stored by this build and the old ones
// it read. When that is exactly the old pack, the file is left alone.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.closeOld()
	if c.path == "" || c.closed {
		return nil
	}
	c.closed = true
	if c.err != nil {
		c.abort()
		return c.err
	}
	if c.tmp == nil && len(c.used) == len(c.oldIdx) {
		return nil // every old entry used, nothing new
	}
	if err := c.start(); err != nil {
		c.abort()
		return err
	}
	if err := c.copyUsed(); err != nil {
		c.abort()
		return fmt.Errorf("packcache: %w", err)
	}
	if err := c.finish(); err != nil {
		c.abort()
		return fmt.Errorf("packcache: %w", err)
	}
	return nil
}

// copyUsed copies the old entries this build used into the new pack, as
// stored, hash and all: Get checked them, and should one have been
// damaged since, the next build's Get will say so. They go in the old
// pack's order, each run of them in one copy that stays in the kernel
// (copy_file_range): copying a 33 MB search pack entry by entry through
// a buffer was a tenth of a one-edit rebuild's CPU.
func (c *Cache) copyUsed() error {
	used := make([]string, 0, len(c.used))
	for name := range c.used {
		used = append(used, name)
	}
	slices.SortFunc(used, func(a, b string) int { return cmp.Compare(c.oldIdx[a].off, c.oldIdx[b].off) })
	if err := c.w.Flush(); err != nil {
		return err
	}
	for i := 0; i < len(used); {
		lo := c.oldIdx[used[i]].off
		hi, j := lo, i
		for ; j < len(used) && c.oldIdx[used[j]].off == hi; j++ {
			hi += c.oldIdx[used[j]].n
		}
		if _, err := c.old.Seek(lo, io.SeekStart); err != nil {
			return err
		}
		n, err := c.tmp.File.ReadFrom(io.LimitReader(c.old, hi-lo))
		if err == nil && n != hi-lo {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		for _, name := range used[i:j] {
			s := c.oldIdx[name]
			c.newIdx[name] = span{c.off + s.off - lo, s.n}
		}
		c.off += hi - lo
		i = j
	}
	return nil
}

// finish writes the index and trailer and puts the new pack in place.
func (c *Cache) finish() error {
	names := make([]string, 0, len(c.newIdx))
	for name := range c.newIdx {
		names = append(names, name)
	}
	slices.Sort(names)
	var idx []byte
	for _, name := range names {
		s := c.newIdx[name]
		idx = binary.AppendUvarint(idx, uint64(len(name)))
		idx = append(idx, name...)
		idx = binary.AppendUvarint(idx, uint64(s.off))
		idx = binary.AppendUvarint(idx, uint64(s.n))
	}
	sum := checksum(idx)
	tail := binary.LittleEndian.AppendUint64(nil, uint64(c.off))
	tail = append(append(tail, sum[:]...), magic...)
	for _, b := range [][]byte{idx, tail} {
		if _, err := c.w.Write(b); err != nil {
			return err
		}
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	err := c.tmp.Commit()
	c.tmp = nil
	return err
}

// Abort discards what this build stored; the old pack stays as it was.
// After Close it does nothing.
func (c *Cache) Abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	c.abort()
	c.closeOld()
}

func (c *Cache) abort() {
	if c.tmp != nil {
		c.tmp.Abort()
		c.tmp = nil
	}
}

func (c *Cache) closeOld() {
	if c.old != nil {
		c.old.Close()
		c.old = nil
	}
	c.oldIdx, c.used = map[string]span{}, map[string]bool{}
}

// Names lists the names a pack file holds, sorted; for tests and for
// looking inside a cache.
func Names(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	idx, err := readIndex(f)
	if err != nil {
		return nil, fmt.Errorf("packcache: %s: %w", path, err)
	}
	names := make([]string, 0, len(idx))
	for name := range idx {
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}
