// Package class reads many students' notes files on one content set and
// sums them up for the teacher: per node, the distribution of stances, how
// many students annotated it and everyone's notes on it, author by author;
// per student, the claims they have not annotated; the nodes where the
// class disagrees most (see Distribution.Disagreement); and the notes whose
// node or passage is gone from this version of the content.
//
// Reading uses the notes package throughout: notes.ReadFile and its
// *notes.FileError for files it cannot read, Collection.Merge for the merge
// (by annotation id, the newer modified time wins), and notes.Resolve to
// follow formerIds and find orphans. A class is built once and then only
// read, so its queries are safe for concurrent use and cost a map lookup.
//
// The package imports model and notes, but no UI package.
package class

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// Input is one notes file that was read: a student's hand-in (the output of
// "crux notes export --format json") or a notes file itself.
type Input struct {
	Path  string
	Notes notes.Collection
}

// Skipped is a file that could not be read. Err is a *notes.FileError for
// every file notes.ReadFile refuses: its message names the file, the line
// and column where it can, what is wrong and what to do.
type Skipped struct {
	Path string
	Err  error
}

// File describes one file that was read.
type File struct {
	Path string
	// Article is the file's crux:article, the identity of the article its
	// notes are about; OtherArticle is true when that is not the content's
	// article (its node notes will mostly be orphaned).
	Article      string
	OtherArticle bool
	// Authors are the names of the people whose notes the file holds,
	// sorted (usually one student; more after "crux notes import").
	Authors []string
	// Annotations counts the records in the file; Renamed those on a node
	// that now has another id (followed through formerIds); Edited those on
	// a node whose text changed since; Orphaned those whose node or passage
	// is gone.
	Annotations, Renamed, Edited, Orphaned int
}

// Class is what the notes of a whole class say about one content set.
type Class struct {
	Content *model.Content
	// Files are the files read, in the order given; Skipped those that
	// could not be read.
	Files   []File
	Skipped []Skipped
	// Students are everyone whose notes were read, sorted by name.
	Students []*Student
	// Orphans are the notes whose node or passage is not in the content,
	// by student, then time.
	Orphans []Orphan

	nodes  []*NodeReport           // in the order of Nodes
	byID   map[string]*NodeReport  // by current node id
	dists  map[string]Distribution // by current node id, every node
	byName map[string]*Student
}

// Student is one author's coverage. A student is identified by the name
// on their notes (the creator's name, else its id); the notes of one name
// in several files are merged.
type Student struct {
	Name string
	// Files are the files holding at least one of the student's notes, in
	// the order given.
	Files []string
	// Annotated lists the claims the student annotated (a note, a stance
	// or a tag), Missing those they did not, both in article order.
	Annotated, Missing []string
	// Notes counts the written notes on nodes (a stance or tags alone are
	// not a note); Passages the notes and highlights on passages of the
	// article; Orphaned the student's notes whose node or passage is gone.
	Notes, Passages, Orphaned int
	stance                    map[string]notes.Stance // by current node id
}

// Orphan is a note whose node or passage is gone from the content.
type Orphan struct {
	Student string
	// Node is the id the note was on; "" for a passage, whose text is
	// Quote.
	Node, Quote string
	Stance      notes.Stance
	Tags        []string
	Note        string
	// Files are the files holding the note.
	Files []string
}

// Read reads the notes files at paths, in order. A folder stands for the
// .json files directly in it, in name order. A path given twice is read
// once. Files that cannot be read are returned in skipped, with a hint
// meant for the teacher; the others still load.
func Read(paths []string) (in []Input, skipped []Skipped) {
	seen := make(map[string]bool)
	for _, p := range expand(paths, &skipped) {
		if key := filepath.Clean(p); seen[key] {
			continue
		} else {
			seen[key] = true
		}
		coll, err := notes.ReadFile(p)
		if err != nil {
			skipped = append(skipped, Skipped{Path: p, Err: teacherHint(p, err)})
			continue
		}
		in = append(in, Input{Path: p, Notes: coll})
	}
	return in, skipped
}

