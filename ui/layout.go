package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/nodelist"
	"github.com/crux-news/crux/ui/theme"
)

// Layout thresholds.
const (
	wideMinWidth   = 120 // article beside three stacked panes and the detail
	wideMinHeight  = 24  // four stacked boxes need about six rows each
	mediumMinWidth = 80  // article beside one tabbed column
	minWidth       = 30  // below this nothing useful fits
	minHeight      = 8   // status line, tab bar and a box of a few rows
)

type mode int

const (
	modeTiny mode = iota
	modeNarrow
	modeMedium
	modeWide
)

// rect is a screen rectangle.
type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// layout is where each pane goes: its box (with border and title) and its
// content area inside.
type layout struct {
	mode    mode
	boxes   map[focus]rect
	inner   map[focus]rect
	tabs    rect // tab bar (narrow and medium)
	visible []focus
}

// boxChrome is what a box adds around its content: a border on every side
// and a title row.
const (
	boxChromeW = 2
	boxChromeH = 3
)

func computeLayout(w, h int, active, tab focus) layout {
	l := layout{boxes: map[focus]rect{}, inner: map[focus]rect{}}
	if w < minWidth || h < minHeight {
		l.mode = modeTiny
		return l
	}
	mainH := h - 1 // status line
	put := func(f focus, r rect) {
		l.boxes[f] = r
		l.inner[f] = rect{r.x + 1, r.y + 2, max(r.w-boxChromeW, 0), max(r.h-boxChromeH, 0)}
		l.visible = append(l.visible, f)
	}
	switch {
	case w >= wideMinWidth && h >= wideMinHeight:
		l.mode = modeWide
		aw := w * 55 / 100
		rw := w - aw
		put(focusArticle, rect{0, 0, aw, mainH})
		ch := max(mainH*28/100, 5)
		sh := max(mainH*20/100, 4)
		kh := max(mainH*20/100, 4)
		dh := mainH - ch - sh - kh
		put(focusClaims, rect{aw, 0, rw, ch})
		put(focusSkeptics, rect{aw, ch, rw, sh})
		put(focusCounters, rect{aw, ch + sh, rw, kh})
		put(focusDetail, rect{aw, ch + sh + kh, rw, dh})
	case w >= mediumMinWidth:
		l.mode = modeMedium
		// Reading width comes first: the article gets about two thirds,
		// about 60 characters a line at 100 columns (glow's and a book's
		// measure); the tabbed column keeps at least 30.
		rw := max(w*34/100, 30)
		aw := w - rw
		put(focusArticle, rect{0, 0, aw, mainH})
		l.tabs = rect{aw, 0, rw, 1}
		lh := max((mainH-1)*45/100, 4)
		put(tab, rect{aw, 1, rw, lh})
		put(focusDetail, rect{aw, 1 + lh, rw, mainH - 1 - lh})
	default:
		l.mode = modeNarrow
		l.tabs = rect{0, 0, w, 1}
		put(active, rect{0, 1, w, mainH - 1})
	}
	return l
}

// resize recomputes the layout and sizes the panes; the article re-renders
// in a command when its width changed. A pane hidden in the current layout
// gets the size it will have when shown, so switching panes never re-renders.
func (m *Model) resize() tea.Cmd {
	m.lay = computeLayout(m.width, m.height, m.focus, m.tab)
	if m.lay.mode == modeTiny {
		return nil
	}
	sizeOf := m.paneSize
	var cmds []tea.Cmd
	cmds = append(cmds, m.article.SetSize(sizeOf(focusArticle)))
	for _, f := range []focus{focusClaims, focusSkeptics, focusCounters} {
		m.list(f).SetSize(sizeOf(f))
	}
	cmds = append(cmds, m.detail.SetSize(sizeOf(focusDetail)))
	m.layoutFinder()
	m.help.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
	m.layoutNotes()
	if m.stack.has(layerNotes) {
		cmds = append(cmds, m.nt.view.Preview()) // the open note, at the new width
	}
	m.layoutStack()
	m.layoutClass()
	return tea.Batch(cmds...)
}

// paneSize is the inner size of pane f in its layout, shown or not.
func (m *Model) paneSize(f focus) (int, int) {
	tab := m.tab
	if f >= focusClaims && f <= focusCounters {
		tab = f
	}
	r := computeLayout(m.width, m.height, f, tab).inner[f]
	return r.w, r.h
}

func (m *Model) layoutFinder() {
	m.finder.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
}

// View draws the screen; every line fits the terminal.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "crux: " + safe.Line(m.c.Title())
	return v
}

func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.lay.mode == modeTiny {
		return m.tooSmall()
	}
	var body string
	if id, ok := m.stack.shown(); ok && id != layerSelect {
		body = cell.Clip(m.overlayView(id), m.width, m.height-1)
	} else {
		body = m.panes() // assembled to exactly the main area
	}
	return body + "\n" + cell.Width(m.statusLine(), m.width)
}

