package anon

import "testing"

// TestDev6 scores the detector on testdata/dev6, a development set written
// by hand by someone who had never seen the detector (its README says how),
// for issue 13. It is read and tuned on like testdata/dev4; its floors guard
// the figures after tuning, so it fails when the detector does worse.
func TestDev6(t *testing.T) {
	r := scoreHeldOut(t, "testdata/dev6", false)
	_, all := r.sc.table()
	if all.gold < 300 || r.decoys < 80 {
		t.Errorf("set has %d identifiers and %d decoys, want at least 300 and 80", all.gold, r.decoys)
	}
	floors := map[Kind]float64{}
	r.sc.checkFloors(t, floors, 0.95)
}
