package workbench_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/residentinsight/insight/coding"
)

// The workbench in headless Chromium, as site/browsertest drives the site:
// without Chromium these tests skip with one line, unless
// INSIGHT_REQUIRE_BROWSER=1 makes that a failure.

func chromium(t *testing.T) string {
	if p := os.Getenv("INSIGHT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("INSIGHT_REQUIRE_BROWSER") == "1" {
		t.Fatal("INSIGHT_REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium, or set INSIGHT_CHROMIUM)")
	}
	t.Skip("no Chromium found: skipping the workbench browser tests (INSIGHT_REQUIRE_BROWSER=1 makes this a failure)")
	return ""
}

type browserTab struct {
	*env
	ctx  context.Context
	base string
	mu   sync.Mutex
	bad  []string
}

// newBrowser serves a fresh fixture study on a loopback port and opens
// the workbench's printed address in a new headless Chromium.
func newBrowser(t *testing.T) *browserTab {
	bin := chromium(t)
	e := newEnv(t)
	ts := httptest.NewServer(e.h)
	t.Cleanup(ts.Close)
	e.srv.SetAddr(strings.TrimPrefix(ts.URL, "http://"))
	ctx := startChromium(t, bin)
	tb := &browserTab{env: e, ctx: ctx, base: ts.URL}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if !strings.HasPrefix(ev.Request.URL, ts.URL) && !strings.HasPrefix(ev.Request.URL, "data:") {
				tb.bad = append(tb.bad, "request leaving the machine: "+ev.Request.URL)
			}
		case *runtime.EventExceptionThrown:
			tb.bad = append(tb.bad, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				tb.bad = append(tb.bad, "console error")
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	tb.run(t, chromedp.Navigate(e.srv.URL()))
	tb.run(t, chromedp.WaitVisible("h1"))
	return tb
}

func (tb *browserTab) run(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		state, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`"status: " + document.getElementById("status").textContent + "; panel hidden: " + document.getElementById("panel").hidden + "; focus: " + document.activeElement.outerHTML.slice(0, 120) + "; marks: " + [...document.querySelectorAll("mark")].map(m => m.className).join(",")`))
		t.Fatalf("%v (page: %s)", err, state)
	}
}

func (tb *browserTab) check(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, b := range tb.bad {
		t.Error(b)
	}
	tb.bad = nil
}

