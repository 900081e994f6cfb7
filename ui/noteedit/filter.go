package noteedit

import (
	"slices"

	"github.com/crux-news/crux/notes"
)

// Filter is what the notes list shows; f cycles through them.
type Filter int

// The filters, in the order f cycles them.
const (
	All Filter = iota
	Unannotated
	Mine
	Agree
	Disagree
	Unsure
	NeedsEvidence
	numFilters
)

var filterNames = [numFilters]string{"all notes", "claims without a note or stance", "my notes", "agree", "disagree", "unsure", "needs-evidence"}

func (f Filter) String() string { return filterNames[f] }

// Next is the filter after f.
func (f Filter) Next() Filter { return (f + 1) % numFilters }

// Admits reports whether the list shows a under f, for the reader me and a
// tag filter (empty for none). Under Unannotated the list shows claims,
// not notes, and does not ask.
func (f Filter) Admits(a notes.Annotation, me, tag string) bool {
	if tag != "" && !slices.Contains(a.Tags(), tag) {
		return false
	}
	switch f {
	case Mine:
		return a.Creator.ID == me
	case Agree:
		return a.Stance() == notes.Agree
	case Disagree:
		return a.Stance() == notes.Disagree
	case Unsure:
		return a.Stance() == notes.Unsure
	case NeedsEvidence:
		return a.Stance() == notes.NeedsEvidence
	}
	return true
}

// NextTag is the tag filter after cur: the next tag in use in sorted order,
// then none.
func NextTag(anns []notes.Annotation, cur string) string {
	var tags []string
	for _, a := range anns {
		for _, t := range a.Tags() {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	slices.Sort(tags)
	if i := slices.Index(tags, cur); i+1 < len(tags) {
		return tags[i+1]
	}
	return ""
}
