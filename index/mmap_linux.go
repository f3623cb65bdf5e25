//go:build linux

package index

import (
	"os"

	"github.com/residentinsight/insight/query"
	"golang.org/x/sys/unix"
)

// mapTable reads table.bin by mapping it into memory read-only: the row
// columns are used where they lie in the page cache, so a query neither
// copies tens of megabytes nor zeroes a buffer for them (most of a count's
// system time). The mapping is never released: the table's columns point
// into it and may be kept by callers, and a command opens one table per run.
func mapTable(path string) (*query.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := int(info.Size())
	if size == 0 || int64(size) != info.Size() {
		return readTableFile(path)
	}
	data, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ, unix.MAP_PRIVATE|unix.MAP_POPULATE)
	if err != nil { // some file systems cannot map files
		return readTableFile(path)
	}
	t, err := readTable(data)
	if err != nil {
		unix.Munmap(data)
		return nil, err
	}
	return t, nil
}
