package mapview

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap are the map's bindings.
type KeyMap struct {
	Down, Up, Top, Bottom, PageDown, PageUp key.Binding
	Open, Deeper, Shallower, Close          key.Binding
	// The explorer's keys the map acts on while it is open: Map and
	// Overview switch to that mode or close the one shown, Back and Forward
	// move in the explorer's history, Search closes the map and leaves the
	// key to the explorer. They are the explorer's bindings, given to the
	// map by the root (unbound in DefaultKeyMap), and listed in the
	// explorer's help, not in the map's.
	Map, Overview, Back, Forward, Search key.Binding
}

// DefaultKeyMap follows the node lists (j/k, g/G, enter) and adds +/- for
// the depth.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:      key.NewBinding(key.WithKeys("j", "down", "ctrl+n"), key.WithHelp("j/↓", "next node")),
		Up:        key.NewBinding(key.WithKeys("k", "up", "ctrl+p"), key.WithHelp("k/↑", "previous node")),
		Top:       key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "first")),
		Bottom:    key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "last")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		Open:      key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter", "go to node")),
		Deeper:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "deeper")),
		Shallower: key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "shallower")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Down, k.Open, k.Deeper, k.Shallower, k.Close}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.Top, k.Bottom},
		{k.PageDown, k.PageUp, k.Open},
		{k.Deeper, k.Shallower, k.Close},
	}
}

// The map's intents, read by the root with Intent after Update, Open or a
// mouse call.

// SelectMsg says the cursor moved onto a node.
type SelectMsg struct{ Node string }

// OpenMsg asks to make a node current (enter, or a click on the selected row).
type OpenMsg struct {
	Node string
	Mode Mode // the mode the map was in
}

// CloseMsg says the map was dismissed. Pass says the key that closed it is
// the explorer's as well (search), to be handled by the explorer next.
type CloseMsg struct{ Pass bool }

// SwitchMsg asks to show the map in another mode (M in the map, m in the
// overview), around the explorer's current and selected nodes.
type SwitchMsg struct{ Mode Mode }

// HistoryMsg asks the explorer to go back (Step -1) or forward (Step 1) in
// its history; the root re-roots the map on the new current node.
type HistoryMsg struct{ Step int }
