package authoring

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
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
//
// esc follows the note editor's rule (nothing typed is lost unless the
// user chose it): an untouched form closes at once; a form with changes
// asks first, and y discards while any other key goes on editing. A form
// cannot keep a draft the way a note does, because half a node is not a
// valid change to the claims.
type Form struct {
	Title   string
	KeyMap  FormKeyMap
	form    *huh.Form
	submit  func() tea.Msg
	changed func() bool // whether a value differs from the form's start
	asking  bool        // esc on a changed form: discard?
	back    *bool       // going back: validators let the field go
	intent  tea.Msg
	// After enter or tab, huh moves to the next field with a message of its
	// own; keys typed before it arrives would land in the old field, so
	// they are held (measured: a pasted or quickly typed next answer lost
	// its first letters to the previous field) and replayed after it.
	hold   bool
	heldAt huh.Field // the field focused when holding began
	held   []tea.Msg
}

// FormKeyMap are the form's own keys over huh's: closing it, and the
// answer to "discard?".
type FormKeyMap struct {
	Cancel, Discard key.Binding
}

// DefaultFormKeyMap closes with esc or ctrl+g (abort, as in the note
// editor) and discards with y.
func DefaultFormKeyMap() FormKeyMap {
	return FormKeyMap{
		Cancel:  key.NewBinding(key.WithKeys("esc", "ctrl+g"), key.WithHelp("esc", "cancel")),
		Discard: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes, discard")),
	}
}

// formKeys are huh's keys without its quit: the form's KeyMap closes it.
func formKeys() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithDisabled())
	return k
}

// newForm wraps a huh form; changed says whether the user changed a value,
// back is the flag the form's validators consult (see lenient).
func newForm(title string, f *huh.Form, submit func() tea.Msg, changed func() bool, back *bool, dark bool) Form {
	f = f.WithKeyMap(formKeys()).WithShowHelp(true).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	if !dark {
		f = f.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return huh.ThemeCharm(false) }))
	}
	if back == nil {
		back = new(bool)
	}
	return Form{Title: title, KeyMap: DefaultFormKeyMap(), form: f, submit: submit, changed: changed, back: back}
}

// lenient lets a field go while the user goes back (shift+tab): huh
// validates a field when it loses focus and refuses to go back to the
// previous page while the page has an error, leaving no field focused
// (huh v2.0.3 Form prevGroupMsg); going back is never a reason to insist.
func lenient(back *bool, check func(string) error) func(string) error {
	return func(s string) error {
		if *back {
			return nil
		}
		return check(s)
	}
}

// Changed reports whether the user changed a value of the open form.
func (f Form) Changed() bool { return f.form != nil && f.changed != nil && f.changed() }

// Asking reports whether the form waits for the answer to "discard?".
func (f Form) Asking() bool { return f.asking }

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
		// huh draws its footer (the help, or the field's error) below
		// the height it is given: one line is left for it, so the error
		// is never cut off.
		f.form = f.form.WithWidth(max(w, 20)).WithHeight(max(h-1, 5))
	}
}

