package export

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/crux-news/crux/model"
)

// WriteMarkdown writes a handout: the article's title and metadata, then
// each claim in article order with its rating, quoted passages, text,
// speaker and tags, and under it the positions that attack or support it,
// nested (skeptic positions, then the counterpoints to them). Nodes no claim
// leads to follow under "Other positions". Sources become a numbered
// reference list, numbered in order of first citation; the handout cites
// them as [n]. Only http and https links from the content stay links.
func WriteMarkdown(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	// The handout walks links from their targets; check every end first so
	// that a broken link is reported, not silently left out.
	for _, l := range c.File.Links {
		if _, err := target(c, l.From, l); err != nil {
			return err
		}
		if _, err := target(c, l.To, l); err != nil {
			return err
		}
	}
	h := handout{c: c, num: map[string]int{}, shown: map[string]bool{}}
	if err := h.write(); err != nil {
		return err
	}
	// Each block ends with a blank line; the file ends with one newline,
	// whichever block comes last (markdownlint MD012, MD047).
	out := bytes.TrimRight(h.b.Bytes(), "\n")
	h.b.Truncate(len(out))
	h.b.WriteByte('\n')
	return flush(w, FormatMarkdown, &h.b)
}

type handout struct {
	c     *model.Content
	b     bytes.Buffer
	num   map[string]int // source id -> reference number
	order []string       // source ids in reference order
	shown map[string]bool
}

func (h *handout) write() error {
	c, b := h.c, &h.b
	m := c.Article.ArticleMeta
	fmt.Fprintf(b, "# %s\n\n", heading(c.Title()))
	var meta []string
	for _, s := range []string{m.Author, m.Publisher, m.Published} {
		if s = fold(s); s != "" {
			meta = append(meta, mdEscape(s))
		}
	}
	if len(meta) > 0 {
		fmt.Fprintf(b, "%s\n\n", strings.Join(meta, " · "))
	}
	if u := mdURL(m.URL); u != "" {
		fmt.Fprintf(b, "%s\n\n", u)
	}

	claims := c.Claims()
	for _, n := range claims {
		h.shown[n.ID] = true
	}
	if len(claims) > 0 {
		b.WriteString("## Claims\n\n")
	}
	for i, n := range claims {
		h.blank()
		fmt.Fprintf(b, "### %d. %s\n\n", i+1, heading(nodeSummary(n)))
		if n.Rating != nil {
			fmt.Fprintf(b, "**Rating: %s.**", mdEscape(fold(n.Rating.Label)))
			if e := fold(n.Rating.Explanation); e != "" {
				fmt.Fprintf(b, " %s", mdEscape(e))
			}
			b.WriteString("\n\n")
		}
		// The passages form one quote, a paragraph each: two quotes in a
		// row would read as one with a blank line inside.
		var quotes []string
		for _, a := range n.Anchors {
			if e := fold(a.Exact); e != "" {
				quotes = append(quotes, "> "+lineStart(mdEscape(e)))
			}
		}
		if len(quotes) > 0 {
			fmt.Fprintf(b, "%s\n\n", strings.Join(quotes, "\n>\n"))
		}
		if t := clean(n.Text); fold(t) != "" && fold(t) != fold(n.Summary) {
			if md := mdText(t, false); md != "" {
				fmt.Fprintf(b, "%s\n\n", md)
			}
		}
		if line, err := h.byline(n); err != nil {
			return err
		} else if line != "" {
			fmt.Fprintf(b, "%s\n\n", line)
		}
		if len(h.linksTo(n)) > 0 {
			b.WriteString("Positions on this claim:\n\n")
			if err := h.tree(n, 0, map[string]bool{n.ID: true}); err != nil {
				return err
			}
		}
	}

	var rest []*model.Node
	for _, n := range c.Nodes() {
		if n != nil && !h.shown[n.ID] {
			rest = append(rest, n)
		}
	}
	if len(rest) > 0 {
		h.blank()
		b.WriteString("## Other positions\n\n")
		for _, n := range rest {
			if err := h.item(n, nil, 0); err != nil {
				return err
			}
		}
	}

	for _, s := range c.File.Sources {
		h.cite(s.ID)
	}
	if len(h.order) > 0 {
		h.blank()
		b.WriteString("## Sources\n\n")
		for i, id := range h.order {
			fmt.Fprintf(b, "%d. %s\n", i+1, sourceEntry(c.Source(id)))
		}
	}
	return nil
}

// tree writes the nodes that attack or support n as a nested list. path
// holds the nodes above, so that a cycle stops instead of recursing.
func (h *handout) tree(n *model.Node, depth int, path map[string]bool) error {
	for _, l := range h.linksTo(n) {
		from, err := target(h.c, l.From, l)
		if err != nil {
			return err
		}
		if err := h.item(from, &l, depth); err != nil {
			return err
		}
		if from.Kind == model.KindClaim || path[from.ID] {
			continue // a claim has its own section; a cycle ends here
		}
		h.shown[from.ID] = true
		path[from.ID] = true
		if err := h.tree(from, depth+1, path); err != nil {
			return err
		}
		delete(path, from.ID)
	}
	return nil
}

