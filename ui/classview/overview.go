package classview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// KeyMap are the overview's bindings.
type KeyMap struct {
	Down, Up, PageDown, PageUp, Top, Bottom, Jump, Close key.Binding
}

// DefaultKeyMap moves like the node lists and scrolls like less.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next claim")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous claim")),
		PageDown: key.NewBinding(key.WithKeys("space", "pgdown"), key.WithHelp("space", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Jump:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to the claim")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Jump, k.Close} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}, {k.Jump, k.Close}}
}

// JumpMsg is the intent to show a node in the explorer.
type JumpMsg struct{ Node string }

// CloseMsg is the intent to close the overview.
type CloseMsg struct{}

// line is one line of the overview; node is set on the lines enter jumps
// from.
type line struct {
	text string
	node string
}

// Model is the class overview overlay: where the class disagrees most,
// each student's coverage (and the claims they have not annotated), and
// the files that were skipped.
type Model struct {
	KeyMap        KeyMap
	cl            *class.Class
	styles        *theme.Styles
	lines         []line // built at the width by SetSize and SetStyles
	win           scroll.Window
	width, height int
	focused       bool
	intent        tea.Msg
}

// New makes the overview of cl.
func New(cl *class.Class, st *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), cl: cl, styles: st}
}

// Intent returns what the last Update asked of the root, or nil, and
// forgets it.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// SetStyles changes the theme.
func (m *Model) SetStyles(st *theme.Styles) { m.styles = st; m.build() }

// SetSize sets the inner size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.build()
	m.win.Follow(len(m.lines), m.height)
}

// Focus focuses the overview, its cursor on the first claim.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	if m.win.Cursor == 0 {
		m.step(0, 1)
	}
	return nil
}

// Blur blurs it.
func (m *Model) Blur() { m.focused = false }

// Selected is the node under the cursor, or "".
func (m Model) Selected() string {
	if m.win.Cursor >= 0 && m.win.Cursor < len(m.lines) {
		return m.lines[m.win.Cursor].node
	}
	return ""
}

// Update handles keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.step(m.win.Cursor+1, 1)
	case key.Matches(k, m.KeyMap.Up):
		m.step(m.win.Cursor-1, -1)
	case key.Matches(k, m.KeyMap.PageDown):
		m.step(m.win.Cursor+max(m.height-1, 1), 1)
	case key.Matches(k, m.KeyMap.PageUp):
		m.step(m.win.Cursor-max(m.height-1, 1), -1)
	case key.Matches(k, m.KeyMap.Top):
		m.win.Offset = 0
		m.step(0, 1)
	case key.Matches(k, m.KeyMap.Bottom):
		m.step(len(m.lines)-1, -1)
		m.step(len(m.lines), 1) // and the lines after the last claim
	case key.Matches(k, m.KeyMap.Jump):
		if n := m.Selected(); n != "" {
			m.intent = JumpMsg{Node: n}
		}
	case key.Matches(k, m.KeyMap.Close):
		m.intent = CloseMsg{}
	}
	return m, nil
}

// ScrollBy moves the cursor by n claims (the mouse wheel).
func (m *Model) ScrollBy(n int) {
	for ; n > 0; n-- {
		m.step(m.win.Cursor+1, 1)
	}
	for ; n < 0; n++ {
		m.step(m.win.Cursor-1, -1)
	}
}

// ClickRow handles a click on overview-local row y, as the node lists and
// the map do: on a claim's row it moves the cursor there and, on the row
// already under the cursor, goes to the claim (enter's intent).
func (m *Model) ClickRow(y int) {
	from, to := m.win.Range(len(m.lines), m.height)
	row := from + y
	if y < 0 || row >= to || m.lines[row].node == "" {
		return
	}
	if row == m.win.Cursor {
		m.intent = JumpMsg{Node: m.lines[row].node}
		return
	}
	m.win.MoveCursor(row, len(m.lines), m.height)
}

// step moves the cursor to the first line enter jumps from at or after i
// in direction dir (1 or -1), clamped to the lines, and scrolls it into
// view; where there is none, the cursor stays.
func (m *Model) step(i, dir int) {
	n := len(m.lines)
	i = max(min(i, n-1), 0)
	for j := i; j >= 0 && j < n; j += dir {
		if m.lines[j].node != "" {
			m.win.MoveCursor(j, n, m.height)
			return
		}
	}
	if dir < 0 {
		// Nothing above: show the top, headings and all.
		m.win.Offset = 0
	} else {
		// Nothing below: show the last lines, the cursor still in view.
		m.win.Offset = max(min(n-m.height, m.win.Cursor), m.win.Offset, 0)
	}
}

