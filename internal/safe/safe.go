// Package safe keeps hostile text away from the terminal: control
// characters and escape sequences in content become visible placeholders.
package safe

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// Placeholder returns the visible stand-in for a control rune: ␛ for ESC,
// the Unicode control pictures (U+2400–U+2421) for other C0 controls and DEL,
// and � for C1 controls and other invisible format characters that could
// reorder or hide text.
func Placeholder(r rune) (rune, bool) {
	switch {
	case r == '\n' || r == '\t':
		return r, false
	case r == 0x1b:
		return '␛', true
	case r < 0x20:
		return 0x2400 + r, true
	case r == 0x7f:
		return '␡', true
	case r >= 0x80 && r < 0xa0:
		return '�', true
	case r == 0x202a || r == 0x202b || r == 0x202c || r == 0x202d || r == 0x202e,
		r >= 0x2066 && r <= 0x2069: // bidi overrides and isolates
		return '�', true
	}
	return r, false
}

// Text replaces every control rune in s with its placeholder, rune for rune,
// so rune offsets into s stay valid. Invalid UTF-8 bytes become U+FFFD.
func Text(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		p, _ := Placeholder(r)
		b.WriteRune(p)
	}
	return b.String()
}

// clean reports whether s has nothing to replace. Most content is printable
// ASCII, checked a byte at a time; other runes are decoded and checked.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, bad := Placeholder(r); bad || r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

// Line is Text with newlines and tabs also replaced by spaces, for strings
// shown on one line (window titles, list rows).
func Line(s string) string { return oneLine(Text(s)) }

// oneLine replaces newlines, tabs and carriage returns with spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// Strip removes every rune Placeholder flags, keeping newlines and tabs;
// invalid UTF-8 bytes become U+FFFD. It is for files crux writes for other
// tools (exports), where a placeholder would be noise in the data.
func Strip(s string) string {
	if clean(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if _, bad := Placeholder(r); bad {
			return -1
		}
		return r
	}, s)
}

// StripLine is Strip with newlines and tabs also replaced by spaces.
func StripLine(s string) string { return oneLine(Strip(s)) }

// Content returns c with every string passed through Text (Line for
// one-line fields). Anchor offsets stay valid because the replacement is
// rune for rune. When that changes nothing, as for nearly all content, c
// itself comes back; otherwise a copy that shares what did not change.
func Content(c *model.Content) *model.Content {
	f := mapFile(c.File, Text, Line)
	art := c.Article
	art.ArticleMeta = meta(art.ArticleMeta, Line)
	art.Markdown = Text(art.Markdown)
	art.Text = Text(art.Text)
	if f == c.File && sameMeta(art.ArticleMeta, c.Article.ArticleMeta) && art.Markdown == c.Article.Markdown && art.Text == c.Article.Text {
		return c
	}
	return model.NewContent(c.Path, f, art)
}

// StripFile returns f with control characters removed from every string
// (Strip for texts, StripLine for one-line fields), for exports that copy
// the claims file: f itself when there are none. Anchor offsets are kept.
func StripFile(f *model.File) *model.File { return mapFile(f, Strip, StripLine) }

