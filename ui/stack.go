package ui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
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
)

// screen reports whether a layer is one of follow mode's screens: they hide
// everything under them but take no input, which goes to the layer under
// them, and they stay on top of the overlays the viewer opens.
func (id layerID) screen() bool { return id == layerBlank || id == layerEnded }

// stack is the overlays and modes over the panes, bottom first. What is on
// top draws the main area and gets keys, the mouse and pastes first (see
// Model.update); the panes get what it leaves. Follow mode is not a layer
// of its own: it sits between the stack and the panes (follow.go).
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
		return m.mapKey(msg)
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
		return m.mapMouse(msg)
	}
	return nil
}

// overlayView draws a layer over the whole main area.
func (m Model) overlayView(id layerID) string {
	w, h := m.width, m.height-1
	switch id {
	case layerEnded:
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center,
			m.styles.Bold.Render(ansi.Wrap("The presenter has ended the talk.", w, " "))+"\n"+
				m.styles.Muted.Render(ansi.Wrap("Thank you for following. q leaves.", w, " ")))
	case layerBlank:
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center,
			m.styles.Muted.Render("The presenter has blanked the screen."))
	case layerEditor, layerTags, layerNotes:
		return m.noteOverlay(id)
	case layerFinder:
		return m.box("Search", m.finder.View(), w, h, true)
	case layerHelp:
		return m.box("Keys", m.help.View(), w, h, true)
	case layerMap:
		return m.box(m.mapv.Title(), m.mapv.View(), w, h, true)
	}
	return m.editOverlayView(id)
}

// keyMapUnder is the key map the help overlay lists: the map's when the
// map is under it, else the focused pane's; with its title.
func (m Model) keyMapUnder() (string, help.KeyMap) {
	if m.stack.has(layerMap) {
		return m.mapv.Mode().String(), m.mapv.KeyMap
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
