package notes

import "github.com/crux-news/crux/internal/safe"

// terminalSafe returns a with every string a screen shows made safe for a
// terminal (see internal/safe): the note as Text (it keeps its lines), the
// creator's name, tags and stance as Line, the quoted passage as Text (rune
// for rune, so offsets hold). Ids are kept as they are: they are matched,
// not shown. The store applies it once to every collection it installs, so
// notes read from the file, imported from a classmate or just written all
// reach callers clean; the file keeps the bytes it was given.
func (a Annotation) terminalSafe() Annotation {
	a.Creator.Name = safe.Line(a.Creator.Name)
	var body []Body
	for i, b := range a.Body {
		v := safe.Line(b.Value)
		if b.Purpose == Commenting {
			v = safe.Text(b.Value)
		}
		if v != b.Value {
			if body == nil {
				body = append([]Body(nil), a.Body...)
			}
			body[i].Value = v
		}
	}
	if body != nil {
		a.Body = body
	}
	var sel []Selector
	for i, s := range a.Target.Selector {
		c := s
		c.Exact, c.Prefix, c.Suffix = safe.Text(s.Exact), safe.Text(s.Prefix), safe.Text(s.Suffix)
		if c != s {
			if sel == nil {
				sel = append([]Selector(nil), a.Target.Selector...)
			}
			sel[i] = c
		}
	}
	if sel != nil {
		a.Target.Selector = sel
	}
	return a
}

// terminalSafe makes every annotation of c terminal-safe, copying the items
// only when one changes.
func (c *Collection) terminalSafe() {
	var items []Annotation
	for i, a := range c.Items {
		s := a.terminalSafe()
		if items == nil && !sameText(a, s) {
			items = append([]Annotation(nil), c.Items...)
		}
		if items != nil {
			items[i] = s
		}
	}
	if items != nil {
		c.Items = items
	}
}

// sameText reports whether terminalSafe left a unchanged (it copies the
// body and selectors only when it changes them).
func sameText(a, s Annotation) bool {
	return a.Creator.Name == s.Creator.Name && len(a.Body) > 0 == (len(s.Body) > 0) &&
		(len(a.Body) == 0 || &a.Body[0] == &s.Body[0]) &&
		(len(a.Target.Selector) == 0 || &a.Target.Selector[0] == &s.Target.Selector[0])
}
