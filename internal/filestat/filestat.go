// Package filestat owns trusting a file by its stat: what a file's size,
// modification and change times were when it was last read, with the hash
// of the bytes read then, kept between loads in a small file, so that a
// one-shot load need not read and hash a file that has not changed (issue
// 11: transcripts for the parse cache, coders' files for the codings
// cache).
//
// A file rewritten in the same tick of its file system's clock as it was
// read, keeping its size, would keep its times too; so a recorded stat is
// settled, and may be trusted from the file, only when the modification
// time is Margin older than the start of the load that read it: a later
// write would then carry a later time. The margin covers coarse clocks
// (2 s on FAT) and a file server's clock a little behind this machine's. On
// Linux the change time, which no program can set back, must match as well.
package filestat

import (
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/residentinsight/insight/internal/atomicfile"
	"github.com/residentinsight/insight/internal/cachekey"
)

// Margin is how much older than its load a file's modification must be
// for its recorded stat to be trusted from the stats file.
const Margin = 5 * time.Second

// Stat is what a file's stat said before it was read, the hash of the
// bytes read, and when the load that read it started.
type Stat struct {
	Size, Mod, Change int64 // bytes; ns; ns, 0 where the system does not say
	Sum               cachekey.Sum
	LoadedAt          int64 // ns
}

// Of is the stat of info, read by a load that started at loadedAt, with
// its hash still to be filled in.
func Of(info fs.FileInfo, loadedAt time.Time) Stat {
	return Stat{Size: info.Size(), Mod: info.ModTime().UnixNano(), Change: ChangeTime(info), LoadedAt: loadedAt.UnixNano()}
}

// Matches reports whether now is the stat st recorded.
func (st Stat) Matches(now Stat) bool {
	return st.Size == now.Size && st.Mod == now.Mod && st.Change == now.Change
}

// Settled reports whether a file of this stat could not have been
// rewritten, after the read, with the same times.
func (st Stat) Settled() bool { return st.Mod < st.LoadedAt-int64(Margin) }

// Read returns the stats in the file at path, written by Write with the
// same magic; nil when there is none, or it is damaged or cut short (then
// every file is read).
func Read(path, magic string) map[string]Stat {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < len(magic)+cachekey.Size {
		return nil
	}
	body, sum := data[:len(data)-cachekey.Size], data[len(data)-cachekey.Size:]
	if cachekey.Of(body) != cachekey.Sum(sum) || string(body[:len(magic)]) != magic {
		return nil
	}
	stats, err := decode(body[len(magic):])
	if err != nil {
		return nil
	}
	return stats
}

var errDamaged = errors.New("damaged stats")

func decode(b []byte) (map[string]Stat, error) {
	num := func() int64 { // every number is a varint; nil b once one is bad
		v, n := binary.Varint(b)
		if n <= 0 {
			b = nil
			return 0
		}
		b = b[n:]
		return v
	}
	count := num()
	if count < 0 || count > int64(len(b)) { // every entry takes more than a byte
		return nil, errDamaged
	}
	stats := make(map[string]Stat, count)
	for ; count > 0; count-- {
		l := num()
		if b == nil || l < 0 || l > int64(len(b)) {
			return nil, errDamaged
		}
		name := string(b[:l])
		b = b[l:]
		st := Stat{Size: num(), Mod: num(), Change: num(), LoadedAt: num()}
		if b == nil || len(b) < cachekey.Size {
			return nil, errDamaged
		}
		st.Sum, b = cachekey.Sum(b[:cachekey.Size]), b[cachekey.Size:]
		stats[name] = st
	}
	if len(b) != 0 {
		return nil, errDamaged
	}
	return stats, nil
}

// Write writes stats whole to path, after magic, with a hash of it all at
// the end.
func Write(path, magic string, stats map[string]Stat) error {
	b := binary.AppendVarint([]byte(magic), int64(len(stats)))
	for _, name := range slices.Sorted(maps.Keys(stats)) {
		st := stats[name]
		b = binary.AppendVarint(b, int64(len(name)))
		b = append(b, name...)
		for _, v := range []int64{st.Size, st.Mod, st.Change, st.LoadedAt} {
			b = binary.AppendVarint(b, v)
		}
		b = append(b, st.Sum[:]...)
	}
	sum := cachekey.Of(b)
	b = append(b, sum[:]...)
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
