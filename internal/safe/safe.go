// Package safe keeps hostile text away from the terminal: control
// characters and escape sequences in content become visible placeholders.
package safe

import (
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
func Line(s string) string {
	s = Text(s)
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

// Content returns a copy of c whose every string is passed through Text.
// Anchor offsets stay valid because the replacement is rune for rune.
func Content(c *model.Content) *model.Content {
	f := *c.File
	f.Article = meta(f.Article)
	f.Sources = make([]model.Source, len(c.File.Sources))
	for i, s := range c.File.Sources {
		f.Sources[i] = model.Source{ID: Line(s.ID), Title: Line(s.Title), Publisher: Line(s.Publisher), Published: Line(s.Published), URL: Line(s.URL)}
	}
	f.Nodes = make([]*model.Node, 0, len(c.File.Nodes))
	for _, n := range c.File.Nodes {
		if n == nil {
			continue
		}
		cp := *n
		cp.Summary, cp.Text, cp.Speaker = Line(n.Summary), Text(n.Text), Line(n.Speaker)
		cp.Tags = lines(n.Tags)
		cp.Sources = append([]string(nil), n.Sources...)
		cp.FormerIDs = append([]string(nil), n.FormerIDs...)
		cp.Anchors = make([]model.Anchor, len(n.Anchors))
		for i, a := range n.Anchors {
			cp.Anchors[i] = model.Anchor{Exact: Text(a.Exact), Prefix: Text(a.Prefix), Suffix: Text(a.Suffix), Start: a.Start, End: a.End}
		}
		if n.Rating != nil {
			r := model.Rating{Label: Line(n.Rating.Label), Explanation: Text(n.Rating.Explanation)}
			cp.Rating = &r
		}
		f.Nodes = append(f.Nodes, &cp)
	}
	f.Links = make([]model.Link, len(c.File.Links))
	for i, l := range c.File.Links {
		l.Note = Text(l.Note)
		f.Links[i] = l
	}
	f.Tours = make([]model.Tour, len(c.File.Tours))
	for i, t := range c.File.Tours {
		t.Title = Line(t.Title)
		steps := make([]model.TourStep, len(t.Steps))
		for j, s := range t.Steps {
			steps[j] = model.TourStep{Node: s.Node, Title: Line(s.Title), Notes: Text(s.Notes)}
		}
		t.Steps = steps
		f.Tours[i] = t
	}
	art := c.Article
	art.ArticleMeta = meta(art.ArticleMeta)
	art.Markdown = Text(art.Markdown)
	art.Text = Text(art.Text)
	return model.NewContent(c.Path, &f, art)
}

func meta(m model.ArticleMeta) model.ArticleMeta {
	return model.ArticleMeta{Path: m.Path, Title: Line(m.Title), Author: Line(m.Author), Publisher: Line(m.Publisher), Published: Line(m.Published), URL: Line(m.URL)}
}

func lines(xs []string) []string {
	if xs == nil {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = Line(x)
	}
	return out
}
