package article

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/crux-news/crux/model"
)

type cellPos struct {
	line, col int
	w         int // its width in cells
}

// mapText aligns the reader text with the rendered lines. Both hold the same
// words in the same order; the rendered side adds margins, bullets, heading
// marks and wrapping. Non-space runes of the text are matched greedily to
// runes of the rendered text, looking ahead a bounded distance so that a rune
// glamour dropped cannot derail the rest.
func (r *rendered) mapText(text string, passages []model.Passage, blocks []model.Block, keep bool) {
	r.spans = make([][]span, len(r.lines))
	r.first = make([]int, len(passages))
	r.blocks = make([]int, len(blocks))
	for i := range r.first {
		r.first[i] = -1
	}
	for i := range r.blocks {
		r.blocks[i] = -1
	}
	// Rendered runes, stripped of escape codes, with their positions.
	var rr []rune
	var pos []cellPos
	for li, l := range r.lines {
		col := 0
		for _, ru := range ansi.Strip(l) {
			w := max(ansi.StringWidth(string(ru)), 0)
			rr = append(rr, ru)
			pos = append(pos, cellPos{li, col, w})
			col += w
		}
	}
	// textPos[i] is the rendered index of text rune i (-1 when unmatched).
	// Only the offsets we need are kept: passage bounds and block starts.
	type want struct {
		off  int
		kind int // 0 passage start, 1 passage end, 2 block start
		idx  int
	}
	var wants []want
	for i, p := range passages {
		wants = append(wants, want{p.Start, 0, i}, want{p.End - 1, 1, i})
	}
	for i, b := range blocks {
		wants = append(wants, want{b.Start, 2, i})
	}
	slices.SortStableFunc(wants, func(a, b want) int { return a.off - b.off })

	starts := make([]int, len(passages))
	ends := make([]int, len(passages))
	for i := range starts {
		starts[i], ends[i] = -1, -1
	}
	const lookahead = 400 // rendered runes searched for one text rune
	ri, ti, wi := 0, 0, 0
	last := -1 // rendered index of the last matched text rune
	if keep {
		r.cells = pos
		r.at = make([]int32, 0, utf8.RuneCountInString(text))
	}
	for off := 0; off < len(text) && (wi < len(wants) || keep); {
		ru, size := utf8.DecodeRuneInString(text[off:])
		cur := -1
		if !unicode.IsSpace(ru) {
			for k := ri; k < len(rr) && k < ri+lookahead; k++ {
				if sameRune(rr[k], ru) {
					cur = k
					ri = k + 1
					last = k
					break
				}
			}
		}
		if keep {
			r.at = append(r.at, int32(cur))
		}
		for wi < len(wants) && wants[wi].off == ti {
			w := wants[wi]
			at := cur
			if at < 0 {
				at = max(last, 0)
				if w.kind != 1 && ri < len(rr) {
					at = ri
				}
			}
			switch w.kind {
			case 0:
				starts[w.idx] = at
			case 1:
				ends[w.idx] = at
			case 2:
				if at < len(pos) {
					r.blocks[w.idx] = pos[at].line
				}
			}
			wi++
		}
		for wi < len(wants) && wants[wi].off < ti {
			wi++
		}
		off += size
		ti++
	}
	for i := range passages {
		s, e := starts[i], ends[i]
		if s < 0 || e < 0 || e < s || e >= len(pos) {
			continue
		}
		r.first[i] = pos[s].line
		lineSpans(r.lines, pos, s, e, func(li, from, to int) {
			r.spans[li] = append(r.spans[li], span{from, to, i})
		})
	}
	for li := range r.spans {
		slices.SortStableFunc(r.spans[li], func(a, b span) int { return a.start - b.start })
	}
}

// lineSpans calls emit with the cells [from, to) each rendered line covers
// of the rendered runes s to e (inclusive): a passage or a selection. Lines
// after the first start at their text, lines before the last end at it,
// so the margins stay unmarked.
func lineSpans(lines []string, pos []cellPos, s, e int, emit func(li, from, to int)) {
	for li := pos[s].line; li <= pos[e].line; li++ {
		from := 0
		if li == pos[s].line {
			from = pos[s].col
		} else {
			from = leadingText(lines[li])
		}
		var to int
		if li == pos[e].line {
			to = pos[e].col + max(pos[e].w, 1)
		} else {
			to = trailingText(lines[li])
		}
		if to > from {
			emit(li, from, to)
		}
	}
}

// sameRune compares runes the way anchors are matched: typographic quotes
// fold to straight ones.
func sameRune(a, b rune) bool {
	return fold(a) == fold(b)
}

func fold(r rune) rune {
	switch r {
	case '’', '‘':
		return '\''
	case '“', '”':
		return '"'
	}
	return r
}

// leadingText is the cell column of a line's first non-space character.
func leadingText(l string) int {
	s := ansi.Strip(l)
	t := strings.TrimLeft(s, " ")
	return ansi.StringWidth(s) - ansi.StringWidth(t)
}

// trailingText is the cell column just after a line's last non-space character.
func trailingText(l string) int {
	return ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " "))
}
