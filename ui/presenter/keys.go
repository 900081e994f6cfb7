// Package presenter holds crux's presenter screens: the presenter view that
// walks a tour step by step (Model) and the speaker-notes view that follows
// it from a second terminal (Notes). Neither knows about SSH; they talk to
// followers through a present.Hub.
package presenter

import "charm.land/bubbles/v2/key"

// KeyMap are the presenter's keys.
type KeyMap struct {
	Next    key.Binding
	Prev    key.Binding
	Reveal  key.Binding
	Hide    key.Binding
	First   key.Binding
	Last    key.Binding
	Jump    key.Binding // start a jump, or confirm one typed as digits
	Confirm key.Binding // confirm a jump or an index choice
	Cancel  key.Binding
	Index   key.Binding
	Up      key.Binding
	Down    key.Binding
	Blank   key.Binding
	Zoom    key.Binding // the whole step, when it had to be shortened to fit
	Explore key.Binding
	Tour    key.Binding // back from free navigation to the tour
	Help    key.Binding
	Quit    key.Binding
	// Yes confirms ending a talk that viewers are watching (as a second
	// q does); any other key keeps it going.
	Yes key.Binding
	// Not in the help: ctrl+c quits even in an error screen, backspace
	// erases a jump's digit, and ExploreOff is e when there is no explorer.
	Interrupt, Erase, ExploreOff key.Binding
}

// DefaultKeyMap returns the presenter's default keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		// presenterm's keys: l j → ↓ space next, h k ← ↑ previous, G last.
		Next:    key.NewBinding(key.WithKeys("space", "right", "down", "l", "j", "n", "pgdown"), key.WithHelp("space/→/↓/l/j", "next")),
		Prev:    key.NewBinding(key.WithKeys("left", "up", "h", "k", "p", "pgup"), key.WithHelp("←/↑/h/k", "previous")),
		Reveal:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal next")),
		Hide:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "hide the last")),
		First:   key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first step")),
		Last:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last step")),
		Jump:    key.NewBinding(key.WithKeys("g"), key.WithHelp("3 G / 3 enter", "jump to step 3")),
		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Index:   key.NewBinding(key.WithKeys("i", "ctrl+p"), key.WithHelp("i/ctrl+p", "index")),
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Blank:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "blank")),
		Zoom:    key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "show all")),
		Explore: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "explore")),
		Tour:    key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "back to the tour")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Yes:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, end the talk")),

		Interrupt:  key.NewBinding(key.WithKeys("ctrl+c")),
		Erase:      key.NewBinding(key.WithKeys("backspace")),
		ExploreOff: key.NewBinding(key.WithKeys("e"), key.WithDisabled()),
	}
}

// ShortHelp is the one-line key summary of the presenter's footer.
func (k KeyMap) ShortHelp() []key.Binding {
	// In the order they give way when the footer is short: from the end,
	// before help and quit.
	return []key.Binding{k.Next, k.Reveal, k.Prev, k.Index, k.Blank, k.Explore, k.Help, k.Quit}
}

// FullHelp is every presenter key, in groups, for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.First, k.Last, k.Jump, k.Index},
		{k.Reveal, k.Hide, k.Zoom, k.Blank, k.Explore, k.Tour, k.Help, k.Quit},
	}
}
