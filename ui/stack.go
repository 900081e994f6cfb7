package ui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/mapview"
)

// layerID names an entry of the stack of overlays and modes over the panes.
type layerID int

const (
	layerMap    layerID = iota // the argument map (m, M)
	layerHelp                  // every key of what is under it (?)
	layerFinder                // fuzzy finder (/)
	layerEditor                // note editor (a)
	layerTags                  // tag input (t)
	layerNotes                 // the notes list (v)
	layerBlank                 // the presenter blanked the screen
	layerEnded                 // the presenter ended the talk
	// crux edit's layers (edit.go); the selection draws on the panes.
	layerSelect
	layerForm
	layerConfirm
	layerFindings
	layerTours
	layerClass // the class overview (C, crux class)
)

// screen reports whether a layer is one of follow mode's screens: they hide
// everything under them but take no input, which goes to the layer under
// them, and they stay on top of the overlays the viewer opens.
func (id layerID) screen() bool { return id == layerBlank || id == layerEnded }

// stack is the overlays and modes over the panes, bottom first. What is on
// top draws the main area and gets keys, the mouse and pastes first (see
// Model.update); the panes get what it leaves. Follow mode is the stack's
// base layer (ui/followmode): it draws nothing over the panes and is
// consulted after the overlays and the explorer's global keys (followKey).
type stack []layerID

// top is the layer that gets input, skipping the screens; ok is false when
// no overlay is open.
func (s stack) top() (layerID, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if !s[i].screen() {
			return s[i], true
		}
	}
	return 0, false
}

// shown is the layer that draws the main area.
func (s stack) shown() (layerID, bool) {
	if len(s) == 0 {
		return 0, false
	}
	return s[len(s)-1], true
}

// has reports whether a layer is open.
func (s stack) has(id layerID) bool { return slices.Contains(s, id) }

// push opens a layer on top of the overlays (under the screens); a layer
// already open moves to the top.
func (s *stack) push(id layerID) {
	s.pop(id)
	i := len(*s)
	for i > 0 && (*s)[i-1].screen() && !id.screen() {
		i--
	}
	*s = slices.Insert(*s, i, id)
}

// pop closes a layer wherever it is.
func (s *stack) pop(id layerID) {
	*s = slices.DeleteFunc(*s, func(l layerID) bool { return l == id })
}

func (s *stack) setScreen(id layerID, on bool) {
	if on && !s.has(id) {
		s.push(id)
	} else if !on {
		s.pop(id)
	}
}

// overlayKey routes a key to the top overlay. took is false when the
// overlay leaves the key to the explorer's global keys.
func (m *Model) overlayKey(id layerID, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch id {
	case layerFinder:
		var cmd tea.Cmd
		m.finder, cmd = m.finder.Update(msg)
		return tea.Batch(cmd, m.apply(m.finder.Intent())), true
	case layerEditor:
		cmd := m.nt.editor.Update(msg)
		return tea.Batch(cmd, m.apply(m.nt.editor.Intent())), true
	case layerTags:
		cmd := m.nt.tags.Update(msg)
		return tea.Batch(cmd, m.apply(m.nt.tags.Intent())), true
	case layerNotes:
		if key.Matches(msg, m.keys.Quit) {
			return nil, false
		}
		var cmd tea.Cmd
		m.nt.view, cmd = m.nt.view.Update(msg)
		return tea.Batch(cmd, m.apply(m.nt.view.Intent())), true
	case layerHelp:
		if key.Matches(msg, m.keys.Help) {
			m.stack.pop(layerHelp)
			return nil, true
		}
		if m.leavesToExplorer(msg) {
			return nil, false
		}
		cmd := m.help.Update(msg)
		return tea.Batch(cmd, m.apply(m.help.Intent())), true
	case layerMap:
		if m.leavesToExplorer(msg) {
			return nil, false
		}
		var cmd tea.Cmd
		m.mapv, cmd = m.mapv.Update(msg)
		in := m.mapv.Intent()
		// Search closes the map and is the explorer's key too.
		pass := in == mapview.CloseMsg{Pass: true}
		return tea.Batch(cmd, m.apply(in)), !pass
	case layerClass:
		return m.classKey(msg)
	}
	return m.editOverlayKey(id, msg)
}