// blank ends the handout so far with exactly one empty line, so that the
// next block starts a new paragraph.
func (h *handout) blank() {
	switch s := h.b.Bytes(); {
	case len(s) == 0 || bytes.HasSuffix(s, []byte("\n\n")):
	case s[len(s)-1] == '\n':
		h.b.WriteByte('\n')
	default:
		h.b.WriteString("\n\n")
	}
}

// linksTo returns the links aimed at n, by its id or a former one.
func (h *handout) linksTo(n *model.Node) []model.Link { return linksTo(h.c, n) }

// item writes one list item: glyph, kind, relation, summary, text, byline.
func (h *handout) item(n *model.Node, l *model.Link, depth int) error {
	b := &h.b
	fmt.Fprintf(b, "%s- %s %s", strings.Repeat("  ", depth), glyph(n.Kind), n.Kind)
	if l != nil {
		fmt.Fprintf(b, ", %s", l.Type)
	}
	fmt.Fprintf(b, ": **%s**", mdEscape(nodeSummary(n)))
	if n.Kind == model.KindClaim && l != nil {
		b.WriteString(" (see its own section)")
	} else if t := clean(n.Text); fold(t) != "" && fold(t) != fold(n.Summary) {
		if md := mdText(t, true); md != "" {
			fmt.Fprintf(b, " — %s", md)
		}
	}
	line, err := h.byline(n)
	if err != nil {
		return err
	}
	if line != "" {
		fmt.Fprintf(b, " %s", line)
	}
	if l != nil && l.Note != "" {
		fmt.Fprintf(b, " *Note: %s*", mdEscape(fold(l.Note)))
	}
	b.WriteString("\n")
	return nil
}

// byline is "Said by X. Sources: [1], [2]. Tags: a, b." with the empty
// parts left out.
func (h *handout) byline(n *model.Node) (string, error) {
	var parts []string
	if s := fold(n.Speaker); s != "" {
		parts = append(parts, "Said by "+mdEscape(s)+".")
	}
	if len(n.Sources) > 0 {
		refs := make([]string, 0, len(n.Sources))
		for _, id := range n.Sources {
			if h.c.Source(id) == nil {
				return "", fmt.Errorf("export markdown: node %s cites source %q, which is not in the sources list; run crux validate", n.ID, id)
			}
			refs = append(refs, fmt.Sprintf("[%d]", h.cite(id)))
		}
		parts = append(parts, "Sources: "+strings.Join(refs, ", ")+".")
	}
	if len(n.Tags) > 0 {
		tags := make([]string, len(n.Tags))
		for i, t := range n.Tags {
			tags[i] = "`" + strings.ReplaceAll(fold(t), "`", "'") + "`"
		}
		parts = append(parts, "Tags: "+strings.Join(tags, ", ")+".")
	}
	return strings.Join(parts, " "), nil
}

// cite returns the source's reference number, giving it the next one on
// its first citation.
func (h *handout) cite(id string) int {
	if k, ok := h.num[id]; ok {
		return k
	}
	h.order = append(h.order, id)
	h.num[id] = len(h.order)
	return h.num[id]
}

// sourceEntry formats a source for the reference list.
func sourceEntry(s *model.Source) string {
	out := mdEscape(fold(s.Title)) + "."
	var pub []string
	for _, p := range []string{s.Publisher, s.Published} {
		if p = fold(p); p != "" {
			pub = append(pub, mdEscape(p))
		}
	}
	if len(pub) > 0 {
		out += " " + strings.Join(pub, ", ") + "."
	}
	if u := mdURL(s.URL); u != "" {
		out += " " + u
	}
	return out
}

// mdEscape backslash-escapes the characters that would start Markdown
// emphasis, links, code, HTML or tables in plain text. A bare http or https
// URL becomes an autolink, so that renderers that link bare URLs (GitHub's)
// and those that do not show the same thing.
func mdEscape(s string) string {
	var b strings.Builder
	for s != "" {
		loc := bareURL.FindStringIndex(s)
		if loc == nil {
			escapeTo(&b, s)
			break
		}
		u := strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?)'\"*_~")
		escapeTo(&b, s[:loc[0]])
		if webURL(u) {
			b.WriteString("<" + u + ">")
		} else {
			escapeTo(&b, u)
		}
		s = s[loc[0]+len(u):]
	}
	return b.String()
}

// bareURL matches an http or https URL in plain text, up to a character
// that cannot be in an autolink or is Markdown syntax.
var bareURL = regexp.MustCompile(`(?i)\bhttps?://[^\s<>\\\x60\[\]{}|^"]+`)

func escapeTo(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|':
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
}

// heading is a handout heading's text: folded, escaped, without the
// trailing punctuation that headings should not have (markdownlint MD026).
func heading(s string) string {
	return lineStart(mdEscape(strings.TrimRight(fold(s), ".,;:!。，；：！")))
}

// mdURL is an autolink for an http or https URL, and any other URL as
// plain text: the handout links only to the web.
func mdURL(u string) string {
	switch u = fold(u); {
	case u == "":
		return ""
	case webURL(u):
		return "<" + u + ">"
	}
	return mdEscape(u)
}
