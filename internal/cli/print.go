package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// writePrint writes the article as plain text with a marker where each
// anchored passage starts and ends ([1 ... ]1), then an index of the nodes
// and their links. It is what crux prints when stdout is not a terminal.
func writePrint(w io.Writer, c *model.Content) error {
	bw := bufio.NewWriter(w)
	title := safe.Line(c.Title())
	fmt.Fprintf(bw, "%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
	meta := []string{}
	for _, s := range []string{c.Article.Author, c.Article.Publisher, c.Article.Published, c.Article.URL} {
		if s != "" {
			meta = append(meta, safe.Line(s))
		}
	}
	if len(meta) > 0 {
		fmt.Fprintln(bw, strings.Join(meta, " · "))
	}
	fmt.Fprintln(bw)

	// Number the passages in article order, then insert markers.
	passages := c.Passages()
	num := map[string]int{}
	for _, p := range passages {
		if _, ok := num[p.Node]; !ok {
			num[p.Node] = len(num) + 1
		}
	}
	opens := map[int][]string{}
	closes := map[int][]string{}
	for _, p := range passages {
		n := c.Node(p.Node)
		tag := fmt.Sprintf("%s%d", theme.Glyph(n.Kind), num[p.Node])
		opens[p.Start] = append(opens[p.Start], "["+tag+" ")
		closes[p.End] = append(closes[p.End], " ]"+tag)
	}
	text := []rune(safe.Text(c.Article.Text))
	for i := 0; i <= len(text); i++ {
		for _, s := range closes[i] {
			bw.WriteString(s)
		}
		for _, s := range opens[i] {
			bw.WriteString(s)
		}
		if i < len(text) {
			bw.WriteRune(text[i])
		}
	}
	fmt.Fprint(bw, "\n\nIndex\n-----\n")
	for _, k := range model.Kinds() {
		for _, n := range c.Nodes() {
			if n.Kind != k {
				continue
			}
			ref := ""
			if i, ok := num[n.ID]; ok {
				ref = fmt.Sprintf(" [%s%d]", theme.Glyph(n.Kind), i)
			}
			fmt.Fprintf(bw, "\n%s %s %s%s\n  %s\n", theme.Glyph(n.Kind), theme.KindWord(n.Kind), n.ID, ref, safe.Line(n.Summary))
			if n.Rating != nil {
				fmt.Fprintf(bw, "  rating: %s\n", safe.Line(n.Rating.Label))
			}
			for _, l := range c.LinksFrom(n.ID) {
				fmt.Fprintf(bw, "  %s %s %s\n", theme.RelationGlyph(l.Type), l.Type, l.To)
			}
		}
	}
	return bw.Flush()
}
