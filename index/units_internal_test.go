package index

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// units.bin reads back as the units worked out from the table, and a
// damaged or foreign one is refused (the index then works them out).
func TestUnitsFileRoundTrip(t *testing.T) {
	tab := exampleTable(t)
	want := newUnits(tab)
	if len(want.terms) == 0 {
		t.Fatal("the example has no units: the test proves nothing")
	}
	var buf bytes.Buffer
	if err := writeUnits(&buf, want, tab); err != nil {
		t.Fatal(err)
	}
	got, err := readUnits(buf.Bytes(), tab)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %d units, wrote %d", len(got.terms), len(want.terms))
	}
	for _, n := range []int{0, 1, 2, buf.Len() / 2, buf.Len() - 1} {
		if _, err := readUnits(buf.Bytes()[:n], tab); err == nil {
			t.Errorf("a file cut to %d bytes was read", n)
		}
	}
	other := *tab
	other.RowDoc = other.RowDoc[:len(other.RowDoc)-1]
	if _, err := readUnits(buf.Bytes(), &other); err == nil {
		t.Error("a file for another table was read")
	}
	// An index whose units.bin is damaged still answers from the table.
	ix := buildExampleIndex(t, t.TempDir())
	defer ix.Close()
	if err := os.WriteFile(filepath.Join(ix.Dir, unitsFile), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if u := ix.unitsOf(); !reflect.DeepEqual(u, newUnits(ix.Table)) {
		t.Error("a damaged units.bin was used")
	}
}

func FuzzReadUnits(f *testing.F) {
	tab := exampleTable(f)
	var buf bytes.Buffer
	if err := writeUnits(&buf, newUnits(tab), tab); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Add([]byte(unitsMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := readUnits(data, tab)
		if err != nil {
			return
		}
		for _, vals := range u.vals {
			for a, v := range vals {
				_ = tab.Values[a][v] // every id names a value
			}
		}
	})
}
