package finder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pattern is a compiled query pattern: its runes and words, for the byte
// searches that decide whether and in which tier an item matches.
type pattern struct {
	runes []rune
	// lowb holds the runes with ASCII letters lowered when every rune is
	// ASCII (nil otherwise), for byte searches in a lowered haystack.
	lowb []byte
	// words are the pattern's whitespace-separated words and phrase the
	// whole pattern, for the substring tiers.
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
	return pt
}

// foldEq reports whether two runes are equal under simple case folding,
// as sahilm/fuzzy compares them, with a fast path for two ASCII runes.
func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		la := a | 0x20
		return la == b|0x20 && la >= 'a' && la <= 'z'
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// Tier says where and how a result matched. Results rank by tier first
// (lower first), then by score, then in index order, as fzf users expect:
// the query found as written in a title beats the same letters scattered
// through a long paragraph.
type Tier int

// The tiers, best first.
const (
	// TierTitle: the title holds the query as a substring
	// (case-insensitive), or every word of it, in the query's order and
	// close together (see wordsSpan).
	TierTitle Tier = iota
	// TierText: the same in the haystack (the title and the node's
	// speaker, tags and text).
	TierText
	// TierTitleFuzzy: the title holds the query's characters in order.
	TierTitleFuzzy
	// TierTextFuzzy: the haystack holds them in order.
	//
	// A fuzzy match counts only within a compact stretch (fuzzySpan).
	TierTextFuzzy
)

// fuzzySpan is how long, in bytes, a fuzzy match (the query's characters
// in order, not as written) may stretch: twice the pattern and four bytes,
// room for a dropped letter or an abbreviation ("nvda" in "Nvidia", "stsh"
// in "stash"), not for five letters picked out of a paragraph, which holds
// almost any short pattern in order somewhere. On the embedded content,
// "stash" is listed 103 times with the 8x+20 bytes first tried and 7 times
// with this.
func fuzzySpan(pattern string) int { return 2*len(pattern) + 4 }

// wordsSpan is how far apart, in bytes, the words of a query of several
// may be found when not together as a phrase: a title's length, so that
// two words of a summary find it, but not a paragraph's.
func wordsSpan(pattern string) int { return 8*len(pattern) + 20 }

// prepared is what the index keeps per item besides the item itself.
type prepared struct {
	// low is the haystack (up to a NUL, where the matcher stops) with its
	// ASCII letters lowered: the same bytes at the same offsets otherwise,
	// so that indexes found in it are indexes of the haystack.
	low string
	// titleLen is len(Title) when the haystack starts with the title (it
	// always does for the index's own items), else -1: no title tiers.
	titleLen int
	// slow is set when the haystack holds a rune whose case folds into
	// ASCII (the Kelvin sign folds to k, the long s to s): byte searches
	// in low would miss those, so such an item is searched rune by rune.
	slow bool
}

func prepare(items []Item) []prepared {
	out := make([]prepared, len(items))
	for i, it := range items {
		hay := it.Haystack
		if z := strings.IndexByte(hay, 0); z >= 0 {
			hay = hay[:z] // the matcher, as sahilm/fuzzy, stops at a NUL
		}
		p := prepared{low: lowerASCII(hay), titleLen: -1}
		if strings.HasPrefix(it.Haystack, it.Title) {
			p.titleLen = min(len(it.Title), len(hay))
		}
		p.slow = strings.ContainsRune(it.Haystack, '\u212a') || strings.ContainsRune(it.Haystack, '\u017f')
		out[i] = p
	}
	return out
}

// lowerASCII lowers ASCII letters only, keeping every byte offset; it
// returns s itself when there is nothing to lower.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// word is one whitespace-separated word of a pattern, or the whole
// pattern as a phrase.
type word struct {
	s     string // as typed
	low   string // ASCII letters lowered
	ascii bool   // every rune is ASCII: low can be searched bytewise
	runes int
}

func newWord(s string) word {
	w := word{s: s, low: lowerASCII(s), ascii: true, runes: utf8.RuneCountInString(s)}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			w.ascii = false
			break
		}
	}
	return w
}

// index returns the byte offset of the first occurrence of w in text at or
// after from, case-folded as the matcher folds (low is text with ASCII
// lowered), and the occurrence's length in bytes; -1 if there is none.
func (w word) index(low string, from int, slow bool) (int, int) {
	if w.ascii && !slow {
		i := strings.Index(low[from:], w.low)
		if i < 0 {
			return -1, 0
		}
		return from + i, len(w.low)
	}
	for i := from; i < len(low); {
		if n, ok := hasPrefixFold(low[i:], w.s); ok {
			return i, n
		}
		_, size := utf8.DecodeRuneInString(low[i:])
		i += size
	}
	return -1, 0
}

