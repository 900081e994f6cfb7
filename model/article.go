package model

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ParseArticle turns Markdown into the reader text of Article.Text and its
// blocks: inline markup is removed (link and image text kept), soft and hard
// line breaks become one space, white space runs collapse to one space, code
// blocks keep their lines, and blocks are joined by "\n\n". Raw HTML and
// thematic breaks are not reader text and are dropped.
func ParseArticle(md string) (string, []Block) {
	src := []byte(md)
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	w := &articleWriter{src: src, lines: newPosIndex(src)}
	w.block(doc, "paragraph")
	return w.out.String(), w.blocks
}

type articleWriter struct {
	src    []byte
	lines  *posIndex
	out    strings.Builder
	runes  int
	blocks []Block
	buf    []byte
}

// emit appends one block of reader text.
func (w *articleWriter) emit(kind, s string, line int) {
	if s == "" {
		return
	}
	if len(w.blocks) > 0 {
		w.out.WriteString("\n\n")
		w.runes += 2
	}
	start := w.runes
	w.out.WriteString(s)
	w.runes += utf8.RuneCountInString(s)
	w.blocks = append(w.blocks, Block{Kind: kind, Start: start, End: w.runes, Line: line})
}

// lineOfNode is the source line where a block's first text line starts.
func (w *articleWriter) lineOfNode(n ast.Node) int {
	if lines := n.Lines(); lines != nil && lines.Len() > 0 {
		l, _ := w.lines.lineColFast(lines.At(0).Start)
		return l
	}
	return 1
}

func (w *articleWriter) block(n ast.Node, ctx string) {
	switch n := n.(type) {
	case *ast.Heading:
		w.emit("heading", w.inlineText(n), w.lineOfNode(n))
	case *ast.Paragraph, *ast.TextBlock:
		w.emit(ctx, w.inlineText(n), w.lineOfNode(n))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(w.src))
		}
		s := strings.TrimRight(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n")
		if strings.TrimSpace(s) == "" {
			return
		}
		w.emit("code", s, w.lineOfNode(n))
	case *ast.HTMLBlock, *ast.ThematicBreak:
		return
	case *ast.Blockquote:
		w.children(n, "quote")
	case *ast.ListItem:
		w.children(n, "list-item")
	default:
		w.children(n, ctx)
	}
}

func (w *articleWriter) children(n ast.Node, ctx string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, ctx)
	}
}

// inlineText renders a block's inline content as plain text with white space
// collapsed.
func (w *articleWriter) inlineText(n ast.Node) string {
	w.buf = w.buf[:0]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
	return collapseSpace(w.buf)
}

func (w *articleWriter) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(w.src)
		if n.IsRaw() {
			w.buf = append(w.buf, v...)
		} else {
			w.buf = append(w.buf, util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))...)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.buf = append(w.buf, ' ')
		}
	case *ast.String:
		w.buf = append(w.buf, n.Value...)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				w.buf = append(w.buf, t.Segment.Value(w.src)...)
			} else if s, ok := c.(*ast.String); ok {
				w.buf = append(w.buf, s.Value...)
			}
		}
	case *ast.AutoLink:
		w.buf = append(w.buf, n.Label(w.src)...)
	case *ast.RawHTML:
		return
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(c)
		}
	}
}

// collapseSpace turns every run of white space into one space and trims both
// ends.
func collapseSpace(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	space := false
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteByte(c)
	}
	return sb.String()
}

// lineColFast returns only a useful line (column 0): for block lines.
func (p *posIndex) lineColFast(off int) (int, int) {
	off = min(max(off, 0), len(p.data))
	return sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }), 0
}

// LineOf returns the 1-based Markdown source line of the block that holds
// rune offset runeOffset of Text. An offset between two blocks belongs to
// the next block; 0 means the article has no blocks.
func (a *Article) LineOf(runeOffset int) int {
	if len(a.Blocks) == 0 {
		return 0
	}
	i := sort.Search(len(a.Blocks), func(i int) bool { return a.Blocks[i].End > runeOffset })
	if i == len(a.Blocks) {
		i--
	}
	return a.Blocks[i].Line
}
