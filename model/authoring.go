package model

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the small exported helpers the authoring engine (package
// author) needs from the loader: validating claims that are not on disk yet,
// and making an anchor from a quote or a selection with the loader's own
// matcher, so that an anchor written by crux always resolves the same way
// when the file is loaded again.

// LoadBytes validates data as if it were the claims file at path: the
// article and every other file are read from disk relative to path, as
// LoadFile does, but the claims themselves come from data. Findings name
// path. The authoring engine calls it before it writes anything.
func LoadBytes(p string, data []byte) (*Content, Findings) {
	dir := filepath.Dir(p)
	l := &loader{
		path: p,
		read: func(name string) ([]byte, error) {
			if name == p {
				if len(data) > MaxFileSize {
					return nil, ErrTooLarge
				}
				return data, nil
			}
			return readOS(name)
		},
		join: func(rel string) string {
			if filepath.IsAbs(rel) {
				return rel
			}
			return filepath.Join(dir, filepath.FromSlash(rel))
		},
	}
	return l.run()
}

// QuoteError says why a quote or a selection gives no anchor. Code is
// "quote-not-found" (Message then names the closest passage, as the
// validator does), "quote-ambiguous" (Lines lists where it occurs) or
// "bad-value" (an empty quote, a selection outside the text).
type QuoteError struct {
	Code    string
	Message string
	// Lines are the Markdown lines of each occurrence of an ambiguous quote.
	Lines []int
}

func (e *QuoteError) Error() string { return e.Message }

// QuoteAnchor makes the anchor for quote in the article: exact is the
// article's own text for the match (white space collapsed), plus the
// shortest prefix and/or suffix, in whole words, that make it resolve to
// that occurrence alone. A quote that occurs more than once needs
// occurrence, 1-based, to choose one; 0 accepts only a quote that occurs
// once. A quote not in the article fails with the closest passage.
func (a *Article) QuoteAnchor(quote string, occurrence int) (Anchor, error) {
	q := NormalizeQuote(quote)
	if q == "" {
		return Anchor{}, &QuoteError{Code: "bad-value", Message: "the quote is empty; quote a passage of the article"}
	}
	ix := newTextIndex(a.Text)
	occ := ix.findAll([]string{q}, maxOccurrences)[0]
	rel := a.Path
	shown := strconv.Quote(clip(q, 60))
	switch {
	case len(occ) == 0:
		msg := fmt.Sprintf("quote %s is not in %s", shown, rel)
		if p, at, ok := ix.closest(quote); ok {
			msg += fmt.Sprintf("; closest: %s at %s:%d", strconv.Quote(p), rel, a.LineOf(at))
		} else {
			msg += "; no passage of the article shares a word with it"
		}
		return Anchor{}, &QuoteError{Code: "quote-not-found", Message: msg}
	case occurrence > len(occ):
		return Anchor{}, &QuoteError{Code: "bad-value", Lines: a.occLines(ix, occ),
			Message: fmt.Sprintf("quote %s occurs %d times in %s, so there is no occurrence %d", shown, len(occ), rel, occurrence)}
	case len(occ) > 1 && occurrence <= 0:
		lines := a.occLines(ix, occ)
		return Anchor{}, &QuoteError{Code: "quote-ambiguous", Lines: lines,
			Message: fmt.Sprintf("quote %s occurs %d times in %s (lines %s); quote more, or choose an occurrence from 1 to %d",
				shown, len(occ), rel, joinInts(lines), len(occ))}
	}
	o := occ[0]
	if occurrence > 0 {
		o = occ[occurrence-1]
	}
	return a.anchorAt(ix, o, len(q), occ)
}

// RangeAnchor makes the anchor for the runes [start, end) of Text, as
// selected by a reader: the selection is trimmed to its non-space text, and
// exact, prefix and suffix are chosen as QuoteAnchor does.
func (a *Article) RangeAnchor(start, end int) (Anchor, error) {
	ix := newTextIndex(a.Text)
	i := sort.Search(len(ix.src), func(k int) bool { return int(ix.src[k]) >= start })
	j := sort.Search(len(ix.src), func(k int) bool { return int(ix.src[k]) >= end })
	for i < j && ix.norm[i] == ' ' {
		i++
	}
	for j > i && ix.norm[j-1] == ' ' {
		j--
	}
	if start < 0 || end <= start || i >= j {
		return Anchor{}, &QuoteError{Code: "bad-value", Message: "the selection holds no text; select a passage of the article"}
	}
	q := string(ix.norm[i:j])
	return a.anchorAt(ix, i, len(q), ix.findAll([]string{q}, maxOccurrences)[0])
}

// anchorAt builds the anchor for the occurrence at byte o (length n) of the
// normalised text, among all occurrences occ of the same quote.
func (a *Article) anchorAt(ix *textIndex, o, n int, occ []int) (Anchor, error) {
	runes := []rune(a.Text)
	text := func(i, j int) string { // normalised bytes [i, j) as article text
		if i >= j {
			return ""
		}
		s, e := ix.runeRange(i, j-i)
		return strings.Join(strings.Fields(string(runes[s:e])), " ")
	}
	start, end := ix.runeRange(o, n)
	an := Anchor{Exact: text(o, o+n), Start: start, End: end}
	short := utf8.RuneCount(ix.norm[o:o+n]) < MinQuote
	if len(occ) == 1 && !short {
		return an, nil
	}
	unique := func(p, s []byte) bool {
		for _, c := range occ {
			if c != o && ix.context(c, n, string(p), string(s)) {
				return false
			}
		}
		return true
	}
	before := bytes.TrimSuffix(ix.norm[:o], []byte{' '})
	after := bytes.TrimPrefix(ix.norm[o+n:], []byte{' '})
	at := len(ix.norm) - len(after) // where after starts
	for k := 1; ; k++ {
		p, pAll := lastWords(before, k)
		s, sAll := firstWords(after, k)
		switch {
		case len(p) > 0 && unique(p, nil):
			an.Prefix = text(len(before)-len(p), len(before))
			return an, nil
		case len(s) > 0 && unique(nil, s):
			an.Suffix = text(at, at+len(s))
			return an, nil
		case (len(p) > 0 || len(s) > 0) && unique(p, s):
			an.Prefix = text(len(before)-len(p), len(before))
			an.Suffix = text(at, at+len(s))
			return an, nil
		}
		if pAll && sAll {
			if len(occ) == 1 {
				return an, nil // a short quote in a text too short for context
			}
			return Anchor{}, &QuoteError{Code: "quote-ambiguous", Lines: a.occLines(ix, occ),
				Message: fmt.Sprintf("quote %q occurs %d times in %s with the same text around it, so no prefix or suffix can pick one",
					clip(string(ix.norm[o:o+n]), 60), len(occ), a.Path)}
		}
	}
}

// lastWords returns the last k space-separated words of b, and whether
// that is all of b.
func lastWords(b []byte, k int) ([]byte, bool) {
	i := len(b)
	for range k {
		j := bytes.LastIndexByte(b[:i], ' ')
		if j < 0 {
			return b, true
		}
		i = j
	}
	return b[i+1:], false
}

// firstWords returns the first k space-separated words of b, and whether
// that is all of b.
func firstWords(b []byte, k int) ([]byte, bool) {
	i := -1
	for range k {
		j := bytes.IndexByte(b[i+1:], ' ')
		if j < 0 {
			return b, true
		}
		i += 1 + j
	}
	return b[:i], false
}

// occLines lists the distinct Markdown lines of occurrences.
func (a *Article) occLines(ix *textIndex, occ []int) []int {
	var out []int
	for _, o := range occ {
		if l := a.LineOf(int(ix.src[o])); len(out) == 0 || out[len(out)-1] != l {
			out = append(out, l)
		}
	}
	return out
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// Nearest returns the candidate closest to s by edit distance, or "" when
// none is a likely typo of s: the validator's "did you mean", for tools that
// check names outside a load.
func Nearest(s string, cands []string) string { return nearest(s, cands) }
