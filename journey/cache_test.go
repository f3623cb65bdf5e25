package journey

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

// cacheRows has a duplication finding, a withdrawn participant's row, an
// identical row (a warning), a month-only date and a case (H03) only a
// transcript names.
const cacheRows = head +
	"H01,child-a,2025-03-01,housing,assessment,rent-arrears,case file,first\n" +
	"H01,child-a,2025-03-04,police,assessment,,case file,\n" +
	"H01,child-a,2025-03-04,police,assessment,,case file,\n" +
	"H01,P09,2025-03-05,police,visit,,case file,withdrawn words\n" +
	"H02,child-a,2025-08,schools,crisis-call,school-attendance,workshop,\n" +
	"H03,P01,2025-09-01,health,visit,,workshop,\n"

const cacheCosts = "currency: GBP\ncosts:\n  - {type: assessment, cost: 400, source: illustrative, year: 2025}\n"

func sameJourneys(t *testing.T, what string, got, want *Journeys) {
	t.Helper()
	if !reflect.DeepEqual(got.Contacts, want.Contacts) || !reflect.DeepEqual(got.Flags, want.Flags) ||
		!reflect.DeepEqual(got.Cases, want.Cases) || !reflect.DeepEqual(got.byCase, want.byCase) ||
		got.Withdrawn != want.Withdrawn || got.Key != want.Key {
		t.Errorf("%s: differs from reading contacts.csv:\n got %+v\nwant %+v", what, got.Contacts, want.Contacts)
	}
	for _, dim := range Dimensions {
		a, _ := got.By(dim, nil)
		b, _ := want.By(dim, nil)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: by %s %+v, want %+v", what, dim, a, b)
		}
	}
}

// TestContactsCache: a load with a cache gives exactly what reading
// contacts.csv gives, warnings included, and the second load really comes
// from the cache; a change, an error or a lost transcript case is never
// answered from it.
func TestContactsCache(t *testing.T) {
	plain, plainProbs := load(t, testSettings, cacheRows, cacheCosts)
	if plainProbs.HasErrors() || len(plain.Flags) == 0 || plain.Withdrawn != 1 || len(plainProbs) == 0 {
		t.Fatalf("the rows should load with a finding, a withdrawn row and a warning: %+v %v", plain, plainProbs)
	}
	cache := filepath.Join(t.TempDir(), "contacts")
	in := input(t, testSettings, cacheRows, cacheCosts)
	in.Cache = cache
	first, _ := Load(in)
	sameJourneys(t, "first load", first, plain)
	data, err := os.ReadFile(cache)
	if err != nil {
		t.Fatalf("no cache written: %v", err)
	}
	if bytes.Contains(data, []byte("withdrawn words")) {
		t.Error("the cache holds a withdrawn participant's note")
	}
	second, probs := Load(in)
	sameJourneys(t, "second load", second, plain)
	if !reflect.DeepEqual(probs, plainProbs) {
		t.Errorf("from the cache: %v\nwant %v", probs, plainProbs)
	}
	noFind := in
	noFind.NoFindings = true
	if j, _ := Load(noFind); len(j.Flags) != 0 || !reflect.DeepEqual(j.Contacts, plain.Contacts) {
		t.Errorf("without findings from a cache with them: %d flags", len(j.Flags))
	}

	// The second load is the cache's: a cache made from other contacts
	// under this key is believed.
	other, _ := load(t, testSettings, head+"H01,child-a,2025-03-01,health,visit,,planted,\n", cacheCosts)
	writeCache(cache, plain.Key, other, true, nil, nil)
	if j, _ := Load(in); len(j.Contacts) != 1 || j.Contacts[0].Source != "planted" {
		t.Fatalf("the cache was not read: %+v", j.Contacts)
	}

	// A change to contacts.csv is read from the file.
	in.FS.(fstest.MapFS)[ContactsFile] = &fstest.MapFile{Data: []byte(cacheRows + "H01,child-b,2025-10-01,health,visit,,workshop,\n")}
	if j, _ := Load(in); len(j.Contacts) != len(plain.Contacts)+1 {
		t.Errorf("after adding a row: %d contacts, want %d", len(j.Contacts), len(plain.Contacts)+1)
	}

	// H03 is a case only because a transcript names it: once none does,
	// the cache is not used and the row is an error.
	in.FS.(fstest.MapFS)[ContactsFile] = &fstest.MapFile{Data: []byte(cacheRows)}
	Load(in)
	in.Cases = func() map[string]bool { return map[string]bool{"H01": true} }
	if _, p := Load(in); !p.HasErrors() {
		t.Error("a case no transcript names any more was answered from the cache")
	}
	if _, err := os.Stat(cache); err == nil {
		t.Error("a load with errors left the cache in place")
	}

	// A damaged cache is read as none.
	in.Cases = nil
	in.FS.(fstest.MapFS)[ContactsFile] = &fstest.MapFile{Data: []byte(head + "H01,child-a,2025-03-01,housing,visit,,,\n")}
	Load(in)
	data, _ = os.ReadFile(cache)
	for n := range len(data) {
		os.WriteFile(cache, data[:n], 0o600)
		if j, _ := Load(in); len(j.Contacts) != 1 {
			t.Fatalf("a cache cut at %d bytes gave %d contacts", n, len(j.Contacts))
		}
	}
}

func FuzzReadCache(f *testing.F) {
	in := input(f, testSettings, cacheRows, cacheCosts)
	cache := filepath.Join(f.TempDir(), "contacts")
	in.Cache = cache
	j, _ := Load(in)
	data, _ := os.ReadFile(cache)
	f.Add(data)
	f.Add([]byte(cacheMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "c")
		os.WriteFile(p, data, 0o600)
		c, ok := readCache(p, j.Key, true, in.Cases)
		if ok {
			for _, f := range c.flags {
				for _, i := range f.Contacts {
					if i < 0 || i >= len(c.contacts) {
						t.Fatalf("flag names contact %d of %d", i, len(c.contacts))
					}
				}
			}
		}
	})
}
