package corpus

// RawOffset maps a Body byte offset back to the body as written in the file:
// the text after the front matter, line endings normalised to \n, with the
// inline markup kept. Where markup was removed right at off, end chooses the
// place before that markup (the end of a stretch of text) and !end the place
// after it (the start of one), so that text replaced at the returned offsets
// stays inside a coded span rather than eating its brackets. Rewriting tools
// (insight pseudonymise) need it to edit a transcript without losing codes.
func (d *Document) RawOffset(off int, end bool) int {
	off = d.clamp(off)
	raw, removed := off, 0
	for _, m := range d.markup {
		at := m.start - removed // where this markup sits in Body
		if at > off || at == off && end {
			break
		}
		removed += m.end - m.start
		raw += m.end - m.start
	}
	return raw
}
