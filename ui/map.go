package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/mapview"
)

// The root's glue for the argument map (ui/mapview): m shows the current
// node's neighbourhood, M the whole-graph overview, both as an overlay over
// the main area like the finder.

// mapKey handles a key for the map. m and M open the map or the overview,
// switch between them, or close the one shown; while a map is open it takes
// every key but search (which closes it), help and quit. ok is false when
// the key is not the map's.
func (m Model) mapKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	for _, t := range []struct {
		b    key.Binding
		mode mapview.Mode
	}{{k.Map, mapview.Neighbourhood}, {k.Overview, mapview.Overview}} {
		if !key.Matches(msg, t.b) {
			continue
		}
		if m.mapping && m.mapv.Mode() == t.mode {
			m.closeMap()
			return m, nil, true
		}
		cmd := m.openMap(t.mode) // evaluated before m is returned
		return m, cmd, true
	}
	if !m.mapping {
		return m, nil, false
	}
	frozen := m.following && !m.browsing
	switch {
	case key.Matches(msg, k.Search):
		m.closeMap()
		return m, nil, false
	case key.Matches(msg, k.Back):
		if frozen {
			return m, nil, true
		}
		cmd := m.goBack()
		m.refreshMap()
		return m, cmd, true
	case key.Matches(msg, k.Forward):
		if frozen {
			return m, nil, true
		}
		cmd := m.goForward()
		m.refreshMap()
		return m, cmd, true
	}
	var cmd tea.Cmd
	m.mapv, cmd = m.mapv.Update(msg)
	cmd = m.settleMap(cmd) // evaluated before m is returned
	return m, cmd, true
}

// openMap shows the map in a mode, its cursor on the selected node, or on
// the root when the selected node is not in the map; that node is selected
// then, so the map's cursor and the explorer agree.
func (m *Model) openMap(mode mapview.Mode) tea.Cmd {
	m.mapping = true
	m.mapv.SetStyles(m.styles)
	m.layoutMap()
	m.mapv.Focus()
	if mode == mapview.Overview {
		// The cursor starts on the claim the reader is at; opening (and
		// closing) the overview selects nothing until the cursor moves.
		m.mapv.ShowOverview(m.claimOf(m.selected, m.current))
		return nil
	}
	m.mapv.ShowNode(m.current, m.selected)
	return m.syncMapSelection()
}

// claimOf is the first of ids that is a claim, or else a claim one of them
// attacks or supports (a skeptic position's claim), or "".
func (m Model) claimOf(ids ...string) string {
	for _, id := range ids {
		if n := m.c.Node(id); n != nil && n.Kind == model.KindClaim {
			return n.ID
		}
	}
	for _, id := range ids {
		for _, l := range m.c.LinksFrom(id) {
			if n := m.c.Node(l.To); n != nil && n.Kind == model.KindClaim {
				return n.ID
			}
		}
	}
	return ""
}

// syncMapSelection selects the node under the map's cursor, when it is not
// the selected node already.
func (m *Model) syncMapSelection() tea.Cmd {
	n := m.mapv.Selected()
	if n == nil || n.ID == m.selected || m.following && !m.browsing {
		return nil
	}
	return m.selectNode(n.ID)
}

func (m *Model) closeMap() {
	m.mapping = false
	m.mapv.Blur()
}

// refreshMap re-roots an open neighbourhood map on the current node, after
// the current node changed (enter in the map, back, forward, a presenter).
func (m *Model) refreshMap() {
	if m.mapping && m.mapv.Mode() == mapview.Neighbourhood && m.mapv.Root() != m.current {
		m.mapv.ShowNode(m.current, m.selected)
	}
}

// layoutMap gives the map the main area inside its box.
func (m *Model) layoutMap() {
	m.mapv.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
}

// mapBody draws the open map over the whole main area.
func (m Model) mapBody() string {
	return m.box(m.mapv.Title(), m.mapv.View(), m.width, m.height-1, true)
}

// onMapMsg handles the map's messages: a move selects the node like the
// panes do, enter makes it current (pushing the history), esc closes. A
// viewer following a presenter may look at the map but not move.
func (m *Model) onMapMsg(msg tea.Msg) tea.Cmd {
	frozen := m.following && !m.browsing
	switch msg := msg.(type) {
	case mapview.SelectMsg:
		if frozen {
			return nil
		}
		return m.selectNode(msg.Node)
	case mapview.OpenMsg:
		if frozen {
			return nil
		}
		cmd := m.open(msg.Node)
		if n := m.c.Node(msg.Node); n != nil {
			m.focus = paneFocus(n.Kind)
			m.applyFocus()
		}
		if msg.Mode == mapview.Overview {
			// The overview's enter jumps to the claim in the explorer.
			m.closeMap()
		} else {
			m.refreshMap()
		}
		return cmd
	case mapview.CloseMsg:
		m.closeMap()
	}
	return nil
}

// mapMouse routes the mouse while the map is open: the wheel moves the
// cursor, a click selects a row and a click on the selected row opens it.
func (m *Model) mapMouse(msg tea.MouseMsg) tea.Cmd {
	mouse := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch mouse.Button {
		case tea.MouseWheelUp:
			return m.settleMap(m.mapv.ScrollBy(-1))
		case tea.MouseWheelDown:
			return m.settleMap(m.mapv.ScrollBy(1))
		}
	case tea.MouseClickMsg:
		// The map's box starts at the top left: a border column, and a
		// border row and a title row above the map.
		if mouse.Button != tea.MouseLeft || mouse.X < 1 || mouse.X >= m.width-1 {
			return nil
		}
		return m.settleMap(m.mapv.ClickRow(mouse.Y - 2))
	}
	return nil
}

// settleMap applies the map's intent (select, open, close) at once, like the
// root's settle does for the panes, so that a key typed right after acts on
// the new selection.
func (m *Model) settleMap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg.(type) {
	case mapview.SelectMsg, mapview.OpenMsg, mapview.CloseMsg:
		return m.onMapMsg(msg)
	case nil:
		return nil
	}
	return func() tea.Msg { return msg }
}
