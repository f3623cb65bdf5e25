package coding

import (
	"encoding/json"
	"testing"
)

// FuzzDecodeRecord holds decodeRecord to json.Unmarshal: a line it
// accepts must decode to what encoding/json makes of it, without error.
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range []string{
		`{"doc":"doc-0001","theme":"t23","quote":"I felt ignored","start":164,"end":195}`,
		`{"doc": "a", "theme": "t", "quote": "café — ok", "start": 0, "end": 10, "memo": "m"}`,
		`{}`, `{"doc":"a","doc":"b"}`, `{"Doc":"a"}`, `{"doc":"a\"b"}`, `{"start":01}`, `{"start":-0}`,
		`{"start":1.5}`, `{"start":1e3}`, `{"start":123456789012345678901}`, `{"doc":null}`,
		`{"doc":"a"} x`, `{"doc":"a",}`, "{\"doc\":\"\xff\"}", "{\"doc\":\"\t\"}", `{"other":1}`,
		`{"documents":["a"]}`, `{"start":"1"}`, `{"doc":1}`, ` { "doc" : "a" , "end" : -5 } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var fast Record
		if !decodeRecord(line, &fast, interner{}, true) {
			return
		}
		var slow Record
		if err := json.Unmarshal(line, &slow); err != nil {
			t.Fatalf("decodeRecord accepted %q, which encoding/json rejects: %v", line, err)
		}
		if fast != slow {
			t.Fatalf("%q: decodeRecord %+v, encoding/json %+v", line, fast, slow)
		}
	})
}

// A coding tool's usual line takes the fast path; unusual ones do not.
func TestDecodeRecordTakes(t *testing.T) {
	for _, s := range []string{
		`{"doc":"doc-0001","theme":"t23","quote":"I felt ignored","start":164,"end":195}`,
		`{"doc": "a", "theme": "t", "quote": "café — ok", "start": 0, "end": 10, "memo": "m"}`,
		`{}`,
	} {
		if !decodeRecord([]byte(s), &Record{}, interner{}, true) {
			t.Errorf("%s: not decoded", s)
		}
	}
	for _, s := range []string{`{"Doc":"a"}`, `{"doc":"a\"b"}`, `{"start":1.5}`, `{"doc":"a"} x`, `{"doc":null}`, "{\"doc\":\"\xff\"}"} {
		if decodeRecord([]byte(s), &Record{}, interner{}, true) {
			t.Errorf("%s: decoded, though encoding/json's rules for it are not decodeRecord's", s)
		}
	}
}
