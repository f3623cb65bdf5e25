package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// TestSearchCost measures the first query on a big site, from disk: bytes
// of every file the search page loaded (itself included) and the time
// from navigation, and from the script's start of the query, to the first
// page of hits shown. It runs only when
// INSIGHT_BENCH_SITE names a built site, e.g. of the benchmark study:
//
//	go run ./tools/synth -o /tmp/bench-study
//	go run ./cmd/insight build /tmp/bench-study -o /tmp/bench-site
//	INSIGHT_BENCH_SITE=/tmp/bench-site go test ./site/browsertest -run TestSearchCost -v
//
// It is a measurement, not a pass/fail test of speed; sizes over 200 KiB
// are reported as errors since they do not depend on the machine.
func TestSearchCost(t *testing.T) {
	dir := os.Getenv("INSIGHT_BENCH_SITE")
	if dir == "" {
		t.Skip("INSIGHT_BENCH_SITE is not set: no site to measure")
	}
	dir, _ = filepath.Abs(dir)
	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	for _, q := range []string{"assessment", "council", `"rent arrears"`, "social worker", "the", `"the council"`, "zzzz"} {
		tb := newTab(t, root)
		// Thread time, not wall time: what the page costs the browser's main
		// thread, whatever else the machine is running.
		if _, err := chromedp.Call(tb.ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks}); err != nil {
			t.Fatal(err)
		}
		tb.open(t, "search.html?q="+url.QueryEscape(q))
		state := waitSearch(t, tb)
		ms := eval[float64](t, tb, "insightSearch.answeredAt")
		query := ms - eval[float64](t, tb, "insightSearch.startedAt")
		status := eval[string](t, tb, "document.getElementById('search-status').textContent")
		m, err := chromedp.Call(tb.ctx, performance.GetMetrics, cdp.Empty{})
		if err != nil {
			t.Fatal(err)
		}
		cpu := map[string]float64{}
		for _, x := range m.Metrics {
			cpu[x.Name] = x.Value * 1000
		}
		var total int64
		reqs := tb.requests()
		for _, u := range reqs {
			p := strings.TrimPrefix(strings.SplitN(u, "?", 2)[0], root)
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
				total += fi.Size()
			}
		}
		t.Logf("%-16s %s: %3d files, %6.1f KiB; first hits %4.0f ms after navigation, %4.0f ms after the query started; main thread busy %3.0f ms (script %3.0f ms); %s",
			q, state, len(reqs), float64(total)/1024, ms, query, cpu["TaskDuration"], cpu["ScriptDuration"], status)
		if total > 200<<10 {
			t.Errorf("%s: the first query loaded %d bytes, more than 200 KiB", q, total)
		}
		tb.check(t, q)
	}
}
