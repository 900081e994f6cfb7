package author

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/crux-news/crux/model"
)

// AddNode adds n at the end of the nodes. An empty n.ID gets one made from
// the kind and summary (see NewID). Anchors may come from QuoteAnchor or
// RangeAnchor; their Start/End are ignored.
func (s *Session) AddNode(n model.Node) (Result, error) {
	if n.ID == "" {
		n.ID = s.NewID(string(n.Kind), n.Summary)
	}
	return s.apply(func(f *model.File) (string, error) {
		c := n // a copy: the caller's slices stay the caller's
		c.Anchors, c.Sources, c.Tags, c.FormerIDs = slices.Clone(n.Anchors), slices.Clone(n.Sources), slices.Clone(n.Tags), slices.Clone(n.FormerIDs)
		if n.Rating != nil {
			r := *n.Rating
			c.Rating = &r
		}
		f.Nodes = append(f.Nodes, &c)
		return fmt.Sprintf("added %s %q", n.Kind, n.ID), nil
	})
}

// EditNode changes the node id (or one of its former ids) with edit, which
// may change any field but the id: use RenameNode for that. When edit
// returns an error, nothing changes.
func (s *Session) EditNode(id string, edit func(n *model.Node) error) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		n, err := findNode(f, id)
		if err != nil {
			return "", err
		}
		cur := n.ID
		if err := edit(n); err != nil {
			return "", err
		}
		if n.ID != cur {
			return "", fmt.Errorf("an edit cannot change a node's id (%q to %q); rename it instead", cur, n.ID)
		}
		return fmt.Sprintf("edited %s %q", n.Kind, n.ID), nil
	})
}

// RenameNode gives node id the new id to, keeping the old one in its
// formerIds so that notes and links elsewhere still find it, and updates
// every link and tour step that names it.
func (s *Session) RenameNode(id, to string) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		n, err := findNode(f, id)
		if err != nil {
			return "", err
		}
		old := n.ID
		if old == to {
			return "", fmt.Errorf("node %q already has that id", old)
		}
		n.ID = to
		n.FormerIDs = slices.DeleteFunc(n.FormerIDs, func(x string) bool { return x == to })
		if !slices.Contains(n.FormerIDs, old) {
			n.FormerIDs = append(n.FormerIDs, old)
		}
		names := append([]string{old}, n.FormerIDs...)
		for i := range f.Links {
			if slices.Contains(names, f.Links[i].From) {
				f.Links[i].From = to
			}
			if slices.Contains(names, f.Links[i].To) {
				f.Links[i].To = to
			}
		}
		for i := range f.Tours {
			for j := range f.Tours[i].Steps {
				if slices.Contains(names, f.Tours[i].Steps[j].Node) {
					f.Tours[i].Steps[j].Node = to
				}
			}
		}
		return fmt.Sprintf("renamed %q to %q", old, to), nil
	})
}

// DeleteNode removes node id with its links and tour steps. Notes are
// another file and are not touched: notes on the node become orphans, shown
// as such, never lost.
func (s *Session) DeleteNode(id string) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		n, err := findNode(f, id)
		if err != nil {
			return "", err
		}
		names := append([]string{n.ID}, n.FormerIDs...)
		f.Nodes = slices.DeleteFunc(f.Nodes, func(x *model.Node) bool { return x == n })
		links := len(f.Links)
		f.Links = slices.DeleteFunc(f.Links, func(l model.Link) bool {
			return slices.Contains(names, l.From) || slices.Contains(names, l.To)
		})
		steps := 0
		for i := range f.Tours {
			before := len(f.Tours[i].Steps)
			f.Tours[i].Steps = slices.DeleteFunc(f.Tours[i].Steps, func(st model.TourStep) bool {
				return slices.Contains(names, st.Node)
			})
			steps += before - len(f.Tours[i].Steps)
		}
		return fmt.Sprintf("deleted %s %q, %s and %s", n.Kind, n.ID,
			plural(links-len(f.Links), "link"), plural(steps, "tour step")), nil
	})
}

// AddLink adds l. The validator reports a link to an unknown node, a self
// link or one that conflicts with another.
func (s *Session) AddLink(l model.Link) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		for _, x := range f.Links {
			if x.From == l.From && x.To == l.To && x.Type == l.Type {
				return "", fmt.Errorf("%q already %s %q", l.From, l.Type, l.To)
			}
		}
		f.Links = append(f.Links, l)
		return fmt.Sprintf("linked %q %s %q", l.From, l.Type, l.To), nil
	})
}

