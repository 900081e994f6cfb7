package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/authoring"
	"github.com/crux-news/crux/ui/finder"
)

// editKey handles the authoring keys over the panes. It reports whether it
// took the key.
func (m *Model) editKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.ed.keys
	if m.fm.Frozen() {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Findings):
		m.ed.finds.SetSize(m.width-boxChromeW, m.height-1-boxChromeH)
		m.stack.push(layerFindings)
		return nil, true
	case !m.ed.on:
		return nil, false
	case key.Matches(msg, m.keys.Quit) && m.ed.snap.Unsaved:
		m.ed.confirm = authoring.QuitConfirm(m.ed.snap)
		m.stack.push(layerConfirm)
		return nil, true
	case key.Matches(msg, k.Select):
		start, _, ok := m.article.ReadingPassage()
		if !ok {
			m.ed.status, m.ed.failed = "the article is still rendering", true
			return nil, true
		}
		m.ed.sel.Begin(start)
		m.showSelection()
		m.stack.push(layerSelect)
		return nil, true
	case key.Matches(msg, k.Create):
		return m.openForm(authoring.NodeForm(nil, nil, "", m.ed.snap.File.Sources, authoring.RatingLabels(m.ed.snap.File), m.styles.IsDark)), true
	case key.Matches(msg, k.Edit):
		if n := m.sessionNode(m.selected); n != nil {
			return m.openForm(authoring.NodeForm(n, nil, "", m.ed.snap.File.Sources, authoring.RatingLabels(m.ed.snap.File), m.styles.IsDark)), true
		}
		return m.noNode("edit"), true
	case key.Matches(msg, k.Delete):
		if n := m.sessionNode(m.selected); n != nil {
			m.ed.confirm = authoring.NewConfirm(authoring.DeleteQuestion(m.ed.snap.File, n.ID), authoring.DeleteMsg{Node: n.ID})
			m.stack.push(layerConfirm)
			return nil, true
		}
		return m.noNode("delete"), true
	case key.Matches(msg, k.Link):
		if m.sessionNode(m.selected) == nil {
			return m.noNode("link"), true
		}
		from := m.selected
		m.ed.linkFrom = from
		m.ed.status, m.ed.failed = "link "+from+" to: pick the other node (esc cancels)", false
		m.stack.push(layerFinder)
		m.layoutFinder()
		return m.finder.OpenPicker("Link "+from+" to", "type to find the other node: claim, skeptic position, counterpoint",
			func(it finder.Item) bool { return it.Node != nil && it.Node.ID != from }), true
	case key.Matches(msg, k.Tours):
		m.ed.tours.SetFile(m.ed.snap.File, m.selected)
		m.ed.tours.Focus(m.selected)
		m.ed.tours.SetSize(m.width-boxChromeW, m.height-1-boxChromeH)
		m.stack.push(layerTours)
		return nil, true
	case key.Matches(msg, k.Undo):
		return m.change(func(s *author.Session) (author.Result, error) { return s.Undo() }, ""), true
	case key.Matches(msg, k.Redo):
		return m.change(func(s *author.Session) (author.Result, error) { return s.Redo() }, ""), true
	}
	return nil, false
}

// noNode says that a key needs a selected node.
func (m *Model) noNode(verb string) tea.Cmd {
	m.ed.status, m.ed.failed = "no node to "+verb+": select one in a pane first (v or C makes one)", true
	return nil
}

// sessionNode is node id as it is in the session (which may hold a change
// not shown, when it has errors).
func (m *Model) sessionNode(id string) *model.Node {
	if m.ed.snap.File == nil {
		return nil
	}
	for _, n := range m.ed.snap.File.Nodes {
		if n != nil && (n.ID == id || slices.Contains(n.FormerIDs, id)) {
			return n
		}
	}
	return nil
}

// change queues a change to the session; focus is the node to show after.
func (m *Model) change(op authoring.Op, focus string) tea.Cmd {
	cmd := m.ed.ed.Do(op, focus)
	if cmd != nil {
		m.ed.status, m.ed.failed = "saving…", false
		m.ed.inFlight++
	}
	return cmd
}

func (m *Model) openForm(f authoring.Form) tea.Cmd {
	m.ed.form = f
	m.ed.form.SetSize(m.width-boxChromeW, m.height-1-boxChromeH)
	m.stack.push(layerForm)
	return m.ed.form.Init()
}

