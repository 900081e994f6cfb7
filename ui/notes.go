package ui

import (
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/noteedit"
	"github.com/crux-news/crux/ui/notesview"
	"github.com/crux-news/crux/ui/theme"
)

// The root's glue for students' notes: it opens the note components
// (ui/noteedit, ui/notesview) with what the store holds, applies their
// intents, and saves through the store's queue in commands.

// noteState is the root's part for students' notes.
type noteState struct {
	store    *notes.Store
	queue    *notes.Queue // applies changes to the store in order
	editor   noteedit.Editor
	tags     noteedit.Tags
	view     notesview.Model
	filter   noteedit.Filter
	tag      string
	status   string // last outcome, shown in the status line until the next key
	failed   bool
	read     map[string]bool // nodes opened, kept here so that no frame asks the store
	coverage string          // the reading progress line, updated with the notes
	marks    []int           // article offsets with a note mark
	readOnly bool            // the notes file cannot be written; problem says why
	problem  string
}

// notesSavedMsg reports a finished store operation.
type notesSavedMsg struct {
	what    string
	read    string // the node marked as read, for a read mark
	content bool   // the store took the content the panes show
	err     error
}

func newNoteState(store *notes.Store, st *theme.Styles) noteState {
	ns := noteState{store: store, editor: noteedit.NewEditor(st), tags: noteedit.NewTags(st), view: notesview.New(st), read: map[string]bool{}}
	if store != nil {
		maps.Copy(ns.read, store.Read())
		ns.queue = notes.NewQueue(store)
	}
	ns.checkReadOnly()
	return ns
}

// checkReadOnly notes whether the store can still be written, and why not.
func (ns *noteState) checkReadOnly() {
	if ns.store == nil || !ns.store.ReadOnly() {
		ns.readOnly, ns.problem = false, ""
		return
	}
	ns.readOnly = true
	ns.problem = "The notes file cannot be written, so crux opened it read-only and will not change it."
	if p := ns.store.Problem(); p != nil {
		ns.problem = safe.Line(p.Error())
	}
}

// notesEnabled reports whether this explorer can annotate.
func (m *Model) notesEnabled() bool {
	return m.nt.store != nil && !m.fm.Frozen()
}

// saveCmd runs a store operation in the background (it does file I/O).
//
// The change is queued now, in Update, so that changes reach the file in the
// order the reader made them; the command only waits for its turn to finish.
func (m *Model) saveCmd(what string, op func(*notes.Store) error) tea.Cmd {
	if m.nt.queue == nil {
		return nil
	}
	done := m.nt.queue.Do(op)
	return func() tea.Msg { return notesSavedMsg{what: what, err: <-done} }
}

// followContent gives the store the content the panes now show (after an
// author's change or a live reload), so that notes can go on nodes it
// created and old notes are re-resolved against it. It goes through the
// queue: a change made on the old content is saved against the old one.
// When it has run, the notes and read marks are shown anew.
func (m *Model) followContent(c *model.Content) tea.Cmd {
	if m.nt.queue == nil {
		return nil
	}
	done := m.nt.queue.Do(func(s *notes.Store) error { s.SetContent(c); return nil })
	return func() tea.Msg { return notesSavedMsg{content: true, err: <-done} }
}

// Close waits until every queued change to the notes has been saved, and
// returns the first error. Call it after the program has ended: Bubble Tea
// does not wait for running commands when it quits.
func (m Model) Close() error {
	m.stopAuthoring()
	if m.nt.queue == nil {
		return nil
	}
	return m.nt.queue.Close()
}

func (m *Model) markReadCmd(id string) tea.Cmd {
	if m.nt.store == nil || m.fm.Frozen() || id == "" {
		return nil
	}
	if m.nt.read[id] || m.nt.readOnly {
		return nil
	}
	done := m.nt.queue.Do(func(s *notes.Store) error { return s.MarkRead(id) })
	return func() tea.Msg { return notesSavedMsg{read: id, err: <-done} }
}

// noteKey handles the keys that open a note overlay or set a stance. It
// reports whether it took the key.
func (m *Model) noteKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.notesEnabled() {
		return nil, false
	}
	k := m.keys
	if m.nt.readOnly && key.Matches(msg, k.Annotate, k.Tags, k.Stance) {
		m.nt.failed = true
		m.nt.status = "notes are read-only: v shows why"
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Annotate):
		return m.openEditor(), true
	case key.Matches(msg, k.Tags):
		return m.openTags(), true
	case key.Matches(msg, k.NotesView):
		m.stack.push(layerNotes)
		m.nt.view.Focus()
		m.layoutNotes()
		m.refreshNotesView()
		return m.nt.view.Preview(), true
	case key.Matches(msg, k.Stance):
		for _, s := range k.stances() {
			if key.Matches(msg, s.b) {
				return m.setStance(s.stance), true
			}
		}
		return nil, true
	}
	return nil, false
}

