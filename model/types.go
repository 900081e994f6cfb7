// Package model holds crux's domain: the article, its claims graph, and the
// loader that reads and validates a content set. It imports no UI packages.
package model

// SchemaVersion is the only claims.json schema version this build reads.
const SchemaVersion = 1

// Kind is the kind of a node in the claims graph.
type Kind string

// The node kinds.
const (
	KindClaim        Kind = "claim"
	KindSkeptic      Kind = "skeptic"
	KindCounterpoint Kind = "counterpoint"
)

// Kinds lists every node kind in display order.
func Kinds() []Kind { return []Kind{KindClaim, KindSkeptic, KindCounterpoint} }

// LinkType is the relation a link expresses from its From node to its To node.
type LinkType string

// The link types.
const (
	Supports LinkType = "supports"
	Attacks  LinkType = "attacks"
)

// ArticleMeta describes the article a claims file is about.
type ArticleMeta struct {
	Path      string `json:"path"` // relative to the claims file
	Title     string `json:"title,omitempty"`
	Author    string `json:"author,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	URL       string `json:"url,omitempty"`
}

// Reviewer is who reviewed the article's claims: the fact-checker, class or
// publication that wrote the claims file. Exports name it as the author of
// their reviews (ClaimReview's author).
type Reviewer struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Source is a cited publication.
type Source struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	URL       string `json:"url,omitempty"`
}

// Anchor is a W3C TextQuoteSelector into the article's reader text. Start and
// End are filled in by the loader: the rune range [Start, End) of the quote in
// Article.Text, or -1 when the quote could not be resolved.
type Anchor struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  int    `json:"-"`
	End    int    `json:"-"`
}

// Resolved reports whether the loader found the quote in the article.
func (a Anchor) Resolved() bool { return a.Start >= 0 && a.End > a.Start }

// Rating is a verdict on a claim.
type Rating struct {
	Label       string `json:"label"`
	Explanation string `json:"explanation,omitempty"`
}

// Node is a claim, a skeptic position or a counterpoint.
type Node struct {
	ID        string   `json:"id"`
	Kind      Kind     `json:"kind"`
	Summary   string   `json:"summary"`
	Text      string   `json:"text,omitempty"` // Markdown
	Speaker   string   `json:"speaker,omitempty"`
	Anchors   []Anchor `json:"anchors,omitempty"`
	Sources   []string `json:"sources,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Rating    *Rating  `json:"rating,omitempty"`
	FormerIDs []string `json:"formerIds,omitempty"`
}

// FirstAnchor returns the node's first resolved anchor.
func (n *Node) FirstAnchor() (Anchor, bool) {
	for _, a := range n.Anchors {
		if a.Resolved() {
			return a, true
		}
	}
	return Anchor{}, false
}

// Link is a typed, directed relation between two nodes.
type Link struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Type LinkType `json:"type"`
	Note string   `json:"note,omitempty"`
}

// TourStep is one stop of a guided tour.
type TourStep struct {
	Node  string `json:"node"`
	Title string `json:"title,omitempty"`
	Notes string `json:"notes,omitempty"` // speaker notes, Markdown
}

// Tour is an ordered walk through nodes, for presenters.
type Tour struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Steps []TourStep `json:"steps"`
}

// File is claims.json as written on disk.
type File struct {
	Schema        string      `json:"$schema,omitempty"`
	SchemaVersion int         `json:"schemaVersion"`
	Article       ArticleMeta `json:"article"`
	Reviewer      *Reviewer   `json:"reviewer,omitempty"`
	Sources       []Source    `json:"sources,omitempty"`
	Nodes         []*Node     `json:"nodes"`
	Links         []Link      `json:"links,omitempty"`
	Tours         []Tour      `json:"tours,omitempty"`
}

// Block is one block of the article (heading, paragraph, list item, quote or
// code block) as a range of runes in Article.Text.
type Block struct {
	Kind  string // "heading", "paragraph", "list-item", "quote", "code"
	Start int    // rune offset in Article.Text
	End   int    // rune offset in Article.Text (exclusive)
	Line  int    // 1-based line in the Markdown source where the block starts
}

// Article is the loaded article: its Markdown and its reader text.
type Article struct {
	ArticleMeta
	// File is the path the article was read from.
	File string
	// Markdown is the article source exactly as read.
	Markdown string
	// Text is the article as a reader sees it: inline Markdown removed, each
	// block's soft line breaks turned into single spaces, blocks joined by
	// "\n\n". Anchor offsets count runes in Text.
	Text string
	// Blocks lists the blocks of Text in order.
	Blocks []Block
}

// Passage is one resolved anchor, for walking the article in order.
type Passage struct {
	Node  string // node id
	Index int    // index into the node's Anchors
	Start int    // rune offset in Article.Text
	End   int
}

// Content is a loaded, validated content set.
type Content struct {
	// Path is the claims file the content was loaded from.
	Path    string
	File    *File
	Article Article

	nodes    map[string]*Node
	former   map[string]string // former id -> current id
	sources  map[string]*Source
	from     map[string][]Link // links by From
	to       map[string][]Link // links by To
	passages []Passage         // sorted by Start
	claims   []*Node           // claims in article order
}

// Glyph is the kind's symbol. Every screen and text output uses the same
// glyphs, which differ in shape so that kinds are told apart without colour;
// the kind's word goes with the glyph wherever there is room.
func (k Kind) Glyph() string {
	switch k {
	case KindSkeptic:
		return "▲"
	case KindCounterpoint:
		return "●"
	default:
		return "■"
	}
}

// Glyph is the link type's symbol: ⊖ attacks, ⊕ supports.
func (t LinkType) Glyph() string {
	if t == Attacks {
		return "⊖"
	}
	return "⊕"
}
