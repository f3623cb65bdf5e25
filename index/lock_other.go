//go:build !unix

package index

import "os"

// Without flock (Windows) the index is not locked: run one insight process
// per study at a time there. The interrupted-update marker still applies.
func tryLock(*os.File) error { return nil }

func unlockFile(*os.File) {}
