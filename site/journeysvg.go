package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/residentinsight/insight/journey"
)

// Build-time SVG for the case pages and the resource map. Every text is
// escaped; every chart has a <title> and <desc> and the same numbers in a
// table beside it, and nothing is told by colour alone: marks differ by
// shape, reactive contacts are filled and planned ones hollow, duplication
// findings have a dashed ring, and phases are labelled bands.

var esc = template.HTMLEscapeString

// shape draws mark n (one per contact type) centred on x, y.
func shape(n int, x, y, r float64, filled bool) string {
	fill := "#fff"
	if filled {
		fill = "#1d2939"
	}
	st := fmt.Sprintf(` fill="%s" stroke="#1d2939" stroke-width="1.5"`, fill)
	pts := func(ps ...float64) string {
		var b strings.Builder
		for i := 0; i+1 < len(ps); i += 2 {
			fmt.Fprintf(&b, "%.1f,%.1f ", x+ps[i]*r, y+ps[i+1]*r)
		}
		return `<polygon points="` + strings.TrimSpace(b.String()) + `"` + st + `/>`
	}
	switch n % 8 {
	case 0:
		return fmt.Sprintf(`<circle cx="%.1f" cy="%.1f" r="%.1f"%s/>`, x, y, r, st)
	case 1:
		return pts(-1, -1, 1, -1, 1, 1, -1, 1)
	case 2:
		return pts(0, -1.3, 1.3, 0, 0, 1.3, -1.3, 0)
	case 3:
		return pts(0, -1.2, 1.1, 1, -1.1, 1)
	case 4:
		return pts(-1.1, -1, 1.1, -1, 0, 1.2)
	case 5:
		return pts(-0.4, -1.2, 0.4, -1.2, 0.4, -0.4, 1.2, -0.4, 1.2, 0.4, 0.4, 0.4, 0.4, 1.2, -0.4, 1.2, -0.4, 0.4, -1.2, 0.4, -1.2, -0.4, -0.4, -0.4)
	case 6:
		return pts(-0.6, -1.1, 0.6, -1.1, 1.2, 0, 0.6, 1.1, -0.6, 1.1, -1.2, 0)
	default:
		return pts(0, -1.3, 0.35, -0.4, 1.25, -0.4, 0.5, 0.15, 0.8, 1.1, 0, 0.5, -0.8, 1.1, -0.5, 0.15, -1.25, -0.4, -0.35, -0.4)
	}
}

