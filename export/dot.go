package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/crux-news/crux/model"
)

// dotWrap is the label width in characters: a box about 190 points wide,
// so that a claim and two columns of positions fit a screen's width.
const dotWrap = 30

// WriteDOT writes c as a Graphviz digraph, so that
// "crux export --format dot | dot -Tsvg > map.svg" draws the whole map.
// Each claim is a cluster with the skeptic positions and counterpoints that
// lead to it (a position that leads to several claims sits in the first, in
// article order). The graph is drawn right to left (rankdir=RL), so that
// each cluster reads left to right like a handout's section: the claim,
// then the positions on it, then the positions on those; clusters stack
// top to bottom in article order. Kinds are shapes (claim box, skeptic octagon,
// counterpoint ellipse) and each label reads "glyph kind: summary",
// wrapped; a rated claim adds its rating. Attacks are dashed red edges
// ending in a tee, supports solid green edges ending in an arrow, and every
// edge is labelled with its relation, so the map reads the same in black and
// white. A node's tooltip (shown on hover in SVG) is its text as plain
// text.
func WriteDOT(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("digraph crux {\n")
	fmt.Fprintf(&b, "  graph [label=%s, labelloc=t, fontname=\"Helvetica\", fontsize=14, rankdir=RL, nodesep=0.15, ranksep=0.35, newrank=true];\n", dotQuote(c.Title()))
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=white, margin=\"0.1,0.05\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=8];\n")
	groups, rest := dotClusters(c)
	// dot lays a right-to-left graph out top to bottom and turns it, which
	// stacks clusters in the reverse of their order in the file: the last
	// cluster written is drawn at the top. Writing them last claim first
	// puts claim 1 at the top.
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		fmt.Fprintf(&b, "\n  subgraph \"cluster_%d\" {\n", i+1)
		fmt.Fprintf(&b, "    graph [label=\"Claim %d\", labeljust=l, style=rounded, color=\"#999999\", fontsize=10];\n", i+1)
		for _, n := range g {
			dotNode(&b, "    ", n)
		}
		b.WriteString("  }\n")
	}
	if len(rest) > 0 {
		b.WriteString("\n")
	}
	for _, n := range rest {
		dotNode(&b, "  ", n)
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

// dotNode writes one node statement.
func dotNode(b *bytes.Buffer, indent string, n *model.Node) {
	lines := wrap(fmt.Sprintf("%s %s: %s", glyph(n.Kind), n.Kind, nodeSummary(n)), dotWrap)
	if n.Rating != nil && n.Rating.Label != "" {
		lines = append(lines, "rating: "+fold(n.Rating.Label))
	}
	for i, l := range lines {
		lines[i] = dotEscape(l)
	}
	fmt.Fprintf(b, "%s%s [shape=%s, label=\"%s\", tooltip=%s];\n",
		indent, dotQuote(n.ID), dotShape(n.Kind), strings.Join(lines, `\n`), dotQuote(plainText(n)))
}

// dotClusters groups the nodes by claim, in article order: each claim with
// the positions that lead to it through supports and attacks links, not
// through another claim. A position that leads to several claims goes with
// the first; nodes that lead to no claim are returned in rest, in file order.
func dotClusters(c *model.Content) (groups [][]*model.Node, rest []*model.Node) {
	placed := map[string]bool{}
	for _, cl := range c.Claims() {
		placed[cl.ID] = true
	}
	for _, cl := range c.Claims() {
		g := []*model.Node{cl}
		for i := 0; i < len(g); i++ {
			for _, l := range linksTo(c, g[i]) {
				n := c.Node(l.From)
				if n == nil || placed[n.ID] {
					continue
				}
				placed[n.ID] = true
				g = append(g, n)
			}
		}
		groups = append(groups, g)
	}
	for _, n := range c.Nodes() {
		if n != nil && !placed[n.ID] {
			rest = append(rest, n)
		}
	}
	return groups, rest
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
