// Package article is the article pane: the Markdown rendered with glamour,
// every anchored passage marked, the selected node's passage highlighted, and
// less-style scrolling.
package article

import (
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// KeyMap are the article pane's bindings.
type KeyMap struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	NextPassage, PrevPassage                                  key.Binding
}

// DefaultKeyMap follows less and glow.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "down")),
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "up")),
		PageDown:    key.NewBinding(key.WithKeys("space", "f", "pgdown"), key.WithHelp("space/f", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		HalfDown:    key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "half page down")),
		HalfUp:      key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "half page up")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		NextPassage: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next passage")),
		PrevPassage: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous passage")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.PageDown, k.NextPassage}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp},
		{k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.NextPassage, k.PrevPassage},
	}
}

// SelectMsg is the intent to select a node: the pane records it when n/N
// lands on a passage.
type SelectMsg struct{ Node string }

// Model is the article pane.
type Model struct {
	KeyMap KeyMap
	styles *theme.Styles
	id     int

	md       string
	text     string
	passages []model.Passage
	blocks   []model.Block

	width, height int
	focused       bool

	gen     int
	want    int               // width of the render we are waiting for
	cache   map[int]*rendered // renders by width, for the current style
	cur     *rendered         // what is on screen (may be an older width)
	offset  int               // first visible line
	sel     string            // selected node id
	passage int               // passage index at the reading position, -1 none
	notes   []int             // rune offsets of annotated passages (margin marks)
	look    int               // bumped when styles or note marks change
	lc      *lineCache        // styled lines of the frame before
	intent  tea.Msg           // SelectMsg, read by the root with Intent

	pending    *doc   // new content being rendered (SetContent), shown when ready
	selectable bool   // renders keep the text map (SetSelectable)
	tsel       [2]int // the text selection, runes [start, end); empty when equal
}

// Intent returns what the last Update or call asked of the root, or nil,
// and forgets it. The root reads it right after the call: panes return no
// command for an intent, so nothing waits in the message queue.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// New makes an article pane for the content. id tells this pane's render
// results from another instance's.
func New(c *model.Content, styles *theme.Styles, id int) Model {
	return Model{
		KeyMap:   DefaultKeyMap(),
		styles:   styles,
		id:       id,
		md:       c.Article.Markdown,
		text:     c.Article.Text,
		passages: c.Passages(),
		blocks:   c.Article.Blocks,
		cache:    map[int]*rendered{},
		lc:       &lineCache{},
		passage:  -1,
	}
}

// SetStyles changes the theme; cached renders are dropped and the returned
// command re-renders at the current width.
func (m *Model) SetStyles(s *theme.Styles) tea.Cmd {
	m.styles = s
	m.look++
	m.cache = map[int]*rendered{}
	m.want = 0
	return m.ensureRender()
}

// SetSize sets the pane's size and returns a render command when no render
// for the new width is cached. The old render stays on screen meanwhile.
func (m *Model) SetSize(w, h int) tea.Cmd {
	m.width, m.height = max(w, 0), max(h, 0)
	return m.ensureRender()
}

func (m *Model) ensureRender() tea.Cmd {
	if m.width <= 0 {
		return nil
	}
	if r, ok := m.cache[m.width]; ok {
		m.swap(r)
		return nil
	}
	if m.want == m.width {
		return nil // already asked
	}
	m.gen++
	m.want = m.width
	d := doc{md: m.md, text: m.text, passages: m.passages, blocks: m.blocks, textMap: m.selectable}
	if m.pending != nil {
		d = *m.pending
		d.textMap = m.selectable
	}
	return renderCmd(d, m.id, m.gen, m.width, m.height, m.styles.Glamour)
}

// show puts a render on screen, keeping the reading position.
func (m *Model) show(r *rendered) {
	var anchorBlock = -1
	if m.cur != nil {
		anchorBlock = m.blockAt(m.offset)
	}
	m.cur = r
	if m.sel != "" {
		m.scrollToNode(m.sel)
	} else if anchorBlock >= 0 && anchorBlock < len(r.blocks) && r.blocks[anchorBlock] >= 0 {
		m.offset = r.blocks[anchorBlock]
	}
	m.clamp()
}

// blockAt is the block whose first line is at or before line.
func (m Model) blockAt(line int) int {
	best := -1
	for i, l := range m.cur.blocks {
		if l >= 0 && l <= line {
			best = i
		}
	}
	return best
}

