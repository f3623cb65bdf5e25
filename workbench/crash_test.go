package workbench_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/diag"
	"github.com/residentinsight/insight/study"
)

// TestCrashServer is the server process of TestCrash; it runs only when
// TestCrash starts it.
func TestCrashServer(t *testing.T) {
	dir := os.Getenv("INSIGHT_WORKBENCH_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrash")
	}
	srv, err := study.OpenWorkbench(context.Background(), study.Source{Dir: dir}, "amira")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := srv.Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("URL " + srv.URL())
	srv.Serve(context.Background(), ln) // until killed
}

type crashServer struct {
	cmd   *exec.Cmd
	base  string
	token string
}

func startCrashServer(t *testing.T, dir string) *crashServer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashServer$")
	cmd.Env = append(os.Environ(), "INSIGHT_WORKBENCH_CRASH_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "URL "); ok {
			pu, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			go func() {
				for sc.Scan() {
				}
			}()
			return &crashServer{cmd: cmd, base: "http://" + pu.Host, token: pu.Query().Get("token")}
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatal("the crash server printed no address")
	return nil
}

func (c *crashServer) post(path string, body any) (*http.Response, error) {
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", c.base+path, bytes.NewReader(data))
	req.Header.Set("X-Insight-Token", c.token)
	req.Header.Set("Origin", c.base)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

// TestCrash kills the server (SIGKILL) at random moments during a burst of
// 200 changes (applies, and memo edits that rewrite the file). The coder's
// file must be valid JSON lines whenever it is read, and every change the
// server acknowledged must be in it.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the crash test")
	}
	e := newEnv(t)
	text := e.doc().Turns[1].Text
	runes := []rune(text)
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))

	// A reader checks the file continuously while the burst runs.
	var stop atomic.Bool
	readerDone := make(chan string)
	go func() {
		reads, torn := 0, 0
		for !stop.Load() {
			data, err := os.ReadFile(e.coderFile())
			if err == nil {
				if _, probs := coding.ParseRecords("amira.jsonl", data); len(probs) > 0 {
					// Linux does not make a buffered write atomic for a
					// reader: an append that crosses a page boundary can be
					// seen half done. Such a last line must be whole at a
					// later read; a torn line that stays is a failure.
					if inFlight(data, probs) && torn < 1000 {
						torn++
						time.Sleep(time.Millisecond)
						continue
					}
					readerDone <- fmt.Sprintf("read %d: %v", reads, probs)
					return
				}
				reads, torn = reads+1, 0
			}
			time.Sleep(time.Millisecond)
		}
		readerDone <- ""
	}()

	ackedQuotes := map[string]bool{} // applies acknowledged
	// Per quote, the memos sent in order and how many of them were
	// acknowledged: an edit in flight at a kill may or may not be on disk.
	type memos struct {
		sent  []string
		acked int
	}
	edits := map[string]*memos{}
	kills := 0
	srv := startCrashServer(t, e.dir)
	until := 5 + rng.IntN(30)
	for i := 0; i < 200; i++ {
		if until--; until == 0 {
			// Kill while the next requests are in flight.
			c := srv.cmd
			go func() {
				time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
				c.Process.Kill()
			}()
		}
		var resp *http.Response
		var err error
		var quote, memo string
		if i%5 == 4 { // edit the memo of a line written before
			recs := e.records()
			if len(recs) == 0 {
				continue
			}
			r := recs[rng.IntN(len(recs))]
			memo = fmt.Sprintf("memo %d", i)
			quote = r.Quote
			if edits[quote] == nil {
				edits[quote] = &memos{}
			}
			edits[quote].sent = append(edits[quote].sent, memo)
			resp, err = srv.post("/api/edit", map[string]any{"line": r.Line, "was": r, "memo": memo})
		} else {
			s := i % 30
			end := min(s+5+i/30, len(runes))
			quote = strings.TrimSpace(string(runes[s:end]))
			resp, err = srv.post("/api/apply", map[string]any{"doc": "int-001", "turn": 1, "start": s, "end": end, "theme": "housing"})
		}
		if err != nil { // killed: restart and go on
			srv.cmd.Wait()
			kills++
			srv = startCrashServer(t, e.dir)
			until = 5 + rng.IntN(30)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			if resp.StatusCode == http.StatusConflict { // another edit's line moved; fine
				continue
			}
			t.Fatalf("change %d: status %d", i, resp.StatusCode)
		}
		if memo != "" {
			edits[quote].acked = len(edits[quote].sent)
		} else {
			ackedQuotes[quote] = true
		}
	}
	srv.cmd.Process.Kill()
	srv.cmd.Wait()
	stop.Store(true)
	if msg := <-readerDone; msg != "" {
		t.Fatalf("the coder's file was not valid JSON lines at one moment: %s", msg)
	}
	recs := e.records()
	have := map[string]string{}
	for _, r := range recs {
		have[r.Quote] = r.Memo
	}
	for q := range ackedQuotes {
		if _, ok := have[q]; !ok {
			t.Errorf("acknowledged coding %q is not in the file", q)
		}
	}
	// A quote's memo on disk is its last acknowledged one, or one sent
	// after it whose answer the kill cut off.
	for q, m := range edits {
		if m.acked > 0 && !slices.Contains(m.sent[m.acked-1:], have[q]) {
			t.Errorf("acknowledged memo %q of %q: the file has %q", m.sent[m.acked-1], q, have[q])
		}
	}
	t.Logf("200 changes, %d kills, %d codings in the file, %d acknowledged applies", kills, len(recs), len(ackedQuotes))
	if kills == 0 {
		t.Error("the server was never killed")
	}
}

// inFlight reports whether the only problems of a coder's file are on its
// last line and that line has no newline yet: an append being written.
func inFlight(data []byte, probs diag.List) bool {
	if bytes.HasSuffix(data, []byte("\n")) {
		return false
	}
	last := bytes.Count(data, []byte("\n")) + 1
	for _, p := range probs {
		if p.Line != last {
			return false
		}
	}
	return true
}