// waitFile waits until the coder's file holds n records and the page has
// settled, and returns the records.
func (tb *browserTab) waitFile(t *testing.T, n int) []coding.Record {
	t.Helper()
	defer tb.settle(t)
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs := tb.records()
		if len(recs) == n || time.Now().After(deadline) {
			if len(recs) != n {
				t.Fatalf("the coder's file holds %d codings, want %d: %+v", len(recs), n, recs)
			}
			return recs
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// settle waits until the page has no request in flight.
func (tb *browserTab) settle(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.busy === "0"`)); err != nil {
		t.Fatalf("the page did not settle: %v", err)
	}
}

// selectJS selects quote inside turn's text as a mouse would and lets go.
func selectJS(turn int, quote string) string {
	return `(() => {
  const span = document.querySelector('span.text[data-turn="` + itoa(turn) + `"]');
  const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
  const q = ` + jsStr(quote) + `;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(q);
    if (i >= 0) {
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + q.length);
      const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
      span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
      return true;
    }
  }
  return false;
})()`
}

func itoa(i int) string { return strconv.Itoa(i) }

func jsStr(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}

func TestBrowserFlow(t *testing.T) {
	tb := newBrowser(t)
	tb.run(t, chromedp.Click(`a[href="#/doc/int-001"]`), chromedp.WaitVisible(`span.text[data-turn="1"]`))
	if strings.Contains(tb.evalString(t, `document.body.innerText`), "never want") {
		t.Fatal("the withdrawn participant's words are on the page")
	}

	// Select a range and apply a theme: exactly one new line, right quote and offsets.
	quote := "naïve 🙂 place"
	tb.sel(t, 1, quote)
	tb.run(t, chromedp.WaitVisible(`#panel select#theme`),
		chromedp.SetValue(`#theme`, "housing"), chromedp.SetValue(`#memo`, "first"),
		chromedp.Click(`#panel button`)) // Apply is the first button
	recs := tb.waitFile(t, 1)
	if r := recs[0]; r.Quote != quote || r.Theme != "housing" || r.Memo != "first" || string([]rune(tb.body())[r.Start:r.End]) != quote {
		t.Fatalf("applied: %+v", r)
	}
	tb.run(t, chromedp.WaitVisible(`mark.mine`))

	// Edit the memo.
	tb.run(t, chromedp.Click(`mark.mine`), chromedp.WaitVisible(`#panel textarea#m0`),
		chromedp.SetValue(`#m0`, "edited memo"), chromedp.Click(`#panel section button`))
	waitFor(t, func() bool { r := tb.records(); return len(r) == 1 && r[0].Memo == "edited memo" })
	tb.settle(t)

	// Reload shows the same state.
	tb.run(t, chromedp.Reload(), chromedp.WaitVisible(`mark.mine`))
	if n := tb.evalInt(t, `document.querySelectorAll('mark.mine').length`); n < 1 {
		t.Fatal("after reload the coding is not shown")
	}

	// Remove it.
	tb.run(t, chromedp.Click(`mark.mine`), chromedp.WaitVisible(`#panel textarea#m0`),
		chromedp.Click(`#panel section button:nth-of-type(2)`))
	tb.waitFile(t, 0)

	// Accept the keyword suggestion (dashed).
	tb.run(t, chromedp.WaitVisible(`mark.sugg`), chromedp.Click(`mark.sugg`), chromedp.WaitVisible(`#panel section button`),
		chromedp.Click(`#panel section button`))
	recs = tb.waitFile(t, 1)
	if recs[0].Memo != coding.AcceptMemo || !strings.Contains(recs[0].Quote, "rent") {
		t.Fatalf("accepted: %+v", recs[0])
	}

	// Add a theme from the panel, then apply it.
	tb.run(t, chromedp.WaitNotPresent(`mark.sugg`))
	tb.sel(t, 3, "waited months")
	tb.run(t, chromedp.WaitVisible(`#panel select#theme`),
		chromedp.Click(`#panel .row button:nth-of-type(3)`), chromedp.WaitVisible(`#nt-id`),
		chromedp.SetValue(`#nt-id`, "long-waits"), chromedp.SetValue(`#nt-name`, "Long waits"), chromedp.SetValue(`#nt-parent`, "waiting"),
		chromedp.Click(`#panel .row button`), chromedp.WaitVisible(`#panel select#theme option[value="long-waits"]`))
	cb, _ := os.ReadFile(filepath.Join(tb.dir, "codebook.yaml"))
	if !strings.Contains(string(cb), "id: long-waits") || !strings.Contains(string(cb), "# Housing first.") {
		t.Fatalf("codebook after adding a theme:\n%s", cb)
	}
	tb.run(t, chromedp.SetValue(`#theme`, "long-waits"), chromedp.Click(`#panel .row button`))
	recs = tb.waitFile(t, 2)
	if recs[1].Theme != "long-waits" || recs[1].Quote != "waited months" {
		t.Fatalf("applied the new theme: %+v", recs[1])
	}
	tb.run(t, chromedp.Reload(), chromedp.WaitVisible(`mark.mine`))
	if n := tb.evalInt(t, `new Set([...document.querySelectorAll('mark.mine')].map(m => m.title)).size`); n != 2 {
		t.Fatalf("after reload %d distinct codings shown, want 2", n)
	}
	tb.check(t)
}

// TestBrowserKeyboardOnly codes a turn, edits its memo and removes it
// with the keyboard alone.
func TestBrowserKeyboardOnly(t *testing.T) {
	tb := newBrowser(t)
	tb.run(t, chromedp.WaitVisible(`a[href="#/doc/int-001"]`))
	tb.tabTo(t, `a[href="#/doc/int-001"]`)
	tb.run(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`p.turn[data-turn="3"]`))
	tb.tabTo(t, `p.turn[data-turn="3"]`)
	tb.run(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`#filter`))
	if tb.evalString(t, `document.activeElement.id`) != "filter" {
		t.Fatal("the panel's filter box does not have the focus")
	}
	tb.run(t, chromedp.KeyEvent("Wait"), chromedp.KeyEvent(kb.Enter))
	recs := tb.waitFile(t, 1)
	if recs[0].Theme != "waiting" || recs[0].Quote != "After that we waited months and months." {
		t.Fatalf("keyboard apply: %+v", recs[0])
	}
	tb.run(t, chromedp.WaitVisible(`mark.mine`))
	tb.tabTo(t, `mark.mine`)
	tb.run(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`#m0`))
	tb.tabTo(t, `#m0`)
	tb.run(t, chromedp.KeyEvent("by keyboard"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	waitFor(t, func() bool { r := tb.records(); return len(r) == 1 && r[0].Memo == "by keyboard" })
	tb.settle(t)
	tb.run(t, chromedp.WaitVisible(`mark.mine`))
	tb.tabTo(t, `mark.mine`)
	tb.run(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`#m0`))
	tb.tabTo(t, `#panel section button:nth-of-type(2)`)
	tb.run(t, chromedp.KeyEvent(kb.Enter))
	tb.waitFile(t, 0)
	// Esc closes the panel and gives the focus back.
	tb.tabTo(t, `p.turn[data-turn="1"]`)
	tb.run(t, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`#filter`), chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(`#panel`))
	if tb.evalString(t, `document.activeElement.dataset.turn || ""`) != "1" {
		t.Fatal("Esc did not return the focus to the turn")
	}
	tb.check(t)
}

