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

// Content returns a copy of c whose every string is passed through Text.
// Anchor offsets stay valid because the replacement is rune for rune.
func Content(c *model.Content) *model.Content {
	f := mapFile(c.File, Text, Line)
	art := c.Article
	art.ArticleMeta = meta(art.ArticleMeta, Line)
	art.Markdown = Text(art.Markdown)
	art.Text = Text(art.Text)
	return model.NewContent(c.Path, f, art)
}

// StripFile returns a copy of f with control characters removed from every
// string (Strip for texts, StripLine for one-line fields), for exports that
// copy the claims file. Anchor offsets are copied unchanged.
func StripFile(f *model.File) *model.File { return mapFile(f, Strip, StripLine) }

// mapFile copies f, passing every multi-line text through text and every
// one-line string through line. Ids and references are kept as they are:
// the loader allows no control characters in them.
func mapFile(src *model.File, text, line func(string) string) *model.File {
	f := *src
	f.Article = meta(f.Article, line)
	if src.Reviewer != nil {
		f.Reviewer = &model.Reviewer{Name: line(src.Reviewer.Name), URL: line(src.Reviewer.URL)}
	}
	f.Sources = make([]model.Source, len(src.Sources))
	for i, s := range src.Sources {
		f.Sources[i] = model.Source{ID: line(s.ID), Title: line(s.Title), Publisher: line(s.Publisher), Published: line(s.Published), URL: line(s.URL)}
	}
	f.Nodes = make([]*model.Node, 0, len(src.Nodes))
	for _, n := range src.Nodes {
		if n == nil {
			continue
		}
		cp := *n
		cp.Summary, cp.Text, cp.Speaker = line(n.Summary), text(n.Text), line(n.Speaker)
		cp.Tags = mapAll(n.Tags, line)
		cp.Sources = append([]string(nil), n.Sources...)
		cp.FormerIDs = append([]string(nil), n.FormerIDs...)
		cp.Anchors = make([]model.Anchor, len(n.Anchors))
		for i, a := range n.Anchors {
			cp.Anchors[i] = model.Anchor{Exact: text(a.Exact), Prefix: text(a.Prefix), Suffix: text(a.Suffix), Start: a.Start, End: a.End}
		}
		if n.Rating != nil {
			r := model.Rating{Label: line(n.Rating.Label), Explanation: text(n.Rating.Explanation)}
			cp.Rating = &r
		}
		f.Nodes = append(f.Nodes, &cp)
	}
	f.Links = make([]model.Link, len(src.Links))
	for i, l := range src.Links {
		l.Note = text(l.Note)
		f.Links[i] = l
	}
	f.Tours = make([]model.Tour, len(src.Tours))
	for i, t := range src.Tours {
		t.Title = line(t.Title)
		steps := make([]model.TourStep, len(t.Steps))
		for j, s := range t.Steps {
			steps[j] = model.TourStep{Node: s.Node, Title: line(s.Title), Notes: text(s.Notes)}
		}
		t.Steps = steps
		f.Tours[i] = t
	}
	return &f
}

func meta(m model.ArticleMeta, line func(string) string) model.ArticleMeta {
	return model.ArticleMeta{Path: m.Path, Title: line(m.Title), Author: line(m.Author), Publisher: line(m.Publisher), Published: line(m.Published), URL: line(m.URL)}
}

func mapAll(xs []string, f func(string) string) []string {
	if xs == nil {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
