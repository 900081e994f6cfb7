// Package notesview is the overlay that lists the reader's notes (and
// imported ones, with their authors), with a filter, a coverage summary and
// enter to jump to what a note is about.
package notesview

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// Row is one line of the list.
type Row struct {
	Node  string // node id to jump to; empty for a passage
	Start int    // article rune offset for a passage, -1 for a node
	Text  string // the line shown (already styled)
	// Note is the whole note, in Markdown, shown rendered under the list
	// while the cursor is on the row.
	Note string
}

// previewKey names one rendering of a note.
type previewKey struct {
	md    string
	width int
	style string
}

// renderedMsg is a note rendered with glamour, for the preview.
type renderedMsg struct {
	key previewKey
	out string
}

// KeyMap are the notes view's bindings.
type KeyMap struct {
	Down, Up, Top, Bottom, Jump, Filter, Tag, Close key.Binding
}

// DefaultKeyMap is j/k, enter, f to cycle the filter, # to cycle tags.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:   key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "next")),
		Up:     key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "previous")),
		Top:    key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first")),
		Bottom: key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last")),
		Jump:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to")),
		Filter: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter: all, stances, unannotated claims")),
		Tag:    key.NewBinding(key.WithKeys("#"), key.WithHelp("#", "filter by tag")),
		Close:  key.NewBinding(key.WithKeys("esc", "v"), key.WithHelp("esc/v", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Jump, k.Filter, k.Tag, k.Close} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.Jump}, {k.Filter, k.Tag, k.Close}}
}

// JumpMsg asks the root to go to a row's node or passage.
type JumpMsg struct {
	Node  string
	Start int
}

// CloseMsg says the view was closed.
type CloseMsg struct{}

// FilterMsg asks the root for rows under the next filter (dir "filter") or
// the next tag ("tag").
type FilterMsg struct{ What string }

// Model is the notes view.
type Model struct {
	KeyMap        KeyMap
	styles        *theme.Styles
	header        []string
	rows          []Row
	cursor        int
	width, height int
	intent        tea.Msg // JumpMsg, CloseMsg or FilterMsg, read by the root with Intent
	previews      map[previewKey]string
	focused       bool
}

// Focus gives the view the keys; a blurred view ignores them. It returns
// no command (the bubbles contract).
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes the keys away, as closing the view does.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the view takes keys.
func (m Model) Focused() bool { return m.focused }

// Intent returns what the last Update or call asked of the root, or nil,
// and forgets it. The root reads it right after the call: panes return no
// command for an intent, so nothing waits in the message queue.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// New makes the notes view.
func New(styles *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), styles: styles, previews: map[previewKey]string{}}
}

// previewRows is how many lines the preview takes: the lower half, when
// the cursor's row has a note.
func (m Model) previewRows() int {
	if m.cursor >= len(m.rows) || strings.TrimSpace(m.rows[m.cursor].Note) == "" {
		return 0
	}
	return m.height / 2
}

func (m Model) previewKey() previewKey {
	return previewKey{md: m.rows[m.cursor].Note, width: max(m.width-2, 10), style: m.styles.Glamour}
}

// Preview returns the command that renders the note under the cursor, or
// nil when it is rendered already (or there is none). The root calls it
// after SetRows and SetSize; Update after moving.
func (m Model) Preview() tea.Cmd {
	if m.previewRows() == 0 || m.width <= 0 {
		return nil
	}
	k := m.previewKey()
	if _, ok := m.previews[k]; ok {
		return nil
	}
	return func() tea.Msg {
		out := k.md
		if tr, err := glamour.NewTermRenderer(theme.Markdown(k.style), glamour.WithWordWrap(k.width)); err == nil {
			if r, err := tr.Render(k.md); err == nil {
				out = safe.Unlink(r)
			}
		}
		return renderedMsg{key: k, out: strings.Trim(out, "\n")}
	}
}

