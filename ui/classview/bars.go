// Package classview is the teacher's view of a class in the explorer
// ("crux class NOTES..." on a terminal): a compact stance bar on every row
// of the node lists (RowBar), the class's section of the detail pane (a
// bar per stance with counts and shares, how many students annotated the
// node, and everyone's notes, author by author: Section), and the class
// overview overlay (Model: the claims where the class disagrees most, each
// student's coverage and the files that were skipped), whose enter jumps to
// a node.
//
// It reads a *class.Class, built once and only read, and draws with the
// explorer's theme. Every string from a student's file is made safe for
// the terminal here (internal/safe): class reads notes files directly,
// not through a notes.Store, which would have done it.
package classview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/detail"
	"github.com/crux-news/crux/ui/tally"
	"github.com/crux-news/crux/ui/theme"
)

// RowCells is the width of a row's stance bar, without its trailing space.
const RowCells = 8

// stance is one column of a distribution: a stance, or none ("").
type stance struct {
	s     notes.Stance
	glyph string
	word  string
}

// stances are the five columns, in key order, none last. The glyphs are
// the explorer's stance marks (tally.Glyph); none is a middle dot.
var stances = func() []stance {
	out := make([]stance, 0, len(poll.Stances)+1)
	for _, p := range poll.Stances {
		out = append(out, stance{s: notes.Stance(p.Name()), glyph: tally.Glyph(p), word: p.Name()})
	}
	return append(out, stance{s: "", glyph: "·", word: "no stance"})
}()

// style is how a stance's cells are coloured; the glyph says the same
// without colour.
func style(st *theme.Styles, s notes.Stance) lipgloss.Style {
	switch s {
	case notes.Agree:
		return st.RatingGood
	case notes.Disagree:
		return st.RatingBad
	case notes.Unsure:
		return st.RatingMixed
	case notes.NeedsEvidence:
		return st.Muted
	}
	return st.Faint
}

// cells splits n cells among the five counts of d in proportion (largest
// remainder), giving every stance somebody took at least one cell while
// cells last, so that a lone dissenter in a large class still shows.
func cells(d class.Distribution, n int) []int {
	out := make([]int, len(stances))
	if d.Students <= 0 {
		out[len(out)-1] = n
		return out
	}
	rem := make([]int, len(stances))
	used := 0
	for i, s := range stances {
		c := d.Count(s.s) * n
		out[i], rem[i] = c/d.Students, c%d.Students
		used += out[i]
	}
	for ; used < n; used++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	for i, s := range stances {
		if out[i] > 0 || d.Count(s.s) == 0 {
			continue
		}
		big := 0
		for j := range out {
			if out[j] > out[big] {
				big = j
			}
		}
		if out[big] > 1 {
			out[big]--
			out[i]++
		}
	}
	return out
}

// RowBar is a node's compact stance bar for a list row: RowCells cells,
// each the glyph of a stance (✓ agree, ✗ disagree, ? unsure, § needs-
// evidence, · no stance) in proportion to the class, then a space. It
// reads without colour.
func RowBar(st *theme.Styles, d class.Distribution) string {
	var b strings.Builder
	for i, n := range cells(d, RowCells) {
		if n > 0 {
			b.WriteString(style(st, stances[i].s).Render(strings.Repeat(stances[i].glyph, n)))
		}
	}
	b.WriteByte(' ')
	return b.String()
}

// Badges returns the node lists' badge function: each row's stance bar,
// drawn once per node (the side lists are refilled on every move).
func Badges(cl *class.Class, st *theme.Styles) func(id string) string {
	dists := cl.Distributions()
	bars := make(map[string]string)
	return func(id string) string {
		b, ok := bars[id]
		if !ok {
			b = RowBar(st, dists[id])
			bars[id] = b
		}
		return b
	}
}

// Annotated is "N of M students annotated".
func Annotated(d class.Distribution) string {
	return fmt.Sprintf("%d of %d students annotated", d.Annotated, d.Students)
}

// Section is the class on node id for the detail pane: a bar per stance
// with counts and shares, how many students annotated it and how much the
// class disagrees, then everyone's notes, author by author, as Markdown,
// and who has not annotated it.
func Section(cl *class.Class, st *theme.Styles, id string) detail.Section {
	r := cl.Node(id)
	if r == nil {
		return detail.Section{}
	}
	d := r.Dist
	lines := func(w int) []string {
		// The heading wraps rather than cuts: "N of M students annotated"
		// is the line a teacher reads first, in any side column.
		out := strings.Split(ansi.Wrap("The class · "+Annotated(d), max(w, 8), " "), "\n")
		for i, l := range out {
			if rest, ok := strings.CutPrefix(l, "The class"); ok && i == 0 {
				out[i] = st.Bold.Render("The class") + st.Muted.Render(rest)
			} else {
				out[i] = st.Muted.Render(l)
			}
		}
		if d.Annotated == 0 {
			return out // five empty bars say nothing more
		}
		barW := min(max(w-17-9, 4), 30)
		for _, s := range stances {
			out = append(out, tally.Bar(*st, s.glyph+" "+s.word, 17, d.Count(s.s), d.Students, barW))
		}
		if x := d.Disagreement(); x > 0 {
			out = append(out, strings.Split(st.Muted.Render(ansi.Wrap(
				fmt.Sprintf("Disagreement %.2f (1: the whole class split evenly)", x), max(w, 8), " ")), "\n")...)
		}
		return out
	}
	return detail.Section{Key: fmt.Sprintf("class %s %p", r.Node.ID, r), Lines: lines, Markdown: notesMarkdown(cl, r)}
}

// notesMarkdown is everyone's notes on a node, author by author, then who
// has not annotated it.
func notesMarkdown(cl *class.Class, r *class.NodeReport) string {
	if len(r.Entries) == 0 {
		return ""
	}
	var b strings.Builder
	for _, e := range r.Entries {
		head := "**" + escape(safe.Line(e.Student)) + "**"
		if e.Stance != "" {
			head += " · " + stanceWords(e.Stance)
		}
		if len(e.Tags) > 0 {
			head += " · " + escape("#"+safe.Line(strings.Join(e.Tags, " #")))
		}
		if e.Edited {
			head += " · *the node changed since*"
		}
		b.WriteString(head + "\n\n")
		for _, n := range e.Notes {
			if n = strings.TrimSpace(safe.Text(n)); n != "" {
				b.WriteString(n + "\n\n")
			}
		}
	}
	var missing []string
	for _, s := range cl.Students {
		if !annotated(r, s.Name) {
			missing = append(missing, escape(safe.Line(s.Name)))
		}
	}
	if len(missing) > 0 {
		b.WriteString("*Not annotated by:* " + strings.Join(missing, ", ") + "\n\n")
	}
	// A rule ends the class's notes, so the last one does not run into
	// the node's own text below.
	b.WriteString("---\n")
	return b.String()
}

func annotated(r *class.NodeReport, name string) bool {
	for _, e := range r.Entries {
		if e.Student == name {
			return true
		}
	}
	return false
}

// stanceWords is a stance's glyph and words: "✓ agree".
func stanceWords(s notes.Stance) string {
	for _, x := range stances {
		if x.s == s {
			return x.glyph + " " + x.word
		}
	}
	return safe.Line(string(s))
}

// escape keeps a name or tag from being read as Markdown.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `\<`, `#`, `\#`)
	return r.Replace(s)
}
