// Package article is the article pane: the Markdown rendered with glamour,
// every anchored passage marked, the selected node's passage highlighted, and
// less-style scrolling.
package article

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/scroll"
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
		PageDown:    key.NewBinding(key.WithKeys("space", "f", "ctrl+f", "pgdown"), key.WithHelp("space/f/ctrl+f", "page down")),
		PageUp:      key.NewBinding(key.WithKeys("b", "ctrl+b", "pgup"), key.WithHelp("b/ctrl+b", "page up")),
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
	win     scroll.Window     // the lines shown (Offset is the first)
	sel     string            // selected node id
	passage int               // passage index at the reading position, -1 none
	notes   []int             // rune offsets of annotated passages (margin marks)
	look    int               // bumped when styles or note marks change
	lc      *lineCache        // styled lines of the frame before
	intent  tea.Msg           // SelectMsg, read by the root with Intent

	pending    *doc     // new content being rendered (SetContent), shown when ready
	selectable bool     // renders keep the text map (SetSelectable)
	tsel       [2]int   // the text selection, runes [start, end); empty when equal
	atTop      bool     // opened at the top: renders keep the position
	toEnd      bool     // G on a first screenful: the whole render opens at its end
	hl         []string // lower-cased words highlighted after a search
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

// Prime sizes the pane, for a pane whose size is known before the program
// starts, and starts rendering its first screenful at once, in a goroutine;
// the returned command delivers that render (and, restAfter later, renders
// the rest). The render then overlaps what the process does before Bubble
// Tea's first frame (the rest of New, the program's start-up, the first
// frame tick's wait) instead of preceding it: rendered before New returned,
// the embedded article's first words showed 8–10 ms later (a traced start;
// internal/gen/ptytime, paired rounds, in docs/performance.md). If the render
// is not done by the first frame tick it shows in the next frame.
//
// restAfter holds the render of the whole article back until the frame
// showing the first screenful has been drawn (two frame periods): started at
// once, it took both cores while Bubble Tea drew that frame and delayed it.
func (m *Model) Prime(w, h int, restAfter time.Duration) tea.Cmd {
	m.width, m.height = max(w, 0), max(h, 0)
	if m.width <= 0 {
		return nil
	}
	m.gen++
	m.want = m.width
	d, id, gen, style := m.doc(), m.id, m.gen, m.styles.Glamour
	w, h = m.width, m.height
	var (
		head     renderedMsg
		panicked any
	)
	done := make(chan struct{})
	go func() {
		// A panic here would end the process with the terminal in raw mode:
		// it is handed to the command, where Bubble Tea recovers it and
		// restores the terminal, as it does for any command's.
		defer func() { panicked = recover(); close(done) }()
		head = primeRender(d, id, gen, w, h, style)
	}()
	return func() tea.Msg {
		<-done
		if panicked != nil {
			panic(panicked)
		}
		msg := head
		if rest := msg.rest; rest != nil && restAfter > 0 {
			msg.rest = tea.Tick(restAfter, func(time.Time) tea.Msg { return rest() })
		}
		return msg
	}
}

// primeRender is Prime's render (a variable for the test that makes it
// panic).
var primeRender = doc.first

// doc is what a render of the pane's article needs.
func (m *Model) doc() doc {
	d := doc{md: m.md, text: m.text, passages: m.passages, blocks: m.blocks}
	if m.pending != nil {
		d = *m.pending
	}
	d.textMap = m.selectable
	return d
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
	return renderCmd(m.doc(), m.id, m.gen, m.width, m.height, m.styles.Glamour)
}

// show puts a render on screen, keeping the reading position.
func (m *Model) show(r *rendered) {
	var anchorBlock = -1
	if m.cur != nil {
		anchorBlock = m.blockAt(m.win.Offset)
	}
	m.cur = r
	if m.sel != "" && !m.atTop {
		m.scrollToNode(m.sel)
	} else if anchorBlock >= 0 && anchorBlock < len(r.blocks) && r.blocks[anchorBlock] >= 0 {
		m.win.Offset = r.blocks[anchorBlock]
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
func (m Model) Offset() int { return m.win.Offset }

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

// OpenAtTop keeps the view at the top of the article (its title and
// opening) when it is first rendered, though a node is selected: a reader
// opens an article at its start, as glow and less do. The next Select
// scrolls again.
func (m *Model) OpenAtTop() { m.atTop = true; m.win.Offset = 0 }

// Select highlights a node's passages and scrolls to the first one.
func (m *Model) Select(node string) {
	m.atTop, m.toEnd = false, false
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
	m.win.Offset = m.cur.blocks[i]
	m.clamp()
}

// scrollToNode puts the node's first passage about a third of the way down,
// unless it is already comfortably visible.
func (m *Model) scrollToNode(node string) {
	line := m.PassageLine(node)
	if line < 0 {
		return
	}
	if line >= m.win.Offset+1 && line < m.win.Offset+m.height-2 {
		return
	}
	m.win.Offset = line - m.height/3
	m.clamp()
}

func (m *Model) clamp() { m.win.Clamp(m.Lines(), m.height) }

// ScrollBy scrolls by n lines (negative is up).
func (m *Model) ScrollBy(n int) { m.win.ScrollBy(n, m.Lines(), m.height) }

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
		m.toEnd = false
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
			m.win.Offset = 0
		case key.Matches(msg, km.Bottom):
			m.win.Offset = m.Lines()
			m.clamp()
			m.toEnd = m.cur != nil && m.cur.partial
			return m, nil
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
				if m.cur.first[i] >= m.win.Offset {
					next = i
					break
				}
			}
		} else {
			for i := len(m.passages) - 1; i >= 0; i-- {
				if m.cur.first[i] >= 0 && m.cur.first[i] < m.win.Offset+m.height {
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
		if line < m.win.Offset || line >= m.win.Offset+m.height-1 {
			m.win.Offset = line - m.height/3
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
	return l >= m.win.Offset && l < m.win.Offset+m.height
}

// NodeAt returns the node whose passage is at pane-local (x, y).
func (m Model) NodeAt(x, y int) (string, bool) {
	if m.cur == nil {
		return "", false
	}
	line := m.win.Offset + y
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

// ScrollPercent is how far down the article the view is, 0 to 100.
func (m Model) ScrollPercent() int {
	n := m.Lines() - m.height
	if n <= 0 {
		return 100
	}
	return m.win.Offset * 100 / n
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
