package ui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/authoring"
	"github.com/crux-news/crux/ui/detail"
	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/mapview"
	"github.com/crux-news/crux/ui/nodelist"
)

// The root's glue for crux edit and live reload: the authoring components
// (package ui/authoring) are layers of the stack; their intents become
// changes that the Editor applies to the session in commands; a change's
// result, or a file watcher's reload, replaces the content the panes show
// (replaceContent), keeping the reader's place.

// editState is the root's part for authoring and reloading.
type editState struct {
	on       bool // crux edit: a session is open
	keys     authoring.KeyMap
	ed       *authoring.Editor
	watch    *watch.Watcher
	snap     authoring.Snapshot
	sel      authoring.Selection
	form     authoring.Form
	confirm  authoring.Confirm
	finds    authoring.Findings
	tours    authoring.Tours
	linkFrom string // the node a link starts from, while the finder picks its target
	status   string // the last change or reload, until the next one
	failed   bool
	drag     int // the article rune a mouse press started at, or -1
	// Keys typed while a change is being applied wait for its result, so
	// that they act on what it made (a second x in the tours panel removes
	// the next step, not the same index of the old tour again).
	inFlight int
	held     []tea.KeyPressMsg
}

func newEditState(opts Options, m *Model) editState {
	es := editState{keys: authoring.DefaultKeyMap(), watch: opts.Watch, finds: authoring.NewFindings(m.styles),
		tours: authoring.NewTours(m.styles), drag: -1}
	if opts.Session != nil {
		es.on = true
		es.ed = authoring.NewEditor(opts.Session)
		es.snap = es.ed.Snapshot()
		es.finds.SetFindings(es.snap)
		// v selects; the notes list moves to V, and u undoes (ctrl+u still
		// scrolls the article half a page up).
		m.keys.NotesView.SetKeys("V")
		m.keys.NotesView.SetHelp("V", "all notes")
		m.article.SetSelectable() // no render yet: no command
		m.article.KeyMap.HalfUp.SetKeys("ctrl+u")
		m.article.KeyMap.HalfUp.SetHelp("ctrl+u", "half page up")
		if n := es.snap.Findings.Errors(); n > 0 {
			es.status, es.failed = fmt.Sprintf("%s to fix: F shows them", authoring.Plural(n, "error")), true
		}
	} else {
		for _, b := range []*key.Binding{&es.keys.Select, &es.keys.Create, &es.keys.Edit, &es.keys.Delete,
			&es.keys.Link, &es.keys.Tours, &es.keys.Undo, &es.keys.Redo} {
			b.SetEnabled(false)
		}
		es.keys.Findings.SetEnabled(false) // until a reload fails
	}
	es.sel = es.newSelection(m.c)
	return es
}

// newSelection is the passage selection over c's article. Only crux edit
// selects: the explorer's holds no text, since a selection keeps the article
// as runes (3.6 MB of the 10k set's heap for the whole session, pprof).
func (es *editState) newSelection(c *model.Content) authoring.Selection {
	if !es.on {
		return authoring.NewSelection("")
	}
	return authoring.NewSelection(c.Article.Text)
}

// editInit starts watching the files; after each reload it waits for the
// next one.
func (m *Model) editInit() tea.Cmd {
	if m.ed.watch != nil {
		return m.ed.watch.Next()
	}
	return nil
}

// stopAuthoring waits for the session's queued changes.
func (m Model) stopAuthoring() {
	if m.ed.ed != nil {
		m.ed.ed.Close()
	}
}

// editMsg handles the results of changes and reloads, and huh's own
// messages while a form is open.
func (m *Model) editMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case authoring.DoneMsg:
		if msg.Change {
			m.ed.inFlight = max(m.ed.inFlight-1, 0)
		}
		cmd := m.onDone(msg)
		return tea.Batch(cmd, m.replayKeys()), true
	case watch.Reloaded:
		next := m.editInit()
		if m.ed.on {
			return tea.Batch(next, m.ed.ed.Reloaded(msg.Claims)), true
		}
		m.ed.status, m.ed.failed = "reloaded: the files changed on disk", false
		m.ed.finds.SetFindings(authoring.FindingsOf(msg.Claims, msg.Findings))
		return tea.Batch(next, m.replaceContent(msg.Content)), true
	case watch.Failed:
		next := m.editInit()
		if m.ed.on {
			return tea.Batch(next, m.ed.ed.Reloaded(msg.Claims)), true
		}
		m.ed.finds.SetFindings(authoring.FindingsOf(msg.Claims, msg.Findings))
		m.ed.keys.Findings.SetEnabled(true)
		m.ed.status, m.ed.failed = fmt.Sprintf("the files changed and have %s; still showing the last good version: F shows them", authoring.Plural(msg.Findings.Errors(), "error")), true
		return next, true
	case watch.Error:
		m.ed.status, m.ed.failed = "watching the files stopped: "+safe.Line(msg.Err.Error()), true
		return nil, true
	}
	if top, ok := m.stack.top(); ok && top == layerForm {
		if _, input := msg.(tea.KeyPressMsg); !input {
			var cmd tea.Cmd
			m.ed.form, cmd = m.ed.form.Update(msg)
			return tea.Batch(cmd, m.apply(m.ed.form.Intent())), true
		}
	}
	return nil, false
}

