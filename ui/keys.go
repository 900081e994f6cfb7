package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/crux-news/crux/notes"
)

// KeyMap are the bindings that work whatever pane has focus.
type KeyMap struct {
	Quit, Help, NextPane, PrevPane, Back, Forward, Search key.Binding
	NextPassage, PrevPassage, ArticleTab, DetailTab       key.Binding
	Annotate, Stance, Tags, NotesView                     key.Binding
	Map, Overview                                         key.Binding
	// Class opens the class overview; enabled in the class view only.
	Class                     key.Binding
	OpenSource, Copy, CopyURL key.Binding
	// Interrupt (ctrl+c) quits from anywhere but the note inputs, which
	// save first; Cancel (esc) does nothing over the panes. Neither is in
	// the help: Quit and the overlays' own keys say it.
	Interrupt, Cancel key.Binding
	// The stance keys, one per stance; Stance is all of them, for the help.
	Agree, Disagree, Unsure, NeedsEvidence, ClearStance key.Binding
}

// stanceKey pairs a stance key with its stance.
type stanceKey struct {
	b      key.Binding
	stance notes.Stance
}

func (k KeyMap) stances() []stanceKey {
	return []stanceKey{
		{k.Agree, notes.Agree}, {k.Disagree, notes.Disagree}, {k.Unsure, notes.Unsure},
		{k.NeedsEvidence, notes.NeedsEvidence}, {k.ClearStance, ""},
	}
}

// DefaultKeyMap follows glow, less, fzf and browsers. Forward is not bound to
// ctrl+i alone: most terminals send it as tab.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		// h/l and ←/→ move between panes as in lazygit.
		NextPane:    key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab/l/→", "next pane")),
		PrevPane:    key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("⇧tab/h/←", "previous pane")),
		Back:        key.NewBinding(key.WithKeys("backspace", "ctrl+o", "alt+left", "["), key.WithHelp("⌫/ctrl+o/[", "back")),
		Forward:     key.NewBinding(key.WithKeys("alt+right", "]"), key.WithHelp("]/alt+→", "forward")),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextPassage: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next passage")),
		PrevPassage: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous passage")),
		ArticleTab:  key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "article pane")),
		DetailTab:   key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "detail pane")),
		Annotate:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "note on node (passage in article)")),
		Stance:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "0"), key.WithHelp("1-4/0", "agree/disagree/unsure/needs-evidence/clear")),
		Tags:        key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tags")),
		NotesView:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "all notes")),
		Map:         key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "map of this node")),
		Overview:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "overview: open skeptics")),
		Class:       key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "class: disputed claims, coverage"), key.WithDisabled()),
		OpenSource:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open source (again: next)")),
		Copy:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy passage or node")),
		CopyURL:     key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy source URL")),

		Interrupt: key.NewBinding(key.WithKeys("ctrl+c")),
		Cancel:    key.NewBinding(key.WithKeys("esc")),

		Agree:         key.NewBinding(key.WithKeys("1")),
		Disagree:      key.NewBinding(key.WithKeys("2")),
		Unsure:        key.NewBinding(key.WithKeys("3")),
		NeedsEvidence: key.NewBinding(key.WithKeys("4")),
		ClearStance:   key.NewBinding(key.WithKeys("0")),
	}
}

// ShortHelp is the status line's help.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.Search, k.Back, k.Help, k.Quit}
}

// FullHelp lists every global binding.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextPane, k.PrevPane, k.ArticleTab, k.DetailTab, k.Search},
		{k.Back, k.Forward, k.NextPassage, k.PrevPassage},
		{k.Annotate, k.Stance, k.Tags, k.NotesView},
		{k.Map, k.Overview, k.Class},
		{k.OpenSource, k.Copy, k.CopyURL},
		{k.Help, k.Quit}, // after follow mode's keys (refreshHelp)
	}
}
