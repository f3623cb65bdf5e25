package coding

import (
	"bufio"
	"bytes"
	"github.com/residentinsight/insight/internal/cachekey"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/residentinsight/insight/diag"
)

// The cache's packed form must give back every field of every record: a
// field added to Record and not to packedFile would be lost on the next
// command, so the count of fields is pinned here.
func TestFileCacheKeepsEveryField(t *testing.T) {
	if n := reflect.TypeFor[Record]().NumField(); n != 9 {
		t.Fatalf("Record has %d fields: add the new one to packedFile, pack and unpack, then here", n)
	}
	data := []byte(`{"documents": ["d1", "d2"]}
{"doc":"d1","theme":"a","quote":"first quote","start":1,"end":12,"memo":"why"}
{"doc":"d2","theme":"a","quote":"é second","start":0,"end":0}
not json
{"doc":"d1","theme":"b","quote":"first quote","start":3,"end":14,"memo":"why"}
{"doc":"d1","theme":"b","quote":"","start":3,"end":14}
`)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{{"empty", nil}, {"one", data[:28]}, {"several", data}} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(dir, tc.name+".gob")
			want, probs := ParseFile("codings/ann.jsonl", tc.data)
			c := OpenFileCache(file, "test")
			c.files[cachekey.Sum{1}] = cachedFile{F: want, Probs: probs}
			c.changed = true
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			got := OpenFileCache(file, "test").files[cachekey.Sum{1}]
			got.F.Records = make([]Record, len(got.packed.Recs))
			got.packed.unpackInto(got.F.Records)
			if !reflect.DeepEqual(got.F, want) || !reflect.DeepEqual(got.Probs, probs) {
				t.Errorf("read back\n%+v\n%v\nwant\n%+v\n%v", got.F, got.Probs, want, probs)
			}
		})
	}
}

// A pack whose indexes point outside it is a miss, never a panic.
func TestUnpackDamaged(t *testing.T) {
	f, _ := ParseFile("codings/ann.jsonl", []byte(`{"doc":"d1","theme":"a","quote":"q","start":0,"end":1}`))
	for _, damage := range []func(*packedFile){
		func(p *packedFile) { p.Recs[0].Doc = 99 },
		func(p *packedFile) { p.Recs[0].Theme = 3 }, // one past the last string
		func(p *packedFile) { p.Recs[0].Memo = -1 },
		func(p *packedFile) { p.Recs[0].Quote = 2 },
		func(p *packedFile) { p.Recs[0].Quote = -1 },
		func(p *packedFile) { p.Recs = append(p.Recs, p.Recs[0]) }, // the quotes run out
	} {
		p := pack(cachedFile{F: f})
		damage(&p)
		if got, err := decodePack(string(appendPack(nil, &p)), appendRows(nil, &p)); err == nil {
			t.Errorf("damaged pack %+v read as %+v", p, got)
		}
	}
}

// Every field of a pack comes back from its encoding, whatever its value.
func TestPackRoundTrip(t *testing.T) {
	for _, p := range []packedFile{
		{},
		{Coder: "ann", File: "codings/ann.jsonl", Declared: &Declaration{}, Strings: []string{""}, Recs: []packedRecord{{}}},
		{
			Coder: "bé", File: "codings/bé.jsonl",
			Declared: &Declaration{Coder: "bé", File: "codings/bé.jsonl", Line: 3, Documents: []string{"d1", "", "d2"}},
			Probs:    diag.List{{File: "f", Line: 1, Col: -2, Severity: diag.Warning, Msg: "m"}, {Severity: diag.Error}},
			Strings:  []string{"d1", "theme", "", strings.Repeat("x", 300)},
			Quotes:   "onetwo",
			Recs: []packedRecord{
				{Doc: 0, Theme: 1, Memo: 3, Quote: 3, Start: -1, End: math.MaxInt, Line: 1},
				{Doc: 2, Theme: 2, Memo: 2, Quote: 0, Start: math.MinInt, End: 0, Line: 1 << 40},
				{Doc: 1, Theme: 0, Memo: 0, Quote: 3, Start: 5, End: 4, Line: 2},
			},
		},
	} {
		got, err := decodePack(string(appendPack(nil, &p)), appendRows(nil, &p))
		if err != nil || !reflect.DeepEqual(*got, p) {
			t.Errorf("pack %+v read back as %+v, %v", p, got, err)
		}
	}
}

