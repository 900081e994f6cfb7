package mapview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// gutter is the column left of every row for the cursor mark, so the cursor
// shows without colour and in plain-text copies of the screen.
const gutter = 2

// compactWidth is the row width below which kinds show by glyph alone
// (■ ▲ ●, distinct shapes), leaving the summary room to be read.
const compactWidth = 72

// footerMinHeight is the smallest height that spares a line for key hints:
// below it every line goes to the map.
const footerMinHeight = 4

// bodyHeight is how many rows of the map show at once.
func (m Model) bodyHeight() int {
	if m.height >= footerMinHeight {
		return m.height - 1
	}
	return m.height
}

// Update handles keys when focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !m.focused {
		return m, nil
	}
	km := m.KeyMap
	switch {
	case key.Matches(k, km.Map, km.Overview):
		mode := Neighbourhood
		if key.Matches(k, km.Overview) {
			mode = Overview
		}
		if mode == m.mode {
			m.intent = CloseMsg{}
		} else {
			m.intent = SwitchMsg{Mode: mode}
		}
		return m, nil
	case key.Matches(k, km.Search):
		m.intent = CloseMsg{Pass: true}
		return m, nil
	case key.Matches(k, km.Back):
		m.intent = HistoryMsg{Step: -1}
		return m, nil
	case key.Matches(k, km.Forward):
		m.intent = HistoryMsg{Step: 1}
		return m, nil
	case key.Matches(k, km.Close):
		m.intent = CloseMsg{}
		return m, nil
	case key.Matches(k, km.Down):
		m.intent = m.step(1)
		return m, nil
	case key.Matches(k, km.Up):
		m.intent = m.step(-1)
		return m, nil
	case key.Matches(k, km.Top):
		m.intent = m.moveTo(m.nextNode(-1, 1))
		return m, nil
	case key.Matches(k, km.Bottom):
		m.intent = m.moveTo(m.nextNode(len(m.rows), -1))
		return m, nil
	case key.Matches(k, km.PageDown):
		m.intent = m.moveTo(m.nearNode(m.win.Cursor+max(m.bodyHeight()-1, 1), 1))
		return m, nil
	case key.Matches(k, km.PageUp):
		m.intent = m.moveTo(m.nearNode(m.win.Cursor-max(m.bodyHeight()-1, 1), -1))
		return m, nil
	case key.Matches(k, km.Open):
		m.intent = m.openIntent()
		return m, nil
	case key.Matches(k, km.Deeper, km.Shallower): // enabled in the neighbourhood only
		before := m.Selected()
		d := 1
		if key.Matches(k, km.Shallower) {
			d = -1
		}
		m.SetDepth(m.depth + d)
		// A shallower tree may have lost the node under the cursor.
		if after := m.Selected(); after != nil && after != before {
			id := after.ID
			m.intent = SelectMsg{Node: id}
			return m, nil
		}
	}
	return m, nil
}

func (m Model) openIntent() tea.Msg {
	n := m.Selected()
	if n == nil {
		return nil
	}
	om := OpenMsg{Node: n.ID, Mode: m.mode}
	return om
}

// nextNode is the first node row after i in direction d, or -1.
func (m Model) nextNode(i, d int) int {
	for j := i + d; j >= 0 && j < len(m.rows); j += d {
		if m.rows[j].kind == rowNode {
			return j
		}
	}
	return -1
}

// nearNode is the node row at i, else the nearest one in direction d, else
// the nearest one the other way.
func (m Model) nearNode(i, d int) int {
	i = max(min(i, len(m.rows)-1), 0)
	if i < len(m.rows) && m.rows[i].kind == rowNode {
		return i
	}
	if j := m.nextNode(i, d); j >= 0 {
		return j
	}
	return m.nextNode(i, -d)
}

// step moves the cursor n node rows.
func (m *Model) step(n int) tea.Msg {
	to := m.win.Cursor
	d := 1
	if n < 0 {
		d, n = -1, -n
	}
	for ; n > 0; n-- {
		j := m.nextNode(to, d)
		if j < 0 {
			break
		}
		to = j
	}
	return m.moveTo(to)
}

