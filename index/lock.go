package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Two processes must never write one index at once, and a process killed
// mid-update must not leave an index the next one trusts. So every write
// happens under an exclusive lock on lockFile, and between the first
// change and state.json the folder holds markerFile: a later Open that
// finds it rebuilds (see Open). Readers of a fresh index take no lock; a
// writer replaces files by rename, so a reader sees the old or the new.
const (
	lockFile   = "lock"
	markerFile = "updating"
)

// waitNotice is how long a second process waits before saying why it waits.
const waitNotice = 500 * time.Millisecond

// lock takes the index's write lock, waiting (with one line on log after
// waitNotice) while another process holds it. The lock is the kernel's, so
// a killed holder releases it.
func lock(ctx context.Context, dir string, log func(string, ...any)) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: lock file: %w", err)
	}
	start, said := time.Now(), false
	for {
		err := tryLock(f)
		if err == nil {
			return func() { unlockFile(f); f.Close() }, nil
		}
		if !errors.Is(err, errLocked) {
			f.Close()
			return nil, fmt.Errorf("index: locking %s: %w", dir, err)
		}
		if !said && time.Since(start) >= waitNotice {
			log("index: another insight process is updating %s; waiting for it to finish", dir)
			said = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

var errLocked = errors.New("locked by another process")

// beginWrite marks dir as being changed; endWrite (after state.json) clears it.
func beginWrite(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, markerFile), nil, 0o644); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func endWrite(dir string) error {
	if err := os.Remove(filepath.Join(dir, markerFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func interrupted(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, markerFile))
	return err == nil
}

// clearExceptLock empties dir but for the lock file, which the caller holds.
func clearExceptLock(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == lockFile {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