// Any bytes in the cache's file are read as a cache whose every record
// unpacks, or as no cache; what is read writes and reads back the same.
func FuzzReadFileCache(f *testing.F) {
	dir := f.TempDir()
	real := filepath.Join(dir, "real")
	data := []byte(`{"documents": ["d1"]}` + "\n" +
		`{"doc":"d1","theme":"a","quote":"one","start":0,"end":3,"memo":"m"}` + "\n{bad\n" +
		`{"doc":"d2","theme":"b","quote":"two","start":-4,"end":9}`)
	want, probs := ParseFile("codings/ann.jsonl", data)
	c := OpenFileCache(real, "test")
	c.files[cachekey.Sum{1}] = cachedFile{F: want, Probs: probs}
	c.files[cachekey.Sum{2}] = cachedFile{F: File{Coder: "bob"}}
	c.changed = true
	if err := c.Save(); err != nil {
		f.Fatal(err)
	}
	saved, err := os.ReadFile(real)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{nil, {0}, {'i', 0x80}, saved} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := readFileCache(bufio.NewReader(bytes.NewReader(data)), int64(len(data)), "test")
		if err != nil {
			return
		}
		c := &FileCache{salt: "test", files: map[cachekey.Sum]cachedFile{}}
		for k, p := range files {
			p.unpackInto(make([]Record, len(p.Recs)))
			c.files[k] = cachedFile{packed: p}
		}
		var again bytes.Buffer
		if err := c.write(&again); err != nil {
			t.Fatal(err)
		}
		if got, err := readFileCache(bufio.NewReader(&again), int64(again.Len()), "test"); err != nil || !reflect.DeepEqual(got, files) {
			t.Errorf("read %+v, written and read again %+v, %v", files, got, err)
		}
	})
}

// TestPackStringsOutliveText: what the merged applications keep (coder,
// file, theme, memo) is not a part of the cache's text, so a dense study's
// tens of megabytes of quotes are not held for them (issue 11's memory).
func TestPackStringsOutliveText(t *testing.T) {
	p := packedFile{Coder: "ann", File: "codings/ann.jsonl", Strings: []string{"doc-1", "theme", "a memo"}, Quotes: "quote",
		Recs: []packedRecord{{Doc: 0, Theme: 1, Memo: 2, Quote: 5}}}
	text := string(appendPack(nil, &p))
	got, err := decodePack(text, appendRows(nil, &p))
	if err != nil {
		t.Fatal(err)
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	for _, s := range append([]string{got.Coder, got.File}, got.Strings...) {
		if at := uintptr(unsafe.Pointer(unsafe.StringData(s))); len(s) > 0 && at >= lo && at < hi {
			t.Errorf("%q is a part of the cache's text: it keeps all of it alive", s)
		}
	}
}

// Unpacked in chunks, on every core, a pack gives the records unpacking
// it whole gives: each chunk's quotes start where the chunk before's end.
func TestUnpackChunks(t *testing.T) {
	for _, n := range []int{0, 1, unpackChunkLen, 2*unpackChunkLen + 7} {
		recs := make([]Record, n)
		for i := range recs {
			recs[i] = Record{Doc: "d" + strings.Repeat("x", i%3), Theme: "t", Quote: strings.Repeat(string(rune('a'+i%26)), i%5), Start: i, End: i + i%5, Coder: "ann", File: "codings/ann.jsonl", Line: i + 1}
		}
		p := pack(cachedFile{F: File{Coder: "ann", Records: recs}})
		got := make([]Record, n)
		cs := p.chunks(nil, got)
		if want := (n + unpackChunkLen - 1) / unpackChunkLen; len(cs) != want {
			t.Errorf("%d records: %d chunks, want %d", n, len(cs), want)
		}
		for i := len(cs) - 1; i >= 0; i-- { // in any order
			cs[i].unpack()
		}
		if !reflect.DeepEqual(got, recs) {
			t.Errorf("%d records: chunks unpacked differ from the records packed", n)
		}
	}
}
