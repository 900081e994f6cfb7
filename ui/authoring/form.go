package authoring

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/crux-news/crux/model"
)

// Form is a huh form on the stack: a node, a link, a tour step or a tour.
// When the form is completed its intent is what submit makes of the
// values; esc cancels it.
type Form struct {
	Title  string
	form   *huh.Form
	submit func() tea.Msg
	intent tea.Msg
	// After enter or tab, huh moves to the next field with a message of its
	// own; keys typed before it arrives would land in the old field, so
	// they are held (measured: a pasted or quickly typed next answer lost
	// its first letters to the previous field) and replayed after it.
	hold   bool
	heldAt huh.Field // the field focused when holding began
	held   []tea.Msg
}

// formKeys are huh's keys with esc to cancel the form.
func formKeys() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	return k
}

func newForm(title string, f *huh.Form, submit func() tea.Msg, dark bool) Form {
	f = f.WithKeyMap(formKeys()).WithShowHelp(true).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	if !dark {
		f = f.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return huh.ThemeCharm(false) }))
	}
	return Form{Title: title, form: f, submit: submit}
}

// Init starts the form (its first field's cursor).
func (f Form) Init() tea.Cmd {
	if f.form == nil {
		return nil
	}
	return f.form.Init()
}

// Open reports whether there is a form.
func (f Form) Open() bool { return f.form != nil }

// Intent returns what the last Update asked of the root, and forgets it.
func (f *Form) Intent() tea.Msg { in := f.intent; f.intent = nil; return in }

// SetSize gives the form the main area's size.
func (f *Form) SetSize(w, h int) {
	if f.form != nil {
		f.form = f.form.WithWidth(max(w, 20)).WithHeight(max(h, 5))
	}
}

// Update gives the form a message: keys, pastes and huh's own messages.
func (f Form) Update(msg tea.Msg) (Form, tea.Cmd) {
	if f.form == nil {
		return f, nil
	}
	_, isKey := msg.(tea.KeyPressMsg)
	_, isPaste := msg.(tea.PasteMsg)
	if f.hold && (isKey || isPaste) {
		f.held = append(f.held, msg)
		return f, nil
	}
	f, cmd := f.update(msg)
	if k, ok := msg.(tea.KeyPressMsg); ok && cmd != nil && f.form != nil && moves(k) && len(f.form.Errors()) == 0 {
		f.hold, f.heldAt = true, f.form.GetFocusedField()
	}
	if !isKey && !isPaste && f.hold && (f.form == nil || f.form.GetFocusedField() != f.heldAt) {
		// huh's own message: the field has moved; replay what was typed.
		f.hold = false
		held := f.held
		f.held = nil
		cmds := []tea.Cmd{cmd}
		for i, h := range held {
			var c tea.Cmd
			f, c = f.Update(h)
			cmds = append(cmds, c)
			if f.hold { // moved again: hold the rest
				f.held = append(f.held, held[i+1:]...)
				break
			}
		}
		return f, tea.Batch(cmds...)
	}
	return f, cmd
}

// moves reports whether a key moves to another field.
func moves(k tea.KeyPressMsg) bool {
	s := k.String()
	return s == "enter" || s == "tab" || s == "shift+tab"
}

func (f Form) update(msg tea.Msg) (Form, tea.Cmd) {
	m, cmd := f.form.Update(msg)
	if hf, ok := m.(*huh.Form); ok {
		f.form = hf
	}
	switch f.form.State {
	case huh.StateCompleted:
		f.intent, f.form = f.submit(), nil
		return f, nil
	case huh.StateAborted:
		f.intent, f.form = CancelMsg{}, nil
		return f, nil
	}
	return f, cmd
}

// View draws the form.
func (f Form) View() string {
	if f.form == nil {
		return ""
	}
	return f.form.View()
}

// KeyMap is huh's bindings of the focused field, for the help.
func (f Form) KeyMap() [][]key.Binding {
	if f.form == nil {
		return nil
	}
	return [][]key.Binding{f.form.KeyBinds()}
}

