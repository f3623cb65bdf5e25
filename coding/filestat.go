package coding

import (
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
)

// A FileCache with a file trusts a coder's file's size and times, as the
// parse cache trusts a transcript's (corpus/filestat.go), through a file
// beside it that keeps, per coder's file, its size, modification and
// change times before it was last read and the hash of the bytes read
// then: reading and hashing a dense study's 127 MB of codings was a
// tenth of a second of CPU and more of wall on every one-edit rebuild
// (issue 11).
//
// A file rewritten in the same tick of its file system's clock as it was
// read, keeping its size, would keep its times: an entry is trusted only
// when the file's modification time is statMargin older than the start of
// the load that read it, and its change time, which no program can set
// back, matches too. Where the change time is not known (not Linux, or a
// file system that is not the operating system's) nothing is trusted.
const statMargin = 5 * time.Second

// statMagic starts the stats file; bump it when its encoding changes.
const statMagic = "insight codings stats 1 " + cachekey.Version + "\n"

// fileStat is what a coder's file's stat said before it was read, the
// hash of the bytes read, and when the load that read it started.
type fileStat struct {
	size, mod, change int64 // bytes; ns; ns
	sum               cachekey.Sum
	loadedAt          int64 // ns
}

// statOf is the stat of info, read by a load that started at loadedAt,
// with the hash still to be filled in; ok is false when the file cannot
// be trusted by its stat.
func statOf(info fs.FileInfo, loadedAt time.Time) (st fileStat, ok bool) {
	st = fileStat{size: info.Size(), mod: info.ModTime().UnixNano(), change: changeTime(info), loadedAt: loadedAt.UnixNano()}
	return st, st.change != 0
}

// trusts reports whether the file whose stat is now is the one read when
// st was recorded, so st.sum is its bytes' hash without reading them.
func (st fileStat) trusts(now fileStat) bool {
	return now.change != 0 && st.size == now.size && st.mod == now.mod && st.change == now.change &&
		st.mod < st.loadedAt-int64(statMargin)
}

// statsFile is where c's stats are kept between loads ("" for none).
func (c *FileCache) statsFile() string {
	if c.file == "" {
		return ""
	}
	return c.file + ".stat"
}

// readStats reads the stats file, if any and whole, into c.stats; one
// damaged or cut short leaves c.stats empty, and every file is read.
func (c *FileCache) readStats() {
	data, err := os.ReadFile(c.statsFile())
	if err != nil || len(data) < cachekey.Size+len(statMagic) {
		return
	}
	body, sum := data[:len(data)-cachekey.Size], data[len(data)-cachekey.Size:]
	if cachekey.Of(body) != cachekey.Sum(sum) || string(body[:len(statMagic)]) != statMagic {
		return
	}
	d := &partDecoder{b: body[len(statMagic):]}
	stats := map[string]fileStat{}
	for n := d.count(len(d.b)); n > 0 && d.err == nil; n-- {
		l := d.count(len(d.b))
		if d.err != nil {
			return
		}
		name := string(d.b[:l])
		d.b = d.b[l:]
		st := fileStat{size: int64(d.num()), mod: int64(d.num()), change: int64(d.num()), loadedAt: int64(d.num())}
		if d.err != nil || len(d.b) < cachekey.Size {
			return
		}
		st.sum, d.b = cachekey.Sum(d.b[:cachekey.Size]), d.b[cachekey.Size:]
		stats[name] = st
	}
	if d.err == nil && len(d.b) == 0 {
		c.stats = stats
	}
}

// writeStats writes c.stats whole, with a hash of it at the end.
func (c *FileCache) writeStats() error {
	if c.statsFile() == "" {
		return nil
	}
	var e partEncoder
	b := e.num([]byte(statMagic), len(c.stats))
	for _, name := range slices.Sorted(maps.Keys(c.stats)) {
		st := c.stats[name]
		b = e.num(b, len(name))
		b = append(b, name...)
		b = e.num(b, int(st.size), int(st.mod), int(st.change), int(st.loadedAt))
		b = append(b, st.sum[:]...)
	}
	sum := cachekey.Of(b)
	b = append(b, sum[:]...)
	return atomicfile.Write(c.statsFile(), func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// statRead is one load's reading of the coders' files through a cache's
// stats: it keeps the stats of the files this load read or trusted.
type statRead struct {
	old     map[string]fileStat // nil: trust none
	started time.Time
	kept    map[string]fileStat
}

// statReader starts a load's reading; nil reads every file.
func (c *FileCache) statReader() *statRead {
	r := &statRead{started: time.Now(), kept: map[string]fileStat{}}
	if c.statsFile() != "" {
		r.old = c.stats
		if r.old == nil {
			r.old = map[string]fileStat{}
		}
	}
	return r
}

// read returns the hash of the coder's file name (display, as loads
// report it) and, unless its stat is trusted (then data is nil), its bytes.
func (r *statRead) read(fsys fs.FS, name, display string) (data []byte, sum cachekey.Sum, err error) {
	if r == nil || r.old == nil {
		data, err = fs.ReadFile(fsys, name)
		return data, cachekey.Of(data), err
	}
	// Stat before the read: a write after it leaves a later time.
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, sum, err
	}
	now, ok := statOf(info, r.started)
	if old, found := r.old[display]; ok && found && old.trusts(now) {
		r.kept[display] = old
		return nil, old.sum, nil
	}
	return r.readAll(fsys, name, display, now, ok)
}

// readAll reads the file whole and, when keep, notes stat st with its hash.
func (r *statRead) readAll(fsys fs.FS, name, display string, st fileStat, keep bool) ([]byte, cachekey.Sum, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, cachekey.Sum{}, err
	}
	sum := cachekey.Of(data)
	if keep {
		st.sum = sum
		r.kept[display] = st
	} else {
		delete(r.kept, display)
	}
	return data, sum, nil
}