// mapFile passes every multi-line text of src through text and every
// one-line string through line. It returns src when that changes nothing,
// else a copy sharing the nodes, sources, links and tours that did not
// change. Ids and references are kept as they are: the loader allows no
// control characters in them. Copying every node whatever its text cost the
// explorer's start at 10k nodes 10.7 ms and 3 MB, and building the content
// again from the copy 4.9 ms and 3.9 MB (go test -bench), for content that
// had nothing to replace.
func mapFile(src *model.File, text, line func(string) string) *model.File {
	changed := false
	tx, ln := noting(text, &changed), noting(line, &changed)
	f := *src
	f.Article = meta(f.Article, ln)
	if src.Reviewer != nil {
		if r := (model.Reviewer{Name: ln(src.Reviewer.Name), URL: ln(src.Reviewer.URL)}); r != *src.Reviewer {
			f.Reviewer = &r
		}
	}
	f.Sources = mapEach(src.Sources, func(s model.Source) model.Source {
		return model.Source{ID: ln(s.ID), Title: ln(s.Title), Publisher: ln(s.Publisher), Published: ln(s.Published), URL: ln(s.URL)}
	}, &changed)
	if slices.Contains(src.Nodes, nil) {
		changed = true
	}
	f.Nodes = make([]*model.Node, 0, len(src.Nodes))
	for _, n := range src.Nodes {
		if n == nil {
			continue
		}
		f.Nodes = append(f.Nodes, mapNode(n, text, line, &changed))
	}
	f.Links = mapEach(src.Links, func(l model.Link) model.Link {
		l.Note = tx(l.Note)
		return l
	}, &changed)
	f.Tours = mapEach(src.Tours, func(t model.Tour) model.Tour {
		t.Title = ln(t.Title)
		t.Steps = mapEach(t.Steps, func(s model.TourStep) model.TourStep {
			return model.TourStep{Node: s.Node, Title: ln(s.Title), Notes: tx(s.Notes)}
		}, &changed)
		return t
	}, &changed)
	if !changed {
		return src
	}
	return &f
}

// mapNode is n with its texts passed through text and line: n itself when
// that changes nothing (and then *changed is left as it is).
func mapNode(n *model.Node, text, line func(string) string, changed *bool) *model.Node {
	mine := false
	tx, ln := noting(text, &mine), noting(line, &mine)
	cp := model.Node{ID: n.ID, Kind: n.Kind, Summary: ln(n.Summary), Text: tx(n.Text), Speaker: ln(n.Speaker)}
	cp.Tags = mapEach(n.Tags, ln, &mine)
	cp.Anchors = mapEach(n.Anchors, func(a model.Anchor) model.Anchor {
		return model.Anchor{Exact: tx(a.Exact), Prefix: tx(a.Prefix), Suffix: tx(a.Suffix), Start: a.Start, End: a.End}
	}, &mine)
	var rating model.Rating
	if n.Rating != nil {
		rating = model.Rating{Label: ln(n.Rating.Label), Explanation: tx(n.Rating.Explanation)}
	}
	if !mine {
		return n
	}
	*changed = true
	out := new(model.Node)
	*out = cp
	if n.Rating != nil {
		out.Rating = &rating
	}
	out.Sources = append([]string(nil), n.Sources...)
	out.FormerIDs = append([]string(nil), n.FormerIDs...)
	out.Tags = append([]string(nil), cp.Tags...)
	out.Anchors = append([]model.Anchor(nil), cp.Anchors...)
	return out
}

// noting wraps f to set *changed when it changes a string.
func noting(f func(string) string, changed *bool) func(string) string {
	return func(s string) string {
		t := f(s)
		if t != s {
			*changed = true
		}
		return t
	}
}

// mapEach is xs with each element passed through f, which reports a change
// through the flag it was built with: xs itself when no element changed,
// else a copy (and *changed set).
func mapEach[T any](xs []T, f func(T) T, changed *bool) []T {
	was := *changed
	*changed = false
	var out []T
	for i, x := range xs {
		y := f(x)
		if *changed && out == nil {
			out = make([]T, len(xs))
			copy(out, xs[:i])
		}
		if out != nil {
			out[i] = y
		}
	}
	if out == nil {
		*changed = was
		return xs
	}
	return out
}

// meta passes the article's one-line fields through line. The former
// identities are kept as they are: notes are found by them.
func meta(m model.ArticleMeta, line func(string) string) model.ArticleMeta {
	return model.ArticleMeta{Path: m.Path, Title: line(m.Title), Author: line(m.Author), Publisher: line(m.Publisher), Published: line(m.Published), URL: line(m.URL),
		FormerIdentities: m.FormerIdentities}
}

// sameMeta reports whether meta changed nothing in m.
func sameMeta(a, b model.ArticleMeta) bool {
	return a.Path == b.Path && a.Title == b.Title && a.Author == b.Author && a.Publisher == b.Publisher && a.Published == b.Published && a.URL == b.URL
}
