package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
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
	if m.fm.Following() {
		mode := m.fm.View()
		if m.opts.ReturnHint != "" && !m.fm.Ended() {
			mode = m.opts.ReturnHint
		}
		parts = append(parts, part{s.StatusKey.Render(" " + mode + " "), 0})
	} else {
		// The badge says where keys go (the explorer, not a presenter); it
		// gives way after the pane's name and the coverage.
		parts = append(parts, part{s.StatusKey.Render(" crux "), 2})
	}
	parts = append(parts, part{s.StatusBar.Render(" " + m.focus.String() + " "), 3})
	if m.nt.status != "" {
		st := s.StatusBar
		if m.nt.failed {
			st = s.Error
		}
		// A note or outcome is cut rather than dropped: it answers the key
		// just pressed.
		parts = append(parts, part{st.Render(" " + ansi.Truncate(m.nt.status, max(w*60/100, 20), "…") + " "), 1})
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
	width := func(ps []part) int {
		n := 0
		for _, p := range ps {
			n += ansi.StringWidth(p.text)
		}
		return n
	}
	const minCrumb = 12 // room worth giving the breadcrumb
	// The hints take up to about half the line; the breadcrumb the rest.
	// The parts that stay longest (follow mode, note outcome, the focused
	// pane) are what the hints must leave room for; the others (the name,
	// the coverage) give way to the hints.
	keep := 0
	for _, p := range parts {
		if p.prio <= 3 {
			keep += ansi.StringWidth(p.text)
		}
	}
	share := 40
	if _, open := m.stack.top(); m.ed.on && !open {
		share = 60 // crux edit's own keys come first and must show
	}
	hint := m.hintLine(max(min(w-keep-minCrumb, w*share/100), 12))
	// Drop parts, least important first: the coverage and the pane's name
	// make room for the breadcrumb; the crux badge, a note's outcome and
	// the follow mode only for the hints.
	drop := func(least int, over func() bool) {
		for over() {
			worst := -1
			for i, p := range parts {
				if p.prio >= least && (worst < 0 || p.prio >= parts[worst].prio) {
					worst = i
				}
			}
			if worst < 0 {
				return
			}
			parts = append(parts[:worst], parts[worst+1:]...)
		}
	}
	hw := ansi.StringWidth(hint)
	drop(3, func() bool { return width(parts)+hw+minCrumb > w })
	drop(1, func() bool { return width(parts)+hw > w })
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
	// Each entry is cut at a word to its own width; the oldest entries are
	// cut first, down to 16 cells, so the breadcrumb uses the width it has
	// and the newest steps read whole; then the oldest steps are dropped.
	build := func(widths []int, from int) string {
		parts := make([]string, 0, len(nodes)-from)
		for i, n := range nodes[from:] {
			parts = append(parts, theme.Glyph(n.Kind)+" "+cell.Words(n.Summary, widths[from+i]))
		}
		out := strings.Join(parts, " › ")
		if from > 0 {
			out = "… › " + out
		}
		return out
	}
	widths := make([]int, len(nodes))
	for i, n := range nodes {
		widths[i] = ansi.StringWidth(n.Summary)
	}
	const least = 16
	for from := 0; from < len(nodes); from++ {
		ws := append([]int(nil), widths...)
		for {
			if out := build(ws, from); ansi.StringWidth(out) <= w {
				return out
			}
			i := from
			for i < len(ws) && ws[i] <= least {
				i++
			}
			if i == len(ws) {
				break
			}
			// Cut the oldest entry still long by what is over, at most to
			// the least width.
			over := ansi.StringWidth(build(ws, from)) - w
			ws[i] = max(ws[i]-over, least)
		}
	}
	return ansi.Truncate(build(widths, max(len(nodes)-1, 0)), w, "…")
}
