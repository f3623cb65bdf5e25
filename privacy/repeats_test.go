package privacy

import (
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/residentinsight/insight/anon"
)

// TestRepeatsAnswersShortTextsOnce checks that a short text said again is
// not detected again, that its findings are the detector's own, and that a
// long text is detected every time.
func TestRepeatsAnswersShortTextsOnce(t *testing.T) {
	var calls atomic.Int64
	inner := countingDetector{anon.NewDetector(anon.Options{}), &calls}
	r := newRepeats(inner)
	short := "I rang Karen Hollis on 07700 900123."
	long := strings.Repeat("We waited a long time. ", 10) + short
	want := anon.NewDetector(anon.Options{}).Detect(short)
	if len(want) == 0 {
		t.Fatal("the short text has no findings: the test proves nothing")
	}
	for i := range 3 {
		if got := r.Detect(short); !reflect.DeepEqual(got, want) {
			t.Fatalf("call %d: findings %v, want %v", i, got, want)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the short text was detected %d times, want once", n)
	}
	for range 2 {
		r.Detect(long)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d detector calls after a long text twice, want 3: a text over %d bytes is not remembered", n, repeatMax)
	}
	for _, s := range []string{"", "a", "ab"} {
		if got := r.Detect(s); len(got) != 0 {
			t.Errorf("Detect(%q) = %v", s, got)
		}
	}
}
