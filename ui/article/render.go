package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// span is a passage's stretch on one rendered line, in cells.
type span struct {
	start, end int // cell columns [start, end)
	passage    int // index into the passages
}

// rendered is the article rendered for one width, with every passage mapped
// to the lines and columns it covers.
type rendered struct {
	width  int
	lines  []string
	spans  [][]span // per line, sorted by start
	first  []int    // first line of each passage (-1 when not found)
	blocks []int    // first line of each article block (-1 when not found)
	err    error
	style  string
}

// renderedMsg carries a finished render back to the pane that asked for it.
type renderedMsg struct {
	id  int // pane instance
	gen int // request generation; older ones are dropped
	r   *rendered
}

// renderCmd renders md with glamour at width in the background and maps the
// passages and blocks of the reader text onto the rendered lines.
func renderCmd(id, gen int, md, text string, passages []model.Passage, blocks []model.Block, width int, style string) tea.Cmd {
	return func() tea.Msg {
		return renderedMsg{id: id, gen: gen, r: render(md, text, passages, blocks, width, style)}
	}
}

// glamourMargin is the left and right margin glamour's standard styles put
// around the document; the wrap width leaves room for it.
const glamourMargin = 2

func render(md, text string, passages []model.Passage, blocks []model.Block, width int, style string) *rendered {
	r := &rendered{width: width, style: style}
	wrap := max(width-2*glamourMargin, 10)
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(wrap))
	var out string
	if err == nil {
		out, err = tr.Render(md)
	}
	if err != nil {
		// Show the Markdown as plain text rather than nothing.
		r.err = err
		out = md
	}
	// glamour links Markdown links to any target; only sources get links.
	out = strings.Trim(safe.Unlink(out), "\n")
	r.lines = strings.Split(out, "\n")
	for i, l := range r.lines {
		if ansi.StringWidth(l) > width {
			r.lines[i] = ansi.Truncate(l, width, "")
		}
	}
	r.mapText(text, passages, blocks)
	return r
}

// cellPos is a rune of the rendered text: its line and cell column.
type cellPos struct {
	line, col int
}

// mapText aligns the reader text with the rendered lines. Both hold the same
// words in the same order; the rendered side adds margins, bullets, heading
// marks and wrapping. Non-space runes of the text are matched greedily to
// runes of the rendered text, looking ahead a bounded distance so that a rune
// glamour dropped cannot derail the rest.
func (r *rendered) mapText(text string, passages []model.Passage, blocks []model.Block) {
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
			rr = append(rr, ru)
			pos = append(pos, cellPos{li, col})
			col += max(ansi.StringWidth(string(ru)), 0)
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
	sortWants(wants, func(w want) int { return w.off })

	starts := make([]int, len(passages))
	ends := make([]int, len(passages))
	for i := range starts {
		starts[i], ends[i] = -1, -1
	}
	const lookahead = 400 // rendered runes searched for one text rune
	ri, ti, wi := 0, 0, 0
	last := -1 // rendered index of the last matched text rune
	for off := 0; off < len(text) && wi < len(wants); {
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
		for li := pos[s].line; li <= pos[e].line; li++ {
			from := 0
			if li == pos[s].line {
				from = pos[s].col
			} else {
				from = leadingText(r.lines[li])
			}
			var to int
			if li == pos[e].line {
				to = pos[e].col + max(ansi.StringWidth(string(rr[e])), 1)
			} else {
				to = trailingText(r.lines[li])
			}
			if to > from {
				r.spans[li] = append(r.spans[li], span{from, to, i})
			}
		}
	}
	for li := range r.spans {
		sortWants(r.spans[li], func(s span) int { return s.start })
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

// sortWants is an insertion-friendly stable sort by key.
func sortWants[T any](xs []T, key func(T) int) {
	// The inputs are nearly sorted (passages and blocks come in article
	// order), so a stable sort from the standard library is plenty.
	stableSort(xs, key)
}
