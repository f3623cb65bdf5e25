package journey

import "strings"

// closest returns the choice nearest to word by edit distance when it is
// close enough to be a likely slip (at most a third of the word's length,
// at least 1), after forgiving case, spaces and underscores; "" otherwise.
func closest(word string, choices []string) string {
	norm := func(s string) string {
		return strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(s)))
	}
	w := norm(word)
	if w == "" || len(w) > 64 {
		return ""
	}
	best, bestD := "", max(1, len([]rune(w))/3)+1
	for _, c := range choices {
		if len(c) > 64 {
			continue
		}
		n := norm(c)
		d := distance(w, n)
		if len(n) >= 4 && len(w) >= 4 && (strings.Contains(w, n) || strings.Contains(n, w)) {
			d = min(d, 1) // "housing-office" for housing, "home-visit" for visit
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