// hasPrefixFold reports whether s starts with p, rune by rune under simple
// case folding, and how many bytes of s that prefix takes.
func hasPrefixFold(s, p string) (int, bool) {
	i := 0
	for _, pr := range p {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !foldEq(r, pr) {
			return 0, false
		}
		i += size
	}
	return i, true
}

// findWords finds the query in low (a haystack or title with ASCII
// lowered) as a substring or, failing that, each of its words, in the
// query's order, without overlapping and within limit bytes of each other;
// out receives the rune offsets of what was found. ok is false when there
// is no such match.
func (pt *pattern) findWords(low string, slow bool, limit int, out []int) ([]int, bool) {
	out = out[:0]
	if len(pt.words) == 0 {
		return out, false
	}
	if len(pt.words) > 1 {
		if i, n := pt.phrase.index(low, 0, slow); i >= 0 {
			return appendRunes(out, low, i, n), true
		}
	}
	// As in window: extend each start greedily; when a word turns up too
	// far away, skip the starts that cannot end in time.
	s := 0
	for {
		i0, n0 := pt.words[0].index(low, s, slow)
		if i0 < 0 {
			return out[:0], false
		}
		out = appendRunes(out[:0], low, i0, n0)
		end, ok := i0+n0, true
		for _, w := range pt.words[1:] {
			i, n := w.index(low, end, slow)
			if i < 0 {
				return out[:0], false
			}
			if i+n-i0 > limit {
				_, size := utf8.DecodeRuneInString(low[i0:])
				s = nextRuneStart(low, max(i0+size, i+n-limit))
				ok = false
				break
			}
			out = appendRunes(out, low, i, n)
			end = i + n
		}
		if ok {
			return out, true
		}
	}
}

// nextRuneStart is the first rune boundary of s at or after i.
func nextRuneStart(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// appendRunes appends the offsets of the runes of s[i:i+n].
func appendRunes(out []int, s string, i, n int) []int {
	for j := i; j < i+n; {
		out = append(out, j)
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return out
}

// find returns the offset of the first rune at or after from that folds to
// the pattern's rune k, or -1.
func (pt *pattern) find(low string, from, k int, slow bool) int {
	if pt.lowb != nil && !slow {
		i := strings.IndexByte(low[from:], pt.lowb[k])
		if i < 0 {
			return -1
		}
		return from + i
	}
	for i := from; i < len(low); {
		r, size := utf8.DecodeRuneInString(low[i:])
		if foldEq(r, pt.runes[k]) {
			return i
		}
		i += size
	}
	return -1
}

// inOrder reports whether low holds the pattern's runes in order, as
// sahilm/fuzzy's match would find them, with one byte search per rune.
func (pt *pattern) inOrder(low string, slow bool) bool {
	pos := 0
	for k := range pt.runes {
		q := pt.find(low, pos, k, slow)
		if q < 0 {
			return false
		}
		_, size := utf8.DecodeRuneInString(low[q:])
		pos = q + size
	}
	return len(pt.runes) > 0
}

// window finds the leftmost stretch of low no longer than limit bytes that
// holds the pattern's runes in order; out receives their offsets. Each
// start is extended greedily (the earliest end for that start); when a
// rune is found too far away, every start up to where a window could still
// end in time is skipped, since later starts only find later runes.
func (pt *pattern) window(low string, slow bool, limit int, out []int) ([]int, bool) {
	n := len(pt.runes)
	s := 0
	for s < len(low) {
		s = pt.find(low, s, 0, slow)
		if s < 0 {
			return out[:0], false
		}
		out = append(out[:0], s)
		pos := s
		_, ss := utf8.DecodeRuneInString(low[s:])
		ok := ss <= limit
		if !ok {
			s += ss
			continue
		}
		for k := 1; k < n; k++ {
			_, size := utf8.DecodeRuneInString(low[pos:])
			q := pt.find(low, pos+size, k, slow)
			if q < 0 {
				return out[:0], false // no later start can find rune k either
			}
			_, qs := utf8.DecodeRuneInString(low[q:])
			if q+qs-s > limit {
				s = nextRuneStart(low, max(s+ss, q+qs-limit))
				ok = false
				break
			}
			out = append(out, q)
			pos = q
		}
		if ok {
			return out, true
		}
	}
	return out[:0], false
}
