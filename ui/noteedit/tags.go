package noteedit

import (
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/theme"
)

// TagsKeyMap are the tag input's bindings; every other key is typed.
type TagsKeyMap struct {
	Accept, SaveQuit, Discard, Yes key.Binding
}

// DefaultTagsKeyMap is the note editor's rule: enter or esc saves and
// closes, ctrl+c saves and quits, ctrl+g discards (asking when changed).
func DefaultTagsKeyMap() TagsKeyMap {
	return TagsKeyMap{
		Accept:   key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "save and close")),
		SaveQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save and quit")),
		Discard:  discardKey(),
		Yes:      yesKey(),
	}
}

// ShortHelp implements help.KeyMap.
func (k TagsKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Accept, k.Discard, k.SaveQuit} }

// FullHelp implements help.KeyMap.
func (k TagsKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// TagsDoneMsg is the tag input's intent to close; Save keeps what was
// typed, Quit quits after.
type TagsDoneMsg struct{ Save, Quit bool }

// Tags is the tag input of a node.
type Tags struct {
	KeyMap TagsKeyMap
	styles *theme.Styles
	input  textinput.Model
	node   string
	title  string
	intent tea.Msg // TagsDoneMsg, read by the root with Intent
	first  string  // the tags when it opened
	asking bool    // a discard waits for its answer
}

// NewTags makes the tag input.
func NewTags(st *theme.Styles) Tags {
	tg := textinput.New()
	tg.Prompt = "tags: "
	tg.Placeholder = "space separated, e.g. cost evidence-needed"
	tis := textinput.DefaultStyles(st.IsDark)
	tis.Cursor.Blink = false
	tg.SetStyles(tis)
	return Tags{KeyMap: DefaultTagsKeyMap(), styles: st, input: tg}
}

// SetStyles changes the theme.
func (t *Tags) SetStyles(st *theme.Styles) { t.styles = st }

// Open edits the tags of node, shown as current (space separated).
func (t *Tags) Open(node, title, current string) tea.Cmd {
	t.node, t.title, t.asking = node, title, false
	t.input.SetValue(current)
	t.first = t.input.Value()
	t.input.CursorEnd()
	return t.Focus()
}

// Close stops editing and returns the node and the tags typed.
func (t *Tags) Close() (node string, tags []string) {
	t.Blur()
	return t.node, ParseTags(t.input.Value())
}

// Title is the overlay's title.
func (t Tags) Title() string { return t.title }

// SetSize gives the input its box.
func (t *Tags) SetSize(w, _ int) { t.input.SetWidth(max(w-8, 1)) }

// Focus focuses the input.
func (t *Tags) Focus() tea.Cmd { return t.input.Focus() }

// Blur blurs it.
func (t *Tags) Blur() { t.input.Blur() }

// Update types keys and pastes; enter, esc, ctrl+c and ctrl+g record an
// intent.
func (t *Tags) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if t.asking {
			t.asking = false
			if key.Matches(k, t.KeyMap.Discard, t.KeyMap.Yes) {
				t.intent = TagsDoneMsg{}
			}
			return nil // any other key answers no, and is not typed
		}
		switch {
		case key.Matches(k, t.KeyMap.Accept):
			t.intent = TagsDoneMsg{Save: true}
			return nil
		case key.Matches(k, t.KeyMap.Discard):
			if t.input.Value() == t.first {
				t.intent = TagsDoneMsg{}
			} else {
				t.asking = true
			}
			return nil
		case key.Matches(k, t.KeyMap.SaveQuit):
			t.intent = TagsDoneMsg{Save: true, Quit: true}
			return nil
		}
	}
	var cmd tea.Cmd
	t.input, cmd = t.input.Update(msg)
	return cmd
}

// Intent returns the input's intent since the last call, or nil.
func (t *Tags) Intent() tea.Msg { in := t.intent; t.intent = nil; return in }

// View is the input and a hint line.
func (t Tags) View() string {
	if t.asking {
		return t.input.View() + "\n\n" + t.styles.Error.Render(discardQuestion(t.KeyMap.Discard, t.KeyMap.Yes))
	}
	line := hint(t.KeyMap.Accept, "saves") + " · " + hint(t.KeyMap.Discard, "discards") + " · delete a word to untag"
	return t.input.View() + "\n\n" + t.styles.Faint.Render(line)
}

// ParseTags splits what the reader typed into tags: words separated by
// spaces or commas, each without the leading # the screen shows.
func ParseTags(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if t := strings.TrimLeft(f, "#"); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// Diff is what turns the tags old into want: the tags to add and to remove.
func Diff(old, want []string) (add, remove []string) {
	for _, t := range want {
		if !slices.Contains(old, t) && !slices.Contains(add, t) {
			add = append(add, t)
		}
	}
	for _, t := range old {
		if !slices.Contains(want, t) {
			remove = append(remove, t)
		}
	}
	return add, remove
}
