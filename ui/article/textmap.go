package article

import (
	"slices"
	"sort"
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

// cellMap is the rendered text without its escape codes, where a text map
// looks runes up: the rendered lines stripped and laid end to end, indexed
// by byte offset. The cell of a rune is found when asked (a line's runes
// walked to it). Holding each rendered rune and its cell in slices cost 28
// bytes a rune: for the 10k set's 1 MB article at 160 columns, 228 of a
// start's 627 MB allocated (pprof alloc_space), and the live heap peaked at
// 68 MB while two halves rendered at once against 49 MB with this, which
// holds one byte for most runes (runtime/metrics; peak RSS of the start
// held 6 s, 124 MiB before). Results are the same, rune for rune (all
// passages, blocks and cells compared on three articles at five widths).
type cellMap struct {
	flat  string  // the stripped lines, one after another
	lines []int32 // byte offset in flat of each line's start
}

// newCellMap strips the lines.
func newCellMap(lines []string) cellMap {
	var b []byte
	starts := make([]int32, len(lines))
	for i, l := range lines {
		starts[i] = int32(len(b))
		b = append(b, ansi.Strip(l)...)
	}
	return cellMap{flat: string(b), lines: starts}
}

// pos is the line, column and width of the rune at byte offset x of flat.
func (c cellMap) pos(x int) cellPos {
	// The last line starting at or before x (empty lines start where the
	// next one does).
	li := sort.Search(len(c.lines), func(i int) bool { return int(c.lines[i]) > x }) - 1
	col := 0
	for _, ru := range c.flat[c.lines[li]:x] {
		col += runeWidth(ru)
	}
	ru, _ := utf8.DecodeRuneInString(c.flat[x:])
	return cellPos{li, col, runeWidth(ru)}
}

// runeWidth is the cells a rendered rune takes. Printable ASCII, most of
// an article, skips the grapheme parser: without this, a frame of crux
// edit's selection (BenchmarkSelectionFrame) allocated 368 times against
// 325 with the cells kept in a slice; with it, 322.
func runeWidth(ru rune) int {
	if ru >= 0x20 && ru < 0x7f {
		return 1
	}
	return max(ansi.StringWidth(string(ru)), 0)
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
	// Rendered runes, stripped of escape codes, by byte offset.
	cm := newCellMap(r.lines)
	rr := cm.flat
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
	ri, ti, wi := 0, 0, 0 // ri: byte offset in rr
	last := -1            // byte offset in rr of the last matched text rune
	if keep {
		r.cells = cm
		r.at = make([]int32, 0, utf8.RuneCountInString(text))
	}
	for off := 0; off < len(text) && (wi < len(wants) || keep); {
		ru, size := utf8.DecodeRuneInString(text[off:])
		cur := -1
		if !unicode.IsSpace(ru) {
			for k, n := ri, 0; k < len(rr) && n < lookahead; n++ {
				got, sz := utf8.DecodeRuneInString(rr[k:])
				if sameRune(got, ru) {
					cur = k
					ri = k + sz
					last = k
					break
				}
				k += sz
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
				if at < len(rr) {
					r.blocks[w.idx] = cm.pos(at).line
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
		if s < 0 || e < 0 || e < s || e >= len(rr) {
			continue
		}
		r.first[i] = cm.pos(s).line
		lineSpans(r.lines, cm, s, e, func(li, from, to int) {
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
func lineSpans(lines []string, cm cellMap, s, e int, emit func(li, from, to int)) {
	ps, pe := cm.pos(s), cm.pos(e)
	for li := ps.line; li <= pe.line; li++ {
		from := 0
		if li == ps.line {
			from = ps.col
		} else {
			from = leadingText(lines[li])
		}
		var to int
		if li == pe.line {
			to = pe.col + max(pe.w, 1)
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
