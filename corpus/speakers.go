package corpus

import (
	"strings"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// labelKey is what a label and an id are compared by: compatibility forms
// folded (NFKC), lower case, leading zeros of numbers dropped, letters that
// look alike made one (Cyrillic "Р" is Latin "P"; Unicode's confusables
// skeleton, leaving ASCII digits alone), and only letters and digits kept. So "P09", "P 09",
// "p9", "P09." and "Р09" all have the key of "P09".
func labelKey(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	var b strings.Builder
	prevDigit := false
	for i, r := range s {
		if r == '0' && !prevDigit {
			// A leading zero: dropped unless the number is just zeros.
			if next := strings.TrimLeft(s[i:], "0"); next != "" && unicode.IsDigit(firstRune(next)) {
				continue
			}
		}
		prevDigit = unicode.IsDigit(r)
		b.WriteRune(r)
	}
	s = b.String()
	b.Reset()
	for _, r := range s {
		// ASCII digits stay digits (the skeleton makes 0 an O and 1 an l),
		// so ids are told apart by their numbers; see nearWithdrawn.
		sk := string(r)
		if r < '0' || r > '9' {
			sk = strings.ToLower(confusables.Skeleton(sk))
		}
		for _, r := range sk {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// wordKeys are the keys of a label's words ("Participant P09" → participant, p9).
func wordKeys(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return isBlank(r) || r == '-' || r == '/' || r == ',' }) {
		if k := labelKey(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// withinOneEdit reports whether a and b differ by at most one inserted,
// deleted or changed character.
func withinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	if len(ra) == len(rb) {
		diff := 0
		for i := range ra {
			if ra[i] != rb[i] {
				diff++
			}
		}
		return diff <= 1
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return string(ra[i:]) == string(rb[i+1:])
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// speakers resolves turn labels to the study's facilitators and participants.
type speakers struct {
	facilitators map[string]string // key -> name as in insight.yaml
	participants map[string]*Participant
	withdrawn    []*Participant
	cache        map[string]resolved
}

// resolved is what a label is.
type resolved struct {
	role        Role
	participant *Participant // for RoleParticipant
	name        string       // the facilitator's or participant's id as listed; else the label
	near        *Participant // an unlisted label within one edit of this withdrawn participant's id
}

func newSpeakers(st *Study) *speakers {
	s := &speakers{facilitators: map[string]string{}, participants: map[string]*Participant{}, cache: map[string]resolved{}}
	for _, f := range st.Config.Facilitators {
		s.facilitators[labelKey(f)] = f
	}
	for i := range st.Participants {
		p := &st.Participants[i]
		s.participants[labelKey(p.ID)] = p
		if p.Withdrawn {
			s.withdrawn = append(s.withdrawn, p)
		}
	}
	return s
}

// resolve says whose a label is. In order: a facilitator's or participant's
// id with the same key; a label of several words exactly one of which is a
// participant's id ("Participant P09", "P09 mum"), or a facilitator's name;
// otherwise unlisted, noting a withdrawn participant within one edit.
func (s *speakers) resolve(label string) resolved {
	if r, ok := s.cache[label]; ok {
		return r
	}
	r := s.lookup(label)
	s.cache[label] = r
	return r
}

func (s *speakers) lookup(label string) resolved {
	key := labelKey(label)
	if p := s.participants[key]; p != nil && p.Withdrawn {
		// Consent fails closed: a withdrawn participant whose id is also
		// a facilitator's is read as the participant, so the turns go.
		return resolved{role: RoleParticipant, participant: p, name: p.ID}
	}
	if f, ok := s.facilitators[key]; ok {
		return resolved{role: RoleFacilitator, name: f}
	}
	if p := s.participants[key]; p != nil {
		return resolved{role: RoleParticipant, participant: p, name: p.ID}
	}
	words := wordKeys(label)
	var found *Participant
	facilitator := ""
	for _, w := range words {
		if p := s.participants[w]; p != nil {
			if found != nil && found != p && !p.Withdrawn {
				continue // two participants: keep the first, unless a withdrawn one
			}
			if found == nil || p.Withdrawn {
				found = p
			}
		} else if f, ok := s.facilitators[w]; ok && facilitator == "" {
			facilitator = f
		}
	}
	switch {
	case found != nil:
		return resolved{role: RoleParticipant, participant: found, name: found.ID}
	case facilitator != "":
		return resolved{role: RoleFacilitator, name: facilitator}
	}
	return resolved{role: RoleUnlisted, name: label, near: s.nearWithdrawn(append(words, key))}
}

// nearWithdrawn returns a withdrawn participant whose key is within one
// edit of one of keys, with the same digits: "P09a", "PP09" and "Q09" are
// near P09, but "P05" and "P19" are other people's ids. Keys of one
// character are compared exactly: one edit from "a" is any other letter.
func (s *speakers) nearWithdrawn(keys []string) *Participant {
	for _, p := range s.withdrawn {
		pk := labelKey(p.ID)
		for _, k := range keys {
			if k == pk || len(pk) > 1 && len(k) > 1 && withinOneEdit(k, pk) && digits(k) == digits(pk) {
				return p
			}
		}
	}
	return nil
}

// idLike reports whether a word of a suspect label looks like a participant
// id: letters then digits, as in P09, R2, FG1 or Int-3.
func idLike(w string) bool {
	w = norm.NFKC.String(w)
	letters, digits := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) && digits == 0:
			letters++
		case unicode.IsDigit(r) && letters > 0:
			digits++
		case (r == '-' || r == '_') && letters > 0 && digits == 0:
		default:
			return false
		}
	}
	return letters > 0 && letters <= 4 && digits > 0 && digits <= 4
}

// suspect says why the prefix of a line that is not a label looks like one,
// or "" when it is prose: a word that looks like an id, or is a
// facilitator's or participant's id, or is within one edit of a withdrawn
// participant's.
func (s *speakers) suspect(prefix string) string {
	// Words split at blanks, and at punctuation too: "P(9" and "(P09)"
	// are both looked at whole and in parts.
	words := strings.FieldsFunc(prefix, isBlank)
	words = append(words, strings.FieldsFunc(prefix, func(r rune) bool {
		return isBlank(r) || strings.ContainsRune("()[]*_>,/:-", r)
	})...)
	for _, w := range words {
		k := labelKey(w)
		switch {
		case idLike(w):
			return "the id-like " + quote(w)
		case s.participants[k] != nil:
			return "participant " + s.participants[k].ID
		case s.facilitators[k] != "":
			return "facilitator " + s.facilitators[k]
		}
		if p := s.nearWithdrawn([]string{k}); p != nil {
			return quote(w) + ", close to withdrawn participant " + p.ID
		}
	}
	return ""
}

func quote(s string) string { return "\"" + s + "\"" }
