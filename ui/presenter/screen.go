package presenter

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/theme"
)

// render is the presenter screen as text: exactly height lines, none wider
// than width.
func (m Model) render() string {
	w, h := m.width, m.height
	if w == 0 || h == 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return tooSmall(w, h, minWidth, minHeight, m.keys.Quit)
	}
	if m.err != nil {
		lines := []string{m.st.Error.Render("crux present cannot start"), ""}
		lines = append(lines, wrap(m.err.Error(), w-1)...)
		lines = append(lines, "", m.st.Faint.Render(m.keys.Quit.Help().Key+" quits"))
		return cell.Clip(strings.Join(lines, "\n"), w, h)
	}
	if m.state.Blank {
		if m.confirming {
			return cell.Clip(strings.Repeat("\n", h-1)+m.footer(false), w, h)
		}
		return cell.Clip("", w, h)
	}
	lines := []string{m.header(), m.progress(), ""}
	bodyH := h - len(lines) - 1
	var body []string
	cut := false // the step had to be shortened: the footer offers z
	switch m.overlay {
	case overlayIndex:
		body = m.index(bodyH)
	case overlayHelp:
		body = m.helpLines()
	case overlayLinked:
		body = m.wholePage(bodyH)
	default:
		body, cut = m.slide(bodyH)
	}
	lines = append(lines, strings.Split(cell.Clip(strings.Join(body, "\n"), w, bodyH), "\n")...)
	lines = append(lines, m.footer(cut))
	return cell.Clip(strings.Join(lines, "\n"), w, h)
}

// slide is the step with its poll, in a column of at most maxMeasure cells
// centred on the screen, at most height lines. It is centred as if every
// linked node were revealed, so that it stays put while they appear. It
// says whether the step had to be shortened to fit.
func (m Model) slide(height int) ([]string, bool) {
	tl := m.pollLines(m.textWidth())
	room := height
	if len(tl) > 0 {
		room -= len(tl) + 1
	}
	room = max(room, 1)
	body, cut := m.body(room)
	full := m
	full.state.Revealed = len(m.reveals())
	fullBody, _ := full.body(room)
	used := min(len(fullBody), room)
	if len(tl) > 0 {
		body = append(append(body[:min(len(body), room):min(len(body), room)], ""), tl...)
		used += len(tl) + 1
	}
	out := make([]string, 0, height)
	for range max(0, (height-used)/2) {
		out = append(out, "")
	}
	pad := strings.Repeat(" ", m.left())
	for _, l := range body {
		out = append(out, pad+l)
	}
	return out, cut
}

func (m Model) header() string {
	title := m.tour.Title
	if title == "" {
		title = m.tour.ID
	}
	right := fmt.Sprintf("step %d/%d  ⏱ %s", m.state.Step+1, len(m.tour.Steps), m.clock())
	return spread(" "+title, right+" ", m.width, m.st.StatusBar)
}

// clock is the elapsed time, and with a duration the pace against it.
func (m Model) clock() string {
	p := present.PaceAt(m.state, len(m.tour.Steps), m.opts.Now())
	s := present.Clock(p.Elapsed)
	if v := p.Verdict(); v != "" {
		s += " / " + present.Clock(m.state.Duration) + " · " + v
	}
	return s
}

// progress is a bar as wide as the screen, filled up to the current step.
func (m Model) progress() string {
	n := len(m.tour.Steps)
	filled := m.width * (m.state.Step + 1) / max(n, 1)
	return m.st.Title.Render(strings.Repeat("━", filled)) + m.st.Faint.Render(strings.Repeat("─", m.width-filled))
}

