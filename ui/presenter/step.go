package presenter

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// The step is laid out to fit its screen, so that the room never misses a
// reveal. Every row is used before anything is shortened, and then only as
// much as is needed: the least needed part gives way first — the node's
// text, then the rating's explanation, then the quoted passage; then earlier
// reveals shrink to one line each, oldest first, and only past that are the
// earliest left out (counted), and the rating last of all. The newest reveal
// is always shown whole. Whenever anything gave way, the step's last line
// says so and that z shows the whole step.

// body is the current step: its node, passage and linked nodes, at most
// height lines of the text column's width (without the left margin), and
// whether anything had to be shortened or left out to fit.
func (m Model) body(height int) ([]string, bool) {
	step, n := m.step()
	inner := m.textWidth()
	if n == nil {
		return append([]string{m.st.Error.Render(fmt.Sprintf("Step %d names node %q, which is not in %s.", m.state.Step+1, step.Node, m.c.Path))},
			wrap("Run `crux validate` to see every problem; space moves on to the next step.", inner)...), false
	}
	// The heading is the kind and the step's title; node ids are for
	// authors (crux explore shows them), not for the audience.
	head := m.st.KindLabel(n.Kind)
	if step.Title != "" {
		head += m.st.Muted.Render("  ·  ") + m.st.Bold.Render(step.Title)
	}
	top := []string{head, ""}
	for _, l := range wrap(n.Summary, inner) {
		top = append(top, m.st.Bold.Render(l))
	}
	var rating []string
	if n.Rating != nil {
		r := m.st.RatingStyle(n.Rating.Label).Render(n.Rating.Label)
		if n.Rating.Explanation != "" {
			r += m.st.Muted.Render(" — " + n.Rating.Explanation)
		}
		rating = wrap(r, inner)
	}
	text := m.md.lines(n.Text, inner, m.st.Glamour)
	quote, rated := maxQuoteLines, len(rating)
	linked := m.linked(inner, 1<<30)
	upper := func() []string { return append(top[:len(top):len(top)], cutLines(rating, rated, inner)...) }
	lines := func(text []string) []string {
		return stack(upper(), text, m.passage(n, inner, quote), linked)
	}
	if all := lines(text); len(all) <= height {
		return all, false
	}
	// Something gives way; one row is kept for saying so.
	room := height - 1
	fits := func() bool { return len(lines(nil)) <= room }
	if !fits() {
		rated = min(rated, 1)
	}
	for quote > 0 && !fits() {
		quote--
	}
	rest := func() int { return room - len(stack(upper(), m.passage(n, inner, quote))) - 1 }
	if !fits() {
		linked = m.linked(inner, rest())
	}
	if !fits() && rated > 0 {
		rated = 0 // the rating, last of all
		linked = m.linked(inner, rest())
	}
	// Rows left over go back, most needed first: to the passage, then the
	// rating; the text takes what remains.
	for quote < maxQuoteLines && fits() {
		quote++
	}
	if !fits() {
		quote--
	}
	for rated < len(rating) && fits() {
		rated++
	}
	if !fits() {
		rated--
	}
	text = cutLines(text, room-len(lines(nil))-1, inner)
	return append(lines(text), m.st.Faint.Render(m.cutNote())), true
}

// cutNote is the line under a step that had to be shortened to fit.
func (m Model) cutNote() string {
	return "… shortened to fit — " + m.keys.Zoom.Help().Key + " shows the whole step"
}

// stack joins the sections that are not empty, a blank line between two.
func stack(secs ...[]string) []string {
	var out []string
	for _, sec := range secs {
		if len(sec) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, sec...)
	}
	return out
}

// cutLines keeps the first n lines of ls, each at most width cells; when ls
// has more, the last kept line that is not blank ends in "…" (blank ones
// after it, such as a gap between paragraphs, are dropped).
func cutLines(ls []string, n, width int) []string {
	switch {
	case len(ls) <= n:
		return ls
	case n < 1:
		return nil
	}
	// A copy: the caller's lines are cut again as the fit is tried, and
	// writing the "…" into them would add one more each time.
	kept := slices.Clone(ls[:n])
	for len(kept) > 1 && strings.TrimSpace(ansi.Strip(kept[len(kept)-1])) == "" {
		kept = kept[:len(kept)-1]
	}
	last := kept[len(kept)-1]
	text := min(width-1, ansi.StringWidth(strings.TrimRight(ansi.Strip(last), " ")))
	return append(kept[:len(kept)-1], ansi.Truncate(last, text, "")+"…")
}

