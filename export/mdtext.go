package export

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A node's text is Markdown written by whoever wrote the content, and the
// handout passes it on to readers: a link in it may point anywhere (file:,
// javascript:, a look-alike URL). mdText re-writes the text from goldmark's
// syntax tree so that only http and https links stay links; every other
// link, autolink and image becomes its text, and raw HTML is dropped.
// goldmark renders only HTML and no Markdown renderer for it is available
// from the module proxy, so this small writer covers the constructs node
// texts use: paragraphs, headings, lists, quotes, code, emphasis and links.
// Anything else keeps its text.

// mdText renders Markdown source as handout Markdown. In block form the
// blocks are separated by blank lines; with oneLine everything is on one
// line for a list item (list items joined by "; ", code as code spans).
func mdText(src string, oneLine bool) string {
	b := []byte(src)
	w := &mdWriter{src: b, oneLine: oneLine}
	blocks := w.blocks(goldmark.DefaultParser().Parse(text.NewReader(b)))
	if oneLine {
		return strings.Join(blocks, " ")
	}
	return strings.Join(blocks, "\n\n")
}

type mdWriter struct {
	src     []byte
	oneLine bool
}

// blocks renders each child block of n.
func (w *mdWriter) blocks(n ast.Node) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s := w.block(c); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (w *mdWriter) block(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return lineStart(w.inlines(n))
	case *ast.List:
		var items []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			item := strings.Join(w.oneLineBlocks(c), " ")
			if item == "" {
				continue
			}
			if !w.oneLine {
				item = "- " + item
			}
			items = append(items, item)
		}
		if w.oneLine {
			return strings.Join(items, "; ")
		}
		return strings.Join(items, "\n")
	case *ast.Blockquote:
		inner := w.blocks(n)
		if w.oneLine {
			return strings.Join(inner, " ")
		}
		for i, s := range inner {
			inner[i] = "> " + strings.ReplaceAll(s, "\n", "\n> ")
		}
		return strings.Join(inner, "\n>\n")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(w.src))
		}
		code := strings.TrimRight(strings.ReplaceAll(b.String(), "\t", "    "), "\n ")
		if strings.TrimSpace(code) == "" {
			return ""
		}
		if w.oneLine {
			return codeSpan(strings.Join(strings.Fields(code), " "))
		}
		fence := strings.Repeat("`", max(3, longestRun(code, '`')+1))
		return fence + "text\n" + code + "\n" + fence
	case *ast.HTMLBlock, *ast.ThematicBreak:
		return ""
	}
	return strings.Join(w.blocks(n), " ")
}

// oneLineBlocks renders a list item's blocks, each on one line.
func (w *mdWriter) oneLineBlocks(n ast.Node) []string {
	saved := w.oneLine
	w.oneLine = true
	defer func() { w.oneLine = saved }()
	return w.blocks(n)
}

// inlines renders n's inline children on one line.
func (w *mdWriter) inlines(n ast.Node) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(&b, c)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (w *mdWriter) inline(b *strings.Builder, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(w.src)
		if !n.IsRaw() {
			v = util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v)))
		}
		b.WriteString(mdEscape(string(v)))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.WriteString(mdEscape(string(n.Value)))
	case *ast.CodeSpan:
		var c strings.Builder
		for t := n.FirstChild(); t != nil; t = t.NextSibling() {
			if s, ok := t.(*ast.Text); ok {
				c.Write(s.Segment.Value(w.src))
			} else if s, ok := t.(*ast.String); ok {
				c.Write(s.Value)
			}
		}
		b.WriteString(codeSpan(c.String()))
	case *ast.Emphasis:
		mark := strings.Repeat("*", n.Level)
		if inner := w.inlines(n); inner != "" {
			b.WriteString(mark + inner + mark)
		}
	case *ast.Link:
		w.link(b, n, string(n.Destination))
	case *ast.Image:
		w.link(b, n, string(n.Destination))
	case *ast.AutoLink:
		u := string(n.URL(w.src))
		if webURL(u) && n.AutoLinkType == ast.AutoLinkURL {
			b.WriteString("<" + u + ">")
		} else {
			b.WriteString(mdEscape(string(n.Label(w.src))))
		}
	case *ast.RawHTML:
		// Raw HTML is not reader text and could hide a link: dropped.
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(b, c)
		}
	}
}

// link writes a link (or an image, as a plain link to it, so that the
// handout loads nothing) when dest is an http or https URL, else its text.
func (w *mdWriter) link(b *strings.Builder, n ast.Node, dest string) {
	label := w.inlines(n)
	if !webURL(dest) {
		b.WriteString(label)
		return
	}
	if label == "" {
		label = mdEscape(dest)
	}
	b.WriteString("[" + label + "](" + linkDest(dest) + ")")
}

// webURL reports whether s is an absolute http or https URL with a host:
// the only links a handout keeps.
func webURL(s string) bool {
	if strings.ContainsAny(s, " \t\n<>") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// linkDest escapes the characters that would end a link destination.
func linkDest(s string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", `\`, "%5C").Replace(s)
}

// codeSpan wraps s in enough backticks, with spaces when s starts or ends
// with one.
func codeSpan(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, cur := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			cur++
			best = max(best, cur)
		} else {
			cur = 0
		}
	}
	return best
}

// blockMarker matches text that would start a list, a quote, a heading or
// a setext underline when it begins a line.
var blockMarker = regexp.MustCompile(`^(?:[-+*]|[0-9]{1,9}[.)]|=+|-+)(?:\s|$)`)

// lineStart escapes a block marker at the start of s.
func lineStart(s string) string {
	if m := blockMarker.FindStringIndex(s); m != nil {
		i := strings.IndexAny(s, "-+*.)=")
		return s[:i] + `\` + s[i:]
	}
	return s
}