// TestBrowserAxe runs axe-core on the list, the transcript and the open panel.
func TestBrowserAxe(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("..", "..", "shared", "browser", "axe.min.js"))
	if err != nil {
		if os.Getenv("INSIGHT_REQUIRE_BROWSER") == "1" || os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
			t.Fatal("../shared/browser/axe.min.js is absent, and INSIGHT_REQUIRE_BROWSER or INSIGHT_REQUIRE_SHARED requires it")
		}
		t.Skip("../shared/browser/axe.min.js is absent: skipping the axe-core checks")
	}
	tb := newBrowser(t)
	type axeResult struct {
		Violations []struct {
			ID    string `json:"id"`
			Help  string `json:"help"`
			Nodes []struct {
				Target []string `json:"target"`
			} `json:"nodes"`
		} `json:"violations"`
	}
	for _, step := range []struct {
		name string
		do   func()
	}{
		{"transcript list", func() {}},
		{"transcript", func() { tb.run(t, chromedp.Click(`a[href="#/doc/int-001"]`), chromedp.WaitVisible(`mark.sugg`)) }},
		{"apply panel", func() { tb.sel(t, 1, "naïve"); tb.run(t, chromedp.WaitVisible(`#filter`)) }},
		{"new theme panel", func() { tb.run(t, chromedp.Click(`#panel .row button:nth-of-type(3)`), chromedp.WaitVisible(`#nt-id`)) }},
	} {
		step.do()
		evalIn[int](t, tb, string(axe)+";0")
		res := evalIn[axeResult](t, tb, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})`)
		for _, v := range res.Violations {
			t.Errorf("%s: %s (%s) at %v", step.name, v.ID, v.Help, v.Nodes)
		}
	}
	tb.check(t)
}

// tabTo presses Tab until the element matching sel has the focus.
func (tb *browserTab) tabTo(t *testing.T, sel string) {
	t.Helper()
	for range 60 {
		if tb.evalBool(t, `document.activeElement && document.activeElement.matches(`+jsStr(sel)+`)`) {
			return
		}
		tb.run(t, chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached %s", sel)
}

func evalIn[T any](t *testing.T, tb *browserTab, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.60s: %v", js, err)
	}
	return v
}

func (tb *browserTab) evalString(t *testing.T, js string) string { return evalIn[string](t, tb, js) }
func (tb *browserTab) evalInt(t *testing.T, js string) int       { return evalIn[int](t, tb, js) }
func (tb *browserTab) evalBool(t *testing.T, js string) bool     { return evalIn[bool](t, tb, js) }

// sel selects quote in turn and fails when it is not there.
func (tb *browserTab) sel(t *testing.T, turn int, quote string) {
	t.Helper()
	if !tb.evalBool(t, selectJS(turn, quote)) {
		t.Fatalf("could not select %q in turn %d", quote, turn)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the coder's file")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startChromium starts a headless Chromium for the life of the test. A
// start that fails is tried once more, with a fresh profile: on a loaded
// two-core machine Chromium has now and then crashed while starting
// ("chrome failed to start"), which says nothing about the workbench.
func startChromium(t *testing.T, bin string) context.Context {
	var err error
	for try := 0; try < 2; try++ {
		alloc, cancel := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(bin),
			chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		)
		ctx, cancel2 := chromedp.NewContext(alloc)
		// The first Do starts the browser for the life of ctx: no timeout on it.
		if err = chromedp.Do(ctx); err == nil {
			t.Cleanup(cancel)
			t.Cleanup(cancel2)
			return ctx
		}
		cancel2()
		cancel()
		t.Logf("chromium did not start (try %d): %v", try+1, err)
	}
	t.Fatal(err)
	return nil
}
