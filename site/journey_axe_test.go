package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// needShared skips a test that needs ../shared (the browser and axe), or
// fails it when INSIGHT_REQUIRE_SHARED=1 (CI).
func needShared(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("INSIGHT_REQUIRE_SHARED") == "1" {
		t.Fatalf("%s is missing and INSIGHT_REQUIRE_SHARED=1", what)
	}
	t.Skipf("skipped: %s is missing", what)
}

// TestJourneyPagesAxe runs axe (WCAG 2.1 A and AA) in Chromium on the
// example's case pages and resource map.
func TestJourneyPagesAxe(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: starts a browser")
	}
	axe, err := os.ReadFile(filepath.Join("..", "..", "shared", "browser", "axe.min.js"))
	if err != nil {
		needShared(t, "../shared/browser/axe.min.js")
	}
	chrome := "/usr/bin/chromium"
	if _, err := os.Stat(chrome); err != nil {
		needShared(t, chrome)
	}
	dir := copyDir(t, "../example/study")
	in := load(t, dir)
	loadJourneys(t, dir, &in)
	out, _ := buildTo(t, in, Options{})

	actx, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Flag("headless", true))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	const run = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))`
	for _, page := range []string{"cases/H01.html", "resource-map.html"} {
		err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, page)), chromedp.Evaluate[chromedp.Void](string(axe)))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](run, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		var violations []struct {
			ID, Help string
			Nodes    []string
		}
		if err := json.Unmarshal([]byte(res), &violations); err != nil {
			t.Fatalf("%s: %v in %q", page, err, res)
		}
		for _, v := range violations {
			t.Errorf("%s: %s (%s) at %v", page, v.ID, v.Help, v.Nodes)
		}
	}
}
