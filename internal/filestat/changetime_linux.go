package filestat

import (
	"io/fs"
	"syscall"
)

// ChangeTime is a file's status change time in ns, which every write,
// rename or chmod sets and no program can set back; 0 when unknown.
func ChangeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
