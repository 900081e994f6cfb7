package authoring

import "charm.land/bubbles/v2/key"

// KeyMap are the authoring keys of crux edit, over the explorer's.
type KeyMap struct {
	Select, Create, Edit, Delete, Link, Tours, Undo, Redo, Findings key.Binding
}

// DefaultKeyMap: v selects like vim's visual mode; u and ctrl+r undo and
// redo like vim.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Select:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select a passage (then enter: new node)")),
		Create:   key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "new node with no passage")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit or rename the selected node")),
		Delete:   key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "delete the selected node")),
		Link:     key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "link the selected node to another")),
		Tours:    key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "tours: add, reorder, edit steps")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Findings: key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "findings of the validator")),
	}
}

// ShortHelp implements help.KeyMap: the bindings with short words, so that
// the status line has room for them at 80 columns.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{short(k.Select, "select"), short(k.Create, "new node"), short(k.Link, "link"), k.Undo}
}

// short is b with a shorter description, for the status line.
func short(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Select, k.Create, k.Edit, k.Delete},
		{k.Link, k.Tours},
		{k.Undo, k.Redo, k.Findings},
	}
}

// ListKeyMap are the keys of the findings and tours panels and the
// confirmation.
type ListKeyMap struct {
	Down, Up, Open, Close                           key.Binding
	MoveDown, MoveUp, EditStep, RemoveStep, AddStep key.Binding
	NewTour, NextTour, Unlink                       key.Binding
	Yes, No                                         key.Binding
}

// DefaultListKeyMap follows less and vim.
func DefaultListKeyMap() ListKeyMap {
	return ListKeyMap{
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j", "down")),
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k", "up")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to the node")),
		Close:      key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "close")),
		MoveDown:   key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "move the step down")),
		MoveUp:     key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "move the step up")),
		EditStep:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the step's title and speaker notes")),
		RemoveStep: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove the step")),
		AddStep:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add the selected node after this step")),
		NewTour:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "start a new tour")),
		NextTour:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tour")),
		Unlink:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove the link the finding is about")),
		Yes:        key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no")),
	}
}