// SetStyles changes the theme.
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// SetRows sets the header lines (coverage, filter) and the rows.
func (m *Model) SetRows(header []string, rows []Row) {
	m.header, m.rows = header, rows
	m.cursor = max(min(m.cursor, len(rows)-1), 0)
}

// Len is the number of rows.
func (m Model) Len() int { return len(m.rows) }

// SetSize sets the inner size.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// ScrollBy moves the cursor.
func (m *Model) ScrollBy(n int) {
	m.cursor = max(min(m.cursor+n, len(m.rows)-1), 0)
}

// Update handles keys and the preview's renderings.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if r, ok := msg.(renderedMsg); ok {
		m.previews[r.key] = r.out
		return m, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused {
		return m, nil
	}
	switch {
	case key.Matches(k, m.KeyMap.Down):
		m.ScrollBy(1)
	case key.Matches(k, m.KeyMap.Up):
		m.ScrollBy(-1)
	case key.Matches(k, m.KeyMap.Top):
		m.cursor = 0
	case key.Matches(k, m.KeyMap.Bottom):
		m.cursor = max(len(m.rows)-1, 0)
	case key.Matches(k, m.KeyMap.Close):
		m.intent = CloseMsg{}
	case key.Matches(k, m.KeyMap.Filter):
		m.intent = FilterMsg{What: "filter"}
	case key.Matches(k, m.KeyMap.Tag):
		m.intent = FilterMsg{What: "tag"}
	case key.Matches(k, m.KeyMap.Jump):
		if m.cursor < len(m.rows) {
			r := m.rows[m.cursor]
			m.intent = JumpMsg{Node: r.Node, Start: r.Start}
		}
	}
	return m, m.Preview()
}

// View renders the header, the rows around the cursor, and a key hint.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var lines []string
	for _, h := range m.header {
		lines = append(lines, ansi.Truncate(h, m.width, "…"))
	}
	preview := m.previewRows()
	room := m.height - len(lines) - 1 - preview
	if len(m.rows) == 0 {
		lines = append(lines, m.styles.Muted.Render("Nothing here under this filter."))
	}
	win := scroll.Window{Cursor: m.cursor}
	win.Follow(len(m.rows), room)
	for i := win.Offset; i < len(m.rows) && i < win.Offset+max(room, 0); i++ {
		prefix := "  "
		line := m.rows[i].Text
		if i == m.cursor {
			prefix = "▸ "
			line = m.styles.Cursor.Render(ansi.Strip(line))
		}
		lines = append(lines, ansi.Truncate(prefix+line, m.width, "…"))
	}
	for len(lines) < m.height-1-preview {
		lines = append(lines, "")
	}
	if preview > 0 {
		lines = append(lines, m.previewLines(preview)...)
	}
	lines = append(lines, m.styles.Faint.Render(ansi.Truncate(m.hint(), m.width, "…")))
	if len(lines) > m.height {
		lines = lines[len(lines)-m.height:]
	}
	return strings.Join(lines, "\n")
}

// previewLines are the whole note under the cursor, rendered (plain until
// the rendering arrives), in n lines under a rule.
func (m Model) previewLines(n int) []string {
	note, ok := m.previews[m.previewKey()]
	if !ok {
		note = ansi.Wrap(strings.TrimSpace(m.rows[m.cursor].Note), max(m.width-2, 10), " ")
	}
	out := []string{m.styles.Faint.Render(cell.Width("── note ", m.width))}
	body := strings.Split(note, "\n")
	if len(body) > n-1 {
		body = append(body[:n-2], m.styles.Faint.Render("… enter goes to it; the rest is in Detail"))
	}
	for _, l := range body {
		out = append(out, ansi.Truncate(l, m.width, ""))
	}
	for len(out) < n {
		out = append(out, "")
	}
	return out
}

// hint is the footer: the keys as the key map's help spells them, so that
// remapping a key changes the hint.
func (m Model) hint() string {
	k := m.KeyMap
	return k.Jump.Help().Key + " go to · " + k.Filter.Help().Key + " filter · " + k.Tag.Help().Key + " tag · " + k.Close.Help().Key + " close"
}
