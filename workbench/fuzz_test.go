package workbench

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/residentinsight/insight/corpus"
)

// FuzzSelection maps arbitrary selections in arbitrary transcripts: either
// a clear refusal, or a coding whose quote is exactly the body's text at its
// code-point offsets, inside the selected turn. (Withheld turns are refused
// before any mapping; TestWithdrawnTurnNeitherShownNorCodable covers them.)
func FuzzSelection(f *testing.F) {
	f.Add([]byte("P01: By the time anyone came it was far too late.\nInterviewer: Why?\n"), 0, 3, 11)
	f.Add([]byte("P01: é 😀 ünïcödé text\n"), 0, 0, 6)
	f.Add([]byte(""), 0, 0, 0)
	f.Add([]byte("P01: a\n"), 0, 0, 1)
	f.Add([]byte("P01: ab\nP02: cd\n"), 1, 1, 2)
	f.Add([]byte("P01:    \n"), 0, 0, 3)
	f.Fuzz(func(t *testing.T, data []byte, turn, start, end int) {
		d, _ := corpus.ParseDocument("t.md", data)
		if d == nil {
			return
		}
		rec, err := Selection(d, turn, start, end)
		if err != nil {
			return
		}
		if rec.Quote == "" || rec.Doc != d.ID {
			t.Fatalf("empty quote or wrong document: %+v", rec)
		}
		bs, be := d.ByteOffset(rec.Start), d.ByteOffset(rec.End)
		if bs < 0 || be > len(d.Body) || bs >= be || d.Body[bs:be] != rec.Quote {
			t.Fatalf("quote %q is not the body at %d–%d", rec.Quote, rec.Start, rec.End)
		}
		tt := d.Turns[turn]
		if bs < tt.Start || be > tt.End {
			t.Fatalf("quote %d–%d leaves turn %d (%d–%d)", bs, be, turn, tt.Start, tt.End)
		}
	})
}

// FuzzDecode feeds arbitrary bodies to the strict JSON decoder the API uses:
// an error or a value, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"doc":"int-001","turn":0,"start":0,"end":5,"theme":"duplication","memo":""}`))
	f.Add([]byte(`{"doc":1}`))
	f.Add([]byte(`{"unknown":true}`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/api/apply", bytes.NewReader(body))
		var v applyReq
		_ = decode(r, &v)
	})
}
