package anon

import "testing"

// TestLazyRegexpsCompile compiles every detector pattern, so a bad one fails
// here rather than panicking on the first transcript that reaches it.
func TestLazyRegexpsCompile(t *testing.T) {
	all := []*lazyRegexp{ageItem, compactAge, dobRe, fullDateRe, numericDayMonth,
		niRe, postFullRe, postOutRe, vehCurRe, vehPreRe, vehSufRe, vehNIRe,
		spokenPostRe, spokenNIRe, spokenVehRe}
	for _, r := range all {
		if r.get() == nil {
			t.Errorf("pattern %q did not compile", r.src)
		}
	}
	if lazyRE(`(`).src != `(` {
		t.Fatal("lazyRE must keep its source")
	}
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern must panic on first use, as regexp.MustCompile does")
		}
	}()
	lazyRE(`(`).get()
}
