// Package nodelist is a pane that lists nodes of the claims graph: all claims
// in article order, or the skeptic positions or counterpoints linked to the
// current node, each with its relation.
package nodelist

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// Item is one row: a node and, in relation panes, how it is linked to the
// current node.
type Item struct {
	Node *model.Node
	// Link is the link to the current node; zero in the claims pane.
	Link model.Link
	// Outgoing is true when the current node is the link's From.
	Outgoing bool
	// Via is the glyph of the node the link joins when that is not the
	// current node (a counterpoint to the selected skeptic position).
	Via string
	// Mark is an extra word shown before the summary ("(current)").
	Mark string
	// Badge is the reader's note mark (✎ and a stance glyph), shown first.
	Badge string
}

// HasLink reports whether the item carries a relation.
func (it Item) HasLink() bool { return it.Link.Type != "" }

// KeyMap are the list's bindings.
type KeyMap struct {
	Down, Up, Top, Bottom, Open key.Binding
}

// DefaultKeyMap is j/k and arrows, g/G, enter.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:   key.NewBinding(key.WithKeys("j", "down", "ctrl+n"), key.WithHelp("j/↓", "next")),
		Up:     key.NewBinding(key.WithKeys("k", "up", "ctrl+p"), key.WithHelp("k/↑", "previous")),
		Top:    key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first")),
		Bottom: key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last")),
		// l and → move between panes (the root's keys), as in lazygit.
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "follow")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom}, {k.Open}}
}

// SelectMsg is the intent of a cursor move onto a node.
type SelectMsg struct {
	Pane int
	Node string
}

// OpenMsg is the intent to make a node current (enter).
type OpenMsg struct {
	Pane int
	Node string
}

// Model is a node list pane.
type Model struct {
	KeyMap KeyMap
	styles *theme.Styles
	id     int
	title  string
	empty  string

	items         []Item
	win           scroll.Window // the rows shown and the cursor
	width, height int
	focused       bool
	limit         int // rows shown (follow mode reveal); -1 all
	badge         func(id string) string
	rows          rowCache
	intent        tea.Msg // SelectMsg or OpenMsg, read by the root with Intent
}

// Intent returns what the last Update or call asked of the root, or nil,
// and forgets it. The root reads it right after the call: panes return no
// command for an intent, so nothing waits in the message queue.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// New makes a list pane. id identifies it in its messages; empty is shown
// when there are no items.
func New(id int, title, empty string, styles *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), id: id, title: title, empty: empty, styles: styles, limit: -1, rows: rowCache{}}
}

// SetStyles changes the theme.
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// Title is the pane's title.
func (m Model) Title() string { return m.title }

// SetBadges sets each row's badge from a function of its node id, now and
// for rows set later, keeping the cursor where it is. Rows get a badge column
// only once a badge function is set.
func (m *Model) SetBadges(badge func(id string) string) {
	m.badge = badge
	m.applyBadges()
}

func (m *Model) applyBadges() {
	if m.badge == nil {
		return
	}
	for i := range m.items {
		m.items[i].Badge = m.badge(m.items[i].Node.ID)
	}
}

// SetItems replaces the rows and puts the cursor on node sel when present.
func (m *Model) SetItems(items []Item, sel string) {
	m.items = items
	m.applyBadges()
	m.win.Cursor = 0
	m.win.Offset = 0
	m.Select(sel)
}

// SetLimit shows only the first n items (n < 0 shows all).
func (m *Model) SetLimit(n int) {
	m.limit = n
	if v := m.visible(); m.win.Cursor >= v {
		m.win.Cursor = max(v-1, 0)
	}
}

func (m Model) visible() int {
	if m.limit >= 0 && m.limit < len(m.items) {
		return m.limit
	}
	return len(m.items)
}

// Items returns the rows.
func (m Model) Items() []Item { return m.items[:m.visible()] }

// Len is the number of visible rows.
func (m Model) Len() int { return m.visible() }

// Select moves the cursor to node id, if listed. It reports whether it was.
func (m *Model) Select(id string) bool {
	for i, it := range m.items[:m.visible()] {
		if it.Node.ID == id {
			m.win.Cursor = i
			m.fit()
			return true
		}
	}
	return false
}

// Selected returns the node under the cursor, or nil.
func (m Model) Selected() *model.Node {
	if m.win.Cursor < 0 || m.win.Cursor >= m.visible() {
		return nil
	}
	return m.items[m.win.Cursor].Node
}

// Cursor is the cursor's row.
func (m Model) Cursor() int { return m.win.Cursor }

// SetSize sets the pane's inner size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.fit()
}

// Focus focuses the pane.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur blurs the pane.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has focus.
func (m Model) Focused() bool { return m.focused }

func (m *Model) fit() { m.win.Follow(m.visible(), m.height) }

// move moves the cursor and records a SelectMsg intent.
func (m *Model) move(to int) {
	if m.win.MoveCursor(to, m.visible(), m.height) {
		m.intent = SelectMsg{Pane: m.id, Node: m.items[m.win.Cursor].Node.ID}
	}
}

