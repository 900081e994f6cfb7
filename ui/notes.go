package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/notesview"
	"github.com/crux-news/crux/ui/theme"
)

// noteMode is what the note editor is editing.
type noteMode int

const (
	noteNone noteMode = iota
	noteNode
	notePassage
	noteTags
)

// Notes filters, cycled with f in the notes view.
const (
	filterAll = iota
	filterUnannotated
	filterMine
	filterAgree
	filterDisagree
	filterUnsure
	filterNeedsEvidence
	numFilters
)

var filterNames = [numFilters]string{"all notes", "claims without a note or stance", "my notes", "agree", "disagree", "unsure", "needs evidence"}

// noteState is the root's part for students' notes.
type noteState struct {
	store    *notes.Store
	queue    *notes.Queue // applies changes to the store in order
	mode     noteMode
	target   string      // node id being edited
	quote    notes.Quote // passage being annotated
	editor   textarea.Model
	tags     textinput.Model
	view     notesview.Model
	showView bool
	filter   int
	tag      string
	status   string // last outcome, shown in the status line until the next key
	failed   bool
	initial  string          // the editor's text when it opened
	passage  string          // id of the reader's note on the passage being edited
	read     map[string]bool // nodes opened, kept here so that no frame asks the store
	coverage string          // the reading progress line, updated with the notes
	marks    []int           // article offsets with a note mark
	readOnly bool            // the notes file cannot be written; problem says why
	problem  string
}

// notesSavedMsg reports a finished store operation.
type notesSavedMsg struct {
	what string
	read string // the node marked as read, for a read mark
	err  error
}

func newNoteState(store *notes.Store, st *theme.Styles) noteState {
	ed := textarea.New()
	ed.Placeholder = "Your note, in Markdown. Why do you agree or not? What evidence is missing?"
	ed.ShowLineNumbers = false
	ts := ed.Styles()
	ts.Cursor.Blink = false
	ed.SetStyles(ts)
	tg := textinput.New()
	tg.Prompt = "tags: "
	tg.Placeholder = "space separated, e.g. cost evidence-needed"
	tis := textinput.DefaultStyles(st.IsDark)
	tis.Cursor.Blink = false
	tg.SetStyles(tis)
	ns := noteState{store: store, editor: ed, tags: tg, view: notesview.New(st), read: map[string]bool{}}
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
func (m Model) notesEnabled() bool {
	return m.nt.store != nil && (!m.following || m.browsing)
}

// saveCmd runs a store operation in the background (it does file I/O).
//
// The change is queued now, in Update, so that changes reach the file in the
// order the reader made them; the command only waits for its turn to finish.
func (m Model) saveCmd(what string, op func(*notes.Store) error) tea.Cmd {
	if m.nt.queue == nil {
		return nil
	}
	done := m.nt.queue.Do(op)
	return func() tea.Msg { return notesSavedMsg{what: what, err: <-done} }
}

// Close waits until every queued change to the notes has been saved, and
// returns the first error. Call it after the program has ended: Bubble Tea
// does not wait for running commands when it quits.
func (m Model) Close() error {
	if m.nt.queue == nil {
		return nil
	}
	return m.nt.queue.Close()
}

func (m Model) markReadCmd(id string) tea.Cmd {
	if m.nt.store == nil || m.following && !m.browsing {
		return nil
	}
	if m.nt.read[id] || m.nt.readOnly {
		return nil
	}
	done := m.nt.queue.Do(func(s *notes.Store) error { return s.MarkRead(id) })
	return func() tea.Msg { return notesSavedMsg{read: id, err: <-done} }
}

// handleNoteKey handles keys while the note editor, the tag input or the
// notes view is open. It reports whether it took the key.
func (m *Model) handleNoteKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	switch {
	case m.nt.mode == noteNode || m.nt.mode == notePassage:
		switch msg.String() {
		case "esc", "ctrl+s":
			return true, m.closeEditor()
		case "ctrl+c":
			return true, tea.Sequence(m.closeEditor(), tea.Quit)
		}
		var cmd tea.Cmd
		m.nt.editor, cmd = m.nt.editor.Update(msg)
		return true, cmd
	case m.nt.mode == noteTags:
		switch msg.String() {
		case "enter":
			return true, m.closeTags(true)
		case "esc":
			return true, m.closeTags(false)
		case "ctrl+c":
			return true, tea.Sequence(m.closeTags(true), tea.Quit)
		}
		var cmd tea.Cmd
		m.nt.tags, cmd = m.nt.tags.Update(msg)
		return true, cmd
	case m.nt.showView:
		if msg.String() == "ctrl+c" || msg.String() == "q" {
			return false, nil
		}
		var cmd tea.Cmd
		m.nt.view, cmd = m.nt.view.Update(msg)
		return true, cmd
	}
	if !m.notesEnabled() {
		return false, nil
	}
	k := m.keys
	if m.nt.readOnly && key.Matches(msg, k.Annotate, k.Tags, k.Stance) {
		m.nt.failed = true
		m.nt.status = "notes are read-only: v shows why"
		return true, nil
	}
	switch {
	case key.Matches(msg, k.Annotate):
		return true, m.openEditor()
	case key.Matches(msg, k.Tags):
		return true, m.openTags()
	case key.Matches(msg, k.NotesView):
		m.nt.showView = true
		m.refreshNotesView()
		return true, nil
	case key.Matches(msg, k.Stance):
		return true, m.setStance(msg.String())
	}
	return false, nil
}