// leavesToExplorer reports whether an overlay over the panes (help, map)
// leaves a key to the explorer: quit, help, and the keys that open a note.
func (m *Model) leavesToExplorer(msg tea.KeyPressMsg) bool {
	k := m.keys
	if key.Matches(msg, k.Quit, k.Help) {
		return true
	}
	return m.notesEnabled() && key.Matches(msg, k.Annotate, k.Tags, k.NotesView, k.Stance)
}

// overlayPaste routes a paste to the top overlay; only text inputs take it.
func (m *Model) overlayPaste(id layerID, msg tea.PasteMsg) tea.Cmd {
	var cmd tea.Cmd
	switch id {
	case layerEditor:
		cmd = m.nt.editor.Update(msg)
	case layerTags:
		cmd = m.nt.tags.Update(msg)
	case layerFinder:
		m.finder, cmd = m.finder.Update(msg)
	case layerForm:
		m.ed.form, cmd = m.ed.form.Update(msg)
	}
	return cmd
}

// overlayMouse routes the mouse to the top overlay: the wheel scrolls the
// finder and the notes list, the map takes clicks too.
func (m *Model) overlayMouse(id layerID, msg tea.MouseMsg) tea.Cmd {
	wheel := 0
	if _, ok := msg.(tea.MouseWheelMsg); ok {
		switch msg.Mouse().Button {
		case tea.MouseWheelUp:
			wheel = -1
		case tea.MouseWheelDown:
			wheel = 1
		}
	}
	switch id {
	case layerFinder:
		m.finder.ScrollBy(wheel)
	case layerNotes:
		m.nt.view.ScrollBy(wheel)
	case layerMap:
		// The map's box starts at the top left: a border column, then a
		// border row and a title row above the map.
		m.mapv.Mouse(msg, 1, 2, m.width-2)
		return m.apply(m.mapv.Intent())
	case layerClass:
		// The overview's box: a border row and a title row above it.
		if c, ok := msg.(tea.MouseClickMsg); ok && c.Button == tea.MouseLeft && c.X > 0 && c.X < m.width-1 {
			m.classv.ClickRow(c.Y - 2)
			return m.apply(m.classv.Intent())
		}
		m.classv.ScrollBy(wheel)
	}
	return nil
}

// overlayView draws a layer over the whole main area.
func (m Model) overlayView(id layerID) string {
	w, h := m.width, m.height-1
	switch id {
	case layerEnded:
		return m.ended.View()
	case layerBlank:
		return m.blank.View()
	case layerEditor, layerTags, layerNotes:
		return m.noteOverlay(id)
	case layerFinder:
		return m.box(m.finder.Title(), m.finder.View(), w, h, true)
	case layerHelp:
		return m.box("Keys", m.help.View(), w, h, true)
	case layerMap:
		return m.box(m.mapv.Title(), m.mapv.View(), w, h, true)
	case layerClass:
		return m.box("The class", m.classv.View(), w, h, true)
	}
	return m.editOverlayView(id)
}

// openMap opens the map in a mode over the explorer's current and selected
// nodes, and applies what opening asks (select the node under its cursor).
func (m *Model) openMap(mode mapview.Mode) tea.Cmd {
	m.stack.push(layerMap)
	m.layoutStack()
	m.mapv.Open(mode, m.current, m.selected)
	return m.apply(m.mapv.Intent())
}

func (m *Model) closeMap() {
	m.stack.pop(layerMap)
	m.mapv.Blur()
}

// layoutStack sizes the layers that draw the main area by themselves: the
// map inside its box, follow mode's screens over all of it.
func (m *Model) layoutStack() {
	m.mapv.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
	m.blank.SetSize(m.width, m.height-1)
	m.ended.SetSize(m.width, m.height-1)
}

// keyMapUnder is the key map the help overlay lists: the map's when the
// map is under it, else the focused pane's; with its title.
func (m Model) keyMapUnder() (string, help.KeyMap) {
	if m.stack.has(layerMap) {
		return m.mapv.Mode().String(), m.mapv.KeyMap
	}
	if m.stack.has(layerClass) {
		return "Class overview", m.classv.KeyMap
	}
	name := m.focus.String() + " pane"
	switch m.focus {
	case focusArticle:
		return name, m.article.KeyMap
	case focusDetail:
		return name, m.detail.KeyMap
	}
	return name, m.claims.KeyMap
}
