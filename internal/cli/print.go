package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// printWidth is --print's default width, as glow's: the terminal's up to
// 120 columns, else 80.
func (a *app) printWidth() int {
	if f, ok := a.opts.Stdout.(*os.File); ok && a.opts.IsTerminal() {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return min(w, 120)
		}
	}
	return 80
}

// writePrint writes the article as plain text with a marker where each
// anchored passage starts and ends ([1 ... ]1), then an index of the nodes
// and their links, every line word-wrapped at width columns (0: not
// wrapped; a wrapped line keeps its indentation). It is what crux prints
// when stdout is not a terminal.
func writePrint(w io.Writer, c *model.Content, width int) error {
	out := bufio.NewWriterSize(w, 64<<10)
	var bw io.Writer = out
	if width > 0 {
		ww := &wrapWriter{w: out, width: width}
		defer ww.Flush()
		bw = ww
	}
	if err := writePrintText(bw, c, width); err != nil {
		return err
	}
	if ww, ok := bw.(*wrapWriter); ok {
		ww.Flush()
	}
	return out.Flush()
}

// wrapWriter word-wraps each complete line written to it at width columns
// (x/ansi's Wrap: at spaces, long words cut), continuing a line at its
// indentation.
type wrapWriter struct {
	w     *bufio.Writer
	width int
	line  []byte // the incomplete last line
}

func (ww *wrapWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			ww.line = append(ww.line, p...)
			break
		}
		ww.line = append(ww.line, p[:i]...)
		ww.writeLine(string(ww.line))
		ww.w.WriteByte('\n')
		ww.line = ww.line[:0]
		p = p[i+1:]
	}
	return n, nil
}

// Flush writes the incomplete last line.
func (ww *wrapWriter) Flush() {
	if len(ww.line) > 0 {
		ww.writeLine(string(ww.line))
		ww.line = ww.line[:0]
	}
}

func (ww *wrapWriter) writeLine(l string) {
	if len(l) <= ww.width || ansi.StringWidth(l) <= ww.width {
		ww.w.WriteString(l)
		return
	}
	indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
	if len(indent) > ww.width/2 {
		indent = ""
	}
	body := ansi.Wrap(l[len(indent):], ww.width-len(indent), "")
	for i, part := range strings.Split(body, "\n") {
		if i > 0 {
			ww.w.WriteByte('\n')
		}
		ww.w.WriteString(indent)
		ww.w.WriteString(part)
	}
}

func writePrintText(w io.Writer, c *model.Content, width int) error {
	bw := bufio.NewWriter(w)
	title := safe.Line(c.Title())
	rule := len([]rune(title))
	if width > 0 {
		rule = min(rule, width)
	}
	fmt.Fprintf(bw, "%s\n%s\n", title, strings.Repeat("=", rule))
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