// moveTo puts the cursor on row i and returns the select message command.
func (m *Model) moveTo(i int) tea.Msg {
	if i < 0 || i >= len(m.rows) || m.rows[i].kind != rowNode || i == m.win.Cursor {
		return nil
	}
	m.win.Cursor = i
	m.fit()
	id := m.rows[i].node.ID
	return SelectMsg{Node: id}
}

// ScrollBy moves the cursor n nodes (the mouse wheel).
func (m *Model) ScrollBy(n int) { m.intent = m.step(n) }

// ClickRow handles a click on map-local row y: it selects the node there
// and, on the node already selected, opens it.
func (m *Model) ClickRow(y int) {
	if y < 0 || y >= m.bodyHeight() {
		return
	}
	i := m.win.Offset + y
	if i >= len(m.rows) || m.rows[i].kind != rowNode {
		return
	}
	if i == m.win.Cursor {
		m.intent = m.openIntent()
		return
	}
	m.intent = m.moveTo(i)
}

// fit scrolls so that the cursor shows; the headings above the first node
// show whenever it does.
func (m *Model) fit() {
	h := m.bodyHeight()
	if h <= 0 {
		return
	}
	if m.win.Cursor >= 0 && m.win.Cursor == m.nextNode(-1, 1) && m.win.Cursor < h {
		m.win.Offset = 0
	}
	if m.win.Cursor >= 0 && m.win.Cursor < m.win.Offset {
		m.win.Offset = m.win.Cursor
		// Show the section heading right above the cursor too.
		for m.win.Offset > 0 && m.rows[m.win.Offset-1].kind != rowNode && m.win.Cursor-m.win.Offset+1 < h {
			m.win.Offset--
		}
	}
	if m.win.Cursor >= 0 {
		m.win.Follow(len(m.rows), h) // below the view: the cursor row goes to the bottom
	}
	m.win.Clamp(len(m.rows), h)
}

// renderLines renders every row at the width; View adds the cursor.
func (m *Model) renderLines() {
	m.lines = m.lines[:0]
	w := max(m.width-gutter, 1)
	for _, r := range m.rows {
		m.lines = append(m.lines, m.renderRow(r, w))
	}
}

func (m Model) renderRow(r row, w int) string {
	s := m.styles
	switch r.kind {
	case rowHeading:
		return s.Bold.Render(ansi.Truncate(r.text, w, "…"))
	case rowNote:
		return s.Muted.Render(ansi.Truncate(r.text, w, "…"))
	}
	n := r.node
	var parts []string
	if r.prefix != "" {
		parts = append(parts, s.Faint.Render(strings.TrimSuffix(r.prefix, " ")))
	}
	if r.link != "" {
		parts = append(parts, s.RelationStyle(r.link).Render(theme.RelationGlyph(r.link)+" "+relWord(r.link, r.in)))
	}
	if w >= compactWidth {
		parts = append(parts, s.KindLabel(n.Kind))
	} else {
		parts = append(parts, s.KindStyle(n.Kind).Render(theme.Glyph(n.Kind)))
	}
	text := n.Summary
	if n.Rating != nil && n.Kind == model.KindClaim {
		text += " " + s.RatingStyle(n.Rating.Label).Render("["+n.Rating.Label+"]")
	}
	parts = append(parts, text)
	var marks []string
	if r.root {
		marks = append(marks, "(current)")
	}
	if r.open {
		marks = append(marks, "(open)")
	}
	if r.seen {
		marks = append(marks, "(see above)")
	}
	if r.hidden > 0 {
		marks = append(marks, fmt.Sprintf("(+%d deeper)", r.hidden))
	}
	if len(marks) > 0 {
		parts = append(parts, s.Faint.Render(strings.Join(marks, " ")))
	}
	line := strings.Join(parts, " ")
	if !r.claim {
		return ansi.Truncate(line, w, "…")
	}
	// Overview claims: the count sits in a right-hand column.
	count, answered := "no skeptic position", "all %d answered"
	if w < compactWidth {
		count, answered = "none", "%d answered"
	}
	cst := s.Faint
	switch {
	case r.nOpen > 0:
		count = fmt.Sprintf("%s %d open of %d", theme.Glyph(model.KindSkeptic), r.nOpen, r.nTotal)
		cst = s.Attacks.Bold(true)
	case r.nTotal == 1:
		count = "1 answered" // not "all 1 answered"
		cst = s.Supports
	case r.nTotal == 2 && w >= compactWidth:
		count = "both answered"
		cst = s.Supports
	case r.nTotal > 0:
		count = fmt.Sprintf(answered, r.nTotal)
		cst = s.Supports
	}
	cw := ansi.StringWidth(count)
	if cw+12 > w {
		// Too narrow for a column: the count goes first.
		return ansi.Truncate(cst.Render(count)+" "+line, w, "…")
	}
	// One column of margin keeps the count off the box's border.
	left := ansi.Truncate(line, w-cw-2, "…")
	pad := max(w-cw-1-ansi.StringWidth(left), 1)
	return left + strings.Repeat(" ", pad) + cst.Render(count)
}

