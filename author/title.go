package author

import (
	"encoding/json"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageFacts is what crux reads from a page itself, before readability
// works on it (readability changes the document and drops a headline that
// repeats the page's title).
type pageFacts struct {
	canonical, ogURL string
	// ownTitle: the page states its headline in og:title or a JSON-LD
	// headline, which readability's Title prefers to the <title>.
	ownTitle bool
	// h1 is the article's own headline: the <h1> inside <article>, or
	// else the page's only <h1>.
	h1 string
}

// scanPage reads a page's facts.
func scanPage(doc *html.Node) pageFacts {
	var f pageFacts
	var inArticle, all []string
	var walk func(n *html.Node, article bool)
	walk = func(n *html.Node, article bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && f.canonical == "" {
					f.canonical = attr(n, "href")
				}
			case atom.Meta:
				switch attr(n, "property") {
				case "og:url":
					f.ogURL = cmpOr(f.ogURL, attr(n, "content"))
				case "og:title":
					f.ownTitle = f.ownTitle || cleanMeta(attr(n, "content")) != ""
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					var v any
					if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil && hasHeadline(v) {
						f.ownTitle = true
					}
				}
				return
			case atom.Article:
				article = true
			case atom.H1:
				t := cleanMeta(textOf(n))
				if article {
					inArticle = append(inArticle, t)
				}
				all = append(all, t)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, article)
		}
	}
	walk(doc, false)
	switch {
	case len(inArticle) > 0:
		f.h1 = inArticle[0]
	case len(all) == 1:
		f.h1 = all[0]
	}
	return f
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// hasHeadline says whether JSON-LD data names a headline anywhere (an
// article may sit in an @graph or a list).
func hasHeadline(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		if h, ok := v["headline"].(string); ok && cleanMeta(h) != "" {
			return true
		}
		for _, c := range v {
			if hasHeadline(c) {
				return true
			}
		}
	case []any:
		for _, c := range v {
			if hasHeadline(c) {
				return true
			}
		}
	}
	return false
}

// textOf is the text inside n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// articleTitle is the article's own headline: og:title or the JSON-LD
// headline (as readability reads them), else the article's <h1>, else the
// page's <title>; a trailing " | Site" or " - Site" that names the site is
// dropped, since the site is the set's publisher.
func articleTitle(readTitle, site string, f pageFacts) string {
	title := cleanMeta(readTitle)
	if !f.ownTitle && f.h1 != "" {
		title = f.h1
	}
	if site == "" {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: "} {
		if head, ok := cutSuffixFold(title, sep+site); ok && strings.TrimSpace(head) != "" {
			return strings.TrimSpace(head)
		}
	}
	return title
}

func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// byline drops the "By " that pages put before a byline.
func byline(s string) string {
	s = cleanMeta(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return strings.TrimSpace(s[3:])
	}
	return s
}

// entity is a character reference, which Markdown would decode.
var entity = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// escapeHeading writes s as the text of an ATX heading that reads as s,
// escaping only what Markdown would otherwise take as markup: backslashes,
// code, emphasis, links, HTML tags, character references and a closing
// run of #. Pipes, dashes and > are plain text in a heading.
func escapeHeading(s string) string {
	var b strings.Builder
	rs := []rune(s)
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (rs[i] == '_' || isAlnum(rs[i]))
	}
	for i, r := range rs {
		switch {
		case strings.ContainsRune("\\`*[]~", r),
			r == '_' && !(word(i-1) && word(i+1)),
			r == '<' && i+1 < len(rs) && (isAlnum(rs[i+1]) || strings.ContainsRune("/!?", rs[i+1])),
			r == '&' && entity.MatchString(string(rs[i:])),
			r == '#' && strings.Trim(string(rs[i:]), "#") == "" && (i == 0 || rs[i-1] == ' ' || rs[i-1] == '#'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127
}
