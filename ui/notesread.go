package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/noteedit"
	"github.com/crux-news/crux/ui/notesview"
	"github.com/crux-news/crux/ui/theme"
)

// Where notes show: row badges, the detail pane, the article's margin marks,
// the coverage line and the notes list. All are rebuilt from the store when
// the notes change, never per frame. The store hands out notes already made
// safe for the terminal (notes.Store installs every collection so), so
// nothing here sanitises them again.

// stanceGlyph is a one-cell sign for a stance.
func stanceGlyph(s notes.Stance) string { return theme.StanceGlyph(string(s)) }

// badges returns the rows' badge function: ✎ when anyone wrote a note on
// a node (a stance or tags alone are not a note, as in the hand-in), then
// the reader's stance glyph. It holds the store and the styles of now,
// never the root (which Bubble Tea copies), so a theme switch re-sets it.
func (m *Model) badges() func(id string) string {
	store, st := m.nt.store, m.styles
	return func(id string) string {
		written, stance := false, notes.Stance("")
		me := store.Creator().ID
		for _, a := range store.ForNode(id) {
			written = written || strings.TrimSpace(a.Note()) != ""
			if a.Creator.ID == me {
				stance = a.Stance()
			}
		}
		if !written && stance == "" {
			return ""
		}
		mark := " "
		if written {
			mark = "✎"
		}
		return st.Title.Render(mark + stanceGlyph(stance))
	}
}

// refreshNotes updates every place that shows notes: badges, the detail
// pane, the article's margin marks and the notes view.
func (m *Model) refreshNotes() {
	if m.nt.store == nil {
		return
	}
	badge := m.badges()
	m.claims.SetBadges(badge)
	m.skeptics.SetBadges(badge)
	m.counters.SetBadges(badge)
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
	if m.stack.has(layerNotes) {
		m.refreshNotesView()
	}
}

// noteLines are the detail pane's lines for the notes on a node.
func (m *Model) noteLines(id string) []string {
	if m.nt.store == nil {
		return nil
	}
	anns := append(m.nt.store.ForNode(id), m.passageNotes(id)...)
	if len(anns) == 0 {
		if m.notesEnabled() {
			k := m.keys
			return []string{fmt.Sprintf("No note yet: %s writes one, %s-%s set a stance, %s tags it.",
				k.Annotate.Help().Key, k.Agree.Keys()[0], k.NeedsEvidence.Keys()[0], k.Tags.Help().Key)}
		}
		return nil
	}
	me := m.nt.store.Creator().ID
	var out []string
	for _, a := range anns {
		if q, ok := a.Quote(); ok { // a note on a passage of this node's
			out = append(out, "✎ on ¶ “"+truncRunes(q.Exact, 48)+"”")
		}
		who := a.Creator.Name
		if a.Creator.ID == me {
			who = "Your note"
		}
		head := "✎ " + who
		if s := a.Stance(); s != "" {
			head += " · " + stanceGlyph(s) + " " + string(s)
		}
		if t := a.Tags(); len(t) > 0 {
			head += " · #" + strings.Join(t, " #")
		}
		head += " · " + a.Modified.Local().Format("2006-01-02 15:04")
		if notes.Status(a, m.c) == notes.AnchorEdited {
			head += " · edited since your note"
		}
		out = append(out, head)
		if n := strings.TrimSpace(a.Note()); n != "" {
			out = append(out, strings.Split(n, "\n")...)
		}
	}
	return out
}

// passageNotes are the notes on passages inside the node's anchors, so
// that a passage note marked ✎ in the article reads in full in Detail when
// its node is selected.
func (m *Model) passageNotes(id string) []notes.Annotation {
	n := m.c.Node(id)
	if n == nil || len(n.Anchors) == 0 {
		return nil
	}
	var out []notes.Annotation
	for _, a := range m.nt.store.All() {
		if _, ok := a.Quote(); !ok {
			continue
		}
		r := notes.Resolve(a, m.c)
		if r.Status == notes.AnchorOrphaned || r.Start < 0 {
			continue
		}
		for _, an := range n.Anchors {
			if r.Start >= an.Start && r.Start < an.End {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// coverage is the reading progress line as of the last change; no frame
// asks the store for it.
func (m *Model) coverage() string { return m.nt.coverage }

func (m *Model) computeCoverage() string {
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
	claims := fmt.Sprintf("%d claims", noStance)
	if noStance == 1 {
		claims = "1 claim"
	}
	return fmt.Sprintf("%d/%d read · %s without stance", opened, total, claims)
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
	header = append(header, s.Muted.Render("filter: "+m.nt.filter.String()+tagLabel(m.nt.tag)+" ("+m.nt.view.KeyMap.Filter.Help().Key+" next filter)"))
	var rows []notesview.Row
	if m.nt.filter == noteedit.Unannotated {
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
		if !m.nt.filter.Admits(a, me, m.nt.tag) {
			continue
		}
		res := notes.Resolve(a, m.c)
		var parts []string
		if a.Creator.ID != me {
			parts = append(parts, "["+a.Creator.Name+"]")
		}
		row := notesview.Row{Start: -1}
		if q, ok := a.Quote(); ok {
			parts = append(parts, "¶ “"+truncRunes(q.Exact, 40)+"”")
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
				parts = append(parts, "? "+safe.Line(id)) // ids are kept raw by the store (matched, not shown), so this one is cleaned here
			}
		}
		if s := a.Stance(); s != "" {
			parts = append(parts, stanceGlyph(s)+" "+string(s))
		}
		if t := a.Tags(); len(t) > 0 {
			parts = append(parts, "#"+strings.Join(t, " #"))
		}
		if n := strings.TrimSpace(a.Note()); n != "" {
			// A row is one line of text: the note's reader text (the
			// article's Markdown conversion), not its ** and list dashes;
			// the preview under the list renders the Markdown.
			if plain, _ := model.ParseArticle(n); strings.TrimSpace(plain) != "" {
				n = plain
			}
			parts = append(parts, "— "+truncRunes(n, 60))
		}
		switch res.Status {
		case notes.AnchorEdited:
			parts = append(parts, "(edited since your note)")
		case notes.AnchorOrphaned:
			parts = append(parts, "(orphaned: its node or passage is gone)")
		}
		row.Text = strings.Join(parts, " ")
		row.Note = a.Note()
		rows = append(rows, row)
	}
	m.nt.view.SetRows(header, rows)
}

func tagLabel(t string) string {
	if t == "" {
		return ""
	}
	return " · tag #" + t
}

func truncRunes(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// notePos orders notes by where their target is in the article.
func (m *Model) notePos(a notes.Annotation) int {
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