// NodeValues are a node form's fields.
type NodeValues struct {
	Kind, ID, Summary, Text, Speaker string
	Label, Explanation               string
	Tags                             string // comma-separated
	Sources                          []string
	AddSource                        bool
	Source                           model.Source
}

// NodeDoneMsg is the intent to add a node (Edit == "") or change node Edit.
// Anchor is the passage selected for a new node, if any.
type NodeDoneMsg struct {
	Edit   string
	Anchor *model.Anchor
	V      NodeValues
}

// Node makes the result a model.Node (without anchors or id for a new one).
func (v NodeValues) Node() model.Node {
	n := model.Node{ID: strings.TrimSpace(v.ID), Kind: model.Kind(v.Kind), Summary: strings.TrimSpace(v.Summary),
		Text: strings.TrimSpace(v.Text), Speaker: strings.TrimSpace(v.Speaker), Sources: slices.Clone(v.Sources)}
	for t := range strings.SplitSeq(v.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(n.Tags, t) {
			n.Tags = append(n.Tags, t)
		}
	}
	if n.Kind == model.KindClaim && strings.TrimSpace(v.Label) != "" {
		n.Rating = &model.Rating{Label: strings.TrimSpace(v.Label), Explanation: strings.TrimSpace(v.Explanation)}
	}
	return n
}

// ValuesOf fills a form's values from a node.
func ValuesOf(n *model.Node) NodeValues {
	v := NodeValues{Kind: string(n.Kind), ID: n.ID, Summary: n.Summary, Text: n.Text, Speaker: n.Speaker,
		Tags: strings.Join(n.Tags, ", "), Sources: slices.Clone(n.Sources)}
	if n.Rating != nil {
		v.Label, v.Explanation = n.Rating.Label, n.Rating.Explanation
	}
	return v
}

func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s is required", what)
		}
		return nil
	}
}

// ratingLabels are offered as suggestions; any label is allowed.
var ratingLabels = []string{"True", "Mostly true", "Mixed", "Misleading", "Unverified", "Mostly false", "False"}

// NodeForm is the form for a new node (edit == nil) or for changing one.
// quote is the selected passage shown at the top, sources the set's sources.
func NodeForm(edit *model.Node, anchor *model.Anchor, quote string, sources []model.Source, dark bool) Form {
	v := &NodeValues{Kind: string(model.KindClaim)}
	title := "New node"
	if edit != nil {
		*v = ValuesOf(edit)
		title = "Edit " + edit.ID
	}
	var head []huh.Field
	if quote != "" {
		head = append(head, huh.NewNote().Title("Passage").Description("“"+quote+"”"))
	}
	if edit == nil {
		head = append(head, huh.NewSelect[string]().Title("Kind").Value(&v.Kind).Options(
			huh.NewOption("claim", string(model.KindClaim)),
			huh.NewOption("skeptic position", string(model.KindSkeptic)),
			huh.NewOption("counterpoint", string(model.KindCounterpoint))))
	} else {
		head = append(head, huh.NewInput().Title("Id").Description("a new id renames the node; the old one is kept in formerIds").
			Value(&v.ID).Validate(required("an id")))
	}
	head = append(head,
		huh.NewInput().Title("Summary").Description("one line, in your words").Value(&v.Summary).Validate(required("a summary")),
		huh.NewText().Title("Text").Description("Markdown; alt+enter or ctrl+j for a new line").Value(&v.Text).Lines(3),
		huh.NewInput().Title("Speaker").Description("who says it (optional)").Value(&v.Speaker))
	srcOpts := make([]huh.Option[string], 0, len(sources))
	for _, s := range sources {
		srcOpts = append(srcOpts, huh.NewOption(s.Title+" ("+s.ID+")", s.ID).Selected(slices.Contains(v.Sources, s.ID)))
	}
	isClaim := func() bool { return v.Kind == string(model.KindClaim) }
	groups := []*huh.Group{
		huh.NewGroup(head...),
		huh.NewGroup(
			huh.NewInput().Title("Rating").Description("e.g. "+strings.Join(ratingLabels, ", ")).Value(&v.Label).Suggestions(ratingLabels),
			huh.NewText().Title("Why this rating").Value(&v.Explanation).Lines(2),
		).WithHideFunc(func() bool { return !isClaim() }),
	}
	tagFields := []huh.Field{huh.NewInput().Title("Tags").Description("comma-separated").Value(&v.Tags)}
	if len(srcOpts) > 0 {
		tagFields = append(tagFields, huh.NewMultiSelect[string]().Title("Sources").Description("x to pick").Options(srcOpts...).Value(&v.Sources))
	}
	tagFields = append(tagFields, huh.NewConfirm().Title("Add a new source?").Value(&v.AddSource))
	groups = append(groups, huh.NewGroup(tagFields...),
		huh.NewGroup(
			huh.NewInput().Title("Source title").Value(&v.Source.Title).Validate(func(s string) error {
				if v.AddSource {
					return required("a title")(s)
				}
				return nil
			}),
			huh.NewInput().Title("Publisher").Value(&v.Source.Publisher),
			huh.NewInput().Title("URL").Value(&v.Source.URL).Validate(checkURL),
			huh.NewInput().Title("Published").Description("YYYY-MM-DD").Value(&v.Source.Published).Validate(checkDate),
		).WithHideFunc(func() bool { return !v.AddSource }))
	id := ""
	if edit != nil {
		id = edit.ID
	}
	return newForm(title, huh.NewForm(groups...), func() tea.Msg { return NodeDoneMsg{Edit: id, Anchor: anchor, V: *v} }, dark)
}