// myNote returns the reader's own annotation of a node, if any.
func (m Model) myNote(id string) (notes.Annotation, bool) {
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

func (m *Model) openEditor() tea.Cmd {
	if m.focus == focusArticle {
		start, end, ok := m.article.ReadingPassage()
		if !ok {
			return nil
		}
		m.nt.quote = quoteAt(m.c.Article.Text, start, end)
		m.nt.mode = notePassage
		m.nt.passage = ""
		m.nt.editor.SetValue("")
		for _, a := range m.nt.store.ForPassage(start, end) {
			if a.Creator.ID == m.nt.store.Creator().ID {
				if q, ok := a.Quote(); ok && q.Start == start && q.End == end {
					m.nt.passage = a.ID
					m.nt.editor.SetValue(safe.Text(a.Note())) // the editor shows controls as placeholders
				}
			}
		}
	} else {
		if m.c.Node(m.selected) == nil {
			return nil
		}
		m.nt.mode = noteNode
		m.nt.target = m.selected
		note := ""
		if a, ok := m.myNote(m.selected); ok {
			note = safe.Text(a.Note()) // the editor shows controls as placeholders
		}
		m.nt.editor.SetValue(note)
	}
	m.layoutNotes()
	// What the editor shows may differ from what is stored (placeholders for
	// controls, tabs expanded): a note is saved only when the reader changed it.
	m.nt.initial = m.nt.editor.Value()
	return m.nt.editor.Focus()
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

func (m *Model) closeEditor() tea.Cmd {
	text := m.nt.editor.Value()
	mode, target, q := m.nt.mode, m.nt.target, m.nt.quote
	m.nt.mode = noteNone
	m.nt.editor.Blur()
	if text == m.nt.initial {
		return nil // unchanged: nothing to save, nothing rewritten
	}
	if mode == notePassage {
		if strings.TrimSpace(text) == "" {
			if id := m.nt.passage; id != "" {
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
		_, err := s.SetNote(target, text)
		return err
	})
}

func (m *Model) openTags() tea.Cmd {
	if m.c.Node(m.selected) == nil {
		return nil
	}
	m.nt.mode = noteTags
	m.nt.target = m.selected
	cur := ""
	if a, ok := m.myNote(m.selected); ok {
		cur = safe.Line(strings.Join(a.Tags(), " "))
	}
	m.nt.tags.SetValue(cur)
	m.nt.tags.CursorEnd()
	m.layoutNotes()
	return m.nt.tags.Focus()
}

func (m *Model) closeTags(save bool) tea.Cmd {
	m.nt.mode = noteNone
	m.nt.tags.Blur()
	if !save {
		return nil
	}
	target := m.nt.target
	var old []string
	if a, ok := m.myNote(target); ok {
		old = a.Tags()
	}
	want := parseTags(m.nt.tags.Value())
	var add, remove []string
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

// parseTags splits what the reader typed into tags: words separated by
// spaces or commas, each without the leading # the screen shows.
func parseTags(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if t := strings.TrimLeft(f, "#"); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// stanceKeys maps the digit keys to stances; 0 clears.
var stanceKeys = map[string]notes.Stance{"1": notes.Agree, "2": notes.Disagree, "3": notes.Unsure, "4": notes.NeedsEvidence, "0": ""}

func (m *Model) setStance(k string) tea.Cmd {
	st, ok := stanceKeys[k]
	id := m.selected
	if !ok || m.c.Node(id) == nil {
		return nil
	}
	what := "stance: " + string(st)
	if st == "" {
		what = "stance cleared"
	}
	return m.saveCmd(what, func(s *notes.Store) error {
		_, err := s.SetStance(id, st)
		return err
	})
}

// stanceGlyph is a one-cell sign for a stance.
func stanceGlyph(s notes.Stance) string {
	switch s {
	case notes.Agree:
		return "✓"
	case notes.Disagree:
		return "✗"
	case notes.Unsure:
		return "?"
	case notes.NeedsEvidence:
		return "…"
	}
	return " "
}

// badge is a node's note mark: ✎ when anyone annotated it, then the reader's
// stance glyph.
func (m Model) badge(id string) string {
	if m.nt.store == nil {
		return ""
	}
	all := m.nt.store.ForNode(id)
	if len(all) == 0 {
		return ""
	}
	stance := notes.Stance("")
	if a, ok := m.myNote(id); ok {
		stance = a.Stance()
	}
	return m.styles.Title.Render("✎" + stanceGlyph(stance))
}

// refreshNotes updates every place that shows notes: badges, the detail
// pane, the article's margin marks and the notes view.
func (m *Model) refreshNotes() {
	if m.nt.store == nil {
		return
	}
	m.claims.SetBadges(m.badge)
	m.skeptics.SetBadges(m.badge)
	m.counters.SetBadges(m.badge)
	m.detail.SetExtra(m.noteLines(m.selected))
	var marks []int
	for _, a := range m.nt.store.All() {
		if _, ok := a.Quote(); ok {
			if r := notes.Resolve(a, m.c); r.Status != notes.AnchorOrphaned && r.Start >= 0 {
				marks = append(marks, r.Start)
			}
			continue
		}
		if id, ok := a.NodeID(); ok {
			if n := m.c.Node(id); n != nil {
				if an, ok := n.FirstAnchor(); ok {
					marks = append(marks, an.Start)
				}
			}
		}
	}
	if !slices.Equal(marks, m.nt.marks) {
		m.nt.marks = marks
		m.article.SetNoteMarks(marks) // restyles the article: only on a change
	}
	m.nt.coverage = m.computeCoverage()
	if m.nt.showView {
		m.refreshNotesView()
	}
}

// noteLines are the detail pane's lines for the notes on a node.
func (m Model) noteLines(id string) []string {
	if m.nt.store == nil {
		return nil
	}
	anns := m.nt.store.ForNode(id)
	if len(anns) == 0 {
		if m.notesEnabled() {
			return []string{"No note yet: a writes one, 1-4 set a stance, t tags it."}
		}
		return nil
	}
	me := m.nt.store.Creator().ID
	var out []string
	for _, a := range anns {
		who := safe.Line(a.Creator.Name)
		if a.Creator.ID == me {
			who = "Your note"
		}
		head := "✎ " + who
		if s := a.Stance(); s != "" {
			head += " · " + stanceGlyph(s) + " " + string(s)
		}
		if t := a.Tags(); len(t) > 0 {
			head += " · #" + safe.Line(strings.Join(t, " #"))
		}
		head += " · " + a.Modified.Local().Format("2006-01-02 15:04")
		if notes.Status(a, m.c) == notes.AnchorEdited {
			head += " · edited since your note"
		}
		out = append(out, head)
		if n := strings.TrimSpace(a.Note()); n != "" {
			out = append(out, strings.Split(safe.Text(n), "\n")...)
		}
	}
	return out
}

// coverage is the reading progress line: nodes opened, claims with no
// stance yet.
// coverage is the reading progress line as of the last change; no frame
// asks the store for it.
func (m Model) coverage() string { return m.nt.coverage }

func (m Model) computeCoverage() string {
	if m.nt.store == nil {
		return ""
	}
	read := m.nt.read
	total, opened := 0, 0
	for _, n := range m.c.Nodes() {
		total++
		if read[n.ID] {
			opened++
		}
	}
	noStance := 0
	for _, n := range m.c.Claims() {
		if a, ok := m.myNote(n.ID); !ok || a.Stance() == "" {
			noStance++
		}
	}
	return fmt.Sprintf("%d/%d read · %d claims without stance", opened, total, noStance)
}

// refreshNotesView rebuilds the notes view's rows under the current filter.
func (m *Model) refreshNotesView() {
	st := m.nt.store
	if st == nil {
		return
	}
	me := st.Creator().ID
	s := m.styles
	header := []string{s.Bold.Render("Notes") + s.Muted.Render(" · "+m.coverage())}
	if m.nt.readOnly {
		w := max(m.width-boxChromeW, 10)
		header = append(header, strings.Split(s.Error.Render(ansi.Wrap("Read-only: "+m.nt.problem, w, " ")), "\n")...)
	}
	header = append(header, s.Muted.Render("filter: "+filterNames[m.nt.filter]+tagLabel(m.nt.tag)+" (f next filter)"))
	var rows []notesview.Row
	if m.nt.filter == filterUnannotated {
		for _, n := range m.c.Claims() {
			if a, ok := m.myNote(n.ID); ok && (a.Note() != "" || a.Stance() != "") {
				continue
			}
			rows = append(rows, notesview.Row{Node: n.ID, Start: -1, Text: theme.Glyph(n.Kind) + " " + n.Summary})
		}
		m.nt.view.SetRows(header, rows)
		return
	}
	anns := st.All()
	slices.SortStableFunc(anns, func(a, b notes.Annotation) int { return m.notePos(a) - m.notePos(b) })
	for _, a := range anns {
		if !m.admits(a, me) {
			continue
		}
		res := notes.Resolve(a, m.c)
		var parts []string
		if a.Creator.ID != me {
			parts = append(parts, "["+safe.Line(a.Creator.Name)+"]")
		}
		row := notesview.Row{Start: -1}
		if q, ok := a.Quote(); ok {
			parts = append(parts, "¶ “"+safe.Line(truncRunes(q.Exact, 40))+"”")
			row.Start = res.Start
			if row.Start < 0 {
				row.Start = q.Start
			}
		} else if id, ok := a.NodeID(); ok {
			row.Node = id
			if n := m.c.Node(id); n != nil {
				row.Node = n.ID
				parts = append(parts, theme.Glyph(n.Kind)+" "+n.Summary)
			} else {
				parts = append(parts, "? "+safe.Line(id)) // ids of orphaned notes come from the file
			}
		}
		if s := a.Stance(); s != "" {
			parts = append(parts, stanceGlyph(s)+" "+string(s))
		}
		if t := a.Tags(); len(t) > 0 {
			parts = append(parts, "#"+safe.Line(strings.Join(t, " #")))
		}
		if n := strings.TrimSpace(a.Note()); n != "" {
			parts = append(parts, "— "+safe.Line(truncRunes(n, 60)))
		}
		switch res.Status {
		case notes.AnchorEdited:
			parts = append(parts, "(edited since your note)")
		case notes.AnchorOrphaned:
			parts = append(parts, "(orphaned: its node or passage is gone)")
		}
		row.Text = strings.Join(parts, " ")
		rows = append(rows, row)
	}
	m.nt.view.SetRows(header, rows)
}

func tagLabel(t string) string {
	if t == "" {
		return ""
	}
	return " · tag #" + safe.Line(t)
}

func truncRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

func (m Model) admits(a notes.Annotation, me string) bool {
	if m.nt.tag != "" && !slices.Contains(a.Tags(), m.nt.tag) {
		return false
	}
	switch m.nt.filter {
	case filterMine:
		return a.Creator.ID == me
	case filterAgree:
		return a.Stance() == notes.Agree
	case filterDisagree:
		return a.Stance() == notes.Disagree
	case filterUnsure:
		return a.Stance() == notes.Unsure
	case filterNeedsEvidence:
		return a.Stance() == notes.NeedsEvidence
	}
	return true
}

// notePos orders notes by where their target is in the article.
func (m Model) notePos(a notes.Annotation) int {
	if q, ok := a.Quote(); ok {
		return q.Start
	}
	if id, ok := a.NodeID(); ok {
		if n := m.c.Node(id); n != nil {
			if an, ok := n.FirstAnchor(); ok {
				return an.Start
			}
			return len(m.c.Article.Text) // unanchored nodes after the article
		}
	}
	return 1 << 30 // orphans last
}

// cycleTag moves the tag filter to the next tag in use (then to none).
func (m *Model) cycleTag() {
	var tags []string
	for _, a := range m.nt.store.All() {
		for _, t := range a.Tags() {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	i := slices.Index(tags, m.nt.tag)
	if i+1 < len(tags) {
		m.nt.tag = tags[i+1]
	} else {
		m.nt.tag = ""
	}
}

// updateNotes handles the notes messages; ok is false for other messages.
func (m *Model) updateNotes(msg tea.Msg) (bool, tea.Cmd) {
	switch msg := msg.(type) {
	case notesSavedMsg:
		if msg.err != nil {
			m.nt.failed = true
			m.nt.status = "not saved: " + safe.Line(msg.err.Error())
		} else if msg.what != "" {
			m.nt.failed = false
			m.nt.status = msg.what
		}
		m.nt.checkReadOnly()
		if msg.read != "" && msg.err == nil {
			// A node marked as read: only the progress line changes.
			m.nt.read[msg.read] = true
			m.nt.coverage = m.computeCoverage()
			return true, nil
		}
		m.refreshNotes()
		return true, nil
	case notesview.CloseMsg:
		m.nt.showView = false
		return true, nil
	case notesview.FilterMsg:
		if msg.What == "tag" {
			m.cycleTag()
		} else {
			m.nt.filter = (m.nt.filter + 1) % numFilters
		}
		m.refreshNotesView()
		return true, nil
	case notesview.JumpMsg:
		m.nt.showView = false
		if msg.Node != "" {
			return true, m.open(msg.Node)
		}
		if msg.Start >= 0 {
			m.article.ScrollToOffset(msg.Start)
			m.focus = focusArticle
			m.applyFocus()
		}
		return true, nil
	}
	return false, nil
}

func (m *Model) layoutNotes() {
	w, h := max(m.width-boxChromeW, 1), max(m.height-1-boxChromeH, 1)
	m.nt.editor.SetWidth(w)
	m.nt.editor.SetHeight(max(h-3, 1))
	m.nt.tags.SetWidth(max(w-8, 1))
	m.nt.view.SetSize(w, h)
}

// noteOverlay renders the editor, the tag input or the notes view, if open.
func (m Model) noteOverlay() (string, bool) {
	w, h := m.width, m.height-1
	s := m.styles
	switch {
	case m.nt.mode == noteNode:
		n := m.c.Node(m.nt.target)
		title := "Note on " + theme.Glyph(n.Kind) + " " + n.Summary
		body := m.nt.editor.View() + "\n\n" + s.Faint.Render("esc or ctrl+s saves and closes · an empty note removes it · Markdown is kept as typed, for the export")
		return m.box(title, body, w, h, true), true
	case m.nt.mode == notePassage:
		title := "Note on the passage “" + safe.Line(truncRunes(m.nt.quote.Exact, 50)) + "”"
		body := m.nt.editor.View() + "\n\n" + s.Faint.Render("esc or ctrl+s saves and closes · the quoted text is stored with the note")
		return m.box(title, body, w, h, true), true
	case m.nt.mode == noteTags:
		n := m.c.Node(m.nt.target)
		title := "Tags for " + theme.Glyph(n.Kind) + " " + n.Summary
		body := m.nt.tags.View() + "\n\n" + s.Faint.Render("enter saves · esc cancels · remove a word to remove the tag")
		return m.box(title, body, w, h, true), true
	case m.nt.showView:
		return m.box("Notes", m.nt.view.View(), w, h, true), true
	}
	return "", false
}
