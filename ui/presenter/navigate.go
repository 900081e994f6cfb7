package presenter

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.Interrupt) {
		return m.quit()
	}
	if m.err != nil {
		if key.Matches(msg, k.Quit, k.Cancel, k.Confirm) {
			return m.quit()
		}
		return m, nil
	}
	m.flash = ""
	if m.confirming {
		m.confirming = false
		if key.Matches(msg, k.Quit, k.Yes) {
			return m.quit()
		}
		m.flash = "the talk goes on"
		return m, nil
	}
	switch {
	case m.state.Blank:
		switch {
		case key.Matches(msg, k.Quit):
			return m.askQuit()
		case key.Matches(msg, k.Blank, k.Cancel):
			m.state.Blank = false
			m.publish()
		}
		return m, nil
	case m.overlay == overlayHelp:
		if key.Matches(msg, k.Quit) {
			return m.askQuit()
		}
		m.overlay = overlayNone
		return m, nil
	case m.overlay == overlayIndex:
		return m.indexKey(msg)
	case m.overlay == overlayLinked:
		switch {
		case key.Matches(msg, k.Up):
			m.zoomOff = max(m.zoomOff-1, 0)
		case key.Matches(msg, k.Down):
			m.zoomOff++
		case key.Matches(msg, k.Zoom, k.Cancel):
			m.overlay = overlayNone
		default: // any other key works on the step, as it would without z
			m.overlay = overlayNone
			return m.key(msg)
		}
		return m, nil
	case m.jumping:
		return m.jumpKey(msg)
	}
	if mm, cmd, ok := m.pollKey(msg); ok {
		return mm, cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.askQuit()
	case key.Matches(msg, k.Next):
		return m.goTo(m.state.Step + 1)
	case key.Matches(msg, k.Prev):
		return m.goTo(m.state.Step - 1)
	case key.Matches(msg, k.First):
		return m.goTo(0)
	case key.Matches(msg, k.Last):
		return m.goTo(len(m.tour.Steps) - 1)
	case key.Matches(msg, k.Reveal):
		if n := len(m.reveals()); m.state.Revealed < n {
			m.state.Revealed++
			m.publish()
		} else {
			m.flash = "nothing left to reveal at this step"
		}
	case key.Matches(msg, k.Hide):
		if m.state.Revealed > 0 {
			m.state.Revealed--
			m.publish()
		}
	case key.Matches(msg, k.Jump):
		m.jumping = true
	case isDigit(msg):
		m.jumping, m.jump = true, msg.Text
	case key.Matches(msg, k.Index):
		m.overlay, m.cursor = overlayIndex, m.state.Step
	case key.Matches(msg, k.Blank):
		m.state.Blank = true
		m.publish()
	case key.Matches(msg, k.Zoom):
		m.overlay, m.zoomOff = overlayLinked, 0
	case key.Matches(msg, k.Help):
		m.overlay = overlayHelp
	case key.Matches(msg, m.keys.Explore):
		return m.explore()
	case key.Matches(msg, m.keys.ExploreOff):
		m.flash = "free navigation is not available in this build"
	}
	return m, nil
}

func isDigit(msg tea.KeyPressMsg) bool {
	return len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9'
}

func (m Model) jumpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case isDigit(msg):
		if len(m.jump) < 4 {
			m.jump += msg.Text
		}
	case key.Matches(msg, m.keys.Erase):
		if m.jump != "" {
			m.jump = m.jump[:len(m.jump)-1]
		}
	case key.Matches(msg, m.keys.Confirm, m.keys.Jump, m.keys.Last):
		n, err := strconv.Atoi(m.jump)
		m.jumping, m.jump = false, ""
		if err != nil || n < 1 || n > len(m.tour.Steps) {
			m.flash = fmt.Sprintf("no such step; steps are 1–%d", len(m.tour.Steps))
			return m, nil
		}
		return m.goTo(n - 1)
	case key.Matches(msg, m.keys.Cancel):
		m.jumping, m.jump = false, ""
	case key.Matches(msg, m.keys.Quit):
		return m.askQuit()
	}
	return m, nil
}

func (m Model) indexKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.tour.Steps)-1)
	case key.Matches(msg, m.keys.First):
		m.cursor = 0
	case key.Matches(msg, m.keys.Last):
		m.cursor = len(m.tour.Steps) - 1
	case key.Matches(msg, m.keys.Confirm):
		m.overlay = overlayNone
		return m.goTo(m.cursor)
	case key.Matches(msg, m.keys.Cancel, m.keys.Index):
		m.overlay = overlayNone
	case key.Matches(msg, m.keys.Quit):
		return m.askQuit()
	}
	return m, nil
}

// goTo moves to step i (clamped to the tour), with nothing revealed.
func (m Model) goTo(i int) (tea.Model, tea.Cmd) {
	i = max(0, min(i, len(m.tour.Steps)-1))
	if i == m.state.Step {
		if i == len(m.tour.Steps)-1 {
			m.flash = "last step: q ends the talk"
		}
		return m, nil
	}
	m.state.Step, m.state.Revealed = i, 0
	m.overlay = overlayNone
	m.publish()
	return m, m.renderStep()
}

// askQuit ends the talk, or, while viewers are watching it, asks first:
// one stray q must not end it for the whole room.
func (m Model) askQuit() (tea.Model, tea.Cmd) {
	if m.viewers() > 0 {
		m.confirming = true
		return m, nil
	}
	return m.quit()
}

// viewers is how many viewers are connected; 0 without a server.
func (m Model) viewers() int {
	if m.opts.Viewers == nil {
		return 0
	}
	return m.opts.Viewers()
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	if m.err == nil {
		m.state.Ended = true
		m.publish()
	}
	return m, tea.Quit
}

func (m Model) explore() (tea.Model, tea.Cmd) {
	var placed tea.Cmd
	m.explorer, placed = m.opts.Explorer(m.c, m.state)
	cmds := []tea.Cmd{guard(m.explorer.Init()), guard(placed)}
	if m.width > 0 {
		var cmd tea.Cmd
		m.explorer, cmd = m.explorer.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
		cmds = append(cmds, guard(cmd))
	}
	return m, tea.Batch(cmds...)
}