// Update gives the form a message: keys, pastes and huh's own messages.
func (f Form) Update(msg tea.Msg) (Form, tea.Cmd) {
	if f.form == nil {
		return f, nil
	}
	k, isKey := msg.(tea.KeyPressMsg)
	_, isPaste := msg.(tea.PasteMsg)
	if f.hold && (isKey || isPaste) {
		f.held = append(f.held, msg)
		return f, nil
	}
	if isKey {
		if f.asking {
			f.asking = false
			if key.Matches(k, f.KeyMap.Discard, f.KeyMap.Cancel) {
				f.intent, f.form = CancelMsg{}, nil
			}
			return f, nil // any other key goes on editing
		}
		if key.Matches(k, f.KeyMap.Cancel) {
			if f.Changed() {
				f.asking = true
			} else {
				f.intent, f.form = CancelMsg{}, nil
			}
			return f, nil
		}
		*f.back = k.String() == "shift+tab"
	}
	f, cmd := f.update(msg)
	if isKey && cmd != nil && f.form != nil && moves(k) && (*f.back || len(f.form.Errors()) == 0) {
		f.hold, f.heldAt = true, f.form.GetFocusedField()
	}
	stuck := !isKey && !isPaste && f.hold && *f.back && f.form != nil &&
		f.form.GetFocusedField() == f.heldAt && len(f.form.Errors()) > 0
	if stuck {
		// huh refuses to go back to the previous page while this one
		// has an error, after blurring the field: the field gets the
		// focus back, so the keys are never held for good and the error
		// shows where it is fixed.
		cmd = tea.Batch(cmd, f.form.GetFocusedField().Focus())
	}
	if !isKey && !isPaste && f.hold && (stuck || f.form == nil || f.form.GetFocusedField() != f.heldAt) {
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
	}
	return f, cmd
}

// View draws the form, and the question when esc asks it.
func (f Form) View() string {
	if f.form == nil {
		return ""
	}
	if f.asking {
		return f.Question() + "\n\n" + f.form.View()
	}
	return f.form.View()
}

// Question is what esc asks on a form with changes.
func (f Form) Question() string {
	return "Discard this form? " + f.KeyMap.Discard.Help().Key + " or " + f.KeyMap.Cancel.Help().Key +
		": discard · any other key: go on editing"
}

