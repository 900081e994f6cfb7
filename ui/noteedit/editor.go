// Package noteedit holds the components that change a reader's notes: the
// note editor (a note on a node or on a passage), the tag input, and the
// filters of the notes list. They know nothing of the store: the root opens
// them with what is stored, reads their intent after each Update, and saves.
package noteedit

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/theme"
)

// EditorKeyMap are the editor's bindings; every other key is typed.
type EditorKeyMap struct {
	Save, SaveQuit key.Binding
}

// DefaultEditorKeyMap saves with esc or ctrl+s, and saves then quits with
// ctrl+c, so that nothing typed is lost.
func DefaultEditorKeyMap() EditorKeyMap {
	return EditorKeyMap{
		Save:     key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "save and close")),
		SaveQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k EditorKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.SaveQuit} }

// FullHelp implements help.KeyMap.
func (k EditorKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Target is what a note is about: a node, or a passage of the article.
type Target struct {
	Node    string      // node id; empty for a passage
	Quote   notes.Quote // the passage
	Passage string      // id of the reader's note on the passage, if any
}

// DoneMsg is the editor's intent to close, saving what changed; Quit asks
// to quit after the save.
type DoneMsg struct{ Quit bool }

// Editor is the note editor: a textarea over a Target.
type Editor struct {
	KeyMap  EditorKeyMap
	styles  *theme.Styles
	area    textarea.Model
	target  Target
	title   string
	initial string  // the text when it opened
	intent  tea.Msg // DoneMsg, read by the root with Intent
}

// NewEditor makes the editor.
func NewEditor(st *theme.Styles) Editor {
	ed := textarea.New()
	ed.Placeholder = "Your note, in Markdown. Why do you agree or not? What evidence is missing?"
	ed.ShowLineNumbers = false
	ts := ed.Styles()
	ts.Cursor.Blink = false
	ed.SetStyles(ts)
	return Editor{KeyMap: DefaultEditorKeyMap(), styles: st, area: ed}
}

// SetStyles changes the theme.
func (e *Editor) SetStyles(st *theme.Styles) { e.styles = st }

// Open starts editing text, the stored note on t, under a title.
func (e *Editor) Open(t Target, title, text string) tea.Cmd {
	e.target, e.title = t, title
	e.area.SetValue(text)
	// What the editor shows may differ from what was given (tabs expanded):
	// a note is saved only when the reader changed it.
	e.initial = e.area.Value()
	return e.Focus()
}

// Close stops editing and returns the target, the text and whether the
// reader changed it.
func (e *Editor) Close() (t Target, text string, changed bool) {
	e.Blur()
	text = e.area.Value()
	return e.target, text, text != e.initial
}

// Target is what is being edited.
func (e Editor) Target() Target { return e.target }

// Title is the overlay's title.
func (e Editor) Title() string { return e.title }

// SetSize gives the editor its box: the textarea and two lines of hints.
func (e *Editor) SetSize(w, h int) {
	e.area.SetWidth(w)
	e.area.SetHeight(max(h-3, 1))
}

// Focus focuses the textarea.
func (e *Editor) Focus() tea.Cmd { return e.area.Focus() }

// Blur blurs it.
func (e *Editor) Blur() { e.area.Blur() }

// Update types keys and pastes; the save keys record a DoneMsg intent.
func (e *Editor) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, e.KeyMap.Save):
			e.intent = DoneMsg{}
			return nil
		case key.Matches(k, e.KeyMap.SaveQuit):
			e.intent = DoneMsg{Quit: true}
			return nil
		}
	}
	var cmd tea.Cmd
	e.area, cmd = e.area.Update(msg)
	return cmd
}

// Intent returns the editor's intent since the last call, or nil.
func (e *Editor) Intent() tea.Msg { in := e.intent; e.intent = nil; return in }

// View is the textarea and a hint line.
func (e Editor) View() string {
	hint := "esc or ctrl+s saves and closes · an empty note removes it · Markdown is kept as typed, for the export"
	if e.target.Node == "" {
		hint = "esc or ctrl+s saves and closes · the quoted text is stored with the note"
	}
	return e.area.View() + "\n\n" + e.styles.Faint.Render(hint)
}
