// Package notes is the reader's annotation store: notes, stances and tags on
// claims-graph nodes and on passages of the article, kept as W3C Web
// Annotation records in one pretty, stable JSON file per article.
//
// Every change is saved at once: the store takes an exclusive lock on
// "<file>.lock", re-reads the file, applies the change, and replaces the file
// atomically (temporary file, fsync, rename). Two crux processes sharing one
// file therefore never lose each other's notes. A file that cannot be read is
// never written; see [FileError] and [OpenReadOnly].
//
// The package imports model but no UI package.
package notes

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/crux-news/crux/model"
)

// W3C vocabulary used by the records.
const (
	// AnnoContext is the JSON-LD context of the Web Annotation model.
	AnnoContext = "http://www.w3.org/ns/anno.jsonld"
	// TypeAnnotation is the type of one annotation.
	TypeAnnotation = "Annotation"
	// TypeCollection is the type of the notes file.
	TypeCollection = "AnnotationCollection"
	// TypeTextualBody is the type of every body crux writes.
	TypeTextualBody = "TextualBody"
	// TypeQuoteSelector selects a passage by its text and context.
	TypeQuoteSelector = "TextQuoteSelector"
	// TypePositionSelector selects a passage by rune offsets in the article's
	// reader text (model.Article.Text).
	TypePositionSelector = "TextPositionSelector"
	// TypeFragmentSelector selects a node by its id (the selector's value).
	TypeFragmentSelector = "FragmentSelector"
	// TypeSpecificResource is the type of every target crux writes.
	TypeSpecificResource = "SpecificResource"
	// FormatMarkdown is the format of a note body.
	FormatMarkdown = "text/markdown"
	// legacyNodePrefix started the target source of a node annotation in
	// crux:version 1 files ("claims.json#<node id>"); such targets are
	// upgraded when read.
	legacyNodePrefix = "claims.json#"
)

// Motivation is why an annotation or one of its bodies was made.
type Motivation string

// The motivations crux uses.
const (
	Commenting   Motivation = "commenting"
	Assessing    Motivation = "assessing"
	Tagging      Motivation = "tagging"
	Highlighting Motivation = "highlighting"
)

// Stance is the reader's verdict on a node, kept in an assessing body.
type Stance string

// The stances. The zero Stance means none.
const (
	Agree         Stance = "agree"
	Disagree      Stance = "disagree"
	Unsure        Stance = "unsure"
	NeedsEvidence Stance = "needs-evidence"
)

// Stances lists every stance in display order.
func Stances() []Stance { return []Stance{Agree, Disagree, Unsure, NeedsEvidence} }

// Valid reports whether s is one of the four stances.
func (s Stance) Valid() bool { return slices.Contains(Stances(), s) }

// Creator is the person who wrote an annotation.
type Creator struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// NewCreator returns the creator for a reader's name; its id is
// "local:reader/<name>" (escaped).
func NewCreator(name string) Creator {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "reader"
	}
	return Creator{ID: "local:reader/" + url.PathEscape(name), Name: name}
}

// Body is one TextualBody: a note (purpose commenting, format text/markdown),
// a stance (purpose assessing) or one tag (purpose tagging).
type Body struct {
	Type    string     `json:"type"`
	Purpose Motivation `json:"purpose"`
	Format  string     `json:"format,omitempty"`
	Value   string     `json:"value"`
}