// RemoveLink removes the links from one node to another (of any type).
func (s *Session) RemoveLink(from, to string) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		before := len(f.Links)
		f.Links = slices.DeleteFunc(f.Links, func(l model.Link) bool { return l.From == from && l.To == to })
		if len(f.Links) == before {
			return "", fmt.Errorf("there is no link from %q to %q", from, to)
		}
		return fmt.Sprintf("removed the link from %q to %q", from, to), nil
	})
}

// AddSource adds src to the sources. An empty src.ID gets one made from
// the title.
func (s *Session) AddSource(src model.Source) (Result, error) {
	if src.ID == "" {
		src.ID = s.NewID("src", src.Title)
	}
	return s.apply(func(f *model.File) (string, error) {
		f.Sources = append(f.Sources, src)
		return fmt.Sprintf("added source %q", src.ID), nil
	})
}

// NewTour adds an empty tour.
func (s *Session) NewTour(id, title string) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		f.Tours = append(f.Tours, model.Tour{ID: id, Title: title, Steps: []model.TourStep{}})
		return fmt.Sprintf("added tour %q", id), nil
	})
}

// AddStep inserts step into tour tourID (the first tour when empty) after
// the step at index after (0-based); after < 0 inserts it first, after >=
// the number of steps appends it. It returns the new step's index in Op.
func (s *Session) AddStep(tourID string, after int, step model.TourStep) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		t, err := findTour(f, tourID)
		if err != nil {
			return "", err
		}
		at := min(max(after+1, 0), len(t.Steps))
		t.Steps = slices.Insert(t.Steps, at, step)
		return fmt.Sprintf("added %q as step %d of tour %q", step.Node, at+1, t.ID), nil
	})
}

// MoveStep moves the step at index from to index to (0-based) in tour tourID.
func (s *Session) MoveStep(tourID string, from, to int) (Result, error) {
	return s.stepOp(tourID, []int{from, to}, func(t *model.Tour) string {
		st := t.Steps[from]
		t.Steps = slices.Insert(slices.Delete(t.Steps, from, from+1), to, st)
		return fmt.Sprintf("moved step %d of tour %q to %d", from+1, t.ID, to+1)
	})
}

// EditStep sets the title and speaker notes of step i of tour tourID.
func (s *Session) EditStep(tourID string, i int, title, notes string) (Result, error) {
	return s.stepOp(tourID, []int{i}, func(t *model.Tour) string {
		t.Steps[i].Title, t.Steps[i].Notes = title, notes
		return fmt.Sprintf("edited step %d of tour %q", i+1, t.ID)
	})
}

// RemoveStep removes step i of tour tourID.
func (s *Session) RemoveStep(tourID string, i int) (Result, error) {
	return s.stepOp(tourID, []int{i}, func(t *model.Tour) string {
		t.Steps = slices.Delete(t.Steps, i, i+1)
		return fmt.Sprintf("removed step %d of tour %q", i+1, t.ID)
	})
}

// stepOp applies op to tour tourID once every index in idx names a step.
func (s *Session) stepOp(tourID string, idx []int, op func(t *model.Tour) string) (Result, error) {
	return s.apply(func(f *model.File) (string, error) {
		t, err := findTour(f, tourID)
		if err != nil {
			return "", err
		}
		for _, i := range idx {
			if i < 0 || i >= len(t.Steps) {
				return "", fmt.Errorf("tour %q has %s; there is no step %d", t.ID, plural(len(t.Steps), "step"), i+1)
			}
		}
		return op(t), nil
	})
}

// QuoteAnchor makes an anchor for quote in the session's article; see
// model.Article.QuoteAnchor. occurrence (1-based) picks one of several
// occurrences; 0 accepts a quote that occurs once.
func (s *Session) QuoteAnchor(quote string, occurrence int) (model.Anchor, error) {
	a, err := s.article()
	if err != nil {
		return model.Anchor{}, err
	}
	return a.QuoteAnchor(quote, occurrence)
}

// RangeAnchor makes an anchor for the runes [start, end) of the article's
// reader text, e.g. a selection; see model.Article.RangeAnchor.
func (s *Session) RangeAnchor(start, end int) (model.Anchor, error) {
	a, err := s.article()
	if err != nil {
		return model.Anchor{}, err
	}
	return a.RangeAnchor(start, end)
}

// article is the session's article when it has text to anchor to.
func (s *Session) article() (*model.Article, error) {
	a := s.Article()
	if a == nil || strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("%s: the article could not be read, so nothing can be quoted from it; fix the findings first", s.path)
	}
	return a, nil
}

