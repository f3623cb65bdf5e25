package journey

import (
	"strings"
	"testing"
)

func FuzzContacts(f *testing.F) {
	f.Add(head + "H01,child-a,2025-03-01,housing,assessment,rent-arrears,case file,\n")
	f.Add(head + "H01,child-a,2025-03,housing,assessment,,,\nH01,child-a,2025-03-01,police,assessment,,,\n")
	f.Add("case,member\n\"H01\",\"unterminated\n")
	f.Add("\xef\xbb\xbf" + head + "H01,P09,2025-03-01,housing,visit,,,\r\n")
	f.Add(head + "H01,child-a,9999-99-99,,,,,\n,,,,,,,\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, contacts string) {
		j, p := load(t, testSettings, contacts, "")
		for _, c := range j.Contacts {
			if c.Date.Hi < c.Date.Lo || c.Member == "P09" {
				t.Fatalf("bad contact kept: %+v", c)
			}
		}
		for _, pr := range p {
			if pr.File == "" || strings.Contains(pr.Msg, "P09") {
				t.Fatalf("problem without a file, or naming a withdrawn member: %v", pr)
			}
		}
		for _, d := range Dimensions {
			j.By(d, nil)
		}
		j.PhaseRates(nil)
		for _, fl := range j.Flags {
			_ = fl.Words()
		}
	})
}

func FuzzCosts(f *testing.F) {
	f.Add("currency: GBP\ncosts:\n  - {type: assessment, agency: police, cost: 250.50, source: s, year: 2025}\n")
	f.Add("currency: gbp\ncosts: {}\n")
	f.Add("costs:\n  - {type: visit, cost: 1e400}\n  - [1, 2]\n")
	f.Add("- a\n- b\n")
	f.Add("currency: GBP\ncosts:\n  - {type: visit, cost: NaN}\n  - {type: visit, cost: -0.001}\n")
	f.Fuzz(func(t *testing.T, costs string) {
		j, _ := load(t, testSettings, head+"H01,child-a,2025-03-01,housing,assessment,,,\nH01,child-a,2025-03-01,police,visit,,,\n", costs)
		if j.Costs != nil {
			for _, u := range j.Costs.Units {
				if u.Cost < 0 {
					t.Fatalf("negative unit cost kept: %+v", u)
				}
			}
		}
		if tot := j.Total(nil); tot.Cost < 0 || tot.Costed > tot.Contacts {
			t.Fatalf("total %+v", tot)
		}
	})
}
