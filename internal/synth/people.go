package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// person is one row of participants.csv.
type person struct {
	id, role, ward, ageBand, household string
	withdrawn                          bool
}

type household struct {
	id      string
	ward    string
	members []int // indexes into people, the adult who is interviewed first
}

// cast is everyone in the study.
type cast struct {
	people     []person
	households []household
	workers    []int // indexes into people
}

var (
	workerRoles = []string{"housing officer", "social worker", "work coach", "police officer", "health visitor",
		"family support worker", "teacher", "GP receptionist"}
	adultAges = []string{"18-24", "25-34", "35-44", "45-54"}
	youngAges = []string{"11-15", "16-17", "18-24"}
	olderAges = []string{"55-64", "65+"}
)

// newCast makes one household per two documents (so households recur
// across documents), two to five residents each, and a worker per 25
// documents. Withdrawn people are picked across everyone.
func newCast(r *rand.Rand, o Options) (*cast, error) {
	c := &cast{}
	for h := range max(1, (o.Docs+1)/2) {
		hh := household{id: fmt.Sprintf("H%04d", h+1), ward: wards[r.IntN(len(wards))]}
		size := 2 + r.IntN(4)
		for m := range size {
			p := person{ward: hh.ward, household: hh.id}
			switch {
			case m == 0 && r.IntN(10) == 0:
				p.role, p.ageBand = "kinship carer", pick(r, olderAges)
			case m == 0:
				p.role, p.ageBand = "parent", pick(r, adultAges)
			case m == 1 && r.IntN(3) == 0:
				p.role, p.ageBand = "parent", pick(r, adultAges)
			case r.IntN(8) == 0:
				p.role, p.ageBand = "grandparent", pick(r, olderAges)
			default:
				p.role, p.ageBand = "young person", pick(r, youngAges)
			}
			p.id = fmt.Sprintf("P%04d", len(c.people)+1)
			hh.members = append(hh.members, len(c.people))
			c.people = append(c.people, p)
		}
		c.households = append(c.households, hh)
	}
	for w := range max(2, o.Docs/25) {
		c.workers = append(c.workers, len(c.people))
		c.people = append(c.people, person{id: fmt.Sprintf("W%03d", w+1), role: workerRoles[w%len(workerRoles)],
			ward: pick(r, wards), ageBand: pick(r, adultAges)})
	}
	if o.Withdrawn > len(c.people) {
		return nil, fmt.Errorf("synth: Withdrawn is %d but the study has only %d participants; use a smaller number or more Docs", o.Withdrawn, len(c.people))
	}
	for _, i := range r.Perm(len(c.people))[:o.Withdrawn] {
		c.people[i].withdrawn = true
	}
	return c, nil
}

func pick(r *rand.Rand, ss []string) string { return ss[r.IntN(len(ss))] }

func (c *cast) csv() []byte {
	var b strings.Builder
	b.WriteString("id,role,ward,age_band,household,consent\n")
	for _, p := range c.people {
		consent := "yes"
		if p.withdrawn {
			consent = "withdrawn"
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s\n", p.id, p.role, p.ward, p.ageBand, p.household, consent)
	}
	return []byte(b.String())
}

// docPlan is what is decided about a document before its text is written.
type docPlan struct {
	id, kind, date, caseID, ward, group string
	speakers                            []string // participant labels, most talkative first
	pii                                 int      // identifiers to plant
}

// plan decides each document's kind, people and front matter: 85%
// interviews (one in seven with workers), 10% focus groups of four to six,
// 5% field notes.
func (c *cast) plan(r *rand.Rand, o Options) []docPlan {
	plans := make([]docPlan, o.Docs)
	for i := range plans {
		p := &plans[i]
		p.id = fmt.Sprintf("doc-%04d", i+1)
		day := r.IntN(420)
		p.date = fmt.Sprintf("2025-%02d-%02d", 1+day/35%12, 1+day%28)
		hh := c.households[r.IntN(len(c.households))]
		switch k := r.IntN(100); {
		case k < 85:
			p.kind, p.caseID, p.ward = "interview", hh.id, hh.ward
			if r.IntN(7) == 0 {
				for _, w := range pickN(r, c.workers, 1+r.IntN(2)) {
					p.speakers = append(p.speakers, c.people[w].id)
				}
				break
			}
			k := 2 + r.IntN(len(hh.members)-1) // households are usually interviewed together
			if r.IntN(7) == 0 {
				k = 1
			}
			for _, m := range hh.members[:k] {
				p.speakers = append(p.speakers, c.people[m].id)
			}
		case k < 95:
			p.kind, p.ward = "focus-group", pick(r, wards)
			n := 4 + r.IntN(3)
			pool := c.residents()
			p.group = "residents"
			if r.IntN(10) < 3 && len(c.workers) >= n {
				pool, p.group = c.workers, "front-line workers"
			}
			for _, m := range pickN(r, pool, n) {
				p.speakers = append(p.speakers, c.people[m].id)
			}
		default:
			p.kind, p.caseID, p.ward = "fieldnote", hh.id, hh.ward
		}
	}
	if o.PlantPII > 0 {
		for range o.PlantPII {
			plans[r.IntN(len(plans))].pii++
		}
	}
	return plans
}

// residents lists the indexes of everyone who is not a worker.
func (c *cast) residents() []int {
	out := make([]int, 0, len(c.people))
	for i := range len(c.people) - len(c.workers) {
		out = append(out, i)
	}
	return out
}

// pickN returns n distinct items of pool (all of it if shorter), in random order.
func pickN(r *rand.Rand, pool []int, n int) []int {
	n = min(n, len(pool))
	out := make([]int, n)
	for i, j := range r.Perm(len(pool))[:n] {
		out[i] = pool[j]
	}
	return out
}

// settingsYAML writes insight.yaml.
func settingsYAML(o Options) []byte {
	var b strings.Builder
	b.WriteString("# Synthetic study written by internal/synth: every person is an id and\n")
	b.WriteString("# every place is invented.\n")
	fmt.Fprintf(&b, "title: %q\n", fmt.Sprintf("Synthetic study (%d documents, seed %d)", o.Docs, o.Seed))
	b.WriteString("description: \"Generated interviews, focus groups and field notes for benchmarks and property tests.\"\n")
	b.WriteString("facilitators: [Interviewer, Facilitator]\n")
	b.WriteString("attributes: [role, ward, age_band]\n")
	b.WriteString("vocabulary:\n  places:\n")
	for _, w := range append([]string{"Wellmere"}, wards...) {
		fmt.Fprintf(&b, "    - %s\n", w)
	}
	b.WriteString("  agencies:\n")
	for _, a := range agencies {
		fmt.Fprintf(&b, "    - %s\n", a)
	}
	return []byte(b.String())
}
