package coding

import (
	"io/fs"
	"time"

	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/filestat"
)

// A FileCache with a file trusts a coder's file's size and times, as the
// parse cache trusts a transcript's (internal/filestat says when), through
// a file beside it: reading and hashing a dense study's 127 MB of codings
// was a tenth of a second of CPU and more of wall on every one-edit rebuild
// (issue 11). Where the change time is not known (not Linux, or a file
// system that is not the operating system's) no coder's file is trusted:
// they are the evidence, and few.

// statMagic starts the stats file; bump it when its encoding changes.
const statMagic = "insight codings stats 2 " + cachekey.Version + "\n"

// trusts reports whether the file whose stat is now is the one read when
// old was recorded, so old.Sum is its bytes' hash without reading them.
func trusts(old, now filestat.Stat) bool {
	return now.Change != 0 && old.Matches(now) && old.Settled()
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
	c.stats = filestat.Read(c.statsFile(), statMagic)
}

// writeStats writes c.stats whole.
func (c *FileCache) writeStats() error {
	if c.statsFile() == "" {
		return nil
	}
	return filestat.Write(c.statsFile(), statMagic, c.stats)
}

// statRead is one load's reading of the coders' files through a cache's
// stats: it keeps the stats of the files this load read or trusted.
type statRead struct {
	old     map[string]filestat.Stat // nil: trust none
	started time.Time
	kept    map[string]filestat.Stat
}

// statReader starts a load's reading; nil reads every file.
func (c *FileCache) statReader() *statRead {
	r := &statRead{started: time.Now(), kept: map[string]filestat.Stat{}}
	if c.statsFile() != "" {
		r.old = c.stats
		if r.old == nil {
			r.old = map[string]filestat.Stat{}
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
	now := filestat.Of(info, r.started)
	if old, found := r.old[display]; found && trusts(old, now) {
		r.kept[display] = old
		return nil, old.Sum, nil
	}
	return r.readAll(fsys, name, display, now, now.Change != 0)
}

// readAll reads the file whole and, when keep, notes stat st with its hash.
func (r *statRead) readAll(fsys fs.FS, name, display string, st filestat.Stat, keep bool) ([]byte, cachekey.Sum, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, cachekey.Sum{}, err
	}
	sum := cachekey.Of(data)
	if keep {
		st.Sum = sum
		r.kept[display] = st
	} else {
		delete(r.kept, display)
	}
	return data, sum, nil
}