// relWord says how a row's node relates to its parent: "attacked by" when
// the parent is attacked by the row (an incoming link), "attacks" when the
// parent attacks the row.
func relWord(t model.LinkType, in bool) string {
	switch {
	case in && t == model.Attacks:
		return "attacked by"
	case in:
		return "supported by"
	case t == model.Attacks:
		return "attacks"
	default:
		return "supports"
	}
}

// View renders the visible rows and a line of key hints; every line fits the
// width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.styles
	h := m.bodyHeight()
	out := make([]string, 0, m.height)
	for i := m.win.Offset; i < len(m.rows) && len(out) < h; i++ {
		line := "  " + m.lines[i]
		if i == m.win.Cursor {
			r := m.rows[i]
			plain := ansi.Strip(m.lines[i])
			rest := strings.TrimPrefix(plain, strings.TrimSuffix(r.prefix, " "))
			pre := plain[:len(plain)-len(rest)]
			st := s.CursorBlurred
			if m.focused {
				st = s.Cursor
			}
			pad := max(m.width-gutter-ansi.StringWidth(plain), 0)
			line = "▸ " + s.Faint.Render(pre) + st.Render(rest+strings.Repeat(" ", pad))
		}
		out = append(out, ansi.Truncate(line, m.width, ""))
	}
	if h < m.height {
		for len(out) < h {
			out = append(out, "")
		}
		out = append(out, s.Faint.Render(ansi.Truncate(m.footer(), m.width, "…")))
	}
	return strings.Join(out, "\n")
}

// footer is the key hints line, with the scroll position when the map is
// taller than the pane.
func (m Model) footer() string {
	var parts []string
	if len(m.rows) > m.bodyHeight() {
		parts = append(parts, fmt.Sprintf("%d–%d of %d", m.win.Offset+1, min(m.win.Offset+m.bodyHeight(), len(m.rows)), len(m.rows)))
	}
	if m.mode == Neighbourhood {
		parts = append(parts, fmt.Sprintf("depth %d", m.depth))
	}
	for _, b := range m.KeyMap.ShortHelp() {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}

// Mouse handles the mouse over the map, whose rows start at screen column
// x0 and row y0 and are w cells wide: the wheel moves the cursor, a click
// selects a row and a click on the selected row opens it (intents).
func (m *Model) Mouse(msg tea.MouseMsg, x0, y0, w int) {
	mouse := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch mouse.Button {
		case tea.MouseWheelUp:
			m.ScrollBy(-1)
		case tea.MouseWheelDown:
			m.ScrollBy(1)
		}
	case tea.MouseClickMsg:
		if mouse.Button == tea.MouseLeft && mouse.X >= x0 && mouse.X < x0+w {
			m.ClickRow(mouse.Y - y0)
		}
	}
}