// expand replaces each folder in paths by the .json files in it.
func expand(paths []string, skipped *[]Skipped) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			out = append(out, p) // notes.ReadFile says what is wrong
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			*skipped = append(*skipped, Skipped{Path: p, Err: &notes.FileError{Path: p,
				Problem: "cannot list the folder: " + err.Error(), Hint: "check its permissions", Err: err}})
			continue
		}
		found := false
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				out = append(out, filepath.Join(p, e.Name()))
				found = true
			}
		}
		if !found {
			*skipped = append(*skipped, Skipped{Path: p, Err: &notes.FileError{Path: p,
				Problem: "the folder holds no .json files", Hint: "pass the students' notes files (crux notes export --format json)"}})
		}
	}
	return out
}

// teacherHint replaces the advice of a *notes.FileError, written for the
// owner of a notes file, with advice for the teacher reading it.
func teacherHint(path string, err error) error {
	var fe *notes.FileError
	if !errors.As(err, &fe) {
		return err
	}
	cp := *fe
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case errors.Is(err, fs.ErrNotExist):
		cp.Hint = "check the path"
	case errors.Is(err, fs.ErrPermission):
		cp.Hint = "check its permissions"
	case ext == ".md" || ext == ".markdown":
		cp.Hint = "this looks like a Markdown hand-in; crux class reads the JSON one: ask for crux notes export --format json"
	default:
		cp.Hint = "ask the student for a fresh export (crux notes export --format json)"
	}
	return &cp
}

// Load reads the notes files at paths (see Read) and builds the class on
// content c (see New).
func Load(c *model.Content, paths []string) *Class {
	in, skipped := Read(paths)
	return New(c, in, skipped)
}

// authorName is who wrote a: the creator's name, else its id, with runs of
// white space folded.
func authorName(a notes.Annotation) string {
	for _, s := range []string{a.Creator.Name, a.Creator.ID} {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			return s
		}
	}
	return "unknown"
}

// byName orders names case-insensitively, then exactly.
func byName(a, b string) int {
	if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return cmp.Compare(a, b)
}

// Node returns the report on node id, following formerIds; nil when the
// content has no such node.
func (cl *Class) Node(id string) *NodeReport {
	if n := cl.Content.Node(id); n != nil {
		return cl.byID[n.ID]
	}
	return nil
}

// Nodes returns the report on every node: the claims in article order,
// then the skeptic positions, the counterpoints and any other nodes, each
// in file order.
func (cl *Class) Nodes() []*NodeReport { return cl.nodes }

// Distributions returns the class's distribution on every node, by current
// node id: what a list or detail view needs for its stance bars, in one map
// lookup per node. The map is shared; do not modify it.
func (cl *Class) Distributions() map[string]Distribution { return cl.dists }

// Distribution returns the class's distribution on node id, following
// formerIds; for a node the content does not have, no student annotated it.
func (cl *Class) Distribution(id string) Distribution {
	if r := cl.Node(id); r != nil {
		return r.Dist
	}
	return Distribution{Students: len(cl.Students), None: len(cl.Students)}
}

// Stance returns the stance of the student named name on node id ("" for
// none), following formerIds.
func (cl *Class) Stance(name, id string) notes.Stance {
	s := cl.byName[name]
	if s == nil {
		return ""
	}
	if n := cl.Content.Node(id); n != nil {
		id = n.ID
	}
	return s.stance[id]
}

// Student returns the student of that name, or nil.
func (cl *Class) Student(name string) *Student { return cl.byName[name] }

// Disputed returns the nodes where the class disagrees at all
// (Disagreement > 0), most disputed first; ties go to the node more
// students took a side on, then to content order.
func (cl *Class) Disputed() []*NodeReport {
	var out []*NodeReport
	for _, r := range cl.nodes {
		if r.Dist.Disagreement() > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *NodeReport) int {
		if c := cmp.Compare(b.Dist.Disagreement(), a.Dist.Disagreement()); c != 0 {
			return c
		}
		return cmp.Compare(b.Dist.Agree+b.Dist.Disagree, a.Dist.Agree+a.Dist.Disagree)
	})
	return out
}
