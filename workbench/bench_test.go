package workbench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/residentinsight/insight/study"
	"github.com/residentinsight/insight/workbench"
)

// The workbench on the benchmark study (go run ./tools/synth -o DIR), named
// by INSIGHT_BENCH_STUDY; it is copied, since applying writes to it. The
// targets (issue 14): opening an 8,000-word transcript under 300 ms, and a
// coding applied, from request to synced file, under 50 ms.
//
//	go run ./tools/synth -o /tmp/bench-study
//	INSIGHT_BENCH_STUDY=/tmp/bench-study go test ./workbench -run X -bench . -benchtime 20x

func benchServer(b *testing.B) (*workbench.Server, http.Handler, string) {
	src := os.Getenv("INSIGHT_BENCH_STUDY")
	if src == "" {
		b.Skip("INSIGHT_BENCH_STUDY is not set: go run ./tools/synth -o /tmp/bench-study, then INSIGHT_BENCH_STUDY=/tmp/bench-study")
	}
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	srv, err := study.OpenWorkbench(context.Background(), study.Source{Dir: dir}, "coder-a") // a coder with a 3.6 MB file: the rewrite is the cost
	if err != nil {
		b.Fatal(err)
	}
	srv.SetAddr(addr)
	// The longest transcript.
	var long string
	var size int64
	entries, _ := os.ReadDir(filepath.Join(dir, "transcripts"))
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.Size() > size {
			long, size = strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())), fi.Size()
		}
	}
	return srv, srv.Handler(), long
}

func benchReq(h http.Handler, token, method, path string, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://"+addr+path, bytes.NewReader(body))
	r.Header.Set("X-Insight-Token", token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// BenchmarkOpenTranscript is the data of the transcript view: turns,
// every coder's codings anchored, suggestions.
func BenchmarkOpenTranscript(b *testing.B) {
	srv, h, doc := benchServer(b)
	b.ResetTimer()
	for b.Loop() {
		if w := benchReq(h, srv.Token(), "GET", "/api/doc?id="+doc, nil); w.Code != 200 {
			b.Fatal(w.Code, w.Body)
		}
	}
}

// BenchmarkApply applies a code to a new sentence each time, through the
// atomic writer (temporary file, fsync, rename, fsync of the folder).
func BenchmarkApply(b *testing.B) {
	srv, h, doc := benchServer(b)
	w := benchReq(h, srv.Token(), "GET", "/api/doc?id="+doc, nil)
	var v struct {
		Turns []struct {
			Text string `json:"text"`
		} `json:"turns"`
	}
	json.Unmarshal(w.Body.Bytes(), &v)
	var cb []struct {
		ID string `json:"id"`
	}
	json.Unmarshal(benchReq(h, srv.Token(), "GET", "/api/codebook", nil).Body.Bytes(), &cb)
	i := 0
	b.ResetTimer()
	for b.Loop() {
		i++
		turn := i % len(v.Turns)
		n := len([]rune(v.Turns[turn].Text))
		body, _ := json.Marshal(map[string]any{"doc": doc, "turn": turn, "start": 0, "end": max(1, n-i%7), "theme": cb[i%len(cb)].ID})
		r := httptest.NewRequest("POST", "http://"+addr+"/api/apply", bytes.NewReader(body))
		r.Header.Set("X-Insight-Token", srv.Token())
		r.Header.Set("Origin", "http://"+addr)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatal(rec.Code, rec.Body)
		}
	}
}