// passage is the node's first anchored passage, quoted in at most lines
// lines (none: no passage), with its place in the article.
func (m Model) passage(n *model.Node, width, lines int) []string {
	a, ok := n.FirstAnchor()
	if !ok || lines <= 0 {
		return nil
	}
	text := m.text
	if a.End > len(text) {
		return nil
	}
	quote := strings.Join(strings.Fields(string(text[a.Start:a.End])), " ")
	out := []string{m.st.Muted.Render("In the article, " + m.where(a.Start, len(text)) + ":")}
	ql := wrap("“"+quote+"”", width-2)
	if len(ql) > lines {
		ql = ql[:lines]
		ql[lines-1] = ansi.Truncate(ql[lines-1], width-3, "") + "…"
	}
	for _, l := range ql {
		out = append(out, m.st.Faint.Render("│ ")+m.st.MarkSelected.Render(l))
	}
	return out
}

// where names an article position: its block, source line and how far in.
func (m Model) where(pos, total int) string {
	bs := m.c.Article.Blocks
	for i, b := range bs {
		if pos >= b.Start && pos < b.End {
			return fmt.Sprintf("¶ %d of %d, line %d, %d%% in", i+1, len(bs), b.Line, 100*pos/max(total, 1))
		}
	}
	return fmt.Sprintf("%d%% in", 100*pos/max(total, 1))
}

// linked lists the revealed linked nodes in at most height lines and says
// how many remain. The newest is whole; when all do not fit, earlier ones
// take one line each, oldest first and only as many as needed, and then the
// earliest are counted instead of shown.
func (m Model) linked(width, height int) []string {
	ns := m.reveals()
	if len(ns) == 0 {
		return nil
	}
	shown := ns[:min(m.state.Revealed, len(ns))]
	items := make([][]string, len(shown))
	for i, nb := range shown {
		rel := m.st.RelationStyle(nb.Link.Type).Render(theme.RelationGlyph(nb.Link.Type) + " " + string(nb.Link.Type))
		var line string
		if nb.Outgoing {
			line = "this " + rel + " " + m.st.KindLabel(nb.Node.Kind) + "  " + nb.Node.Summary
		} else {
			line = m.st.KindLabel(nb.Node.Kind) + " " + rel + " this  " + nb.Node.Summary
		}
		items[i] = wrap(line, width)
	}
	head := m.st.Muted.Render(fmt.Sprintf("Linked: %d of %d revealed", len(shown), len(ns)))
	var tail []string
	if rest := len(ns) - len(shown); rest > 0 {
		tail = []string{m.st.Faint.Render(fmt.Sprintf("· %d more — %s reveals the next", rest, m.keys.Reveal.Help().Key))}
	}
	count := func() int {
		n := 1 + len(tail)
		for _, it := range items {
			n += len(it)
		}
		return n
	}
	// Earlier reveals to one line each, oldest first.
	for i := 0; i < len(items)-1 && count() > height; i++ {
		if len(items[i]) > 1 {
			items[i] = []string{ansi.Truncate(items[i][0], width-1, "") + "…"}
		}
	}
	// Then leave out the earliest, and say so.
	dropped := 0
	if count() > height {
		for len(items) > 1 && count()+1 > height {
			items, dropped = items[1:], dropped+1
		}
	}
	out := []string{head}
	if dropped > 0 {
		out = append(out, m.st.Faint.Render(fmt.Sprintf("+%d earlier — %s shows them all", dropped, m.keys.Zoom.Help().Key)))
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return append(out, tail...)
}

// wholePage is the step with nothing shortened, scrolled by the zoom
// overlay's offset (z): the way to see whatever the step had to shorten or
// leave out.
func (m Model) wholePage(height int) []string {
	lines, _ := m.body(1 << 30)
	head := m.st.Title.Render(" The whole step") + m.st.Faint.Render("  ↑/↓ scroll · "+m.keys.Zoom.Help().Key+"/"+m.keys.Cancel.Help().Key+" back")
	rows := max(height-2, 1)
	off := max(0, min(m.zoomOff, len(lines)-rows))
	pad := strings.Repeat(" ", m.left())
	out := []string{head, ""}
	page := lines[off:min(off+rows, len(lines))]
	if off+rows < len(lines) {
		page = append(page[:rows-1:rows-1], m.st.Faint.Render(fmt.Sprintf("↓ %d more lines", len(lines)-off-rows+1)))
	}
	for _, l := range page {
		out = append(out, pad+l)
	}
	return out
}
