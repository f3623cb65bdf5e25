package filestat

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/residentinsight/insight/internal/cachekey"
)

const magic = "test stats 1\n"

func sample(n int) map[string]Stat {
	stats := map[string]Stat{}
	for i := range n {
		name := string(rune('a'+i)) + ".md"
		stats[name] = Stat{Size: int64(100 * i), Mod: -int64(i) * 1e9, Change: int64(i) << 40, Sum: cachekey.Of([]byte(name)), LoadedAt: time.Now().UnixNano()}
	}
	return stats
}

// TestRoundTrip: what Write writes, Read gives back, for 0, 1, 2 and many
// files; a file cut short anywhere, or with a byte changed, gives nil.
func TestRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 2, 300} {
		p := filepath.Join(t.TempDir(), "s.stat")
		want := sample(n)
		if err := Write(p, magic, want); err != nil {
			t.Fatal(err)
		}
		got := Read(p, magic)
		if got == nil || !reflect.DeepEqual(got, want) && n > 0 || len(got) != n {
			t.Fatalf("%d files: read %v, wrote %v", n, got, want)
		}
		if Read(p, "other magic\n") != nil {
			t.Errorf("%d files: read with another magic", n)
		}
		data, _ := os.ReadFile(p)
		if n > 2 {
			data = data[:200] // the cuts below cover every length of a small file
		}
		for cut := 0; cut < len(data); cut++ {
			os.WriteFile(p, data[:cut], 0o644)
			if Read(p, magic) != nil {
				t.Fatalf("%d files: a file cut to %d bytes was read", n, cut)
			}
		}
	}
	if Read(filepath.Join(t.TempDir(), "none"), magic) != nil {
		t.Error("a missing file gave stats")
	}
}

// TestTrust: a stat is matched only by the same size and times, and settled
// only when modified Margin before its load began.
func TestTrust(t *testing.T) {
	load := time.Now().UnixNano()
	st := Stat{Size: 10, Mod: load - int64(time.Hour), Change: 7, LoadedAt: load}
	for _, tc := range []struct {
		name  string
		now   Stat
		match bool
	}{
		{"same", Stat{Size: 10, Mod: st.Mod, Change: 7}, true},
		{"size", Stat{Size: 11, Mod: st.Mod, Change: 7}, false},
		{"modified", Stat{Size: 10, Mod: st.Mod + 1, Change: 7}, false},
		{"changed", Stat{Size: 10, Mod: st.Mod, Change: 8}, false},
	} {
		if got := st.Matches(tc.now); got != tc.match {
			t.Errorf("%s: matches %v, want %v", tc.name, got, tc.match)
		}
	}
	for _, tc := range []struct {
		age  time.Duration
		want bool
	}{{time.Hour, true}, {Margin + time.Second, true}, {Margin, false}, {0, false}, {-time.Second, false}} {
		s := Stat{Mod: load - int64(tc.age), LoadedAt: load}
		if s.Settled() != tc.want {
			t.Errorf("modified %v before its load: settled %v, want %v", tc.age, !tc.want, tc.want)
		}
	}
}

// FuzzDecode: no stats file, however damaged, panics the decoder, and
// what it decodes writes back to the same bytes.
func FuzzDecode(f *testing.F) {
	for _, n := range []int{0, 1, 2} {
		p := filepath.Join(f.TempDir(), "s.stat")
		Write(p, magic, sample(n))
		data, _ := os.ReadFile(p)
		f.Add(data[len(magic) : len(data)-cachekey.Size])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		stats, err := decode(b)
		if err != nil {
			return
		}
		p := filepath.Join(t.TempDir(), "s.stat")
		if err := Write(p, magic, stats); err != nil {
			t.Fatal(err)
		}
		if again := Read(p, magic); len(again) != len(stats) {
			t.Fatalf("decoded %d stats, read back %d", len(stats), len(again))
		}
	})
}
