// Package followscreen draws follow mode's two full screens: the presenter
// blanked the screen, and the presenter ended the talk. Each is a component
// on the explorer's stack, above the overlays a viewer opens; it hides
// everything under it and takes no input (keys go to the layer under it,
// so q still quits), and it comes and goes with the presenter's state.
package followscreen

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/theme"
)

// Kind is which screen a Model draws.
type Kind int

const (
	// Blank: the presenter blanked the screen.
	Blank Kind = iota
	// Ended: the presenter ended the talk.
	Ended
)

// KeyMap names the keys the screen tells the viewer about. The screen takes
// no key itself: Quit is the explorer's binding, given by the root, and
// shown on the ended screen.
type KeyMap struct {
	Quit key.Binding
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Quit} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is one of the screens.
type Model struct {
	// KeyMap are the keys the screen mentions.
	KeyMap KeyMap

	kind          Kind
	styles        *theme.Styles
	width, height int
}

// New makes a screen of a kind.
func New(kind Kind, styles *theme.Styles) Model {
	return Model{kind: kind, styles: styles}
}

// Update takes no input: a screen only shows.
func (m Model) Update(tea.Msg) (Model, tea.Cmd) { return m, nil }

// SetSize sets the area the screen covers.
func (m *Model) SetSize(w, h int) { m.width, m.height = max(w, 0), max(h, 0) }

// SetStyles changes the theme.
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// Focus does nothing: a screen takes no input, so it never has focus.
func (m *Model) Focus() tea.Cmd { return nil }

// Blur does nothing, as Focus.
func (m *Model) Blur() {}

// View is the screen's message, centred in its area.
func (m Model) View() string {
	w, h := m.width, m.height
	if m.kind == Ended {
		leave := "Thank you for following."
		if q := m.KeyMap.Quit.Help().Key; q != "" && m.KeyMap.Quit.Enabled() {
			leave += " " + q + " leaves."
		}
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center,
			m.styles.Bold.Render(ansi.Wrap("The presenter has ended the talk.", w, " "))+"\n"+
				m.styles.Muted.Render(ansi.Wrap(leave, w, " ")))
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center,
		m.styles.Muted.Render("The presenter has blanked the screen."))
}
