package model

import (
	"bytes"
	"index/suffixarray"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxOccurrences bounds how many occurrences of one quote are examined.
const maxOccurrences = 4096

// foldRune maps typographic quotes to their ASCII forms.
func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201B', '\u2032':
		return '\''
	case '\u201C', '\u201D', '\u201F', '\u2033':
		return '"'
	}
	return r
}

// NormalizeQuote is the form anchors are matched in: white space runs
// become one space, typographic quotes fold to ASCII (’‘ → ', “” → "), and
// the ends are trimmed.
func NormalizeQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// textIndex is the normalised article with a map back to rune offsets of
// Article.Text. Anchors are found with findAll; the suffix array, built on
// first use, serves only the closest-passage search after a failure.
type textIndex struct {
	norm []byte
	// src[i] is the rune offset in Text of the rune that produced byte i of
	// norm.
	src []int32
	sa  *suffixarray.Index
}

func newTextIndex(text string) *textIndex {
	ix := &textIndex{norm: make([]byte, 0, len(text)), src: make([]int32, 0, len(text))}
	space := false
	var enc [utf8.UTFMax]byte
	ri := int32(0)
	for _, r := range text {
		if unicode.IsSpace(r) {
			if !space && len(ix.norm) > 0 {
				ix.norm = append(ix.norm, ' ')
				ix.src = append(ix.src, ri)
			}
			space = true
			ri++
			continue
		}
		space = false
		n := utf8.EncodeRune(enc[:], foldRune(r))
		for k := range n {
			ix.norm = append(ix.norm, enc[k])
			ix.src = append(ix.src, ri)
		}
		ri++
	}
	return ix
}

func (ix *textIndex) index() *suffixarray.Index {
	if ix.sa == nil {
		ix.sa = suffixarray.New(ix.norm)
	}
	return ix.sa
}

// runeRange maps a byte range of norm to a rune range of Text.
func (ix *textIndex) runeRange(i, n int) (int, int) {
	return int(ix.src[i]), int(ix.src[i+n-1]) + 1
}

// anchorStatus says how an anchor resolved.
type anchorStatus int

const (
	anchorOK anchorStatus = iota
	anchorNotFound
	anchorAmbiguous       // several occurrences, context does not settle it
	anchorContextNoMatch  // several occurrences, context matches none
	anchorContextMismatch // one occurrence, but its context differs
	anchorEmpty           // nothing to look for
)

// anchorResult is the outcome of resolving one anchor.
type anchorResult struct {
	status     anchorStatus
	start, end int   // rune range in Text when found
	occ        []int // candidate byte offsets in norm when ambiguous
	total      int   // occurrences of exact (capped)
}

// resolve finds exact in the text, using prefix and suffix (W3C
// TextQuoteSelector) to choose among several occurrences.
func (ix *textIndex) resolve(exact, prefix, suffix string) anchorResult {
	q := NormalizeQuote(exact)
	return ix.resolveIn(q, prefix, suffix, ix.findAll([]string{q}, maxOccurrences)[0])
}

// resolveIn resolves the normalised quote q given its occurrences occ.
func (ix *textIndex) resolveIn(q, prefix, suffix string, occ []int) anchorResult {
	if q == "" {
		return anchorResult{status: anchorEmpty, start: -1, end: -1}
	}
	p, s := NormalizeQuote(prefix), NormalizeQuote(suffix)
	res := anchorResult{start: -1, end: -1, total: len(occ)}
	switch {
	case len(occ) == 0:
		res.status = anchorNotFound
		return res
	case len(occ) == 1:
		res.start, res.end = ix.runeRange(occ[0], len(q))
		if (p != "" || s != "") && !ix.context(occ[0], len(q), p, s) {
			res.status = anchorContextMismatch
		}
		return res
	}
	var match []int
	if p != "" || s != "" {
		for _, o := range occ {
			if ix.context(o, len(q), p, s) {
				match = append(match, o)
			}
		}
		if len(match) == 0 {
			res.status, res.occ = anchorContextNoMatch, occ
			return res
		}
	} else {
		match = occ
	}
	if len(match) == 1 {
		res.start, res.end = ix.runeRange(match[0], len(q))
		return res
	}
	res.status, res.occ = anchorAmbiguous, match
	return res
}

// maxWindow is the longest prefix of a quote hashed by findAll.
const maxWindow = 16

