// Package browsertest holds the insight site's tests in a real browser:
// headless Chromium, driven from Go with chromedp, against the example
// study's site opened from file:// and from a local net/http server. It
// checks console errors, requests leaving the site, links and anchors,
// search against `insight query search`, quote links and accessibility
// (axe-core, from ../shared/browser). There is no code here, only tests.
//
// Without Chromium the tests skip with one line, unless
// INSIGHT_REQUIRE_BROWSER=1 makes that a failure (CI sets it).
package browsertest
