package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/mapview"
)

// The root's glue for the argument map (ui/mapview): m shows the current
// node's neighbourhood, M the whole-graph overview, both as an overlay over
// the main area like the finder.

// mapKey handles a key while the map is the top overlay. m and M switch
// between the map and the overview or close the one shown; search closes
// the map and is left to the explorer, as are quit, help and the note keys;
// back and forward move the explorer; every other key is the map's.
func (m *Model) mapKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	for _, t := range []struct {
		b    key.Binding
		mode mapview.Mode
	}{{k.Map, mapview.Neighbourhood}, {k.Overview, mapview.Overview}} {
		if !key.Matches(msg, t.b) {
			continue
		}
		if m.mapv.Mode() == t.mode {
			m.closeMap()
			return nil, true
		}
		return m.openMap(t.mode), true
	}
	if m.leavesToExplorer(msg) {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Search):
		m.closeMap()
		return nil, false
	case key.Matches(msg, k.Back, k.Forward):
		if m.fm.frozen() {
			return nil, true
		}
		var cmd tea.Cmd
		if key.Matches(msg, k.Back) {
			cmd = m.goBack()
		} else {
			cmd = m.goForward()
		}
		m.refreshMap()
		return cmd, true
	}
	var cmd tea.Cmd
	m.mapv, cmd = m.mapv.Update(msg)
	return tea.Batch(cmd, m.apply(m.mapv.Intent())), true
}

// openMap shows the map in a mode, its cursor on the selected node, or on
// the root when the selected node is not in the map; that node is selected
// then, so the map's cursor and the explorer agree.
func (m *Model) openMap(mode mapview.Mode) tea.Cmd {
	m.stack.push(layerMap)
	m.mapv.SetStyles(m.styles)
	m.layoutMap()
	m.mapv.Open(mode, m.current, m.selected)
	if mode == mapview.Overview {
		return nil // the overview selects nothing until its cursor moves
	}
	return m.syncMapSelection()
}

// syncMapSelection selects the node under the map's cursor, when it is not
// the selected node already.
func (m *Model) syncMapSelection() tea.Cmd {
	n := m.mapv.Selected()
	if n == nil || n.ID == m.selected || m.fm.frozen() {
		return nil
	}
	return m.selectNode(n.ID)
}

func (m *Model) closeMap() {
	m.stack.pop(layerMap)
	m.mapv.Blur()
}

// refreshMap re-roots an open neighbourhood map on the current node, after
// the current node changed (enter in the map, back, forward, a presenter).
func (m *Model) refreshMap() {
	if m.stack.has(layerMap) && m.mapv.Mode() == mapview.Neighbourhood && m.mapv.Root() != m.current {
		m.mapv.ShowNode(m.current, m.selected)
	}
}

// layoutMap gives the map the main area inside its box.
func (m *Model) layoutMap() {
	m.mapv.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
}

// onMapMsg handles the map's messages: a move selects the node like the
// panes do, enter makes it current (pushing the history), esc closes. A
// viewer following a presenter may look at the map but not move.
func (m *Model) onMapMsg(msg tea.Msg) tea.Cmd {
	frozen := m.fm.frozen()
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
			m.setFocus(paneFocus(n.Kind))
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
	// The map's box starts at the top left: a border column, then a border
	// row and a title row above the map.
	m.mapv.Mouse(msg, 1, 2, m.width-2)
	return m.apply(m.mapv.Intent())
}