func (m Model) tooSmall() string {
	msg := fmt.Sprintf("Terminal too small (%dx%d). crux needs at least %dx%d: enlarge the window, or press %s to quit.",
		m.width, m.height, minWidth, minHeight, m.keys.Quit.Help().Key)
	wrapped := ansi.Wrap(msg, max(m.width, 1), " ")
	return cell.Clip(m.styles.Error.Render(wrapped), m.width, m.height)
}

// seg is a run of cells on one screen row: its column, width and text.
type seg struct {
	x, w int
	s    string
}

// panes places the visible boxes side by side. The layout's rectangles
// never overlap and every box line is exactly as wide as its box, so rows
// are assembled by concatenation, with no measuring or compositing.
func (m Model) panes() string {
	mainH := m.height - 1
	rows := make([][]seg, mainH)
	put := func(r rect, lines []string) {
		for i, l := range lines {
			if y := r.y + i; y >= 0 && y < mainH {
				rows[y] = append(rows[y], seg{r.x, r.w, l})
			}
		}
	}
	for _, f := range m.lay.visible {
		r := m.lay.boxes[f]
		exact := m.paneExact(f)
		put(r, m.frame(m.paneTitle(f), m.paneFooter(f), m.paneView(f), r.w, r.h, m.focus == f, exact))
	}
	if t := m.lay.tabs; t.w > 0 {
		put(t, []string{cell.Width(m.tabBar(t.w), t.w)})
	}
	var b strings.Builder
	for y, row := range rows {
		if y > 0 {
			b.WriteByte('\n')
		}
		slices.SortFunc(row, func(a, c seg) int { return a.x - c.x })
		col := 0
		for _, sg := range row {
			if sg.x > col {
				b.WriteString(strings.Repeat(" ", sg.x-col))
			}
			b.WriteString(sg.s)
			col = sg.x + sg.w
		}
	}
	return b.String()
}

// paneExact reports whether a pane's View is already exactly its inner
// width and height, so that framing it needs no measuring.
func (m Model) paneExact(f focus) bool {
	switch f {
	case focusArticle:
		return m.article.ExactWidth()
	case focusDetail:
		return m.detail.ExactWidth()
	default:
		return m.list(f).ExactWidth()
	}
}

func (m Model) paneView(f focus) string {
	switch f {
	case focusArticle:
		return m.article.View()
	case focusClaims:
		return m.claims.View()
	case focusSkeptics:
		return m.skeptics.View()
	case focusCounters:
		return m.counters.View()
	default:
		return m.detail.View()
	}
}

func (m Model) paneTitle(f focus) string {
	switch f {
	case focusArticle:
		// The article's own H1 carries its title; the pane says which pane
		// it is, once.
		return "Article"
	case focusClaims:
		return fmt.Sprintf("%s Claims %s", theme.Glyph(model.KindClaim), position(m.claims))
	case focusSkeptics:
		return fmt.Sprintf("%s Skeptic positions %s", theme.Glyph(model.KindSkeptic), position(m.skeptics))
	case focusCounters:
		return fmt.Sprintf("%s Counterpoints %s", theme.Glyph(model.KindCounterpoint), position(m.counters))
	default:
		return "Detail"
	}
}

// paneFooter is what a pane's bottom border says: where the reader is in
// the article, and whether the detail scrolls. The border is drawn at every
// width, so unlike the title it is never cut (less and lazygit keep
// position there too).
func (m Model) paneFooter(f focus) string {
	switch f {
	case focusArticle:
		if m.article.Ready() {
			return fmt.Sprintf("%d%%", m.article.ScrollPercent())
		}
	case focusDetail:
		return m.detail.Position()
	}
	return ""
}

// position is a list's "(cursor/count)", or "(0)" when it is empty, so the
// reader knows where they are in a list longer than its pane.
func position(l nodelist.Model) string {
	if l.Len() == 0 {
		return "(0)"
	}
	return fmt.Sprintf("(%d/%d)", l.Cursor()+1, l.Len())
}

// box draws content in a bordered box of exactly w×h cells with a title row.
func (m Model) box(title, content string, w, h int, focused bool) string {
	return strings.Join(m.boxLines(title, content, w, h, focused), "\n")
}

// boxLines draws a box as exactly h lines of exactly w cells: a border in
// the pane style's border and colour, a title row, then the content.
func (m Model) boxLines(title, content string, w, h int, focused bool) []string {
	return m.frame(title, "", content, w, h, focused, false)
}

