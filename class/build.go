package class

import (
	"slices"
	"strings"
	"time"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// Distribution is how a class answered one node. Every student is counted
// once: under their stance, or under None when they took no stance (they
// annotated the node without one, or did not annotate it), so the five
// counts add up to Students.
type Distribution struct {
	Agree, Disagree, Unsure, NeedsEvidence, None int
	// Annotated counts the students with a note, a stance or a tag on the
	// node.
	Annotated int
	// Students is the size of the class.
	Students int
}

// Count returns the number of students with stance s ("" counts None).
func (d Distribution) Count(s notes.Stance) int {
	switch s {
	case notes.Agree:
		return d.Agree
	case notes.Disagree:
		return d.Disagree
	case notes.Unsure:
		return d.Unsure
	case notes.NeedsEvidence:
		return d.NeedsEvidence
	case "":
		return d.None
	}
	return 0
}

// Share returns the share of the class with stance s, from 0 to 1.
func (d Distribution) Share(s notes.Stance) float64 {
	if d.Students == 0 {
		return 0
	}
	return float64(d.Count(s)) / float64(d.Students)
}

// Disagreement measures how much the class disagrees on a node: twice the
// share of the class on the smaller side of agree and disagree,
//
//	2 × min(agree, disagree) / students
//
// It is 0 when nobody disagrees with anybody (no one, or only one side,
// took a side) and 1 when every student took a side and the class split
// evenly. Unsure and needs-evidence take no side, so a class that is
// merely unsure does not count as divided; a split among a few students
// of a large class counts for little.
func (d Distribution) Disagreement() float64 {
	if d.Students == 0 {
		return 0
	}
	return 2 * float64(min(d.Agree, d.Disagree)) / float64(d.Students)
}

func (d *Distribution) add(s notes.Stance) {
	switch s {
	case notes.Agree:
		d.Agree++
	case notes.Disagree:
		d.Disagree++
	case notes.Unsure:
		d.Unsure++
	case notes.NeedsEvidence:
		d.NeedsEvidence++
	default:
		d.None++
	}
}

// NodeReport is the class on one node: the distribution and everyone's
// notes on it.
type NodeReport struct {
	Node *model.Node
	Dist Distribution
	// Entries has one entry per student who annotated the node, by name.
	Entries []Entry
}

// Entry is one student's annotation of a node. When a student has several
// annotations on the node (separate records from two files, or one on a
// former id), the most recently modified one that has a stance gives the
// stance (a value other than the four stances counts as none), and every
// written note and tag is kept. (Two versions of one
// record are merged before: the newer wins.)
type Entry struct {
	Student string
	Stance  notes.Stance
	Tags    []string
	// Notes are the student's written notes on the node, oldest first.
	Notes []string
	// Modified is the time of the student's newest edit on the node.
	Modified time.Time
	// Edited is true when the node changed since one of the notes.
	Edited bool
}

// New builds the class from the files read (see Read) on content c. The
// annotations of all files are merged by id (notes.Collection.Merge: the
// newer modified time wins, nothing is dropped), then grouped by author
// name. Node targets follow formerIds (notes.Resolve); notes whose node or
// passage is gone become Orphans.
func New(c *model.Content, in []Input, skipped []Skipped) *Class {
	cl := &Class{Content: c, Skipped: slices.Clone(skipped),
		byID: make(map[string]*NodeReport), dists: make(map[string]Distribution), byName: make(map[string]*Student)}
	identity := notes.ArticleIdentity(c.Article.ArticleMeta, c.Article.Text)
	var merged notes.Collection
	files := make(map[string][]string) // annotation id -> files holding it
	for _, f := range in {
		merged.Merge(f.Notes.Items)
		cl.Files = append(cl.Files, describe(c, identity, f))
		for _, a := range f.Notes.Items {
			if !slices.Contains(files[a.ID], f.Path) {
				files[a.ID] = append(files[a.ID], f.Path)
			}
		}
	}
	items := merged.Items
	slices.SortFunc(items, func(a, b notes.Annotation) int {
		if x := a.Created.Compare(b.Created); x != 0 {
			return x
		}
		return strings.Compare(a.ID, b.ID)
	})

	// onNode[node id][student] holds the student's annotations of the node.
	onNode := make(map[string]map[string][]notes.Annotation)
	for _, a := range items {
		name := authorName(a)
		s := cl.student(name)
		for _, p := range files[a.ID] {
			if !slices.Contains(s.Files, p) {
				s.Files = append(s.Files, p)
			}
		}
		r := notes.Resolve(a, c)
		switch {
		case r.Status == notes.AnchorOrphaned:
			cl.Orphans = append(cl.Orphans, orphan(name, a, files[a.ID]))
			s.Orphaned++
		case r.Node != nil:
			if onNode[r.Node.ID] == nil {
				onNode[r.Node.ID] = make(map[string][]notes.Annotation)
			}
			onNode[r.Node.ID][name] = append(onNode[r.Node.ID][name], a)
		default:
			s.Passages++
		}
	}
	slices.SortFunc(cl.Students, func(a, b *Student) int { return byName(a.Name, b.Name) })
	slices.SortStableFunc(cl.Orphans, func(a, b Orphan) int { return byName(a.Student, b.Student) })
	for i := range cl.Files {
		slices.SortFunc(cl.Files[i].Authors, byName)
	}

	for _, n := range ordered(c) {
		rep := &NodeReport{Node: n, Dist: Distribution{Students: len(cl.Students)}}
		for _, s := range cl.Students {
			anns := onNode[n.ID][s.Name]
			e, ok := entry(s.Name, anns, c)
			if ok {
				rep.Entries = append(rep.Entries, e)
				rep.Dist.Annotated++
				s.Notes += len(e.Notes)
				if e.Stance != "" {
					s.stance[n.ID] = e.Stance
				}
			}
			rep.Dist.add(e.Stance)
		}
		cl.nodes = append(cl.nodes, rep)
		cl.byID[n.ID] = rep
		cl.dists[n.ID] = rep.Dist
	}
	for _, s := range cl.Students {
		for _, n := range c.Claims() {
			if slices.ContainsFunc(cl.byID[n.ID].Entries, func(e Entry) bool { return e.Student == s.Name }) {
				s.Annotated = append(s.Annotated, n.ID)
			} else {
				s.Missing = append(s.Missing, n.ID)
			}
		}
	}
	return cl
}

// student returns the student of that name, adding them.
func (cl *Class) student(name string) *Student {
	if s, ok := cl.byName[name]; ok {
		return s
	}
	s := &Student{Name: name, stance: make(map[string]notes.Stance)}
	cl.byName[name] = s
	cl.Students = append(cl.Students, s)
	return s
}

// ordered returns the claims in article order, then the skeptic
// positions, the counterpoints and any other nodes, each in file order.
func ordered(c *model.Content) []*model.Node {
	out := slices.Clone(c.Claims())
	for _, k := range model.Kinds()[1:] {
		for _, n := range c.Nodes() {
			if n != nil && n.Kind == k {
				out = append(out, n)
			}
		}
	}
	for _, n := range c.Nodes() {
		if n != nil && !slices.Contains(model.Kinds(), n.Kind) {
			out = append(out, n)
		}
	}
	return out
}

// entry sums up one student's annotations of a node (sorted by created
// time); ok is false when none has a note, a stance or a tag.
func entry(name string, anns []notes.Annotation, c *model.Content) (e Entry, ok bool) {
	e.Student = name
	var stanceAt time.Time
	for _, a := range anns {
		if a.Empty() {
			continue
		}
		ok = true
		if !a.Modified.Before(e.Modified) {
			e.Modified = a.Modified
		}
		if st := a.Stance(); st.Valid() && !a.Modified.Before(stanceAt) {
			e.Stance, stanceAt = st, a.Modified
		}
		for _, t := range a.Tags() {
			if !slices.Contains(e.Tags, t) {
				e.Tags = append(e.Tags, t)
			}
		}
		if n := strings.TrimSpace(a.Note()); n != "" && !slices.Contains(e.Notes, n) {
			e.Notes = append(e.Notes, n)
		}
		if notes.Status(a, c) == notes.AnchorEdited {
			e.Edited = true
		}
	}
	if !ok {
		return Entry{Student: name}, false
	}
	return e, true
}

// orphan describes a note whose node or passage is gone.
func orphan(name string, a notes.Annotation, files []string) Orphan {
	o := Orphan{Student: name, Stance: a.Stance(), Tags: a.Tags(), Note: strings.TrimSpace(a.Note()), Files: files}
	if id, ok := a.NodeID(); ok {
		o.Node = id
	} else if q, ok := a.Quote(); ok {
		o.Quote = q.Exact
	}
	return o
}

// describe counts what one file holds and how it fits the content.
func describe(c *model.Content, identity string, in Input) File {
	f := File{Path: in.Path, Article: in.Notes.Article, Annotations: len(in.Notes.Items)}
	f.OtherArticle = f.Article != "" && f.Article != identity
	for _, a := range in.Notes.Items {
		if name := authorName(a); !slices.Contains(f.Authors, name) {
			f.Authors = append(f.Authors, name)
		}
		r := notes.Resolve(a, c)
		switch {
		case r.Status == notes.AnchorOrphaned:
			f.Orphaned++
		case r.Status == notes.AnchorEdited:
			f.Edited++
		}
		if id, ok := a.NodeID(); ok && r.Node != nil && id != r.Node.ID {
			f.Renamed++
		}
	}
	return f
}