// showSelection puts the selection on the article.
func (m *Model) showSelection() {
	m.ed.sel.SetLayout(m.article.TextMap())
	s, e := m.ed.sel.Range()
	m.article.SetSelection(s, e)
	if line, _, ok := m.article.TextMap().Cell(max(e-1, s)); ok {
		if off := m.article.Offset(); line < off || line >= off+m.article.Height() {
			m.article.ScrollBy(line - off - m.article.Height()/2)
		}
	}
}

// editOverlayKey routes a key to an authoring layer.
func (m *Model) editOverlayKey(id layerID, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	var cmd tea.Cmd
	var in tea.Msg
	switch id {
	case layerSelect:
		if key.Matches(msg, m.keys.Help) {
			return nil, false // the help lists the selection's keys
		}
		m.ed.sel.SetLayout(m.article.TextMap())
		m.ed.sel, cmd = m.ed.sel.Update(msg)
		in = m.ed.sel.Intent()
		m.showSelection()
	case layerForm:
		m.ed.form, cmd = m.ed.form.Update(msg)
		in = m.ed.form.Intent()
	case layerConfirm:
		m.ed.confirm, cmd = m.ed.confirm.Update(msg)
		in = m.ed.confirm.Intent()
	case layerFindings:
		m.ed.finds, cmd = m.ed.finds.Update(msg)
		in = m.ed.finds.Intent()
	case layerTours:
		m.ed.tours, cmd = m.ed.tours.Update(msg)
		in = m.ed.tours.Intent()
	default:
		return nil, false
	}
	return tea.Batch(cmd, m.apply(in)), true
}

// editIntent carries out an authoring component's intent, and the finder's
// pick of a link target. It reports whether the intent was one of these.
func (m *Model) editIntent(in tea.Msg) (tea.Cmd, bool) {
	switch in := in.(type) {
	case authoring.CancelMsg:
		m.closeEditLayer()
		return nil, true
	case authoring.SelectedMsg:
		m.closeEditLayer()
		a, err := m.rangeAnchor(in.Start, in.End)
		if err != nil {
			m.ed.status, m.ed.failed = err.Error(), true
			return nil, true
		}
		if in.Reanchor {
			return m.reanchor(a), true
		}
		return m.openForm(authoring.NodeForm(nil, &a, ansi.Truncate(a.Exact, 200, "…"), m.ed.snap.File.Sources, authoring.RatingLabels(m.ed.snap.File), m.styles.IsDark)), true
	case authoring.NodeDoneMsg:
		m.stack.pop(layerForm)
		return m.nodeDone(in), true
	case authoring.LinkDoneMsg:
		m.stack.pop(layerForm)
		return m.change(func(s *author.Session) (author.Result, error) { return s.AddLink(in.Link) }, in.Link.From), true
	case authoring.UnlinkMsg:
		if !m.ed.on {
			return nil, true // a reader's findings panel changes nothing
		}
		return m.change(func(s *author.Session) (author.Result, error) { return s.RemoveLink(in.From, in.To) }, ""), true
	case authoring.QuitMsg:
		m.stack.pop(layerConfirm)
		return tea.Quit, true
	case authoring.DeleteMsg:
		m.stack.pop(layerConfirm)
		return m.change(func(s *author.Session) (author.Result, error) { return s.DeleteNode(in.Node) }, ""), true
	case authoring.GoToMsg:
		m.stack.pop(layerFindings)
		m.stack.pop(layerTours)
		cmd := m.open(in.Node)
		if n := m.c.Node(in.Node); n != nil {
			m.setFocus(paneFocus(n.Kind))
		}
		return cmd, true
	case authoring.StepOpMsg:
		return m.stepOp(in), true
	case authoring.StepDoneMsg:
		m.stack.pop(layerForm)
		return m.change(func(s *author.Session) (author.Result, error) {
			return s.EditStep(in.Tour, in.Step, in.Title, in.Notes)
		}, ""), true
	case authoring.TourDoneMsg:
		m.stack.pop(layerForm)
		return m.change(func(s *author.Session) (author.Result, error) {
			id := in.ID
			if id == "" {
				id = s.NewID("tour", in.Title)
			}
			r, err := s.NewTour(id, in.Title)
			if err != nil || in.Node == "" {
				return r, err
			}
			r2, err := s.AddStep(id, -1, model.TourStep{Node: in.Node})
			r2.Op = joinOps(r.Op, r2.Op)
			return r2, err
		}, ""), true
	}
	return nil, false
}