func checkURL(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("an http(s) address, e.g. https://example.org/story")
	}
	return nil
}

func checkDate(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errors.New("a date as YYYY-MM-DD")
	}
	return nil
}

// LinkDoneMsg is the intent to add a link.
type LinkDoneMsg struct{ Link model.Link }

// LinkForm asks how from relates to to, and why.
func LinkForm(from, to string, dark bool) Form {
	l := &model.Link{From: from, To: to, Type: model.Attacks}
	f := huh.NewForm(huh.NewGroup(
		huh.NewSelect[model.LinkType]().Title(from+" … "+to).Value(&l.Type).Options(
			huh.NewOption("attacks", model.Attacks), huh.NewOption("supports", model.Supports)),
		huh.NewInput().Title("Note").Description("why (optional)").Value(&l.Note)))
	return newForm("Link", f, func() tea.Msg { l.Note = strings.TrimSpace(l.Note); return LinkDoneMsg{*l} }, dark)
}

// StepDoneMsg is the intent to set a tour step's title and speaker notes.
type StepDoneMsg struct {
	Tour         string
	Step         int
	Title, Notes string
}

// StepForm edits step i of tour.
func StepForm(tour string, i int, st model.TourStep, dark bool) Form {
	v := st
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Step title").Value(&v.Title),
		huh.NewText().Title("Speaker notes").Description("Markdown; alt+enter or ctrl+j for a new line").Value(&v.Notes).Lines(4)))
	return newForm(fmt.Sprintf("Step %d of %s", i+1, tour), f, func() tea.Msg {
		return StepDoneMsg{Tour: tour, Step: i, Title: strings.TrimSpace(v.Title), Notes: strings.TrimSpace(v.Notes)}
	}, dark)
}

// TourDoneMsg is the intent to start a tour.
type TourDoneMsg struct{ ID, Title string }

// TourForm asks for a new tour's id and title.
func TourForm(dark bool) Form {
	v := &TourDoneMsg{}
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Tour title").Value(&v.Title).Validate(required("a title")),
		huh.NewInput().Title("Id").Description("empty: made from the title").Value(&v.ID)))
	return newForm("New tour", f, func() tea.Msg { return *v }, dark)
}