// findAll returns, for each query, the sorted byte offsets in norm where it
// occurs (at most limit each). Queries are grouped by window length w (their
// length, capped at maxWindow); each group costs one rolling-hash pass over
// the text, and a hash hit is checked byte by byte. So resolving thousands
// of anchors takes a few passes over the article, not one per anchor.
func (ix *textIndex) findAll(qs []string, limit int) [][]int {
	out := make([][]int, len(qs))
	groups := map[int]map[uint64][]int{} // window -> hash of first w bytes -> query indices
	first := map[string]int{}            // query -> first index with the same text
	dups := map[int]int{}
	for i, q := range qs {
		if q == "" || len(q) > len(ix.norm) {
			continue
		}
		if j, ok := first[q]; ok {
			dups[i] = j
			continue
		}
		first[q] = i
		w := min(len(q), maxWindow)
		g := groups[w]
		if g == nil {
			g = map[uint64][]int{}
			groups[w] = g
		}
		h := rollHash([]byte(q[:w]))
		g[h] = append(g[h], i)
	}
	const base = 1099511628211
	for w, g := range groups {
		// A bitset of hashes in the group spares a map look-up at most
		// positions of the text.
		var bits [1 << 16 / 64]uint64
		for h := range g {
			bits[(h&0xffff)>>6] |= 1 << (h & 63)
		}
		pow := uint64(1)
		for range w {
			pow *= base
		}
		text := ix.norm
		h := rollHash(text[:w])
		for i := 0; ; i++ {
			if bits[(h&0xffff)>>6]&(1<<(h&63)) == 0 {
				// no query starts with this window
			} else if cands, ok := g[h]; ok {
				for _, qi := range cands {
					if len(out[qi]) < limit && bytes.HasPrefix(text[i:], []byte(qs[qi])) {
						out[qi] = append(out[qi], i)
					}
				}
			}
			if i+w >= len(text) {
				break
			}
			h = h*base + uint64(text[i+w]) - uint64(text[i])*pow
		}
	}
	for i, j := range dups {
		out[i] = out[j]
	}
	return out
}

// rollHash is the polynomial hash findAll rolls over the text.
func rollHash(b []byte) uint64 {
	const base = 1099511628211
	var h uint64
	for _, c := range b {
		h = h*base + uint64(c)
	}
	return h
}

// context reports whether the occurrence at byte o of length n is preceded
// by prefix and followed by suffix (each may be empty). One space between
// context and quote is optional, since both are trimmed when normalised.
func (ix *textIndex) context(o, n int, prefix, suffix string) bool {
	if prefix != "" {
		before := ix.norm[:o]
		if !bytes.HasSuffix(before, []byte(prefix)) {
			before = bytes.TrimSuffix(before, []byte{' '})
			if !bytes.HasSuffix(before, []byte(prefix)) {
				return false
			}
		}
	}
	if suffix != "" {
		after := ix.norm[o+n:]
		if !bytes.HasPrefix(after, []byte(suffix)) {
			after = bytes.TrimPrefix(after, []byte{' '})
			if !bytes.HasPrefix(after, []byte(suffix)) {
				return false
			}
		}
	}
	return true
}

// closest finds the passage of the text most like exact: each distinct word
// of the quote votes for where the quote would start, and the place with the
// most votes wins. It makes at most 24 index look-ups of at most 256 hits,
// so it is bounded however long the article. ok is false when no word of the
// quote occurs in the text.
func (ix *textIndex) closest(exact string) (passage string, runeStart int, ok bool) {
	q := NormalizeQuote(exact)
	if q == "" || len(ix.norm) == 0 {
		return "", 0, false
	}
	votes := map[int]int{}  // bin -> votes
	starts := map[int]int{} // exact start -> votes
	seen := map[string]bool{}
	wordOff := 0
	for _, w := range strings.Split(q, " ") {
		off := wordOff
		wordOff += len(w) + 1
		if utf8.RuneCountInString(w) < 3 || seen[w] || len(seen) >= 24 {
			continue
		}
		seen[w] = true
		for _, o := range ix.index().Lookup([]byte(w), 256) {
			c := o - off
			votes[c/16]++
			starts[c]++
		}
	}
	if len(votes) == 0 {
		return "", 0, false
	}
	bestBin, best := 0, -1
	for b, v := range votes {
		if v > best || (v == best && b < bestBin) {
			bestBin, best = b, v
		}
	}
	start, sv := 0, -1
	for c, v := range starts {
		if c/16 != bestBin {
			continue
		}
		if v > sv || (v == sv && c < start) {
			start, sv = c, v
		}
	}
	start = max(start, 0)
	for start < len(ix.norm) && !utf8.RuneStart(ix.norm[start]) {
		start++
	}
	if start >= len(ix.norm) {
		return "", 0, false
	}
	end := min(start+len(q), len(ix.norm))
	for end < len(ix.norm) && !utf8.RuneStart(ix.norm[end]) {
		end++
	}
	// End on a word boundary: a passage of the quote's length may stop inside
	// the next word ("…a single year a").
	if end < len(ix.norm) && ix.norm[end] != ' ' {
		if i := bytes.LastIndexByte(ix.norm[start:end], ' '); i > 0 {
			end = start + i
		}
	}
	return clip(strings.TrimSpace(string(ix.norm[start:end])), 100), int(ix.src[start]), true
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
