package authoring

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// GoToMsg is the intent to show a node.
type GoToMsg struct{ Node string }

// UnlinkMsg is the intent to remove the links from one node to another
// (a finding's dangling or conflicting link).
type UnlinkMsg struct{ From, To string }

// Confirm asks a yes or no question; yes is the intent on yes.
type Confirm struct {
	KeyMap   ListKeyMap
	Title    string // the box's title
	Question string
	yes      tea.Msg
	intent   tea.Msg
}

// NewConfirm asks question; yes is the intent when the answer is yes.
func NewConfirm(question string, yes tea.Msg) Confirm {
	return Confirm{KeyMap: DefaultListKeyMap(), Title: "Delete?", Question: question, yes: yes}
}

// QuitMsg is the intent to quit crux edit, after confirming.
type QuitMsg struct{}

// QuitConfirm asks before quitting a session whose last change is kept
// but not written, because errors stop it.
func QuitConfirm(s Snapshot) Confirm {
	n, verb := s.Findings.Errors(), "keep"
	if n == 1 {
		verb = "keeps"
	}
	c := NewConfirm(fmt.Sprintf("Quit? The last changes are kept in this session but not saved: %s %s them from being written (esc, then F shows them). Quitting loses them.",
		Plural(n, "error"), verb), QuitMsg{})
	c.Title = "Quit?"
	return c
}

// FormQuitConfirm asks before ctrl+c quits with a form whose values the
// user changed: they are not in the session until the form is done. No
// goes back to the form as it was.
func FormQuitConfirm(s Snapshot) Confirm {
	q := "Quit? What you typed in this form is not saved yet; quitting loses it. n or esc goes back to the form."
	if s.Unsaved {
		q += " " + strings.TrimPrefix(QuitConfirm(s).Question, "Quit? ")
	}
	c := NewConfirm(q, QuitMsg{})
	c.Title = "Quit?"
	return c
}

// Intent returns what the last Update asked of the root, and forgets it.
func (c *Confirm) Intent() tea.Msg { in := c.intent; c.intent = nil; return in }

// Update takes y or n.
func (c Confirm) Update(msg tea.Msg) (Confirm, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, c.KeyMap.Yes):
			c.intent = c.yes
		case key.Matches(k, c.KeyMap.No):
			c.intent = CancelMsg{}
		}
	}
	return c, nil
}

// View is the question and the keys.
func (c Confirm) View(width int) string {
	return ansi.Wrap(c.Question, max(width, 1), " ") + "\n\ny: yes   n/esc: no"
}

// DeleteMsg is the intent to delete a node, after confirming.
type DeleteMsg struct{ Node string }

// DeleteQuestion says what a delete takes with it.
func DeleteQuestion(f *model.File, id string) string {
	links, steps := 0, 0
	for _, l := range f.Links {
		if l.From == id || l.To == id {
			links++
		}
	}
	for _, t := range f.Tours {
		for _, s := range t.Steps {
			if s.Node == id {
				steps++
			}
		}
	}
	return fmt.Sprintf("Delete %s? Its %s and %s go with it (undo with u). Students' notes on it are kept, shown as orphans.",
		id, Plural(links, "link"), Plural(steps, "tour step"))
}

// Cursor marks the line under the cursor in the panels, as in the app's
// lists.
const Cursor = "▸ "

// Plural is n and the word, in the plural unless n is 1.
func Plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}

// Findings lists the validator's findings, each with the node it concerns.
type Findings struct {
	KeyMap        ListKeyMap
	styles        *theme.Styles
	snap          Snapshot
	cursor        int
	width, height int
	intent        tea.Msg
}

// NewFindings makes the findings panel.
func NewFindings(st *theme.Styles) Findings {
	return Findings{KeyMap: DefaultListKeyMap(), styles: st}
}

// SetFindings shows the findings of a snapshot (or of a failed reload,
// with nodes "").
func (f *Findings) SetFindings(s Snapshot) {
	f.snap = s
	f.cursor = min(f.cursor, max(len(s.Findings)-1, 0))
}

// SetStyles changes the theme.
func (f *Findings) SetStyles(st *theme.Styles) { f.styles = st }

// SetSize sets the panel's size.
func (f *Findings) SetSize(w, h int) { f.width, f.height = w, h }

// Intent returns what the last Update asked of the root, and forgets it.
func (f *Findings) Intent() tea.Msg { in := f.intent; f.intent = nil; return in }

// Update moves the cursor; enter goes to the finding's node.
func (f Findings) Update(msg tea.Msg) (Findings, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return f, nil
	}
	n := len(f.snap.Findings)
	switch {
	case key.Matches(k, f.KeyMap.Down):
		f.cursor = min(f.cursor+1, max(n-1, 0))
	case key.Matches(k, f.KeyMap.Up):
		f.cursor = max(f.cursor-1, 0)
	case key.Matches(k, f.KeyMap.Open):
		if f.cursor < len(f.snap.NodeOf) && f.snap.NodeOf[f.cursor] != "" {
			f.intent = GoToMsg{f.snap.NodeOf[f.cursor]}
		}
	case key.Matches(k, f.KeyMap.Unlink):
		if l, ok := f.link(); ok {
			f.intent = UnlinkMsg{From: l.From, To: l.To}
		}
	case key.Matches(k, f.KeyMap.Close):
		f.intent = CancelMsg{}
	}
	return f, nil
}

// link is the link the finding under the cursor is about, when the panel
// has the session's claims (crux edit) and the finding points into a link.
func (f Findings) link() (model.Link, bool) {
	fs, file := f.snap.Findings, f.snap.File
	if file == nil || f.cursor >= len(fs) {
		return model.Link{}, false
	}
	var i int
	if _, err := fmt.Sscanf(fs[f.cursor].Pointer, "/links/%d", &i); err != nil || i < 0 || i >= len(file.Links) {
		return model.Link{}, false
	}
	return file.Links[i], true
}

// View lists the findings, errors first as the validator sorts them.
func (f Findings) View() string {
	fs := f.snap.Findings
	if len(fs) == 0 {
		return "No findings: the claims are valid and saved.\n\nesc closes."
	}
	var b strings.Builder
	keys := "enter goes to the node, esc closes"
	if _, ok := f.link(); ok {
		keys = "enter goes to the node, x removes this link, esc closes"
	}
	fmt.Fprintf(&b, "%s, %s. %s.\n\n", Plural(fs.Errors(), "error"), Plural(len(fs)-fs.Errors(), "warning"), keys)
	top := max(0, f.cursor-(f.height-4)/2)
	w := max(f.width-2, 1)
	for i, rows := top, 0; i < len(fs) && rows < max(f.height-2, 1); i++ {
		x := fs[i]
		node := ""
		if i < len(f.snap.NodeOf) && f.snap.NodeOf[i] != "" {
			node = "[" + f.snap.NodeOf[i] + "] "
		}
		line := fmt.Sprintf("%s %s:%d:%d %s%s", x.Severity, filepath.Base(x.Path), x.Line, x.Col, node, x.Message)
		if i != f.cursor {
			b.WriteString("  " + ansi.Truncate(line, w, "…") + "\n")
			rows++
			continue
		}
		// The finding under the cursor is shown whole: its message says
		// what to fix (the closest passage to a lost quote).
		for j, l := range strings.Split(ansi.Wrap(line, w, " "), "\n") {
			if j == 0 {
				l = f.styles.Cursor.Render(Cursor + l)
			} else {
				l = "  " + l
			}
			b.WriteString(l + "\n")
			rows++
		}
	}
	return b.String()
}
