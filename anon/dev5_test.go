package anon

import "testing"

// TestDev5 scores the detector on testdata/dev5, a development set written
// by hand by someone who had never seen the detector (its README says how),
// for issue 13. It is read and tuned on like testdata/dev4; its floors guard
// the figures after tuning, so it fails when the detector does worse.
func TestDev5(t *testing.T) {
	r := scoreHeldOut(t, "testdata/dev5", false)
	_, all := r.sc.table()
	if all.gold < 450 || r.decoys < 100 {
		t.Errorf("set has %d identifiers and %d decoys, want at least 450 and 100", all.gold, r.decoys)
	}
	floors := map[Kind]float64{}
	r.sc.checkFloors(t, floors, 0.95)
}
