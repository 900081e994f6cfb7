package authoring

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/theme"
)

// StepOpMsg is the intent to change tour Tour: add node Node after step
// After (-1: first), move step From to To, remove step Remove, or edit step
// Edit (with a form). Unused fields are -1.
type StepOpMsg struct {
	Tour            string
	Node            string
	After, From, To int
	Remove, Edit    int
	NewTour         bool
}

// Tours is the tours panel: the steps of one tour, to add the selected node
// after a step, reorder, edit or remove steps, or start a tour.
type Tours struct {
	KeyMap        ListKeyMap
	styles        *theme.Styles
	file          *model.File
	tour, cursor  int
	node          string // the selected node, which a adds
	width, height int
	intent        tea.Msg
}

// NewTours makes the tours panel.
func NewTours(st *theme.Styles) Tours { return Tours{KeyMap: DefaultListKeyMap(), styles: st} }

// SetStyles changes the theme.
func (t *Tours) SetStyles(st *theme.Styles) { t.styles = st }

// SetSize sets the panel's size.
func (t *Tours) SetSize(w, h int) { t.width, t.height = w, h }

// SetFile shows the tours of f; node is the node a adds.
func (t *Tours) SetFile(f *model.File, node string) {
	t.file, t.node = f, node
	if t.tour >= len(f.Tours) {
		t.tour = 0
	}
	t.cursor = min(t.cursor, max(len(t.steps())-1, 0))
}

// Focus puts the cursor on the step showing node, if the tour has one.
func (t *Tours) Focus(node string) {
	for i, s := range t.steps() {
		if s.Node == node {
			t.cursor = i
		}
	}
}

func (t Tours) steps() []model.TourStep {
	if t.file == nil || t.tour >= len(t.file.Tours) {
		return nil
	}
	return t.file.Tours[t.tour].Steps
}

// Intent returns what the last Update asked of the root, and forgets it.
func (t *Tours) Intent() tea.Msg { in := t.intent; t.intent = nil; return in }

// Update takes the panel's keys.
func (t Tours) Update(msg tea.Msg) (Tours, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return t, nil
	}
	km, n := t.KeyMap, len(t.steps())
	op := func() StepOpMsg {
		return StepOpMsg{Tour: t.file.Tours[t.tour].ID, After: -2, From: -1, To: -1, Remove: -1, Edit: -1}
	}
	hasTour := t.file != nil && t.tour < len(t.file.Tours)
	switch {
	case key.Matches(k, km.Close):
		t.intent = CancelMsg{}
	case key.Matches(k, km.NewTour):
		t.intent = StepOpMsg{NewTour: true, After: -2, From: -1, To: -1, Remove: -1, Edit: -1}
	case !hasTour && key.Matches(k, km.AddStep) && t.node != "":
		// The first step of the first tour: start the tour with it.
		t.intent = StepOpMsg{NewTour: true, Node: t.node, After: -2, From: -1, To: -1, Remove: -1, Edit: -1}
	case !hasTour:
	case key.Matches(k, km.Down):
		t.cursor = min(t.cursor+1, max(n-1, 0))
	case key.Matches(k, km.Up):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(k, km.NextTour):
		t.tour, t.cursor = (t.tour+1)%len(t.file.Tours), 0
	case key.Matches(k, km.Open):
		if n > 0 {
			t.intent = GoToMsg{t.steps()[t.cursor].Node}
		}
	case key.Matches(k, km.AddStep):
		if t.node != "" {
			o := op()
			o.Node, o.After = t.node, t.cursor
			if n == 0 {
				o.After = -1
			}
			t.intent = o
			t.cursor = min(t.cursor+1, n)
		}
	case key.Matches(k, km.MoveDown, km.MoveUp):
		d := 1
		if key.Matches(k, km.MoveUp) {
			d = -1
		}
		if to := t.cursor + d; n > 0 && to >= 0 && to < n {
			o := op()
			o.From, o.To = t.cursor, to
			t.intent, t.cursor = o, to
		}
	case key.Matches(k, km.RemoveStep):
		if n > 0 {
			o := op()
			o.Remove = t.cursor
			t.intent = o
		}
	case key.Matches(k, km.EditStep):
		if n > 0 {
			o := op()
			o.Edit = t.cursor
			t.intent = o
		}
	}
	return t, nil
}

// ShortHelp is the panel's keys in short words, most useful first, for
// its hint line and the status line: bubbles' help drops from the end
// what does not fit, with its "…".
func (t Tours) ShortHelp() []key.Binding {
	k := t.KeyMap
	if t.file == nil || len(t.file.Tours) == 0 {
		return []key.Binding{short(k.AddStep, "start a tour here"), short(k.NewTour, "new tour"), k.Close}
	}
	move := key.NewBinding(key.WithKeys(append(k.MoveDown.Keys(), k.MoveUp.Keys()...)...),
		key.WithHelp(k.MoveDown.Help().Key+"/"+k.MoveUp.Help().Key, "move"))
	bs := []key.Binding{short(k.AddStep, "add step"), move, short(k.EditStep, "edit"), short(k.RemoveStep, "remove"),
		short(k.Open, "go"), k.Close, short(k.NewTour, "new tour")}
	if len(t.file.Tours) > 1 {
		bs = slices.Insert(bs, 2, k.NextTour)
	}
	return bs
}

// hint is the hint line of ShortHelp, at most w cells.
func (t Tours) hint(w int) string {
	h := help.New()
	h.ShortSeparator = " · "
	if t.styles != nil {
		h.Styles = help.Styles{ShortKey: t.styles.Bold, ShortDesc: t.styles.Muted, ShortSeparator: t.styles.Faint, Ellipsis: t.styles.Faint}
	}
	return cell.Hints(h, t.ShortHelp(), w)
}

// View lists the tour's steps with the cursor, under the tour's name (and
// the node a adds) and the hint line.
func (t Tours) View() string {
	w := max(t.width-2, 1)
	if t.file == nil || len(t.file.Tours) == 0 {
		return ansi.Wrap("There is no tour yet. a starts one at the selected node, n starts an empty one. esc closes.", w, " ")
	}
	tr := t.file.Tours[t.tour]
	var b strings.Builder
	head := fmt.Sprintf("%s (%s), tour %d of %d, %s.", tr.Title, tr.ID, t.tour+1, len(t.file.Tours), Plural(len(tr.Steps), "step"))
	if t.node != "" {
		head += " " + t.KeyMap.AddStep.Help().Key + " adds " + t.node + " after the cursor."
	}
	head = ansi.Wrap(head, w, " ")
	b.WriteString(head + "\n" + t.hint(w) + "\n\n")
	if len(tr.Steps) == 0 {
		b.WriteString("No steps yet.")
	}
	rows := max(t.height-strings.Count(head, "\n")-4, 1)
	top := max(0, t.cursor-(rows-1)/2)
	for i := top; i < len(tr.Steps) && i-top < rows; i++ {
		s := tr.Steps[i]
		title := s.Title
		if title == "" {
			title = "(no title)"
		}
		notes := ""
		if s.Notes != "" {
			notes = " ✎"
		}
		line := ansi.Truncate(fmt.Sprintf("%2d. %s — %s%s", i+1, title, s.Node, notes), w, "…")
		if i == t.cursor {
			line = t.styles.Cursor.Render(Cursor + line)
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