// Selector is a TextQuoteSelector (Exact, Prefix, Suffix), a
// TextPositionSelector (Start, End: rune offsets in model.Article.Text) or,
// for a node, a FragmentSelector (Value: the node id).
type Selector struct {
	Type   string `json:"type"`
	Value  string `json:"value,omitempty"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// Target is what an annotation is about, a W3C SpecificResource: its own
// id, the article as Source (an absolute IRI, see ArticleIRI) and either a
// node (Node, a FragmentSelector with the node id, and the hash of the
// node's text when it was annotated) or a passage (a TextQuoteSelector and a
// TextPositionSelector).
type Target struct {
	ID       string     `json:"id,omitempty"`
	Type     string     `json:"type,omitempty"`
	Source   string     `json:"source"`
	Node     string     `json:"crux:node,omitempty"`
	NodeHash string     `json:"crux:nodeTextSha256,omitempty"`
	Selector []Selector `json:"selector,omitempty"`
}

// Annotation is one W3C Web Annotation record.
type Annotation struct {
	Context    string     `json:"@context"`
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation Motivation `json:"motivation"`
	Creator    Creator    `json:"creator"`
	Created    time.Time  `json:"created"`
	Modified   time.Time  `json:"modified"`
	Body       []Body     `json:"body,omitempty"`
	Target     Target     `json:"target"`
}

// Quote is a passage target in plain form.
type Quote struct {
	Exact, Prefix, Suffix string
	// Start and End are rune offsets in model.Article.Text; -1 when the
	// record has no position selector.
	Start, End int
}

// NodeID returns the node id of a node annotation.
func (a Annotation) NodeID() (string, bool) {
	if a.Target.Node != "" {
		return a.Target.Node, true
	}
	id, ok := strings.CutPrefix(a.Target.Source, legacyNodePrefix)
	return id, ok && id != ""
}

// Quote returns the passage of a passage annotation.
func (a Annotation) Quote() (Quote, bool) {
	q := Quote{Start: -1, End: -1}
	if _, node := a.NodeID(); node {
		return q, false
	}
	found := false
	for _, s := range a.Target.Selector {
		switch s.Type {
		case TypeQuoteSelector:
			q.Exact, q.Prefix, q.Suffix = s.Exact, s.Prefix, s.Suffix
			found = s.Exact != ""
		case TypePositionSelector:
			if s.Start != nil && s.End != nil {
				q.Start, q.End = *s.Start, *s.End
			}
		}
	}
	return q, found
}

// Note returns the Markdown note, or "".
func (a Annotation) Note() string {
	for _, b := range a.Body {
		if b.Purpose == Commenting {
			return b.Value
		}
	}
	return ""
}

// Stance returns the stance, or "" when there is none.
func (a Annotation) Stance() Stance {
	for _, b := range a.Body {
		if b.Purpose == Assessing {
			return Stance(b.Value)
		}
	}
	return ""
}

// Tags returns the tags in the order they were added.
func (a Annotation) Tags() []string {
	var tags []string
	for _, b := range a.Body {
		if b.Purpose == Tagging {
			tags = append(tags, b.Value)
		}
	}
	return tags
}

// Empty reports whether a node annotation has no note, stance or tag left.
func (a Annotation) Empty() bool { return len(a.Body) == 0 }

// clone returns a deep copy of a, so callers cannot alias the store's state.
func (a Annotation) clone() Annotation {
	a.Body = slices.Clone(a.Body)
	sel := make([]Selector, len(a.Target.Selector))
	for i, s := range a.Target.Selector {
		if s.Start != nil {
			v := *s.Start
			s.Start = &v
		}
		if s.End != nil {
			v := *s.End
			s.End = &v
		}
		sel[i] = s
	}
	if a.Target.Selector == nil {
		sel = nil
	}
	a.Target.Selector = sel
	return a
}

// setBody replaces the bodies of one purpose with values (in order).
func (a *Annotation) setBody(purpose Motivation, values ...string) {
	var out []Body
	inserted := false
	for _, b := range a.Body {
		if b.Purpose != purpose {
			out = append(out, b)
			continue
		}
		if !inserted {
			out = append(out, bodies(purpose, values)...)
			inserted = true
		}
	}
	if !inserted {
		out = append(out, bodies(purpose, values)...)
	}
	a.Body = out
	a.Motivation = motivationOf(*a)
}

func bodies(purpose Motivation, values []string) []Body {
	out := make([]Body, 0, len(values))
	for _, v := range values {
		b := Body{Type: TypeTextualBody, Purpose: purpose, Value: v}
		if purpose == Commenting {
			b.Format = FormatMarkdown
		}
		out = append(out, b)
	}
	return out
}

// motivationOf picks the annotation's motivation from its bodies: assessing
// when there is a stance, else commenting, else tagging, else highlighting.
func motivationOf(a Annotation) Motivation {
	has := func(p Motivation) bool {
		return slices.ContainsFunc(a.Body, func(b Body) bool { return b.Purpose == p })
	}
	switch {
	case has(Assessing):
		return Assessing
	case has(Commenting):
		return Commenting
	case has(Tagging):
		return Tagging
	default:
		return Highlighting
	}
}

// NodeTextHash is the hex SHA-256 of a node's summary and text, the value
// kept in a node target to notice later edits of the node.
func NodeTextHash(n *model.Node) string {
	norm := func(s string) string {
		return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	}
	sum := sha256.Sum256([]byte(norm(n.Summary) + "\n\n" + norm(n.Text)))
	return hex.EncodeToString(sum[:])
}

// NewID returns a fresh "urn:uuid:" id (random, version 4).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("urn:uuid:%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}

// stamp normalises a time for storage: UTC, millisecond precision.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// NewNodeAnnotation returns an annotation of node n by creator, made at now,
// with no body yet. Its target's source is the article's IRI, filled in by
// the collection it is saved in.
func NewNodeAnnotation(n *model.Node, creator Creator, now time.Time) Annotation {
	now = stamp(now)
	a := Annotation{
		Context:    AnnoContext,
		ID:         NewID(),
		Type:       TypeAnnotation,
		Motivation: Highlighting,
		Creator:    creator,
		Created:    now,
		Modified:   now,
		Target:     nodeTarget(n),
	}
	a.Target = upgradeTarget(a.ID, a.Target, "")
	return a
}

// nodeTarget is the target of an annotation on n, without its source.
func nodeTarget(n *model.Node) Target {
	return Target{Type: TypeSpecificResource, Node: n.ID, NodeHash: NodeTextHash(n),
		Selector: []Selector{{Type: TypeFragmentSelector, Value: n.ID}}}
}

// NewPassageAnnotation returns an annotation of a passage of the article
// whose IRI is source (see ArticleIRI; "" lets the collection fill it in),
// with note as its Markdown body (none when note is empty).
func NewPassageAnnotation(source string, q Quote, note string, creator Creator, now time.Time) Annotation {
	now = stamp(now)
	a := Annotation{
		Context:  AnnoContext,
		ID:       NewID(),
		Type:     TypeAnnotation,
		Creator:  creator,
		Created:  now,
		Modified: now,
		Target: Target{Source: source, Selector: []Selector{
			{Type: TypeQuoteSelector, Exact: q.Exact, Prefix: q.Prefix, Suffix: q.Suffix},
		}},
	}
	if q.Start >= 0 && q.End >= q.Start {
		start, end := q.Start, q.End
		a.Target.Selector = append(a.Target.Selector, Selector{Type: TypePositionSelector, Start: &start, End: &end})
	}
	if note != "" {
		a.setBody(Commenting, note)
	}
	a.Motivation = motivationOf(a)
	a.Target = upgradeTarget(a.ID, a.Target, "")
	return a
}
