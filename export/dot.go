package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/crux-news/crux/model"
)

// dotWrap is the label width in characters: about the width of a box that
// keeps a map of ten nodes readable on one screen.
const dotWrap = 28

// WriteDOT writes c as a Graphviz digraph, so that
// "crux export --format dot | dot -Tsvg > map.svg" draws the whole map.
// Kinds are shapes (claim box, skeptic octagon, counterpoint ellipse) and
// each label reads "glyph kind: summary", wrapped; a rated claim adds its
// rating. Attacks are dashed red edges ending in a tee, supports solid green
// edges ending in an arrow, and every edge is labelled with its relation, so
// the map reads the same in black and white.
func WriteDOT(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("digraph crux {\n")
	fmt.Fprintf(&b, "  graph [label=%s, labelloc=t, fontname=\"Helvetica\", rankdir=BT, nodesep=0.4, ranksep=0.6];\n", dotQuote(c.Title()))
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=white, margin=\"0.15,0.08\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	b.WriteString("\n")
	for _, n := range c.Nodes() {
		if n == nil {
			continue
		}
		lines := wrap(fmt.Sprintf("%s %s: %s", glyph(n.Kind), n.Kind, nodeSummary(n)), dotWrap)
		if n.Rating != nil && n.Rating.Label != "" {
			lines = append(lines, "rating: "+fold(n.Rating.Label))
		}
		for i, l := range lines {
			lines[i] = dotEscape(l)
		}
		fmt.Fprintf(&b, "  %s [shape=%s, label=\"%s\", tooltip=%s];\n",
			dotQuote(n.ID), dotShape(n.Kind), strings.Join(lines, `\n`), dotQuote(nodeText(n)))
	}
	if len(c.File.Links) > 0 {
		b.WriteString("\n")
	}
	for _, l := range c.File.Links {
		from, err := target(c, l.From, l)
		if err != nil {
			return err
		}
		to, err := target(c, l.To, l)
		if err != nil {
			return err
		}
		var style string
		switch l.Type {
		case model.Attacks:
			style = `style=dashed, color="#c0392b", fontcolor="#c0392b", arrowhead=tee`
		case model.Supports:
			style = `style=solid, color="#2e7d32", fontcolor="#2e7d32", arrowhead=normal`
		default:
			return fmt.Errorf("export dot: link %s -> %s: unknown type %q (want supports or attacks)", l.From, l.To, l.Type)
		}
		tip := string(l.Type)
		if l.Note != "" {
			tip = fold(l.Note)
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s, %s, tooltip=%s];\n",
			dotQuote(from.ID), dotQuote(to.ID), dotQuote(string(l.Type)), style, dotQuote(tip))
	}
	b.WriteString("}\n")
	return flush(w, FormatDOT, &b)
}

// dotShape is the node shape for a kind.
func dotShape(k model.Kind) string {
	switch k {
	case model.KindClaim:
		return "box"
	case model.KindSkeptic:
		return "octagon"
	case model.KindCounterpoint:
		return "ellipse"
	}
	return "note"
}

// dotQuote returns s as a DOT double-quoted string, folded to one line.
func dotQuote(s string) string { return `"` + dotEscape(fold(s)) + `"` }

// dotEscape escapes backslashes and double quotes, the two characters that
// are special inside a DOT string. A backslash is doubled so that label
// escapes such as \n or \N in the text stay literal.
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ").Replace(s)
}

// wrap breaks s into lines of at most width runes at spaces; a longer word
// gets a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(s) {
		wr := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(wr) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
