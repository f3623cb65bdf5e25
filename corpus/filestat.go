package corpus

import (
	"github.com/residentinsight/insight/internal/cachekey"
	"github.com/residentinsight/insight/internal/filestat"
)

// A one-shot build trusts a transcript's size and times as a watch does,
// through a file beside the parse cache that keeps, per transcript, its
// stat when last read and the key of the bytes read then (internal/filestat
// says when a stat is trusted): reading and hashing every transcript was
// 40 ms of a one-edit rebuild of the 1,000-transcript study.

// statMagic starts the stats file; bump it when its encoding changes.
const statMagic = "insight parse stats 2 " + cachekey.Version + "\n"

// statsFile is where c's stats are kept between builds ("" for none).
func (c *ParseCache) statsFile() string {
	if c.file == "" {
		return ""
	}
	return c.file + ".stat"
}

// readStats reads the stats file, if any and whole, into c.stats.
func (c *ParseCache) readStats() {
	if stats := filestat.Read(c.statsFile(), statMagic); stats != nil {
		c.stats = stats
	}
}

// writeStats writes c.stats whole; c.mu is held.
func (c *ParseCache) writeStats() error {
	if c.statsFile() == "" {
		return nil
	}
	return filestat.Write(c.statsFile(), statMagic, c.stats)
}
