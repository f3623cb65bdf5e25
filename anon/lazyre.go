package anon

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regexp compiled on first use, not at program start: every
// insight command links anon, and most never detect anything, so compiling
// the detector's patterns at init would slow each one down (the pattern of
// Go's own internal/lazyregexp). A bad pattern still panics, on first use,
// and TestLazyRegexpsCompile compiles every one.
type lazyRegexp struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

func lazyRE(src string) *lazyRegexp { return &lazyRegexp{src: src} }

func (r *lazyRegexp) get() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.src) })
	return r.re
}

func (r *lazyRegexp) MatchString(s string) bool  { return r.get().MatchString(s) }
func (r *lazyRegexp) FindString(s string) string { return r.get().FindString(s) }
func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	return r.get().FindStringSubmatch(s)
}
func (r *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return r.get().FindStringSubmatchIndex(s)
}
