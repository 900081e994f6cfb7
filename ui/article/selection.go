package article

import (
	"slices"
	"sort"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/crux-news/crux/model"
)

// Selecting text (crux edit) and replacing the article (live reload).

// SetContent replaces the article and its passages, e.g. when the files
// changed on disk. The old render stays on screen until the new one is
// ready, which then keeps the reading position: the paragraph at the top of
// the view stays there, as after a resize.
func (m *Model) SetContent(c *model.Content) tea.Cmd {
	m.pending = &doc{md: c.Article.Markdown, text: c.Article.Text, passages: c.Passages(), blocks: c.Article.Blocks}
	m.cache = map[int]*rendered{}
	m.want = 0
	if m.cur == nil {
		m.takePending()
	}
	return m.ensureRender()
}

// takePending makes the pending content the pane's.
func (m *Model) takePending() {
	d := m.pending
	m.pending = nil
	m.md, m.text, m.passages, m.blocks = d.md, d.text, d.passages, d.blocks
	m.passage = -1
	m.look++
}

// onPendingRendered shows the whole render of new content in place of the
// old one, with the line at the top of the view kept there: the same line
// of the same block, or as near as the new block allows.
func (m Model) onPendingRendered(msg renderedMsg) (Model, tea.Cmd) {
	r := msg.r
	if msg.gen != m.gen || r.width != m.width {
		return m, nil
	}
	if r.partial {
		return m, msg.rest
	}
	m.cache[r.width] = r
	m.want = 0
	anchor := m.blockAt(m.win.Offset)
	into := 0 // lines from the block's first to the top of the view
	if anchor >= 0 {
		into = m.win.Offset - m.cur.blocks[anchor]
	}
	m.takePending()
	m.cur = r
	if anchor >= 0 && anchor < len(r.blocks) && r.blocks[anchor] >= 0 {
		m.win.Offset = r.blocks[anchor] + into
	}
	m.clamp()
	return m, nil
}

// SetSelectable makes the pane's renders keep the text map that
// SetSelection and TextMap need (crux edit). Renders made without it are
// dropped.
func (m *Model) SetSelectable() tea.Cmd {
	if m.selectable {
		return nil
	}
	m.selectable = true
	m.cache = map[int]*rendered{}
	m.want = 0
	return m.ensureRender()
}

// SetSelection highlights the runes [start, end) of the article text, the
// passage being selected; start >= end clears it.
func (m *Model) SetSelection(start, end int) {
	if end <= start {
		start, end = 0, 0
	}
	m.tsel = [2]int{start, end}
}

// TextMap is where the runes of the article text are on a render, for
// selecting text. Its zero value maps nothing.
type TextMap struct{ r *rendered }

// TextMap returns the text map of the render on screen (empty until the
// pane is selectable and rendered).
func (m Model) TextMap() TextMap { return TextMap{m.cur} }

// shownFrom is the first text rune at or after i that is on the render
// (spaces are not), with its cell.
func (t TextMap) shownFrom(i int) (int, cellPos, bool) {
	for i = max(i, 0); i < len(t.r.at); i++ {
		if x := t.r.at[i]; x >= 0 {
			return i, t.r.cells.pos(int(x)), true
		}
	}
	return 0, cellPos{}, false
}

// Cell is the rendered line and column of text rune off, or of the first
// rune after it that is shown; ok is false past the end of what is rendered.
func (t TextMap) Cell(off int) (line, col int, ok bool) {
	if t.r == nil {
		return 0, 0, false
	}
	_, c, ok := t.shownFrom(off)
	return c.line, c.col, ok
}

// RuneAt is the text rune shown at rendered line and column col, or the
// first one after it; -1 when nothing is rendered there or after.
func (t TextMap) RuneAt(line, col int) int {
	if t.r == nil {
		return -1
	}
	// Cells grow with the text: binary search the runes.
	i := sort.Search(len(t.r.at), func(i int) bool {
		_, c, ok := t.shownFrom(i)
		return !ok || c.line > line || c.line == line && c.col+c.w > col
	})
	j, _, ok := t.shownFrom(i)
	if !ok {
		return -1
	}
	return j
}

// selectionSpans is the selection's cells on each rendered line.
func (m Model) selectionSpans() map[int][2]int {
	r := m.cur
	if r == nil || m.tsel[1] <= m.tsel[0] || len(r.at) == 0 {
		return nil
	}
	s, e := -1, -1
	for i := m.tsel[0]; i < min(m.tsel[1], len(r.at)); i++ {
		if x := int(r.at[i]); x >= 0 {
			if s < 0 {
				s = x
			}
			e = x
		}
	}
	if s < 0 {
		return nil
	}
	out := map[int][2]int{}
	lineSpans(r.lines, r.cells, s, e, func(li, from, to int) { out[li] = [2]int{from, to} })
	return out
}

// withSelection cuts the selection's cells [from, to) out of the passages'
// ranges and adds it, in column order, so that no two ranges overlap.
func withSelection(ranges []lipgloss.Range, from, to int, st lipgloss.Style) []lipgloss.Range {
	out := make([]lipgloss.Range, 0, len(ranges)+2)
	for _, r := range ranges {
		if r.Start < from {
			out = append(out, lipgloss.NewRange(r.Start, min(r.End, from), r.Style))
		}
		if r.End > to {
			out = append(out, lipgloss.NewRange(max(r.Start, to), r.End, r.Style))
		}
	}
	out = append(out, lipgloss.NewRange(from, to, st))
	slices.SortFunc(out, func(a, b lipgloss.Range) int { return a.Start - b.Start })
	return out
}