// Keys are huh's bindings of the focused field and the form's own, for
// the help.
func (f Form) Keys() [][]key.Binding {
	if f.form == nil {
		return nil
	}
	if f.asking {
		return [][]key.Binding{{f.KeyMap.Discard}}
	}
	return [][]key.Binding{append(f.form.KeyBinds(), f.KeyMap.Cancel)}
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

// DefaultRatingLabels are suggested when the set being edited has no rated
// claim yet (docs/authoring.md); any label is allowed.
var DefaultRatingLabels = []string{"Supported", "Partly supported", "Disputed", "Unsupported", "Misleading", "Unverified"}

// RatingLabels are the labels the set already uses, most used first, else
// DefaultRatingLabels: a set keeps one scale.
func RatingLabels(f *model.File) []string {
	count := map[string]int{}
	var labels []string
	if f != nil {
		for _, n := range f.Nodes {
			if n == nil || n.Rating == nil || strings.TrimSpace(n.Rating.Label) == "" {
				continue
			}
			l := strings.TrimSpace(n.Rating.Label)
			if count[l] == 0 {
				labels = append(labels, l)
			}
			count[l]++
		}
	}
	if len(labels) == 0 {
		return DefaultRatingLabels
	}
	slices.SortStableFunc(labels, func(a, b string) int { return count[b] - count[a] })
	return labels
}

// NodeForm is the form for a new node (edit == nil) or for changing one.
// quote is the selected passage shown at the top (a new node without one
// starts as a skeptic position: a claim needs a passage), sources the
// set's sources, labels the rating labels to suggest (RatingLabels).
func NodeForm(edit *model.Node, anchor *model.Anchor, quote string, sources []model.Source, labels []string, dark bool) Form {
	v := &NodeValues{Kind: string(model.KindClaim)}
	if anchor == nil {
		v.Kind = string(model.KindSkeptic)
	}
	title := "New node"
	if edit != nil {
		*v = ValuesOf(edit)
		title = "Edit " + edit.ID
	}
	start := *v
	back := new(bool)
	var head []huh.Field
	if quote != "" {
		head = append(head, huh.NewNote().Title("Passage").Description("“"+quote+"”"))
	}
	if edit == nil {
		kind := huh.NewSelect[string]().Title("Kind").Value(&v.Kind).Options(
			huh.NewOption("claim", string(model.KindClaim)),
			huh.NewOption("skeptic position", string(model.KindSkeptic)),
			huh.NewOption("counterpoint", string(model.KindCounterpoint)))
		if anchor == nil {
			kind = kind.DescriptionFunc(func() string {
				if v.Kind == string(model.KindClaim) {
					return "a claim needs a passage before it can be saved: esc, then v selects one"
				}
				return "no passage: a claim needs one (v selects it)"
			}, &v.Kind)
		}
		head = append(head, kind)
	} else {
		head = append(head, huh.NewInput().Title("Id").Description("a new id renames the node; the old one is kept in formerIds").
			Value(&v.ID).Validate(lenient(back, required("an id"))))
	}
	head = append(head,
		huh.NewInput().Title("Summary").Description("one line, in your words").Value(&v.Summary).Validate(lenient(back, required("a summary"))),
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
			huh.NewInput().Title("Rating").Description("e.g. "+strings.Join(labels, ", ")).Value(&v.Label).Suggestions(labels),
			huh.NewText().Title("Why this rating").Value(&v.Explanation).Lines(2),
		).WithHideFunc(func() bool { return !isClaim() }),
	}
	tagFields := []huh.Field{huh.NewInput().Title("Tags").Description("comma-separated").Value(&v.Tags)}
	if len(srcOpts) > 0 {
		// The height is set: without one, huh v2.0.3 sizes the options'
		// viewport as their lines minus the title and description, which
		// hid every option of a set with one or two sources.
		tagFields = append(tagFields, huh.NewMultiSelect[string]().Title("Sources").Description("x picks, / filters").
			Options(srcOpts...).Value(&v.Sources).Height(2+min(len(srcOpts), 6)))
	}
	tagFields = append(tagFields, huh.NewConfirm().Title("Add a new source?").Value(&v.AddSource))
	groups = append(groups, huh.NewGroup(tagFields...),
		huh.NewGroup(
			huh.NewInput().Title("Source title").Description("required for a new source").Value(&v.Source.Title).Validate(lenient(back, func(s string) error {
				if v.AddSource {
					return required("a source title")(s)
				}
				return nil
			})),
			huh.NewInput().Title("Publisher").Value(&v.Source.Publisher),
			huh.NewInput().Title("URL").Description("an http(s) address (optional)").Value(&v.Source.URL).Validate(lenient(back, checkURL)),
			huh.NewInput().Title("Published").Description("a date YYYY-MM-DD (optional)").Value(&v.Source.Published).Validate(lenient(back, checkDate)),
		).WithHideFunc(func() bool { return !v.AddSource }))
	id := ""
	if edit != nil {
		id = edit.ID
	}
	changed := func() bool { return !reflect.DeepEqual(*v, start) }
	return newForm(title, huh.NewForm(groups...), func() tea.Msg { return NodeDoneMsg{Edit: id, Anchor: anchor, V: *v} }, changed, back, dark)
}

func checkURL(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("not an address: expected an http(s) URL with a host, e.g. https://example.org/story")
	}
	return nil
}

func checkDate(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return errors.New("not a date: expected YYYY-MM-DD, e.g. 2025-03-14")
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
	start := *l
	return newForm("Link", f, func() tea.Msg { l.Note = strings.TrimSpace(l.Note); return LinkDoneMsg{*l} },
		func() bool { return *l != start }, nil, dark)
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
	}, func() bool { return v != st }, nil, dark)
}

// TourDoneMsg is the intent to start a tour; Node, when set, is its first
// step (a in the tours panel before there was a tour).
type TourDoneMsg struct{ ID, Title, Node string }

// TourForm asks for a new tour's id and title; node becomes its first step.
func TourForm(node string, dark bool) Form {
	v := &TourDoneMsg{Node: node}
	title := "New tour"
	if node != "" {
		title = "New tour, starting at " + node
	}
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Tour title").Value(&v.Title).Validate(required("a title")),
		huh.NewInput().Title("Id").Description("empty: made from the title").Value(&v.ID)))
	return newForm(title, f, func() tea.Msg { return *v }, func() bool { return v.Title != "" || v.ID != "" }, nil, dark)
}