// frame is boxLines for content whose lines may already be exactly the
// inner width (exact), which saves measuring them. footer, when not empty,
// is drawn into the bottom border, on the right.
func (m Model) frame(title, footer, content string, w, h int, focused, exact bool) []string {
	w, h = max(w, 0), max(h, 0)
	if w < boxChromeW+1 || h < boxChromeH {
		return cell.Block("", w, h)
	}
	iw, ih := w-boxChromeW, h-boxChromeH
	ts := m.styles.PaneTitle
	bs := m.styles.Pane
	if focused {
		ts = m.styles.PaneTitleOn
		bs = m.styles.PaneFocused
		title = "▶ " + title
	}
	ch := m.chrome.get(bs, w)
	out := make([]string, 0, h)
	out = append(out, ch.top)
	out = append(out, ch.left+cell.Width(ts.Render(ansi.Truncate(title, iw, "…")), iw)+ch.right)
	var lines []string
	if exact {
		lines = strings.SplitN(content, "\n", ih+1)
		if len(lines) != ih {
			lines = cell.Block(content, iw, ih)
		}
	} else {
		lines = cell.Block(content, iw, ih)
	}
	for _, l := range lines {
		out = append(out, ch.left+l+ch.right)
	}
	out = append(out, ch.bottomWith(footer, iw))
	return out
}

// chrome is a box's rendered border: styling it costs more than a frame may,
// so it is kept per border style and width.
type chrome struct {
	top, bottom, left, right string
	edge                     lipgloss.Style
	brd                      lipgloss.Border
}

// bottomWith is the bottom border with label set in it, one border cell
// from the right corner; the plain border when label is empty or the box is
// too narrow for it.
func (c chrome) bottomWith(label string, iw int) string {
	if label == "" {
		return c.bottom
	}
	label = " " + label + " "
	lw := ansi.StringWidth(label)
	if lw+2 > iw {
		return c.bottom
	}
	return c.edge.Render(c.brd.BottomLeft + strings.Repeat(c.brd.Bottom, iw-lw-1) + label + c.brd.Bottom + c.brd.BottomRight)
}

type chromeKey struct {
	focused bool
	w       int
}

// chromeCache holds rendered borders; it is replaced when the styles change.
type chromeCache struct {
	styles *theme.Styles
	boxes  map[chromeKey]chrome
}

func newChromeCache(st *theme.Styles) *chromeCache {
	return &chromeCache{styles: st, boxes: map[chromeKey]chrome{}}
}

func (c *chromeCache) get(bs lipgloss.Style, w int) chrome {
	k := chromeKey{focused: bs.GetBorderStyle() == c.styles.PaneFocused.GetBorderStyle() && bs.GetBorderTopForeground() == c.styles.PaneFocused.GetBorderTopForeground(), w: w}
	if ch, ok := c.boxes[k]; ok {
		return ch
	}
	brd := bs.GetBorderStyle()
	edge := lipgloss.NewStyle().Foreground(bs.GetBorderTopForeground())
	iw := w - boxChromeW
	ch := chrome{
		top:    edge.Render(brd.TopLeft + strings.Repeat(brd.Top, iw) + brd.TopRight),
		bottom: edge.Render(brd.BottomLeft + strings.Repeat(brd.Bottom, iw) + brd.BottomRight),
		left:   edge.Render(brd.Left),
		right:  edge.Render(brd.Right),
		edge:   edge,
		brd:    brd,
	}
	c.boxes[k] = ch
	return ch
}

// tab is one tab of the tab bar: its pane and its rendered label.
type tab struct {
	f     focus
	label string
}

// tabs lists the tab bar's tabs in the current layout: every pane in the
// narrow one, the three lists in the medium one.
func (m Model) tabs() []tab {
	panes := []focus{focusClaims, focusSkeptics, focusCounters}
	if m.lay.mode == modeNarrow {
		panes = []focus{focusArticle, focusClaims, focusSkeptics, focusCounters, focusDetail}
	}
	names := map[focus]string{
		focusArticle: "Article", focusClaims: "■ Claims", focusSkeptics: "▲ Skeptics",
		focusCounters: "● Counters", focusDetail: "Detail",
	}
	active := m.focus
	if m.lay.mode == modeMedium {
		active = m.tab
	}
	// Each list's tab is its glyph and how many rows it has, so that a
	// reader sees that a claim has six skeptic positions without opening
	// the tab; the shown tab adds its name ("■ 34  ▲ Skeptics 6  ● 9"),
	// and every tab has its name when all fit. The last resort drops the
	// shown tab's name too, never a count.
	glyphs := map[focus]string{focusClaims: "■", focusSkeptics: "▲", focusCounters: "●"}
	const (
		full = iota
		short
		bare
	)
	build := func(form int) ([]tab, int) {
		out := make([]tab, len(panes))
		width := len(panes) - 1
		for i, f := range panes {
			st := m.styles.Tab
			if f == active {
				st = m.styles.TabActive
			}
			name := names[f]
			if g, list := glyphs[f]; list {
				if form == bare || form == short && f != active {
					name = g
				}
				name += fmt.Sprintf(" %d", m.list(f).Len())
			}
			out[i] = tab{f, st.Render(name)}
			width += ansi.StringWidth(out[i].label)
		}
		return out, width
	}
	for _, form := range []int{full, short} {
		if out, width := build(form); width <= m.lay.tabs.w {
			return out
		}
	}
	out, _ := build(bare)
	return out
}

func (m Model) tabBar(w int) string {
	var parts []string
	for _, t := range m.tabs() {
		parts = append(parts, t.label)
	}
	return cell.Clip(strings.Join(parts, " "), w, 1)
}
