package coding

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
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
			c.files[[32]byte{1}] = cachedFile{F: want, Probs: probs}
			c.changed = true
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			got := OpenFileCache(file, "test").files[[32]byte{1}]
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
		func(p *packedFile) { p.Recs[0].Memo = -1 },
		func(p *packedFile) { p.Recs[0].Quote = 2 },
		func(p *packedFile) { p.Recs[0].Quote = -1 },
		func(p *packedFile) { p.Recs = append(p.Recs, p.Recs[0]) }, // the quotes run out
	} {
		p := pack(cachedFile{F: f})
		damage(&p)
		if p.valid() {
			t.Errorf("damaged pack %+v read as good", p)
		}
	}
}

// MemoRecords skips lines without "memo": it must still return exactly
// the records with a memo that ParseFile reads, whatever the file.
func FuzzMemoRecords(f *testing.F) {
	for _, seed := range []string{
		"",
		`{"doc":"d","theme":"t","quote":"q","memo":"m"}`,
		`{"doc":"d","theme":"t","quote":"q","MeMo":"m"}` + "\n" + `{"doc":"d","theme":"t","quote":"q"}`,
		`{"doc":"d","theme":"t","quote":"q","\u006demo":"m"}`,
		"\xef\xbb\xbf{\"documents\":[\"d\"]}\n\n{\"doc\":\"d\",\"theme\":\"t\",\"quote\":\"q\",\"start\":-1,\"memo\":\"x\"}\r\n{\"memo\":\"only\"}",
		`{"doc":"d","theme":"t","quote":"q","memo":""}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		all, _ := ParseFile("codings/ann.jsonl", data)
		var want []Record
		for _, r := range all.Records {
			if r.Memo != "" {
				want = append(want, r)
			}
		}
		got := MemoRecords("codings/ann.jsonl", data)
		if len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("MemoRecords = %+v, want %+v", got, want)
		}
		kept := MemoLines(data)
		if got := MemoRecords("codings/ann.jsonl", kept); len(got) != len(want) || len(got) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("MemoRecords of MemoLines = %+v, want %+v", got, want)
		}
		if len(kept) > len(data) || bytes.Count(kept, []byte("\n")) != bytes.Count(data, []byte("\n")) {
			t.Errorf("MemoLines(%q) = %q: not the same lines", data, kept)
		}
	})
}

// A study's codings read through the cache's file are the codings read
// from the coders' files, in one slice that the files' records are part of.
func TestLoadAllCachedFromFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, CodingsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"ann.jsonl": `{"documents": ["d1"]}` + "\n" + `{"doc":"d1","theme":"a","quote":"one","start":0,"end":3,"memo":"m"}` + "\n{bad\n",
		"bob.jsonl": "",
		"cat.jsonl": `{"doc":"d2","theme":"b","quote":"two"}` + "\n" + `{"doc":"d1","theme":"b","quote":"three"}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, CodingsDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, cacheFile := os.DirFS(dir), filepath.Join(dir, "cache.gob")
	want, wantProbs := LoadFiles(fsys, "s")
	for _, run := range []string{"parsed", "from the cache's file"} {
		c := OpenFileCache(cacheFile, "test")
		files, recs, probs := LoadAllCached(fsys, "s", c)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		var joined []Record
		for i := range files {
			joined = append(joined, files[i].Records...)
			if len(files[i].Records) == 0 {
				files[i].Records, want[i].Records = nil, nil
			}
		}
		if len(recs) != 3 || !reflect.DeepEqual(joined, recs) || len(recs) > 0 && &files[0].Records[0] != &recs[0] {
			t.Errorf("%s: records %+v are not the files' %+v", run, recs, joined)
		}
		if !reflect.DeepEqual(files, want) || !reflect.DeepEqual(probs, wantProbs) {
			t.Errorf("%s: read\n%+v\n%v\nwant\n%+v\n%v", run, files, probs, want, wantProbs)
		}
	}
}
