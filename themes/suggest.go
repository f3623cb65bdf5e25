package themes

import (
	"strings"
	"unicode/utf8"
)

// closest returns the choice nearest to word by edit distance (counting a
// swap of two neighbouring letters as one edit, the commonest typo), or ""
// when the nearest needs more than about a third of the word changed. Ties go
// to the earlier choice, so results are stable.
func closest(word string, choices []string) string {
	if word == "" {
		return ""
	}
	norm := suggestSlug(word, word)
	for _, c := range choices {
		if c == norm && c != word {
			return c
		}
	}
	w := []rune(strings.ToLower(word))
	limit := max(1, len(w)/3)
	best, bestD := "", limit+1
	for _, c := range choices {
		if c == word {
			continue
		}
		n := utf8.RuneCountInString(c)
		if n-len(w) > limit || len(w)-n > limit {
			continue
		}
		if d := Distance(w, []rune(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance: insertions, deletions,
// substitutions and transpositions of adjacent runes each cost one.
func Distance(a, b []rune) int {
	// Three rolling rows: the transposition step looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
