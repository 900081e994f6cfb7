package model

// nearest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a likely typo (more than a third of s's length,
// and at least two edits, away).
func nearest(s string, cands []string) string {
	rs := []rune(s)
	limit := max(2, len(rs)/3)
	best, bestD := "", limit+1
	for _, c := range cands {
		if c == s {
			continue
		}
		if d := editDistance(rs, []rune(c), bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or any value >= bound
// once it is known to reach bound.
func editDistance(a, b []rune, bound int) int {
	if d := len(a) - len(b); d >= bound || -d >= bound {
		return bound
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= bound {
			return bound
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
