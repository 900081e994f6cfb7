package article

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// SetNoteMarks sets the rune offsets (in the article text) of annotated
// passages; each gets a ✎ in the left margin of its paragraph's first line.
func (m *Model) SetNoteMarks(offsets []int) { m.notes = offsets; m.look++ }

// SetHighlight marks every occurrence of words (ignoring case) in the
// article, as less does after a search, until it is called again; nil
// clears. Words shorter than two characters are not marked.
func (m *Model) SetHighlight(words []string) {
	m.hl = m.hl[:0]
	for _, w := range words {
		if len([]rune(w)) >= 2 {
			m.hl = append(m.hl, strings.ToLower(w))
		}
	}
	m.look++
}

// Highlighted is the words the article marks (lower-cased).
func (m Model) Highlighted() []string { return m.hl }

// highlights is where the highlighted words are on a rendered line, as
// cell ranges in the Match style, in order and not overlapping.
func (m Model) highlights(line string) []lipgloss.Range {
	if len(m.hl) == 0 {
		return nil
	}
	plain := ansi.Strip(line)
	low := strings.ToLower(plain)
	if len(low) != len(plain) {
		return nil // a case mapping changed byte offsets: leave the line
	}
	type span struct{ from, to int }
	var spans []span
	for _, w := range m.hl {
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			spans = append(spans, span{i + j, i + j + len(w)})
			i += j + len(w)
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	var out []lipgloss.Range
	end := 0
	for _, s := range spans {
		if s.from < end {
			continue
		}
		from := ansi.StringWidth(plain[:s.from])
		out = append(out, lipgloss.NewRange(from, from+ansi.StringWidth(plain[s.from:s.to]), m.styles.Match))
		end = s.to
	}
	return out
}

// noteLines is the set of rendered lines that carry a note mark.
func (m Model) noteLines() map[int]bool {
	if len(m.notes) == 0 || m.cur == nil {
		return nil
	}
	out := map[int]bool{}
	for _, off := range m.notes {
		bi := -1
		for i, b := range m.blocks {
			if b.Start <= off {
				bi = i
			} else {
				break
			}
		}
		if bi >= 0 && bi < len(m.cur.blocks) && m.cur.blocks[bi] >= 0 {
			out[m.cur.blocks[bi]] = true
		}
	}
	return out
}

// ReadingPassage is what the reader is looking at, as a rune range of the
// article text: the selected node's passage when it is on screen, else the
// paragraph at the top of the view.
func (m Model) ReadingPassage() (start, end int, ok bool) {
	if m.passage >= 0 && m.passage < len(m.passages) && m.passageVisible(m.passage) && m.passages[m.passage].Node == m.sel {
		p := m.passages[m.passage]
		return p.Start, p.End, true
	}
	if m.cur == nil {
		return 0, 0, false
	}
	bi := -1
	for i, l := range m.cur.blocks {
		if l >= 0 && l >= m.win.Offset {
			bi = i
			break
		}
	}
	if bi < 0 {
		bi = m.blockAt(m.win.Offset)
	}
	if bi < 0 || bi >= len(m.blocks) {
		return 0, 0, false
	}
	return m.blocks[bi].Start, m.blocks[bi].End, true
}

// ExactWidth reports whether View's lines are all exactly the pane's width
// (true once the article is rendered).
func (m Model) ExactWidth() bool { return m.cur != nil }

// View renders the visible lines with passages marked.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.cur == nil {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
			m.styles.Muted.Render("rendering the article…"))
	}
	lc := m.lc
	switch {
	case lc.r != m.cur || lc.look != m.look || lc.width != m.width:
		*lc = lineCache{r: m.cur, sel: m.sel, look: m.look, width: m.width, lines: map[int]string{}, marked: m.noteLines(),
			tsel: m.tsel, selSpans: m.selectionSpans()}

	case lc.sel != m.sel:
		// Only lines with a passage of the old or the new selection change.
		for li := range lc.lines {
			for _, sp := range m.cur.spans[li] {
				if n := m.passages[sp.passage].Node; n == lc.sel || n == m.sel {
					delete(lc.lines, li)
					break
				}
			}
		}
		lc.sel = m.sel
	}
	if lc.tsel != m.tsel {
		// Only the lines whose part of the text selection changed.
		spans := m.selectionSpans()
		for li, sp := range lc.selSpans {
			if spans[li] != sp {
				delete(lc.lines, li)
			}
		}
		for li, sp := range spans {
			if lc.selSpans[li] != sp {
				delete(lc.lines, li)
			}
		}
		lc.tsel, lc.selSpans = m.tsel, spans
	}
	var b strings.Builder
	for i := 0; i < m.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		li := m.win.Offset + i
		if li >= len(m.cur.lines) {
			b.WriteString(strings.Repeat(" ", m.width))
			continue
		}
		line, ok := lc.lines[li]
		if !ok {
			line = m.styledLine(li, lc.marked[li], lc.selSpans[li])
			lc.lines[li] = line
		}
		b.WriteString(line)
	}
	return b.String()
}

// lineCache keeps styled lines between frames: styling passages costs far
// more than a frame may, and scrolling or moving elsewhere reuses them.
type lineCache struct {
	tsel     [2]int
	selSpans map[int][2]int // the text selection's cells per line
	r        *rendered
	sel      string
	look     int
	width    int
	marked   map[int]bool
	lines    map[int]string
}

// styledLine is rendered line li with its passages marked and, when marked
// is set, a note mark in the margin.
func (m Model) styledLine(li int, marked bool, sel [2]int) string {
	{
		line := m.cur.lines[li]
		if spans := m.cur.spans[li]; len(spans) > 0 || sel[1] > sel[0] {
			ranges := make([]lipgloss.Range, 0, len(spans)+1)
			for _, s := range spans {
				st := m.styles.Mark
				if m.passages[s.passage].Node == m.sel {
					st = m.styles.MarkSelected
				}
				ranges = append(ranges, lipgloss.NewRange(s.start, s.end, st))
			}
			if sel[1] > sel[0] {
				ranges = withSelection(ranges, sel[0], sel[1], m.styles.Selection)
			}
			line = lipgloss.StyleRanges(line, ranges...)
		}
		if hl := m.highlights(m.cur.lines[li]); len(hl) > 0 {
			line = lipgloss.StyleRanges(line, hl...)
		}
		if marked && m.width > 2 {
			// The glamour margin is blank; the mark takes its first cell.
			line = m.styles.Title.Render("✎") + ansi.Cut(line, 1, m.cur.width)
		}
		if m.cur.width == m.width {
			// Rendered lines are exactly the render's width; marking keeps it.
			return line
		}
		// An older render, shown until the new width's arrives: cut or pad.
		switch w := ansi.StringWidth(line); {
		case w > m.width:
			line = ansi.Truncate(line, m.width, "")
		case w < m.width:
			line += strings.Repeat(" ", m.width-w)
		}
		return line
	}
}