// Ready reports whether a render is on screen.
func (m Model) Ready() bool { return m.cur != nil }

// Focus focuses the pane.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur blurs the pane.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has focus.
func (m Model) Focused() bool { return m.focused }

// Offset is the first visible line.
func (m Model) Offset() int { return m.offset }

// Lines is the number of rendered lines (0 before the first render).
func (m Model) Lines() int {
	if m.cur == nil {
		return 0
	}
	return len(m.cur.lines)
}

// PassageLine is the first rendered line of the selected node's first
// passage, or -1.
func (m Model) PassageLine(node string) int {
	if m.cur == nil {
		return -1
	}
	for i, p := range m.passages {
		if p.Node == node && m.cur.first[i] >= 0 {
			return m.cur.first[i]
		}
	}
	return -1
}

// Select highlights a node's passages and scrolls to the first one.
func (m *Model) Select(node string) {
	m.sel = node
	for i, p := range m.passages {
		if p.Node == node {
			m.passage = i
			break
		}
	}
	m.scrollToNode(node)
}

// ScrollToOffset scrolls to the block holding a rune offset of the text.
func (m *Model) ScrollToOffset(off int) {
	bi := -1
	for i, b := range m.blocks {
		if b.Start <= off {
			bi = i
		}
	}
	m.ScrollToBlock(bi)
}

// ScrollToBlock scrolls to an article block (a paragraph from search).
func (m *Model) ScrollToBlock(i int) {
	if m.cur == nil || i < 0 || i >= len(m.cur.blocks) || m.cur.blocks[i] < 0 {
		return
	}
	m.offset = m.cur.blocks[i]
	m.clamp()
}

// scrollToNode puts the node's first passage about a third of the way down,
// unless it is already comfortably visible.
func (m *Model) scrollToNode(node string) {
	line := m.PassageLine(node)
	if line < 0 {
		return
	}
	if line >= m.offset+1 && line < m.offset+m.height-2 {
		return
	}
	m.offset = line - m.height/3
	m.clamp()
}

func (m *Model) clamp() {
	maxOff := m.Lines() - m.height
	m.offset = min(m.offset, maxOff)
	m.offset = max(m.offset, 0)
}

// ScrollBy scrolls by n lines (negative is up).
func (m *Model) ScrollBy(n int) {
	m.offset += n
	m.clamp()
}

// Update handles render results and, when focused, keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case renderedMsg:
		return m.onRendered(msg)
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		km := m.KeyMap
		switch {
		case key.Matches(msg, km.Down):
			m.ScrollBy(1)
		case key.Matches(msg, km.Up):
			m.ScrollBy(-1)
		case key.Matches(msg, km.PageDown):
			m.ScrollBy(max(m.height-1, 1))
		case key.Matches(msg, km.PageUp):
			m.ScrollBy(-max(m.height-1, 1))
		case key.Matches(msg, km.HalfDown):
			m.ScrollBy(max(m.height/2, 1))
		case key.Matches(msg, km.HalfUp):
			m.ScrollBy(-max(m.height/2, 1))
		case key.Matches(msg, km.Top):
			m.offset = 0
		case key.Matches(msg, km.Bottom):
			m.offset = m.Lines()
			m.clamp()
		case key.Matches(msg, km.NextPassage):
			m.StepPassage(1)
		case key.Matches(msg, km.PrevPassage):
			m.StepPassage(-1)
		}
	}
	return m, nil
}

// StepPassage moves to the next (dir 1) or previous (dir -1) passage and
// records the intent to select its node.
func (m *Model) StepPassage(dir int) {
	if in := m.stepPassage(dir); in != nil {
		m.intent = in
	}
}

func (m *Model) stepPassage(dir int) tea.Msg {
	if len(m.passages) == 0 {
		return nil
	}
	next := -1
	switch {
	case m.passage >= 0 && m.passageVisible(m.passage):
		next = m.passage + dir
	case m.cur != nil:
		// Start from the reading position.
		if dir > 0 {
			for i := range m.passages {
				if m.cur.first[i] >= m.offset {
					next = i
					break
				}
			}
		} else {
			for i := len(m.passages) - 1; i >= 0; i-- {
				if m.cur.first[i] >= 0 && m.cur.first[i] < m.offset+m.height {
					next = i
					break
				}
			}
		}
	default:
		next = 0
	}
	if next < 0 || next >= len(m.passages) {
		return nil
	}
	m.passage = next
	node := m.passages[next].Node
	m.sel = node
	if m.cur != nil && m.cur.first[next] >= 0 {
		line := m.cur.first[next]
		if line < m.offset || line >= m.offset+m.height-1 {
			m.offset = line - m.height/3
			m.clamp()
		}
	}
	return SelectMsg{Node: node}
}