// footer is the key hints, or the question or message of the moment; cut
// adds the key that shows a step shortened to fit.
func (m Model) footer(cut bool) string {
	left := m.flash
	switch {
	case m.confirming:
		who := fmt.Sprintf("%d viewers", m.viewers())
		if m.viewers() == 1 {
			who = "1 viewer"
		}
		return m.st.Error.Render(ansi.Truncate(" End the talk for "+who+"? "+
			m.keys.Quit.Help().Key+"/"+m.keys.Yes.Help().Key+": yes · other key: no", m.width, "…"))
	case m.jumping:
		left = "go to step: " + m.jump + "▏ (" + m.keys.Confirm.Help().Key + " to go, " + m.keys.Cancel.Help().Key + " to cancel)"
	case left == "":
		var parts []string
		for _, b := range m.shortHelp(cut) {
			if b.Enabled() {
				// The first of a key's keys ("space" of space/→/↓/l/j): the
				// help lists them all.
				k, _, _ := strings.Cut(b.Help().Key, "/")
				parts = append(parts, k+" "+b.Help().Desc)
			}
		}
		// Keys that do not fit give way from the middle: "? help" and
		// "q quit" stay last.
		room := m.width - 2
		if m.opts.Status != nil {
			room -= ansi.StringWidth(m.opts.Status()) + 2
		}
		for len(parts) > 3 && ansi.StringWidth(strings.Join(parts, " · ")) > room {
			parts = append(parts[:len(parts)-3], parts[len(parts)-2:]...)
		}
		left = strings.Join(parts, " · ")
	}
	right := ""
	if m.opts.Status != nil {
		right = m.opts.Status()
	}
	if right == "" {
		return m.st.Faint.Render(ansi.Truncate(" "+left, m.width, "…"))
	}
	return spread(m.st.Faint.Render(" "+left), m.st.Muted.Render(right+" "), m.width, m.st.Faint)
}

// index lists the steps for picking one, scrolled to keep the cursor shown.
func (m Model) index(height int) []string {
	out := []string{m.st.Title.Render(" Steps") + m.st.Faint.Render("  ↑/↓ choose · enter go · esc close"), ""}
	rows := max(height-len(out), 1)
	first := max(0, min(m.cursor-rows/2, len(m.tour.Steps)-rows))
	for i := first; i < len(m.tour.Steps) && i < first+rows; i++ {
		s := m.tour.Steps[i]
		label := s.Title
		glyph := "?"
		if n := m.c.Node(s.Node); n != nil {
			glyph = m.st.KindStyle(n.Kind).Render(theme.Glyph(n.Kind))
			if label == "" {
				label = n.Summary
			}
		} else {
			label = "missing node " + s.Node
		}
		// ▸ is the cursor, as in the explorer's lists; the step on the
		// screen now is said in words.
		mark := "  "
		if i == m.cursor {
			mark = "▸ "
		}
		now := ""
		if i == m.state.Step {
			now = "  · on screen now"
		}
		row := mark + fmt.Sprintf("%3d. ", i+1) + glyph + " " + label
		row = ansi.Truncate(row, m.width-1-ansi.StringWidth(now), "…")
		if i == m.cursor {
			row = m.st.Cursor.Render(ansi.Strip(row))
		}
		row += m.st.Muted.Render(now)
		out = append(out, row)
	}
	return out
}

// helpLines lists every key, pairs of opposite keys on one row ("home /
// G/end  first / last step"), so that the list fits a 60×20 screen with
// the poll keys.
func (m Model) helpLines() []string {
	out := []string{m.st.Title.Render(" Keys") + m.st.Faint.Render("  any key closes"), ""}
	k := m.keys
	pairs := map[string]key.Binding{k.First.Help().Key: k.Last, k.Reveal.Help().Key: k.Hide}
	paired := map[string]bool{k.Last.Help().Key: true, k.Hide.Help().Key: true}
	for _, group := range append(k.FullHelp(), []key.Binding{m.pollKeys.Voting, m.pollKeys.Results}) {
		for _, b := range group {
			if !b.Enabled() || paired[b.Help().Key] {
				continue
			}
			keys, desc := b.Help().Key, b.Help().Desc
			if o, ok := pairs[keys]; ok {
				keys, desc = keys+" / "+o.Help().Key, desc+" / "+o.Help().Desc
			}
			out = append(out, fmt.Sprintf("  %-14s %s", keys, desc))
		}
	}
	return out
}
