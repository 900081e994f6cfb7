package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// onMouse gives the mouse to the top overlay; over the panes it focuses and selects what was clicked, and scrolls with the
// wheel the pane under the pointer.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if id, ok := m.stack.shown(); ok && id.screen() || m.lay.mode == modeTiny {
		return nil
	}
	if cmd, took := m.editMouse(msg); took {
		return cmd
	}
	if id, ok := m.stack.top(); ok {
		return m.overlayMouse(id, msg)
	}
	mouse := msg.Mouse()
	// Tabs.
	if m.lay.tabs.contains(mouse.X, mouse.Y) {
		if _, ok := msg.(tea.MouseClickMsg); ok {
			m.clickTab(mouse.X - m.lay.tabs.x)
		}
		return nil
	}
	for _, f := range m.lay.visible {
		box := m.lay.boxes[f]
		if !box.contains(mouse.X, mouse.Y) {
			continue
		}
		in := m.lay.inner[f]
		lx, ly := mouse.X-in.x, mouse.Y-in.y
		switch msg.(type) {
		case tea.MouseWheelMsg:
			d := 0
			switch mouse.Button {
			case tea.MouseWheelUp:
				d = -3
			case tea.MouseWheelDown:
				d = 3
			}
			return m.wheel(f, d)
		case tea.MouseClickMsg:
			if mouse.Button != tea.MouseLeft {
				return nil
			}
			m.setFocus(f)
			if m.fm.Frozen() && f != focusArticle {
				return nil
			}
			if !in.contains(mouse.X, mouse.Y) {
				return nil
			}
			switch f {
			case focusArticle:
				if id, ok := m.article.NodeAt(lx, ly); ok && !m.fm.Frozen() {
					return m.open(id)
				}
			case focusClaims, focusSkeptics, focusCounters:
				l := m.list(f)
				l.ClickRow(ly)
				return m.apply(l.Intent())
			}
		}
		return nil
	}
	return nil
}

func (m *Model) wheel(f focus, d int) tea.Cmd {
	switch f {
	case focusArticle:
		m.article.ScrollBy(d)
	case focusDetail:
		m.detail.ScrollBy(d)
	default:
		if m.fm.Frozen() {
			return nil
		}
		l := m.list(f)
		l.ScrollBy(d / 3)
		return m.apply(l.Intent())
	}
	return nil
}

func (m *Model) clickTab(x int) {
	pos := 0
	for _, t := range m.tabs() {
		w := ansi.StringWidth(t.label) + 1 // a space between tabs
		if x >= pos && x < pos+w {
			m.focus = t.f
			m.applyFocus()
			return
		}
		pos += w
	}
}