func (m Model) passageVisible(i int) bool {
	if m.cur == nil || i < 0 || i >= len(m.cur.first) {
		return false
	}
	l := m.cur.first[i]
	return l >= m.offset && l < m.offset+m.height
}

// NodeAt returns the node whose passage is at pane-local (x, y).
func (m Model) NodeAt(x, y int) (string, bool) {
	if m.cur == nil {
		return "", false
	}
	line := m.offset + y
	if line < 0 || line >= len(m.cur.spans) {
		return "", false
	}
	for _, s := range m.cur.spans[line] {
		if x >= s.start && x < s.end {
			return m.passages[s.passage].Node, true
		}
	}
	return "", false
}

// SetNoteMarks sets the rune offsets (in the article text) of annotated
// passages; each gets a ✎ in the left margin of its paragraph's first line.
func (m *Model) SetNoteMarks(offsets []int) { m.notes = offsets; m.look++ }

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
		if l >= 0 && l >= m.offset {
			bi = i
			break
		}
	}
	if bi < 0 {
		bi = m.blockAt(m.offset)
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
	case lc.r != m.cur || lc.look != m.look || lc.width != m.width || lc.tsel != m.tsel:
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
	var b strings.Builder
	for i := 0; i < m.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		li := m.offset + i
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

// ScrollPercent is how far down the article the view is, 0 to 100.
func (m Model) ScrollPercent() int {
	n := m.Lines() - m.height
	if n <= 0 {
		return 100
	}
	return m.offset * 100 / n
}

// Height is the pane's height in lines.
func (m Model) Height() int { return m.height }

// SpansAt returns the start columns of the marked passages on a rendered
// line (for tests and mouse hit checks).
func (m Model) SpansAt(line int) []int {
	if m.cur == nil || line < 0 || line >= len(m.cur.spans) {
		return nil
	}
	var out []int
	for _, s := range m.cur.spans[line] {
		out = append(out, s.start)
	}
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

// SetSelectable makes the pane's renders keep the text map that
// SetSelection, Cell and RuneAt need (crux edit). It drops the renders
// made without it.
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
// passage being selected; start == end clears it.
func (m *Model) SetSelection(start, end int) {
	if end <= start {
		start, end = 0, 0
	}
	m.tsel = [2]int{start, end}
}

// TextMap is where the runes of the article text are on the render on
// screen, for selecting text; see Model.TextMap. Its zero value maps
// nothing.
type TextMap struct{ r *rendered }

// TextMap returns the text map of the render on screen (empty before the
// pane is selectable and rendered).
func (m Model) TextMap() TextMap { return TextMap{m.cur} }

// Cell is the rendered line and column of text rune off, or of the first
// rune after it that is shown (spaces are not); ok is false past the end of
// what is rendered.
func (t TextMap) Cell(off int) (line, col int, ok bool) {
	if t.r == nil {
		return 0, 0, false
	}
	for i := max(off, 0); i < len(t.r.at); i++ {
		if x := t.r.at[i]; x >= 0 {
			c := t.r.cells[x]
			return c.line, c.col, true
		}
	}
	return 0, 0, false
}

// RuneAt is the text rune shown at or nearest after rendered line and
// column col; -1 when nothing is rendered there or after.
func (t TextMap) RuneAt(line, col int) int {
	if t.r == nil {
		return -1
	}
	// Rendered positions grow with the text: binary search the runes.
	at := func(i int) (int, bool) { // the first shown rune at or after i
		for ; i < len(t.r.at); i++ {
			if t.r.at[i] >= 0 {
				return i, true
			}
		}
		return 0, false
	}
	i, ok := at(sort.Search(len(t.r.at), func(i int) bool {
		j, ok := at(i)
		if !ok {
			return true
		}
		c := t.r.cells[t.r.at[j]]
		return c.line > line || c.line == line && c.col+c.w > col
	}))
	if !ok {
		return -1
	}
	return i
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
