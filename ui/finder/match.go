package finder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The scores of github.com/sahilm/fuzzy, which this matcher reproduces
// exactly (see TestMatchAsSahilm): results and their order are the same,
// only faster, because runs of characters that cannot change the score are
// skipped with a table lookup per byte instead of decoded and compared rune
// by rune.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// pattern is a compiled fuzzy pattern.
type pattern struct {
	runes []rune
	// stop[i] marks the bytes that may matter while pattern rune i is
	// looked for: either case of rune i and of rune i+1, and every
	// non-ASCII byte (decoded and folded the slow way).
	stop [][256]bool
	// lowb holds the runes with ASCII letters lowered when every rune is
	// ASCII (nil otherwise), for byte searches in a lowered haystack.
	lowb []byte
	// words are the pattern's whitespace-separated words and phrase the
	// whole pattern, for the substring tiers (rank.go).
	words  []word
	phrase word
}

func compile(p string) *pattern {
	pt := &pattern{runes: []rune(p), phrase: newWord(p)}
	for _, f := range strings.Fields(p) {
		pt.words = append(pt.words, newWord(f))
	}
	if pt.phrase.ascii {
		pt.lowb = []byte(pt.phrase.low)
	}
	pt.stop = make([][256]bool, len(pt.runes))
	for i := range pt.runes {
		t := &pt.stop[i]
		for b := utf8.RuneSelf; b < 256; b++ {
			t[b] = true
		}
		t[0] = true
		for k := i; k <= i+1 && k < len(pt.runes); k++ {
			r := pt.runes[k]
			for f := r; ; {
				if f < utf8.RuneSelf {
					t[f] = true
				}
				f = unicode.SimpleFold(f)
				if f == r {
					break
				}
			}
		}
	}
	return pt
}

// match scores s against the pattern as sahilm/fuzzy does; ok is false
// when s does not hold the pattern's runes in order. matched receives the
// matched byte indexes (its storage is reused).
func (pt *pattern) match(s string, matched []int) (score int, out []int, ok bool) {
	runes := pt.runes
	if len(runes) == 0 {
		return 0, matched[:0], false
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	out = matched[:0]
	patternIndex := 0
	bestScore := -1
	matchedIndex := -1
	currAdjacentMatchBonus := 0
	var last rune
	var lastIndex int
	nextc, nextSize := utf8.DecodeRuneInString(s)
	var candidate rune
	var candidateSize int
	for j := 0; j < len(s); j += candidateSize {
		// Skip the iterations that change nothing but last and lastIndex:
		// this byte and the next are ASCII and neither the pattern rune
		// looked for nor the one after it.
		if stop := &pt.stop[patternIndex]; j+1 < len(s) && !stop[s[j]] && !stop[s[j+1]] {
			k := j + 2
			for k < len(s) && !stop[s[k]] {
				k++
			}
			// Iterations j … k-2 are no-ops; k-1 sees s[k] (or the end) next.
			j = k - 1
			last, lastIndex = rune(s[j-1]), j-1
			nextc, nextSize = rune(s[j]), 1
		}
		candidate, candidateSize = nextc, nextSize
		if foldEq(candidate, runes[patternIndex]) {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			}
			if unicode.IsLower(last) && unicode.IsUpper(candidate) {
				score += camelCaseMatchBonus
			}
			if j != 0 && isSeparator(last) {
				score += matchFollowingSeparatorBonus
			}
			if len(out) > 0 {
				lastMatch := out[len(out)-1]
				bonus := 0
				if lastMatch == lastIndex {
					bonus = currAdjacentMatchBonus*2 + adjacentMatchBonus
				}
				score += bonus
				currAdjacentMatchBonus += bonus
			}
			if score > bestScore {
				bestScore = score
				matchedIndex = j
			}
		}
		var nextp rune
		if patternIndex < len(runes)-1 {
			nextp = runes[patternIndex+1]
		}
		if j+candidateSize < len(s) {
			if c := s[j+candidateSize]; c < utf8.RuneSelf {
				nextc, nextSize = rune(c), 1
			} else {
				nextc, nextSize = utf8.DecodeRuneInString(s[j+candidateSize:])
			}
		} else {
			nextc, nextSize = 0, 0
		}
		if nextc == 0 || foldEq(nextp, nextc) {
			if matchedIndex > -1 {
				if len(out) == 0 {
					bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
				}
				score += bestScore
				out = append(out, matchedIndex)
				bestScore = -1
				patternIndex++
				if patternIndex == len(runes) {
					// Only at the end of s: the last rune is placed there.
					break
				}
			}
		}
		lastIndex = j
		last = candidate
	}
	score += len(out) - len(s)
	return score, out, len(out) == len(runes)
}

// foldEq is equalFold with a fast path for two ASCII runes.
func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		la := a | 0x20
		return la == b|0x20 && la >= 'a' && la <= 'z'
	}
	return equalFold(a, b)
}

// equalFold is strings.EqualFold for two runes (as sahilm/fuzzy has it).
func equalFold(tr, sr rune) bool {
	if tr == sr {
		return true
	}
	if tr < sr {
		tr, sr = sr, tr
	}
	if tr < utf8.RuneSelf {
		return 'A' <= sr && sr <= 'Z' && tr == sr+'a'-'A'
	}
	r := unicode.SimpleFold(sr)
	for r != sr && r < tr {
		r = unicode.SimpleFold(r)
	}
	return r == tr
}

func isSeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