// reanchor gives the selected node the passage a (see Session.Reanchor).
func (m *Model) reanchor(a model.Anchor) tea.Cmd {
	n := m.sessionNode(m.selected)
	if n == nil {
		return m.noNode("give the passage to")
	}
	id := n.ID
	return m.change(func(s *author.Session) (author.Result, error) { return s.Reanchor(id, a) }, id)
}

// rangeAnchor makes the anchor of a selection with the engine's matcher,
// on the session's article (the snapshot's content is never modified).
func (m *Model) rangeAnchor(start, end int) (model.Anchor, error) {
	c := m.ed.snap.Content
	if c == nil {
		return model.Anchor{}, fmt.Errorf("the claims do not load, so nothing can be quoted: F shows why")
	}
	return c.Article.RangeAnchor(start, end)
}

// pickLinkTarget takes the finder's pick when it is choosing a link's
// target: the link form opens instead of a jump.
func (m *Model) pickLinkTarget(to string) (tea.Cmd, bool) {
	from := m.ed.linkFrom
	if from == "" {
		return nil, false
	}
	m.ed.linkFrom = ""
	m.stack.pop(layerFinder)
	if to == "" {
		m.ed.status, m.ed.failed = "a link goes to a node, not a paragraph: L to try again", true
		return nil, true
	}
	m.ed.status = ""
	return m.openForm(authoring.LinkForm(from, to, m.styles.IsDark)), true
}

func (m *Model) closeEditLayer() {
	if id, ok := m.stack.top(); ok {
		m.stack.pop(id)
	}
	m.article.SetSelection(0, 0)
	m.ed.linkFrom = ""
}

// nodeDone adds or changes a node from the form's values; a new id renames.
func (m *Model) nodeDone(d authoring.NodeDoneMsg) tea.Cmd {
	v := d.V
	return m.change(func(s *author.Session) (author.Result, error) {
		var srcRes author.Result
		if v.AddSource && strings.TrimSpace(v.Source.Title) != "" {
			src := v.Source
			src.ID = s.NewID("src", src.Title)
			r, err := s.AddSource(src)
			if err != nil {
				return r, err
			}
			v.Sources = append(v.Sources, src.ID)
			srcRes = r
		}
		n := v.Node()
		if d.Edit == "" {
			if d.Anchor != nil {
				n.Anchors = []model.Anchor{*d.Anchor}
			}
			n.ID = ""
			r, err := s.AddNode(n)
			r.Op = joinOps(srcRes.Op, r.Op)
			return r, err
		}
		r, err := s.EditNode(d.Edit, func(x *model.Node) error {
			x.Summary, x.Text, x.Speaker, x.Tags, x.Sources, x.Rating = n.Summary, n.Text, n.Speaker, n.Tags, n.Sources, n.Rating
			return nil
		})
		if err == nil && n.ID != "" && n.ID != d.Edit {
			return s.RenameNode(d.Edit, n.ID) // its label says what the reader asked for
		}
		return r, err
	}, m.focusAfter(d))
}

