// Package export writes a loaded content set in the formats other argument
// and fact-checking tools read: Argdown, AIF JSON, schema.org ClaimReview
// JSON-LD, Graphviz DOT and a Markdown handout. It imports only model and
// internal/safe.
package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// The format names Write accepts.
const (
	FormatArgdown     = "argdown"
	FormatAIF         = "aif"
	FormatClaimReview = "claimreview"
	FormatDOT         = "dot"
	FormatMarkdown    = "markdown"
)

// Formats returns the names of every export format, in the order help text
// lists them. It returns a fresh slice so that callers cannot change the set.
func Formats() []string {
	return []string{FormatArgdown, FormatAIF, FormatClaimReview, FormatDOT, FormatMarkdown}
}

// Write writes c to w in the named format. An unknown format is an error
// that names the valid ones.
func Write(w io.Writer, format string, c *model.Content) error {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case FormatArgdown:
		return WriteArgdown(w, c)
	case FormatAIF:
		return WriteAIF(w, c)
	case FormatClaimReview:
		return WriteClaimReview(w, c)
	case FormatDOT:
		return WriteDOT(w, c)
	case FormatMarkdown:
		return WriteMarkdown(w, c)
	}
	return fmt.Errorf("unknown export format %q: use one of %s", format, strings.Join(Formats(), ", "))
}

// Warnings lists what the named format needs but the content cannot give,
// each a sentence that says what to set; exports still succeed. Only
// ClaimReview has such properties (Google requires url, for one).
func Warnings(format string, c *model.Content) []string {
	if checkContent(c) != nil {
		return nil
	}
	if strings.ToLower(strings.TrimSpace(format)) == FormatClaimReview {
		return claimReviewWarnings(c)
	}
	return nil
}

// flush writes the finished document in one call, so that a failing
// exporter never leaves half a document behind.
func flush(w io.Writer, format string, buf *bytes.Buffer) error {
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s export: %w", format, err)
	}
	return nil
}

// checkContent rejects content the exporters cannot walk.
func checkContent(c *model.Content) error {
	if c == nil || c.File == nil {
		return fmt.Errorf("export: no content loaded")
	}
	return nil
}

// fold turns any run of white space (including line breaks) into one space,
// trims the ends and drops control characters.
func fold(s string) string { return strings.Join(strings.Fields(clean(s)), " ") }

// clean drops the characters that have no business in an exported text and
// could rewrite a terminal it is printed on or hide text: C0 controls other
// than tab and line feed, DEL, C1 controls, and bidi overrides and isolates.
func clean(s string) string { return safe.Strip(s) }

// nodeText is the node's full text, folded to one line, or its summary when
// it has no text.
func nodeText(n *model.Node) string {
	if t := fold(n.Text); t != "" {
		return t
	}
	return fold(n.Summary)
}

// nodeSummary is the node's summary, or the start of its text, or its id.
func nodeSummary(n *model.Node) string {
	if s := fold(n.Summary); s != "" {
		return s
	}
	if t := fold(n.Text); t != "" {
		return truncate(t, summaryMax)
	}
	return n.ID
}

// summaryMax is the longest summary made from a node's text: Google's
// guidance for claimReviewed is 75 characters.
const summaryMax = 75

// truncate cuts s to at most n runes, ending in "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// target resolves a link end to its node, following former ids.
func target(c *model.Content, id string, l model.Link) (*model.Node, error) {
	n := c.Node(id)
	if n == nil {
		return nil, fmt.Errorf("export: link %s %s %s: no node %q; run crux validate", l.From, l.Type, l.To, id)
	}
	return n, nil
}

// linksTo returns the links aimed at n, by its id or a former one.
func linksTo(c *model.Content, n *model.Node) []model.Link {
	ls := c.LinksTo(n.ID)
	for _, old := range n.FormerIDs {
		ls = append(ls[:len(ls):len(ls)], c.LinksTo(old)...)
	}
	return ls
}

// firstAnchor returns the node's first resolved anchor, else its first
// anchor, and whether it has any.
func firstAnchor(n *model.Node) (model.Anchor, bool) {
	if a, ok := n.FirstAnchor(); ok {
		return a, true
	}
	if len(n.Anchors) > 0 {
		return n.Anchors[0], true
	}
	return model.Anchor{}, false
}

// glyph is the kind's symbol, the same as on screen (model.Kind.Glyph); the
// kind's word always goes with it, so the symbol is never the only signal.
func glyph(k model.Kind) string { return k.Glyph() }
