package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// statusLine shows the title, the focused pane, the breadcrumb and short
// help. Parts are kept whole and dropped, least important first, until the
// line fits: the follow mode and "? help" always stay.
func (m Model) statusLine() string {
	s := m.styles
	w := m.width
	type part struct {
		text string
		prio int // lower stays longer
	}
	var parts []part
	if m.fm.following {
		mode := "following presenter · f browse"
		if m.fm.lastCue != nil && m.fm.lastCue.Steps > 0 {
			mode = fmt.Sprintf("following presenter · step %d/%d · f browse", m.fm.lastCue.Step+1, m.fm.lastCue.Steps)
			if m.fm.said != "" { // a key did nothing: say why, in the same place
				mode = fmt.Sprintf("step %d/%d · %s", m.fm.lastCue.Step+1, m.fm.lastCue.Steps, m.fm.said)
			}
		}
		if m.fm.browsing {
			mode = "browsing · c catch up"
			if m.fm.lastCue != nil {
				mode = fmt.Sprintf("browsing (presenter at %d/%d) · c catch up", m.fm.lastCue.Step+1, m.fm.lastCue.Steps)
			}
		}
		if m.opts.ReturnHint != "" {
			mode = m.opts.ReturnHint
		}
		if m.fm.ended {
			mode = "the talk has ended · q quit"
		}
		parts = append(parts, part{s.StatusKey.Render(" " + mode + " "), 0})
	} else {
		parts = append(parts, part{s.StatusKey.Render(" crux "), 5})
	}
	parts = append(parts, part{s.StatusBar.Render(" " + m.focus.String() + " "), 3})
	if m.nt.status != "" {
		st := s.StatusBar
		if m.nt.failed {
			st = s.Error
		}
		parts = append(parts, part{st.Render(" " + m.nt.status + " "), 1})
	}
	if st, failed := m.editStatus(w / 2); st != "" {
		style := s.StatusBar
		if failed {
			style = s.Error
		}
		parts = append(parts, part{style.Render(" " + st + " "), 1})
	}
	if m.nt.readOnly {
		parts = append(parts, part{s.Error.Render(" notes read-only (v: why) "), 1})
	}
	if cov := m.coverage(); cov != "" {
		parts = append(parts, part{s.StatusBar.Render(" " + cov + " "), 4})
	}
	long := s.StatusBar.Render(" tab pane · / search · ⌫ back · ? help · q quit ")
	if m.fm.frozen() && !m.fm.ended {
		// Following, search and history do nothing: do not offer them.
		long = s.StatusBar.Render(" tab pane · ? help · q quit ")
	}
	short := s.StatusBar.Render(" ? help ")
	if l, sh := m.editHint(); l != "" {
		long, short = s.StatusBar.Render(l), s.StatusBar.Render(sh)
	}
	width := func(ps []part) int {
		n := 0
		for _, p := range ps {
			n += ansi.StringWidth(p.text)
		}
		return n
	}
	hint := long
	const minCrumb = 12 // room worth giving the breadcrumb
	if width(parts)+ansi.StringWidth(long)+minCrumb > w {
		hint = short
	}
	for width(parts)+ansi.StringWidth(hint) > w {
		worst := -1
		for i, p := range parts {
			if p.prio > 0 && (worst < 0 || p.prio >= parts[worst].prio) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		parts = append(parts[:worst], parts[worst+1:]...)
	}
	left := ""
	for _, p := range parts {
		left += p.text
	}
	room := w - ansi.StringWidth(left) - ansi.StringWidth(hint)
	crumb := m.breadcrumb(max(room-2, 0))
	mid := s.Breadcrumb.Render(" " + crumb + strings.Repeat(" ", max(room-1-ansi.StringWidth(crumb), 0)))
	if room <= 0 {
		mid = ""
	}
	return ansi.Truncate(left+mid+hint, w, "")
}

// breadcrumb is the path followed, newest last, cut from the left to fit.
func (m Model) breadcrumb(w int) string {
	if w <= 0 {
		return ""
	}
	ids := m.History()
	var nodes []*model.Node
	for _, id := range ids {
		if n := m.c.Node(id); n != nil {
			nodes = append(nodes, n)
		}
	}
	build := func(each int, from int) string {
		parts := make([]string, 0, len(nodes)-from)
		for _, n := range nodes[from:] {
			parts = append(parts, theme.Glyph(n.Kind)+" "+ansi.Truncate(n.Summary, each, "…"))
		}
		out := strings.Join(parts, " › ")
		if from > 0 {
			out = "… › " + out
		}
		return out
	}
	// The longest summaries that fit, down to 16 cells; then drop the
	// oldest steps.
	for each := 48; each >= 16; each -= 8 {
		if out := build(each, 0); ansi.StringWidth(out) <= w {
			return out
		}
	}
	for from := 1; from < len(nodes); from++ {
		if out := build(24, from); ansi.StringWidth(out) <= w {
			return out
		}
	}
	return ansi.Truncate(build(24, max(len(nodes)-1, 0)), w, "…")
}
