// Package tally draws a live poll: a bar per stance with its count, its
// share and how it moved since the last reveal, and how many viewers have
// answered. The presenter, the speaker notes and the viewers (once the
// results are shown) draw the same bars.
package tally

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/theme"
)

// Glyph is the one-cell sign of a stance, as the explorer marks notes.
func Glyph(s poll.Stance) string { return theme.StanceGlyph(s.Name()) }

// State says whether voting is open and whether the room sees results.
func State(s poll.Snapshot) string {
	open := "voting closed"
	if s.Open {
		open = "voting open"
	}
	shown := "results hidden from viewers"
	if s.Shown {
		shown = "results shown to viewers"
	}
	return open + " · " + shown
}

// Answered is "N of M viewers answered".
func Answered(s poll.Snapshot) string {
	return fmt.Sprintf("%d of %d viewers answered", s.Answered, max(s.Viewers, s.Answered))
}

// Lines draws s in width columns: a header, a bar per stance, and the
// number answered; every line fits width.
func Lines(st theme.Styles, s poll.Snapshot, width int) []string {
	const label = 17 // "§ needs-evidence "
	lines := []string{st.Bold.Render("Poll") + st.Muted.Render(" · "+State(s))}
	barW := min(max(width-label-18, 4), 50) // a wider bar reads no better
	for _, stance := range poll.Stances {
		moved := ""
		if s.Revealed && s.Moved[stance] != 0 {
			moved = fmt.Sprintf(" %+d", s.Moved[stance])
		}
		lines = append(lines, Bar(st, Glyph(stance)+" "+stance.Name(), label, s.Counts[stance], s.Answered, barW)+st.Muted.Render(moved))
	}
	tail := Answered(s)
	if s.Revealed {
		tail += " · ± since the last reveal"
	}
	lines = append(lines, st.Muted.Render(tail))
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return lines
}

// Bar draws one answer's row: its label padded to labelW cells, a bar of
// barW cells filled in proportion to n of total (█ filled, · empty, so it
// reads without colour), the count and the share in per cent. The class
// view draws its stance bars with it too.
func Bar(st theme.Styles, label string, labelW, n, total, barW int) string {
	share, fill := 0, 0
	if total > 0 {
		share = (200*n + total) / (2 * total)
		fill = min(n*barW/total, barW)
	}
	bar := st.Title.Render(strings.Repeat("█", fill)) + st.Faint.Render(strings.Repeat("·", barW-fill))
	return fmt.Sprintf("%-*s", labelW, label) + bar + fmt.Sprintf(" %3d %3d%%", n, share)
}

// Line is the results in one line, short enough for 80 columns with the
// viewer's own answer: "✓ 12  ✗ 3  ? 4  § 1 · 20 of 25 viewers answered".
func Line(s poll.Snapshot) string {
	parts := make([]string, 0, len(poll.Stances))
	for _, stance := range poll.Stances {
		parts = append(parts, fmt.Sprintf("%s %d", Glyph(stance), s.Counts[stance]))
	}
	return strings.Join(parts, "  ") + " · " + Answered(s)
}