// journeyMap draws one family's contacts: a lane per agency on a shared
// time axis, phases shaded behind.
func journeyMap(id string, j *journey.Journeys, contacts []int, flagged map[int]bool, names func(string) string) template.HTML {
	if len(contacts) == 0 {
		return ""
	}
	f := newMapFrame(j, contacts)
	var b strings.Builder
	b.Grow(4<<10 + 200*len(contacts)) // a mark is about 150 bytes
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d" xmlns="http://www.w3.org/2000/svg">`, mapWidth, f.height, id, id)
	fmt.Fprintf(&b, `<title id="%s-t">Journey map: %d contacts in %d agency lanes, %s to %s</title>`, id, len(contacts), len(f.lanes), (f.lo + 10).String(), (f.hi - 10).String())
	fmt.Fprintf(&b, `<desc id="%s-d">One lane per agency, time from left to right. Each contact type has its own shape; reactive contacts are filled, planned ones hollow; a dashed ring marks a contact in a duplication finding; a line under a mark spans a month when only the month is known. Shaded bands are phases. The table below lists the same contacts.</desc>`, id)
	f.background(&b, j, names)
	f.marks(&b, id, j, contacts, flagged, names)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// The journey map's geometry, in SVG units.
const (
	mapLeft, mapRight, mapTop = 180.0, 24.0, 34.0
	laneH, axisH, mapWidth    = 40.0, 40.0, 820.0
)

// mapFrame is one map's lanes (agencies with a contact, in the settings'
// order) and its time range, padded ten days each side.
type mapFrame struct {
	lanes  []string
	lane   map[string]int
	lo, hi journey.Day
	height float64
}

func newMapFrame(j *journey.Journeys, contacts []int) *mapFrame {
	f := &mapFrame{lane: map[string]int{}}
	for _, a := range j.Settings.Agencies {
		for _, i := range contacts {
			if j.Contacts[i].Agency == a {
				f.lane[a] = len(f.lanes)
				f.lanes = append(f.lanes, a)
				break
			}
		}
	}
	lo, hi := j.Contacts[contacts[0]].Date.Lo, j.Contacts[contacts[0]].Date.Hi
	for _, i := range contacts {
		lo, hi = min(lo, j.Contacts[i].Date.Lo), max(hi, j.Contacts[i].Date.Hi)
	}
	f.lo, f.hi = lo-10, hi+10
	f.height = mapTop + laneH*float64(len(f.lanes)) + axisH
	return f
}

// x is a day's position on the time axis.
func (f *mapFrame) x(d journey.Day) float64 {
	return mapLeft + (mapWidth-mapLeft-mapRight)*float64(d-f.lo)/float64(f.hi-f.lo)
}

// background draws the phase bands, the agency lanes and the month axis.
func (f *mapFrame) background(b *strings.Builder, j *journey.Journeys, names func(string) string) {
	for k, p := range j.Settings.Phases {
		if p.To < f.lo || p.From > f.hi {
			continue
		}
		x0, x1 := f.x(max(p.From, f.lo)), f.x(min(p.To+1, f.hi))
		fill := []string{"#f2f4f7", "#e4e7ec"}[k%2]
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x0, mapTop-14, x1-x0, f.height-axisH-mapTop+14, fill)
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" class="ph">%s</text>`, x0+4, mapTop-2, esc(p.Name))
	}
	for k, a := range f.lanes {
		y := mapTop + laneH*float64(k) + laneH/2
		fmt.Fprintf(b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#98a2b3" stroke-width="1"/>`, mapLeft, mapWidth-mapRight, y, y)
		fmt.Fprintf(b, `<text x="%.0f" y="%.1f" text-anchor="end" class="lane">%s</text>`, mapLeft-8, y+4, esc(names(a)))
	}
	axisY := mapTop + laneH*float64(len(f.lanes)) + 6
	fmt.Fprintf(b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#475467"/>`, mapLeft, mapWidth-mapRight, axisY, axisY)
	months := monthTicks(f.lo, f.hi)
	step := max(1, (len(months)+7)/8)
	for k, m := range months {
		fmt.Fprintf(b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#475467"/>`, f.x(m), f.x(m), axisY, axisY+5)
		if k%step == 0 {
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" class="tick">%s</text>`, f.x(m), axisY+20, m.Time().Format("Jan 2006"))
		}
	}
}

// marks draws each contact in its lane, stacking marks that would overlap.
func (f *mapFrame) marks(b *strings.Builder, id string, j *journey.Journeys, contacts []int, flagged map[int]bool, names func(string) string) {
	// Each type's mark is drawn once in <defs> and placed by <use>: a
	// family can have hundreds of contacts.
	typeN := map[string]int{}
	b.WriteString(`<defs>`)
	for k, t := range j.Settings.Types {
		typeN[t.ID] = k
		fmt.Fprintf(b, `<g id="%s-m%d">%s</g>`, id, k, shape(k, 0, 0, 5.5, t.Reactive))
	}
	b.WriteString(`</defs>`)
	stack := map[[2]int]int{}
	var buf []byte
	for _, i := range contacts {
		c := &j.Contacts[i]
		cx := f.x(c.Date.Lo)
		if c.Date.Approx {
			cx = (f.x(c.Date.Lo) + f.x(c.Date.Hi+1)) / 2
		}
		k := [2]int{f.lane[c.Agency], int(cx / 6)}
		cy := mapTop + laneH*float64(f.lane[c.Agency]) + laneH/2 + float64(stack[k]%3-1)*9*float64(min(1, stack[k]))
		stack[k]++
		// Appended, not Fprintf'd: a family's hundreds of marks made the
		// map a third of rendering its page. %.1f is FormatFloat's 'f', 1.
		label := c.Date.String() + " · " + names(c.Agency) + " · " + c.Type + " · " + c.Member
		if c.Reactive {
			label += " · reactive"
		}
		if flagged[i] {
			label += " · duplication finding"
		}
		buf = append(buf[:0], `<g><title>`...)
		buf = append(buf, esc(label)...)
		buf = append(buf, `</title>`...)
		if c.Date.Approx {
			buf = attr(attr(attr(attr(append(buf, `<line`...), "x1", f.x(c.Date.Lo)), "x2", f.x(c.Date.Hi+1)), "y1", cy+9), "y2", cy+9)
			buf = append(buf, ` stroke="#1d2939" stroke-width="2"/>`...)
		}
		if flagged[i] {
			buf = attr(attr(append(buf, `<circle`...), "cx", cx), "cy", cy)
			buf = append(buf, ` r="11" fill="none" stroke="#b42318" stroke-width="2" stroke-dasharray="3 2"/>`...)
		}
		buf = append(buf, `<use href="#`...)
		buf = append(buf, id...)
		buf = append(buf, "-m"...)
		buf = strconv.AppendInt(buf, int64(typeN[c.Type]), 10)
		buf = append(buf, '"')
		buf = attr(attr(buf, "x", cx), "y", cy)
		buf = append(buf, `/></g>`...)
		b.Write(buf)
	}
}

// attr appends ` name="v"`, v with one decimal.
func attr(buf []byte, name string, v float64) []byte {
	buf = append(append(append(buf, ' '), name...), `="`...)
	return append(strconv.AppendFloat(buf, v, 'f', 1, 64), '"')
}

// legend shows each type's mark, for under the journey map.
func legend(j *journey.Journeys) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="legend">`)
	for k, t := range j.Settings.Types {
		kind := "planned"
		if t.Reactive {
			kind = "reactive"
		}
		fmt.Fprintf(&b, `<li><svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">%s</svg> %s (%s)</li>`, shape(k, 10, 10, 6, t.Reactive), esc(t.ID), kind)
	}
	b.WriteString(`<li><svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true"><circle cx="13" cy="13" r="11" fill="none" stroke="#b42318" stroke-width="2" stroke-dasharray="3 2"/></svg> in a duplication finding</li>`)
	b.WriteString(`<li><svg width="30" height="12" viewBox="0 0 30 12" aria-hidden="true"><line x1="2" x2="28" y1="6" y2="6" stroke="#1d2939" stroke-width="2"/></svg> month known, day not</li></ul>`)
	return template.HTML(b.String())
}

func monthTicks(lo, hi journey.Day) []journey.Day {
	t := lo.Time()
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(t) {
		m = m.AddDate(0, 1, 0)
	}
	var out []journey.Day
	for ; !m.After(hi.Time()) && len(out) < 240; m = m.AddDate(0, 1, 0) {
		out = append(out, journey.Day(m.Unix()/86400))
	}
	return out
}