// myNote returns the reader's own annotation of a node, if any.
func (m *Model) myNote(id string) (notes.Annotation, bool) {
	if m.nt.store == nil {
		return notes.Annotation{}, false
	}
	me := m.nt.store.Creator().ID
	for _, a := range m.nt.store.ForNode(id) {
		if a.Creator.ID == me {
			return a, true
		}
	}
	return notes.Annotation{}, false
}

// openEditor opens the note editor on the passage being read (in the
// article pane) or on the selected node.
func (m *Model) openEditor() tea.Cmd {
	var t noteedit.Target
	var title, text string
	if m.focus == focusArticle {
		start, end, ok := m.article.ReadingPassage()
		if !ok {
			return nil
		}
		t.Quote = quoteAt(m.c.Article.Text, start, end)
		for _, a := range m.nt.store.ForPassage(start, end) {
			if a.Creator.ID == m.nt.store.Creator().ID {
				if q, ok := a.Quote(); ok && q.Start == start && q.End == end {
					t.Passage = a.ID
					text = a.Note()
				}
			}
		}
		title = "Note on the passage “" + truncRunes(t.Quote.Exact, 50) + "”"
	} else {
		n := m.c.Node(m.cursorNode())
		if n == nil {
			return nil
		}
		t.Node = n.ID
		if a, ok := m.myNote(n.ID); ok {
			text = a.Note()
		}
		title = "Note on " + theme.Glyph(n.Kind) + " " + n.Summary
	}
	m.stack.push(layerEditor)
	m.layoutNotes()
	return m.nt.editor.Open(t, title, text)
}

// quoteAt builds a TextQuoteSelector for a rune range of the article text,
// with up to 32 runes of context on each side.
func quoteAt(text string, start, end int) notes.Quote {
	r := []rune(text)
	start, end = max(start, 0), min(end, len(r))
	const ctx = 32
	return notes.Quote{
		Exact:  string(r[start:end]),
		Prefix: string(r[max(start-ctx, 0):start]),
		Suffix: string(r[end:min(end+ctx, len(r))]),
		Start:  start,
		End:    end,
	}
}

// closeEditor closes the editor and saves the note if the reader changed
// it; an empty passage note removes it.
func (m *Model) closeEditor() tea.Cmd {
	m.stack.pop(layerEditor)
	t, text, changed := m.nt.editor.Close()
	if !changed {
		return nil // unchanged: nothing to save, nothing rewritten
	}
	if t.Node == "" {
		q := t.Quote
		if strings.TrimSpace(text) == "" {
			if id := t.Passage; id != "" {
				return m.saveCmd("removed passage note", func(s *notes.Store) error { return s.Delete(id) })
			}
			return nil
		}
		return m.saveCmd("saved passage note", func(s *notes.Store) error {
			_, err := s.AnnotatePassage(q.Exact, q.Prefix, q.Suffix, q.Start, q.End, text)
			return err
		})
	}
	return m.saveCmd("saved note", func(s *notes.Store) error {
		_, err := s.SetNote(t.Node, text)
		return err
	})
}

// cursorNode is the node the node keys (a, t, the stances, o, y, Y) act on: the
// row under the cursor in a focused list, else the selected node (the
// detail's subject, and in the article the passage's node). Moving focus
// selects nothing, so a list's cursor may differ from the selection; the
// reader means the row they see marked.
func (m *Model) cursorNode() string {
	if m.focus >= focusClaims && m.focus <= focusCounters {
		if n := m.list(m.focus).Selected(); n != nil {
			return n.ID
		}
	}
	return m.selected
}

// nodeLabel names a node in a status message: its glyph and summary, cut.
func (m *Model) nodeLabel(id string) string {
	n := m.c.Node(id)
	if n == nil {
		return id
	}
	return theme.Glyph(n.Kind) + " " + truncRunes(n.Summary, 40)
}