// NewID makes an id not yet used in the session: prefix, then the first
// words of text as a slug ("claim-cost-was-six-million"), then -2, -3… if
// needed. Kinds use short prefixes: claim, skeptic, counter.
func (s *Session) NewID(prefix, text string) string {
	if prefix == string(model.KindCounterpoint) {
		prefix = "counter"
	}
	base := Slug(prefix + " " + text)
	if len(base) < 2 {
		base = "node"
	}
	used := usedIDs(s.file)
	id := base
	for i := 2; used[id]; i++ {
		suffix := fmt.Sprintf("-%d", i)
		id = base[:min(len(base), 63-len(suffix))] + suffix
	}
	return id
}

// Slug turns text into an id: its first four words that are not small
// words ("the", "of", "will"…), lowercase ASCII letters and digits joined by
// "-", starting with a letter: "The barrier will close about 12 times" reads
// "barrier-close-about-12". The first word is kept whatever it is, so a
// prefix such as "claim" or "src" leads.
func Slug(text string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range norm.NFD.String(strings.ToLower(text)) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w.WriteRune(r)
		case unicode.Is(unicode.Mn, r): // an accent: é reads e
		default:
			flush()
		}
	}
	flush()
	var out []string
	for i, x := range words {
		if len(out) == 0 && !unicode.IsLetter(rune(x[0])) {
			continue
		}
		if i > 0 && smallWords[x] {
			continue
		}
		out = append(out, x)
		if len(out) == 5 {
			break
		}
	}
	id := strings.Join(out, "-")
	return strings.TrimRight(id[:min(len(id), 50)], "-")
}

// smallWords are left out of ids.
var smallWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("a an the of in on at to for by with from and or but is are was were be been " +
		"will would can could may might should has have had it its this that these those as s t") {
		m[w] = true
	}
	return m
}()

// usedIDs is every id of the one namespace: nodes, former ids, sources, tours.
func usedIDs(f *model.File) map[string]bool {
	used := map[string]bool{}
	for _, n := range f.Nodes {
		if n != nil {
			used[n.ID] = true
			for _, x := range n.FormerIDs {
				used[x] = true
			}
		}
	}
	for _, x := range f.Sources {
		used[x.ID] = true
	}
	for _, t := range f.Tours {
		used[t.ID] = true
	}
	return used
}

// findNode returns the node with id, following former ids.
func findNode(f *model.File, id string) (*model.Node, error) {
	for _, n := range f.Nodes {
		if n != nil && n.ID == id {
			return n, nil
		}
	}
	for _, n := range f.Nodes {
		if n != nil && slices.Contains(n.FormerIDs, id) {
			return n, nil
		}
	}
	var ids []string
	for _, n := range f.Nodes {
		if n != nil {
			ids = append(ids, n.ID)
		}
	}
	msg := fmt.Sprintf("there is no node %q", id)
	if near := model.Nearest(id, ids); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return nil, fmt.Errorf("%s", msg)
}

// findTour returns the tour with id, or the first tour when id is empty.
func findTour(f *model.File, id string) (*model.Tour, error) {
	for i := range f.Tours {
		if id == "" || f.Tours[i].ID == id {
			return &f.Tours[i], nil
		}
	}
	if id == "" {
		return nil, fmt.Errorf("there is no tour yet; start one first")
	}
	return nil, fmt.Errorf("there is no tour %q", id)
}

// Reanchor gives node id the passage a (from QuoteAnchor or RangeAnchor):
// it replaces the node's first anchor whose quote is no longer in the
// article (to fix it after the article was edited), else its first anchor
// (the passage moves); a node with no passage gets a as its first.
func (s *Session) Reanchor(id string, a model.Anchor) (Result, error) {
	broken := -1
	if s.content != nil {
		if n := s.content.Node(id); n != nil {
			broken = slices.IndexFunc(n.Anchors, func(x model.Anchor) bool { return !x.Resolved() })
		}
	}
	return s.apply(func(f *model.File) (string, error) {
		n, err := findNode(f, id)
		if err != nil {
			return "", err
		}
		switch {
		case broken >= 0 && broken < len(n.Anchors):
			n.Anchors[broken] = a
			return fmt.Sprintf("fixed the passage of %s %q", n.Kind, n.ID), nil
		case len(n.Anchors) > 0:
			n.Anchors[0] = a
		default:
			n.Anchors = []model.Anchor{a}
		}
		return fmt.Sprintf("moved the passage of %s %q", n.Kind, n.ID), nil
	})
}
