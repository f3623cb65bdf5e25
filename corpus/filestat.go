package corpus

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

// A one-shot build trusts a transcript's size and times as a watch does,
// through a file beside the parse cache that keeps, per transcript, its
// size, modification and change times when last read and the key of the
// bytes read then: reading and hashing every transcript was 40 ms of a
// one-edit rebuild of the 1,000-transcript study.
//
// A file rewritten in the same tick of its file system's clock as it was
// read, keeping its size, would keep its times too; so an entry is
// trusted only when the file's modification time is statMargin older than
// the start of the load that read it: a later write would then carry a
// later time. The margin covers coarse clocks (2 s on FAT) and a file
// server's clock a little behind this machine's. On Linux the change time,
// which no program can set back, must match as well.
const statMargin = 5 * time.Second

// statMagic starts the stats file; bump it when its encoding changes.
const statMagic = "insight parse stats 1 " + cachekey.Version + "\n"

// fileStat is what a file's stat said before it was read, the key of the
// bytes read, and when the load that read it started.
type fileStat struct {
	size     int64
	mod      time.Time
	change   int64 // ns, 0 where the system does not say (changeTime)
	key      cachekey.Sum
	loadedAt time.Time
}

// matches reports whether info is the stat st recorded.
func (st fileStat) matches(info fs.FileInfo) bool {
	return st.size == info.Size() && st.mod.Equal(info.ModTime()) && st.change == changeTime(info)
}

// settled reports whether a file of this stat could not have been
// rewritten, after the read, with the same times.
func (st fileStat) settled() bool { return st.mod.Before(st.loadedAt.Add(-statMargin)) }

// statsFile is where c's stats are kept between builds ("" for none).
func (c *ParseCache) statsFile() string {
	if c.file == "" {
		return ""
	}
	return c.file + ".stat"
}

// readStats reads the stats file, if any and whole, into c.stats.
func (c *ParseCache) readStats() {
	data, err := os.ReadFile(c.statsFile())
	if err != nil {
		return
	}
	s := string(data)
	if len(s) < cachekey.Size {
		return
	}
	body, sum := s[:len(s)-cachekey.Size], s[len(s)-cachekey.Size:]
	if statsSum(body) != cachekey.Sum([]byte(sum)) {
		return // damaged or cut short: every file is read
	}
	r := &decoder{s: body}
	if r.raw(len(statMagic)) != statMagic {
		return
	}
	stats := map[string]fileStat{}
	for n := r.count(); n > 0 && !r.bad; n-- {
		file := r.str()
		var st fileStat
		st.size = int64(r.num())
		st.mod = time.Unix(0, int64(r.num()))
		st.change = int64(r.num())
		st.loadedAt = time.Unix(0, int64(r.num()))
		st.key = cachekey.Sum([]byte(r.raw(cachekey.Size)))
		stats[file] = st
	}
	if !r.bad && r.pos == len(body) {
		c.stats = stats
	}
}

// writeStats writes c.stats whole; c.mu is held.
func (c *ParseCache) writeStats() error {
	if c.statsFile() == "" {
		return nil
	}
	e := encoder{}
	e.b = append(e.b, statMagic...)
	e.num(len(c.stats))
	for _, file := range slices.Sorted(maps.Keys(c.stats)) {
		st := c.stats[file]
		e.str(file)
		e.num(int(st.size), int(st.mod.UnixNano()), int(st.change), int(st.loadedAt.UnixNano()))
		e.b = append(e.b, st.key[:]...)
	}
	sum := statsSum(e.done())
	e.b = append(e.b, sum[:]...)
	return atomicfile.Write(c.statsFile(), func(w io.Writer) error {
		_, err := w.Write(e.b)
		return err
	})
}

func statsSum(body string) cachekey.Sum {
	k := cachekey.New("parse stats")
	k.Str(body)
	return k.Sum()
}
