package notes

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// SetNote sets the reader's Markdown note on node id; an empty text removes
// the note. It returns the saved annotation (zero when the reader's
// annotation became empty and was deleted).
func (s *Store) SetNote(nodeID, text string) (Annotation, error) {
	text = strings.TrimRight(text, " \t\r\n")
	return s.editNode(nodeID, func(a *Annotation) error {
		if text == "" {
			a.setBody(Commenting)
		} else {
			a.setBody(Commenting, text)
		}
		return nil
	})
}

// SetStance sets the reader's stance on node id; "" removes it.
func (s *Store) SetStance(nodeID string, st Stance) (Annotation, error) {
	if st != "" && !st.Valid() {
		return Annotation{}, fmt.Errorf("notes: unknown stance %q (want agree, disagree, unsure or needs-evidence)", st)
	}
	return s.editNode(nodeID, func(a *Annotation) error {
		if st == "" {
			a.setBody(Assessing)
		} else {
			a.setBody(Assessing, string(st))
		}
		return nil
	})
}

// AddTag adds a tag to the reader's annotation of node id (once).
func (s *Store) AddTag(nodeID, tag string) (Annotation, error) {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return Annotation{}, errors.New("notes: add tag: the tag is empty")
	}
	return s.editNode(nodeID, func(a *Annotation) error {
		tags := a.Tags()
		if !slices.Contains(tags, tag) {
			a.setBody(Tagging, append(tags, tag)...)
		}
		return nil
	})
}

// RemoveTag removes a tag from the reader's annotation of node id.
func (s *Store) RemoveTag(nodeID, tag string) (Annotation, error) {
	tag = strings.TrimSpace(tag)
	return s.editNode(nodeID, func(a *Annotation) error {
		a.setBody(Tagging, slices.DeleteFunc(a.Tags(), func(t string) bool { return t == tag })...)
		return nil
	})
}

// editNode applies edit to the reader's annotation of node id (creating it),
// re-targets it at the node's current id and text hash, and saves it. An
// annotation left without bodies is deleted.
func (s *Store) editNode(nodeID string, edit func(*Annotation) error) (Annotation, error) {
	c := s.content()
	if c == nil {
		return Annotation{}, ErrNoContent
	}
	n := c.Node(nodeID)
	if n == nil {
		return Annotation{}, fmt.Errorf("notes: no node %q in %s", nodeID, c.Path)
	}
	var saved Annotation
	err := s.mutate(func(coll *Collection) error {
		i := s.mineOnNode(coll, n.ID)
		var a Annotation
		if i >= 0 {
			a = coll.Items[i].clone()
		} else {
			a = NewNodeAnnotation(n, s.cfg.creator, s.now())
		}
		before := a.clone()
		if err := edit(&a); err != nil {
			return err
		}
		if slices.Equal(a.Body, before.Body) {
			if i >= 0 {
				saved = before
			}
			return errNoChange
		}
		t := nodeTarget(n)
		t.ID, t.Source = a.Target.ID, a.Target.Source
		a.Target = upgradeTarget(a.ID, t, "")
		a.Modified = later(s.now(), before.Modified)
		switch {
		case a.Empty() && i >= 0:
			coll.Items = slices.Delete(coll.Items, i, i+1)
		case a.Empty():
			return errNoChange
		case i >= 0:
			coll.Items[i] = a
			saved = a
		default:
			coll.Items = append(coll.Items, a)
			saved = a
		}
		return nil
	})
	return saved.clone(), err
}

// mineOnNode returns the index of the reader's most recently modified
// annotation on node id in coll, or -1.
func (s *Store) mineOnNode(coll *Collection, id string) int {
	best := -1
	for i, a := range coll.Items {
		if a.Creator.ID != s.cfg.creator.ID || !s.onNode(a, id) {
			continue
		}
		if best < 0 || a.Modified.After(coll.Items[best].Modified) {
			best = i
		}
	}
	return best
}

// AnnotatePassage saves the reader's note on a passage of the article: the
// quote exact with its prefix and suffix, at rune offsets [start, end) of
// the article text. When the reader already annotated the same quote at the
// same position, that annotation's note is replaced; an empty note makes a
// highlight.
func (s *Store) AnnotatePassage(exact, prefix, suffix string, start, end int, note string) (Annotation, error) {
	if s.content() == nil {
		return Annotation{}, ErrNoContent
	}
	if exact == "" {
		return Annotation{}, errors.New("notes: annotate passage: the quote is empty")
	}
	if start < 0 || end < start {
		return Annotation{}, fmt.Errorf("notes: annotate passage: bad range [%d, %d)", start, end)
	}
	note = strings.TrimRight(note, " \t\r\n")
	q := Quote{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end}
	var saved Annotation
	err := s.mutate(func(coll *Collection) error {
		for i, a := range coll.Items {
			old, ok := a.Quote()
			if !ok || a.Creator.ID != s.cfg.creator.ID || old.Exact != exact || old.Start != start {
				continue
			}
			if a.Note() == note {
				saved = a
				return errNoChange
			}
			if note == "" {
				a.setBody(Commenting)
			} else {
				a.setBody(Commenting, note)
			}
			a.Modified = later(s.now(), a.Modified)
			coll.Items[i] = a
			saved = a
			return nil
		}
		saved = NewPassageAnnotation(ArticleIRI(coll.Article), q, note, s.cfg.creator, s.now())
		coll.Items = append(coll.Items, saved)
		return nil
	})
	return saved.clone(), err
}

// Import merges the annotations of another notes file into this one, by id:
// new ids are added, a newer modified time replaces, and nothing is dropped.
// Creators are kept, so the UI can show whose notes are whose. The other
// file's read list is not merged (it is the other reader's progress).
func (s *Store) Import(path string) (MergeResult, error) {
	other, err := readCollection(path, false)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			cp := *fe
			cp.Hint = "fix that file and import it again; your notes were not changed"
			return MergeResult{}, &cp
		}
		return MergeResult{}, err
	}
	var r MergeResult
	err = s.mutate(func(c *Collection) error {
		r = c.merge(other.Items)
		if r.Added+r.Updated == 0 {
			return errNoChange
		}
		return nil
	})
	return r, err
}