func (m *Model) openTags() tea.Cmd {
	n := m.c.Node(m.cursorNode())
	if n == nil {
		return nil
	}
	cur := ""
	if a, ok := m.myNote(n.ID); ok {
		cur = strings.Join(a.Tags(), " ")
	}
	m.stack.push(layerTags)
	m.layoutNotes()
	return m.nt.tags.Open(n.ID, "Tags for "+theme.Glyph(n.Kind)+" "+n.Summary, cur)
}

func (m *Model) closeTags(save bool) tea.Cmd {
	m.stack.pop(layerTags)
	target, want := m.nt.tags.Close()
	if !save {
		m.nt.status = "changes discarded"
		return nil
	}
	var old []string
	if a, ok := m.myNote(target); ok {
		old = a.Tags()
	}
	add, remove := noteedit.Diff(old, want)
	if len(add) == 0 && len(remove) == 0 {
		return nil
	}
	return m.saveCmd("saved tags", func(s *notes.Store) error {
		for _, t := range add {
			if _, err := s.AddTag(target, t); err != nil {
				return err
			}
		}
		for _, t := range remove {
			if _, err := s.RemoveTag(target, t); err != nil {
				return err
			}
		}
		return nil
	})
}

func (m *Model) setStance(st notes.Stance) tea.Cmd {
	id := m.cursorNode()
	if m.c.Node(id) == nil {
		return nil
	}
	what := string(st) + " · " + m.nodeLabel(id)
	if st == "" {
		what = "stance cleared · " + m.nodeLabel(id)
	}
	return m.saveCmd(what, func(s *notes.Store) error {
		_, err := s.SetStance(id, st)
		return err
	})
}

// onSaved reports a finished store operation and redraws what shows notes.
func (m *Model) onSaved(msg notesSavedMsg) {
	if msg.err != nil {
		m.nt.failed = true
		m.nt.status = "not saved: " + safe.Line(msg.err.Error())
	} else if msg.what != "" {
		m.nt.failed = false
		m.nt.status = msg.what
	}
	m.nt.checkReadOnly()
	if msg.content {
		// Former ids now read under their new names.
		m.nt.read = m.nt.store.Read()
	}
	if msg.read != "" && msg.err == nil {
		// A node marked as read: only the progress line changes.
		m.nt.read[msg.read] = true
		m.nt.coverage = m.computeCoverage()
		return
	}
	m.refreshNotes()
}

// onNoteIntent applies the intents of the note overlays.
func (m *Model) onNoteIntent(in tea.Msg) tea.Cmd {
	switch in := in.(type) {
	case noteedit.DoneMsg:
		if in.Discard {
			m.stack.pop(layerEditor)
			m.nt.editor.Close()
			m.nt.status = "changes discarded"
			return nil
		}
		if in.Quit {
			return tea.Sequence(m.closeEditor(), tea.Quit)
		}
		return m.closeEditor()
	case noteedit.TagsDoneMsg:
		if in.Quit {
			return tea.Sequence(m.closeTags(in.Save), tea.Quit)
		}
		return m.closeTags(in.Save)
	case notesview.CloseMsg:
		m.stack.pop(layerNotes)
		m.nt.view.Blur()
	case notesview.FilterMsg:
		if in.What == "tag" {
			m.nt.tag = noteedit.NextTag(m.nt.store.All(), m.nt.tag)
		} else {
			m.nt.filter = m.nt.filter.Next()
		}
		m.refreshNotesView()
		return m.nt.view.Preview()
	case notesview.JumpMsg:
		m.stack.pop(layerNotes)
		m.nt.view.Blur()
		if in.Node != "" {
			return m.open(in.Node)
		}
		if in.Start >= 0 {
			m.article.ScrollToOffset(in.Start)
			m.setFocus(focusArticle)
		}
	}
	return nil
}

func (m *Model) layoutNotes() {
	w, h := max(m.width-boxChromeW, 1), max(m.height-1-boxChromeH, 1)
	m.nt.editor.SetSize(w, h)
	m.nt.tags.SetSize(w, h)
	m.nt.view.SetSize(w, h)
}

// noteOverlay draws the editor, the tag input or the notes list.
func (m Model) noteOverlay(id layerID) string {
	w, h := m.width, m.height-1
	switch id {
	case layerEditor:
		return m.box(m.nt.editor.Title(), m.nt.editor.View(), w, h, true)
	case layerTags:
		return m.box(m.nt.tags.Title(), m.nt.tags.View(), w, h, true)
	}
	return m.box("Notes", m.nt.view.View(), w, h, true)
}