// holdKey keeps a key typed while a change is in flight; see editState.
func (m *Model) holdKey(msg tea.KeyPressMsg) bool {
	if m.ed.inFlight == 0 {
		return false
	}
	m.ed.held = append(m.ed.held, msg)
	return true
}

// replayKeys routes the keys held while changes were in flight, until one
// of them starts another change.
func (m *Model) replayKeys() tea.Cmd {
	var cmds []tea.Cmd
	for m.ed.inFlight == 0 && len(m.ed.held) > 0 {
		k := m.ed.held[0]
		m.ed.held = m.ed.held[1:]
		cmds = append(cmds, m.onKey(k))
	}
	return tea.Batch(cmds...)
}

// onDone takes a change's result: the status says what happened and the
// panes show the session's claims when the explorer can show them.
func (m *Model) onDone(d authoring.DoneMsg) tea.Cmd {
	if d.Quiet {
		return nil
	}
	m.ed.snap = d.Snap
	m.ed.finds.SetFindings(d.Snap)
	m.ed.tours.SetFile(d.Snap.File, m.selected)
	errs := d.Snap.Findings.Errors()
	switch {
	case d.Err != nil:
		m.ed.status, m.ed.failed = safe.Line(d.Err.Error()), true
	case errs > 0 && !d.Change:
		m.ed.status, m.ed.failed = fmt.Sprintf("%s: %s to fix (F shows them)", d.Op, authoring.Plural(errs, "error")), true
	case errs > 0:
		// The reason first: the operation's label can be long, and the
		// status line cuts what does not fit.
		m.ed.status, m.ed.failed = fmt.Sprintf("kept, not saved: %s (F shows, u undoes): %s", authoring.Plural(errs, "error"), d.Op), true
	default:
		m.ed.status, m.ed.failed = d.Op+savedWord(d), false
	}
	// The panes show the session's claims, errors and all, whenever the
	// explorer can: the author fixes a broken quote or link where it shows
	// (the findings panel goes to the node), and anchors made by selecting
	// are made on the article the pane shows.
	if d.Err != nil || !d.Snap.Showable() {
		return nil
	}
	cmd := m.replaceContent(d.Snap.Content)
	if d.Focus != "" && m.c.Node(d.Focus) != nil {
		cmd = tea.Batch(cmd, m.open(d.Focus))
		if n := m.c.Node(d.Focus); n != nil {
			m.setFocus(paneFocus(n.Kind))
		}
	}
	return cmd
}

func savedWord(d authoring.DoneMsg) string {
	if d.Written {
		return " (saved)"
	}
	return ""
}

// replaceContent shows new content in every pane, keeping the reader's
// place: the current and selected nodes when they still exist (a renamed
// node is found by its former id), the focus, the history, and the
// article's scroll position (the paragraph at the top stays there).
func (m *Model) replaceContent(c *model.Content) tea.Cmd {
	if c == nil {
		return nil
	}
	c = safe.Content(c)
	cur, sel := m.current, m.selected
	m.c = c
	artCmd := m.article.SetContent(c)
	m.ed.sel = m.ed.newSelection(c)
	m.detail = detail.New(c, m.styles)
	m.finder = finder.New(c, finder.NewIndex(c), m.styles)
	m.mapv = mapview.New(c, m.styles)
	items := make([]nodelist.Item, 0, len(c.Claims()))
	for _, n := range c.Claims() {
		items = append(items, nodelist.Item{Node: n})
	}
	m.claims.SetItems(items, "")
	exists := func(id string) bool { return c.Node(id) != nil }
	keep := func(es []entry) []entry {
		return slices.DeleteFunc(es, func(e entry) bool { return !exists(e.current) })
	}
	m.back, m.fwd = keep(m.back), keep(m.fwd)
	if !exists(cur) {
		cur = ""
		if len(items) > 0 {
			cur = items[0].Node.ID
		} else if ns := c.Nodes(); len(ns) > 0 {
			cur = ns[0].ID
		}
	}
	m.current, m.selected = "", ""
	var navCmd tea.Cmd
	if cur != "" {
		navCmd = m.restore(entry{current: c.Node(cur).ID, selected: sel, focus: m.focus})
	}
	m.refreshNotes()
	return tea.Batch(artCmd, navCmd, m.followContent(c), m.resize())
}

// editInterrupt asks before ctrl+c quits crux edit when quitting would
// lose something, as q does: a form the user typed in, or a change kept
// but not written. It reports whether it asked; ctrl+c on the question
// itself quits (pressed twice).
func (m *Model) editInterrupt() bool {
	if !m.ed.on {
		return false
	}
	top, open := m.stack.top()
	switch {
	case open && top == layerConfirm:
		return false
	case open && top == layerForm && m.ed.form.Changed():
		m.ed.confirm = authoring.FormQuitConfirm(m.ed.snap)
	case m.ed.snap.Unsaved:
		m.ed.confirm = authoring.QuitConfirm(m.ed.snap)
	default:
		return false
	}
	m.stack.push(layerConfirm)
	return true
}
