package index

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
)

// TestSecondWriterWaitsAndSaysSo: while one holder has the lock, a second
// waits, says why on the log once, and gets the lock when it is released.
func TestSecondWriterWaitsAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lock(context.Background(), dir, func(string, ...any) { t.Error("the first locker waited") })
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu  sync.Mutex
		log bytes.Buffer
	)
	said := make(chan bool)
	got := make(chan error)
	go func() {
		u, err := lock(context.Background(), dir, func(f string, a ...any) {
			mu.Lock()
			log.WriteString(f)
			mu.Unlock()
			said <- true
		})
		if err == nil {
			u()
		}
		got <- err
	}()
	select {
	case <-said:
	case err := <-got:
		t.Fatalf("the second locker got the lock while the first held it (err %v)", err)
	}
	unlock()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "waiting") {
		t.Errorf("log %q does not say it waits", log.String())
	}
	// A cancelled wait returns the context's error.
	unlock, _ = lock(context.Background(), dir, nil)
	defer unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := lock(ctx, dir, func(string, ...any) {}); err == nil {
		t.Error("a cancelled wait took the lock")
	}
}
