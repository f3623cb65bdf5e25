package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/residentinsight/insight/example"
	"github.com/residentinsight/insight/study"
)

// env is what every test shares: one browser, the example site built
// once, and a server for it.
var env struct {
	browser  context.Context
	studyDir string // a copy of the example study, for `insight query search`
	siteDir  string
	server   *httptest.Server
	axe      string // axe.min.js, or "" when ../shared/browser is absent
}

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	required := os.Getenv("INSIGHT_REQUIRE_BROWSER") == "1"
	chromium := findChromium()
	if chromium == "" {
		if required {
			fmt.Fprintln(os.Stderr, "browsertest: FAIL: INSIGHT_REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium, or set INSIGHT_CHROMIUM)")
			return 1
		}
		fmt.Println("browsertest: skipping the browser tests: no Chromium found (apt-get install chromium; INSIGHT_REQUIRE_BROWSER=1 makes this a failure)")
		return 0
	}
	tmp, err := os.MkdirTemp("", "insight-browser-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	if err := setup(tmp, chromium); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer env.server.Close()
	return m.Run()
}

func findChromium() string {
	if p := os.Getenv("INSIGHT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func setup(tmp, chromium string) error {
	ctx := context.Background()
	env.studyDir = filepath.Join(tmp, "study")
	env.siteDir = filepath.Join(tmp, "site")
	if err := os.CopyFS(env.studyDir, example.Study()); err != nil {
		return err
	}
	if err := study.Build(ctx, study.Source{Dir: env.studyDir}, study.BuildOptions{Out: env.siteDir}); err != nil {
		return fmt.Errorf("building the example site: %w", err)
	}
	if data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "browser", "axe.min.js")); err == nil {
		env.axe = string(data)
	}
	env.server = httptest.NewServer(http.FileServer(http.Dir(env.siteDir)))
	alloc, _ := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	)
	env.browser, _ = chromedp.NewContext(alloc)
	// The first Run starts the browser, for the lifetime of env.browser.
	if err := chromedp.Do(env.browser); err != nil {
		return fmt.Errorf("starting %s: %w", chromium, err)
	}
	return nil
}

// origin is one way of opening the site.
type origin struct{ name, root string }

func origins() []origin {
	return []origin{
		{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(env.siteDir) + "/"}).String()},
		{"http", env.server.URL + "/"},
	}
}

// tab is a browser tab that records what its pages do wrong: console
// errors, exceptions, dialogs, failed loads and requests leaving the site.
type tab struct {
	ctx  context.Context
	root string
	mu   sync.Mutex
	urls map[network.RequestID]string
	reqs []string // every URL requested
	bad  []string
}

func newTab(t *testing.T, root string) *tab {
	t.Helper()
	// A browser context of its own: no cache or storage shared with other tabs.
	ctx, cancel := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, root: root, urls: map[network.RequestID]string{}}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.urls[e.RequestID] = e.Request.URL
			tb.reqs = append(tb.reqs, e.Request.URL)
			if !strings.HasPrefix(e.Request.URL, root) && !strings.HasPrefix(e.Request.URL, "data:") {
				tb.bad = append(tb.bad, "request leaving the site: "+e.Request.URL)
			}
		case *network.EventLoadingFailed:
			tb.bad = append(tb.bad, fmt.Sprintf("failed to load %s: %s", tb.urls[e.RequestID], e.ErrorText))
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				tb.bad = append(tb.bad, fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				tb.bad = append(tb.bad, "console error: "+argsText(e.Args))
			}
		case *runtime.EventExceptionThrown:
			tb.bad = append(tb.bad, "exception: "+e.ExceptionDetails.Text+" "+fmt.Sprint(e.ExceptionDetails.Exception))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				tb.bad = append(tb.bad, "console: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			tb.bad = append(tb.bad, "a dialog opened: "+e.Message)
			// A listener may not run commands; close the dialog from elsewhere
			// so the page goes on and the test reports rather than hangs.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tb
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if len(a.Value) > 0 {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, a.Description)
		}
	}
	return strings.Join(parts, " ")
}

// open loads root+path and waits for the load event.
func (tb *tab) open(t *testing.T, path string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.root+path)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
}

// check fails the test for anything the tab recorded, and forgets it.
func (tb *tab) check(t *testing.T, where string) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, b := range tb.bad {
		t.Errorf("%s: %s", where, b)
	}
	tb.bad = nil
}

func (tb *tab) requests() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.reqs)
}

func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80s: %v", expr, err)
	}
	return v
}

// pages lists every HTML page of the built site, slash paths.
func pages(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(env.siteDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(env.siteDir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// waitSearch waits until the search page has answered.
func waitSearch(t *testing.T, tb *tab) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	state, err := chromedp.Run(ctx, chromedp.Poll[string](`document.getElementById('search-results').getAttribute('data-state')`))
	if err != nil {
		t.Fatalf("search did not answer: %v", err)
	}
	return state
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func chromedpNavigate(tb *tab, u string) error {
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Navigate(u))
}

func viewport(tb *tab, width int64) error {
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	return chromedp.Do(ctx, chromedp.EmulateViewport(width, 844))
}