// View draws the visible lines: exactly height lines of exactly width
// cells, the cursor's line highlighted.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	from, to := m.win.Range(len(m.lines), m.height)
	out := make([]string, 0, m.height)
	for i := from; i < to; i++ {
		l := m.lines[i].text
		if i == m.win.Cursor && m.lines[i].node != "" {
			st := m.styles.CursorBlurred
			if m.focused {
				st = m.styles.Cursor
			}
			l = st.Render(cell.Width("▸"+strings.TrimPrefix(ansi.Strip(l), " "), m.width))
		}
		out = append(out, cell.Width(l, m.width))
	}
	return strings.Join(cell.Block(strings.Join(out, "\n"), m.width, m.height), "\n")
}

// build lays the overview out at the width.
func (m *Model) build() {
	if m.cl == nil || m.width <= 0 {
		m.lines = nil
		return
	}
	st, w, cl := m.styles, m.width, m.cl
	var out []line
	text := func(s string) { out = append(out, line{text: ansi.Truncate(s, w, "…")}) }
	wrap := func(s string, indent string) {
		for _, l := range strings.Split(ansi.Wrap(s, max(w-len(indent), 8), " "), "\n") {
			text(indent + l)
		}
	}
	node := func(n *model.Node, lead string) {
		s := " " + lead + st.KindStyle(n.Kind).Render(theme.Glyph(n.Kind)) + " " + n.Summary
		out = append(out, line{text: ansi.Truncate(s, w, "…"), node: n.ID})
	}
	claims := len(cl.Content.Claims())
	text(st.Bold.Render(fmt.Sprintf("%s · %s read · %d skipped · %s", plural(len(cl.Students), "student"), plural(len(cl.Files), "file"), len(cl.Skipped), plural(claims, "claim"))))
	text("")
	// The files come first: a teacher must not miss a hand-in that was
	// not read.
	before := len(out)
	for _, s := range cl.Skipped {
		wrap(st.Error.Render("skipped ")+safe.Line(s.Err.Error()), " ")
	}
	for _, f := range cl.Files {
		if f.OtherArticle {
			wrap(st.Muted.Render(safe.Line(f.Path)+" is about another article; its notes that do not fit are orphaned"), " ")
		}
	}
	if len(cl.Orphans) > 0 {
		are := " are"
		if len(cl.Orphans) == 1 {
			are = " is"
		}
		text(st.Muted.Render(" " + plural(len(cl.Orphans), "note") + are + " on nodes or passages not in this content (crux class --format md lists them)"))
	}
	if len(out) > before {
		text("")
	}

	text(st.PaneTitleOn.Render("Where the class disagrees most"))
	disputed := cl.Disputed()
	if len(disputed) == 0 {
		text(st.Muted.Render(" No claim has students on both sides."))
	}
	for _, r := range disputed {
		node(r.Node, RowBar(st, r.Dist)+st.Muted.Render(fmt.Sprintf("%.2f ", r.Dist.Disagreement())))
	}
	text("")

	text(st.PaneTitleOn.Render("Coverage"))
	for _, s := range cl.Students {
		head := fmt.Sprintf(" %s · %d of %d claims annotated · %s", safe.Line(s.Name), len(s.Annotated), claims, plural(s.Notes, "note"))
		if s.Orphaned > 0 {
			head += " · " + plural(s.Orphaned, "orphaned note")
		}
		text(head)
	}
	text("")
	text(st.PaneTitleOn.Render("Not annotated yet"))
	for _, s := range cl.Students {
		if len(s.Missing) == 0 {
			text(st.Bold.Render(" "+safe.Line(s.Name)) + st.Muted.Render(" · every claim annotated"))
			continue
		}
		text(st.Bold.Render(" "+safe.Line(s.Name)) + st.Muted.Render(" · "+plural(len(s.Missing), "claim")+" to go"))
		for _, id := range s.Missing {
			if n := cl.Content.Node(id); n != nil {
				node(n, "  ")
			}
		}
	}
	// The cursor stays on its claim: the k-th line with a node, which the
	// width does not change (only the file lines above wrap).
	k := -1
	for i := 0; i <= m.win.Cursor && i < len(m.lines); i++ {
		if m.lines[i].node != "" {
			k++
		}
	}
	m.lines = out
	m.win.Cursor = 0
	if k >= 0 {
		for i, l := range out {
			if l.node != "" {
				if k == 0 {
					m.win.Cursor = i
					break
				}
				k--
			}
		}
	}
}

// plural is "1 note", "2 notes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
