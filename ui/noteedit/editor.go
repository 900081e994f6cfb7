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

// One rule for the note editor and the tag input: closing keeps what was
// typed. esc (and ctrl+s, enter in the tag input) saves and closes, as
// closing a note does in note apps and as esc never throws text away in
// vim; ctrl+c saves and quits. Throwing a draft away is its own key,
// ctrl+g (abort, as in fzf and emacs), and asks first when something was
// changed: a second ctrl+g or y discards, any other key goes on editing.
// So nothing typed is lost unless the reader chose it.

// EditorKeyMap are the editor's bindings; every other key is typed.
type EditorKeyMap struct {
	Save, SaveQuit, Discard, Yes key.Binding
}

// DefaultEditorKeyMap saves with esc or ctrl+s, saves then quits with
// ctrl+c, and discards with ctrl+g.
func DefaultEditorKeyMap() EditorKeyMap {
	return EditorKeyMap{
		Save:     key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "save and close")),
		SaveQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit")),
		Discard:  discardKey(),
		Yes:      yesKey(),
	}
}

func discardKey() key.Binding {
	return key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "discard changes"))
}

func yesKey() key.Binding {
	return key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, discard"))
}

// discardQuestion is the hint line while a discard waits for its answer.
func discardQuestion(discard, yes key.Binding) string {
	return "discard your changes? " + discard.Help().Key + "/" + yes.Help().Key + ": yes · other key: no"
}

// hint is a key and what it does, for a hint line: the key as the key
// map's help spells it, so that remapping a key changes the hint.
func hint(b key.Binding, does string) string { return b.Help().Key + " " + does }

// ShortHelp implements help.KeyMap.
func (k EditorKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Discard, k.SaveQuit} }

// FullHelp implements help.KeyMap.
func (k EditorKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Target is what a note is about: a node, or a passage of the article.
type Target struct {
	Node    string      // node id; empty for a passage
	Quote   notes.Quote // the passage
	Passage string      // id of the reader's note on the passage, if any
}

// DoneMsg is the editor's intent to close, saving what changed; Quit asks
// to quit after the save, Discard to close without saving.
type DoneMsg struct{ Quit, Discard bool }

// Editor is the note editor: a textarea over a Target.
type Editor struct {
	KeyMap  EditorKeyMap
	styles  *theme.Styles
	area    textarea.Model
	target  Target
	title   string
	initial string  // the text when it opened
	intent  tea.Msg // DoneMsg, read by the root with Intent
	asking  bool    // a discard waits for its answer
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
	e.target, e.title, e.asking = t, title, false
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

// Update types keys and pastes; the save and discard keys record a
// DoneMsg intent.
func (e *Editor) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if e.asking {
			e.asking = false
			if key.Matches(k, e.KeyMap.Discard, e.KeyMap.Yes) {
				e.intent = DoneMsg{Discard: true}
			}
			return nil // any other key answers no, and is not typed
		}
		switch {
		case key.Matches(k, e.KeyMap.Discard):
			if e.area.Value() == e.initial {
				e.intent = DoneMsg{Discard: true}
			} else {
				e.asking = true
			}
			return nil
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
	if e.asking {
		return e.area.View() + "\n\n" + e.styles.Error.Render(discardQuestion(e.KeyMap.Discard, e.KeyMap.Yes))
	}
	line := hint(e.KeyMap.Save, "saves") + " · " + hint(e.KeyMap.Discard, "discards") + " · Markdown · empty removes it"
	if e.target.Node == "" {
		line = hint(e.KeyMap.Save, "saves") + " · " + hint(e.KeyMap.Discard, "discards") + " · the quote is kept with it"
	}
	return e.area.View() + "\n\n" + e.styles.Faint.Render(line)
}