// ScrollBy moves the cursor by n rows (the mouse wheel).
func (m *Model) ScrollBy(n int) { m.move(m.win.Cursor + n) }

// ClickRow handles a click on pane-local row y: it moves the cursor there
// and, on the row already selected, opens it.
func (m *Model) ClickRow(y int) {
	row := m.win.Offset + y
	if row < 0 || row >= m.visible() {
		return
	}
	if row == m.win.Cursor {
		m.intent = OpenMsg{Pane: m.id, Node: m.items[row].Node.ID}
		return
	}
	m.move(row)
}

// Update handles keys when focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused {
		return m, nil
	}
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.move(m.win.Cursor + 1)
	case key.Matches(k, m.KeyMap.Up):
		m.move(m.win.Cursor - 1)
	case key.Matches(k, m.KeyMap.Top):
		m.move(0)
	case key.Matches(k, m.KeyMap.Bottom):
		m.move(m.visible() - 1)
	case key.Matches(k, m.KeyMap.Open):
		if n := m.Selected(); n != nil {
			m.intent = OpenMsg{Pane: m.id, Node: n.ID}
		}
	}
	return m, nil
}

// View renders the rows: exactly height lines of exactly width cells.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	n := m.visible()
	if n == 0 {
		lines = append(lines, cell.Width(m.styles.Muted.Render(ansi.Truncate(m.empty, m.width, "…")), m.width))
	}
	for i := m.win.Offset; i < n && len(lines) < m.height; i++ {
		lines = append(lines, m.cachedRow(i)) // padded when cached
	}
	if hidden := len(m.items) - n; hidden > 0 && len(lines) < m.height {
		lines = append(lines, cell.Width(m.styles.Faint.Render(ansi.Truncate(fmt.Sprintf("%d more not revealed yet", hidden), m.width, "…")), m.width))
	}
	for len(lines) < m.height {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
}

// ExactWidth reports whether View returns exactly height lines of exactly
// width cells.
func (m Model) ExactWidth() bool { return m.width > 0 && m.height > 0 }

// rowKey is everything a row's text depends on.
type rowKey struct {
	item    Item
	width   int
	styles  *theme.Styles
	cursor  bool
	focused bool
	badges  bool
}

// rowCache keeps rows between frames: truncating and styling every row of
// three lists on every key costs more than a frame may.
type rowCache map[int]struct {
	key rowKey
	s   string
}

func (m Model) cachedRow(i int) string {
	k := rowKey{item: m.items[i], width: m.width, styles: m.styles, cursor: i == m.win.Cursor, focused: m.focused, badges: m.badge != nil}
	if m.rows == nil {
		return cell.Width(m.row(i), m.width)
	}
	if c, ok := m.rows[i]; ok && c.key == k {
		return c.s
	}
	r := cell.Width(m.row(i), m.width)
	m.rows[i] = struct {
		key rowKey
		s   string
	}{k, r}
	return r
}

func (m Model) row(i int) string {
	it := m.items[i]
	s := m.styles
	var parts []string
	badge := ""
	if m.badge != nil {
		badge = "  "
		if it.Badge != "" {
			badge = it.Badge
		}
	}
	parts = append(parts, badge+s.KindStyle(it.Node.Kind).Render(theme.Glyph(it.Node.Kind)))
	if it.HasLink() {
		rel := string(it.Link.Type)
		switch {
		case it.Via != "":
			rel += " " + it.Via
		case it.Outgoing:
			rel = "← " + rel
		default:
			rel += " →"
		}
		parts = append(parts, s.RelationStyle(it.Link.Type).Render(theme.RelationGlyph(it.Link.Type)+" "+rel))
	}
	if it.Mark != "" {
		parts = append(parts, it.Mark)
	}
	prefix := "  "
	if i == m.win.Cursor {
		prefix = "▸ "
	}
	head := prefix + strings.Join(parts, " ") + " "
	// The rating is a column of its own at the right, kept whole, and the
	// summary is cut at a word to make room for it ("[Partly supp…"
	// misreads). When the summary would keep less than half the row, the
	// rating is left to the detail pane: the summary says what the row is.
	text := it.Node.Summary
	if it.Node.Rating != nil && it.Node.Kind == model.KindClaim {
		rating := "[" + it.Node.Rating.Label + "]"
		room := m.width - ansi.StringWidth(head) - ansi.StringWidth(rating) - 1
		if room >= max(20, m.width/2) {
			text = cell.Words(text, room)
			gap := m.width - ansi.StringWidth(head) - ansi.StringWidth(text) - ansi.StringWidth(rating)
			text += strings.Repeat(" ", max(gap, 1)) + s.RatingStyle(it.Node.Rating.Label).Render(rating)
		}
	}
	line := ansi.Truncate(head+text, m.width, "…")
	if i == m.win.Cursor {
		pad := max(m.width-ansi.StringWidth(line), 0)
		st := s.CursorBlurred
		if m.focused {
			st = s.Cursor
		}
		line = st.Render(ansi.Strip(line) + strings.Repeat(" ", pad))
	}
	return line
}
