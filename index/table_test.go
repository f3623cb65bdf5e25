package index

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"github.com/residentinsight/insight/query"
)

func encode(tb testing.TB, t *query.Table) []byte {
	var buf bytes.Buffer
	if err := writeTable(&buf, t); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestTableRoundTrip(t *testing.T) {
	want := exampleTable(t)
	got, err := readTable(encode(t, want))
	if err != nil {
		t.Fatal(err)
	}
	// Counts are what matter: compare them under a few filters.
	filters := []query.Filter{{}, {IncludeFacilitators: true}, {Where: map[string][]string{"role": {"parent", "young person"}}}, {Coders: []string{"auto"}}}
	for _, f := range filters {
		a, err1 := want.Freq(f)
		b, err2 := got.Freq(f)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("Freq(%+v) differs after a round trip (%v, %v)", f, err1, err2)
		}
		m1, err1 := want.Matrix(f, "role", query.Participants)
		m2, err2 := got.Matrix(f, "role", query.Participants)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(m1, m2) {
			t.Errorf("Matrix(%+v) differs after a round trip (%v, %v)", f, err1, err2)
		}
	}
}

func TestReadTableRejectsDamage(t *testing.T) {
	good := encode(t, exampleTable(t))
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not ours", []byte("hello world")},
		{"truncated", good[:len(good)/2]},
		{"trailing", append(append([]byte{}, good...), 1, 2, 3)},
		{"flipped byte", func() []byte { b := append([]byte{}, good...); b[len(b)*3/4] ^= 0x80; return b }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := readTable(tc.data)
			if err == nil {
				// A flipped byte may land in a value that stays valid; then the
				// table must still be safe to count from.
				if _, ferr := tab.Freq(query.Filter{}); ferr != nil || tc.name != "flipped byte" {
					t.Errorf("damaged table accepted")
				}
			}
		})
	}
}

func FuzzReadTable(f *testing.F) {
	good := encode(f, exampleTable(f))
	f.Add(good)
	f.Add(good[:len(good)/3])
	f.Add([]byte(tableMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := readTable(data)
		if err != nil {
			return
		}
		// Whatever validates must be countable without a panic.
		tab.Freq(query.Filter{IncludeFacilitators: true})
		tab.Cooccur(query.Filter{}, query.WithinTurn)
		for _, a := range tab.AllAttributes() {
			tab.Matrix(query.Filter{}, a, query.Cases)
		}
	})
}

// BenchmarkTableLoad compares loading the stored table from table.bin with
// gob, on the example study or (INSIGHT_BENCH_STUDY) the benchmark study.
func BenchmarkTableLoad(b *testing.B) {
	t := benchTable(b)
	bin := encode(b, t)
	var g bytes.Buffer
	if err := gob.NewEncoder(&g).Encode(t); err != nil {
		b.Fatal(err)
	}
	b.Run("binary", func(b *testing.B) {
		b.SetBytes(int64(len(bin)))
		for b.Loop() {
			if _, err := readTable(bin); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gob", func(b *testing.B) {
		b.SetBytes(int64(g.Len()))
		for b.Loop() {
			var t query.Table
			if err := gob.NewDecoder(bytes.NewReader(g.Bytes())).Decode(&t); err != nil {
				b.Fatal(err)
			}
		}
	})
}