func joinOps(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// focusAfter is the node to show after a node form: the edited one, or the
// new one (whose id the session makes, so the newest node is found then).
func (m *Model) focusAfter(d authoring.NodeDoneMsg) string {
	if d.Edit != "" {
		if id := strings.TrimSpace(d.V.ID); id != "" {
			return id
		}
		return d.Edit
	}
	return authoring.NewestNode
}

// stepOp changes a tour from the tours panel.
func (m *Model) stepOp(o authoring.StepOpMsg) tea.Cmd {
	switch {
	case o.NewTour:
		return m.openForm(authoring.TourForm(o.Node, m.styles.IsDark))
	case o.Edit >= 0:
		for _, t := range m.ed.snap.File.Tours {
			if t.ID == o.Tour && o.Edit < len(t.Steps) {
				return m.openForm(authoring.StepForm(o.Tour, o.Edit, t.Steps[o.Edit], m.styles.IsDark))
			}
		}
		return nil
	case o.Node != "":
		return m.change(func(s *author.Session) (author.Result, error) {
			return s.AddStep(o.Tour, o.After, model.TourStep{Node: o.Node})
		}, "")
	case o.From >= 0:
		return m.change(func(s *author.Session) (author.Result, error) { return s.MoveStep(o.Tour, o.From, o.To) }, "")
	case o.Remove >= 0:
		return m.change(func(s *author.Session) (author.Result, error) { return s.RemoveStep(o.Tour, o.Remove) }, "")
	}
	return nil
}

// editOverlayView draws an authoring layer over the main area.
func (m Model) editOverlayView(id layerID) string {
	w, h := m.width, m.height-1
	switch id {
	case layerForm:
		return m.box(m.ed.form.Title, m.ed.form.View(), w, h, true)
	case layerConfirm:
		return m.box(m.ed.confirm.Title, m.ed.confirm.View(w-boxChromeW), w, h, true)
	case layerFindings:
		return m.box("Findings", m.ed.finds.View(), w, h, true)
	case layerTours:
		return m.box("Tours", m.ed.tours.View(), w, h, true)
	}
	return ""
}

// editStatus is the authoring part of the status line: the selection
// being made, else the last change's outcome.
func (m Model) editStatus(w int) (string, bool) {
	if top, ok := m.stack.top(); ok && top == layerSelect {
		return m.ed.sel.View(w), false
	}
	return ansi.Truncate(m.ed.status, w, "…"), m.ed.failed
}

// editHintKeys are the status line's hints in crux edit: the short help of
// the authoring layer that has the keys, or, over the panes, the authoring
// keys first. ok is false when authoring has nothing to add.
func (m Model) editHintKeys() (bindings []key.Binding, ok bool) {
	top, open := m.stack.top()
	l := m.ed.finds.KeyMap
	switch {
	case open && top == layerSelect:
		return m.ed.sel.KeyMap.ShortHelp(), true
	case open && top == layerForm:
		var bs []key.Binding
		for _, g := range m.ed.form.Keys() {
			bs = append(bs, g...)
		}
		return bs, true
	case open && top == layerConfirm:
		return []key.Binding{l.Yes, l.No}, true
	case open && top == layerFindings:
		return []key.Binding{l.Down, l.Open, l.Unlink, l.Close}, true
	case open && top == layerTours:
		return m.ed.tours.ShortHelp(), true
	case m.ed.on && !open:
		return m.ed.keys.ShortHelp(), true
	}
	return nil, false
}

// editMouse lets a drag in the article select a passage (crux edit).
func (m *Model) editMouse(msg tea.MouseMsg) (tea.Cmd, bool) {
	if !m.ed.on {
		return nil, false
	}
	top, open := m.stack.top()
	if open && top != layerSelect {
		return nil, false
	}
	mouse := msg.Mouse()
	in := m.lay.inner[focusArticle]
	tm := m.article.TextMap()
	at := func() int {
		return tm.RuneAt(m.article.Offset()+mouse.Y-in.y, mouse.X-in.x)
	}
	switch msg.(type) {
	case tea.MouseClickMsg:
		if mouse.Button != tea.MouseLeft || !in.contains(mouse.X, mouse.Y) {
			return nil, false
		}
		m.ed.drag = at()
		if open { // a click while selecting starts again
			m.ed.sel.Begin(m.ed.drag)
			m.showSelection()
			return nil, true
		}
		return nil, false // a plain click still opens a passage's node
	case tea.MouseMotionMsg:
		if m.ed.drag < 0 || mouse.Button != tea.MouseLeft {
			return nil, false
		}
		if r := at(); r >= 0 {
			m.ed.sel.Drag(m.ed.drag, r)
			m.showSelection()
			if !open {
				m.stack.push(layerSelect)
			}
		}
		return nil, true
	case tea.MouseReleaseMsg:
		m.ed.drag = -1
		return nil, open
	}
	return nil, false
}

// editHelp is the help's section for authoring: the keys of the authoring
// layer on top, else the authoring keys (crux edit, or F after a failed
// reload).
func (m Model) editHelp() (string, [][]key.Binding) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		top := m.stack[i]
		if top == layerHelp {
			continue
		}
		switch top {
		case layerSelect:
			return "Selecting a passage", m.ed.sel.KeyMap.FullHelp()
		case layerForm:
			return "Form", m.ed.form.Keys()
		}
		break
	}
	if m.ed.on || m.ed.keys.Findings.Enabled() {
		return "Authoring (crux edit)", m.ed.keys.FullHelp()
	}
	return "", nil
}
