package model

import (
	"slices"
	"strings"
)

// NewContent indexes a decoded, resolved claims file and its article. The
// loader calls it after validation; tests and generators may call it directly.
// Anchors must already carry their resolved Start/End (or -1).
func NewContent(path string, f *File, art Article) *Content {
	c := &Content{
		Path:    path,
		File:    f,
		Article: art,
		nodes:   make(map[string]*Node, len(f.Nodes)),
		former:  make(map[string]string),
		sources: make(map[string]*Source, len(f.Sources)),
		from:    make(map[string][]Link),
		to:      make(map[string][]Link),
	}
	for i := range f.Sources {
		c.sources[f.Sources[i].ID] = &f.Sources[i]
	}
	for _, n := range f.Nodes {
		if n == nil {
			continue
		}
		c.nodes[n.ID] = n
		for _, old := range n.FormerIDs {
			c.former[old] = n.ID
		}
		for i, a := range n.Anchors {
			if a.Resolved() {
				c.passages = append(c.passages, Passage{Node: n.ID, Index: i, Start: a.Start, End: a.End})
			}
		}
		if n.Kind == KindClaim {
			c.claims = append(c.claims, n)
		}
	}
	for _, l := range f.Links {
		c.from[l.From] = append(c.from[l.From], l)
		c.to[l.To] = append(c.to[l.To], l)
	}
	slices.SortStableFunc(c.passages, func(a, b Passage) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	slices.SortStableFunc(c.claims, func(a, b *Node) int {
		return claimPos(a) - claimPos(b)
	})
	return c
}

// claimPos orders claims by their first passage; unanchored claims go last.
func claimPos(n *Node) int {
	if a, ok := n.FirstAnchor(); ok {
		return a.Start
	}
	return int(^uint(0) >> 1)
}

// Title is the content's display title: the article title, else its path.
func (c *Content) Title() string {
	if t := strings.TrimSpace(c.Article.Title); t != "" {
		return t
	}
	return c.Article.Path
}

// Nodes returns every node in file order.
func (c *Content) Nodes() []*Node { return c.File.Nodes }

// Node returns the node with id, following formerIds; nil if there is none.
func (c *Content) Node(id string) *Node {
	if n, ok := c.nodes[id]; ok {
		return n
	}
	if cur, ok := c.former[id]; ok {
		return c.nodes[cur]
	}
	return nil
}

// Source returns the source with id, or nil.
func (c *Content) Source(id string) *Source { return c.sources[id] }

// Claims returns the claims in article order (by first anchor).
func (c *Content) Claims() []*Node { return c.claims }

// Passages returns every resolved anchor sorted by position in the article.
func (c *Content) Passages() []Passage { return c.passages }

// LinksFrom returns the links whose From is id, in file order.
func (c *Content) LinksFrom(id string) []Link { return c.from[id] }

// LinksTo returns the links whose To is id, in file order.
func (c *Content) LinksTo(id string) []Link { return c.to[id] }

// Neighbor is a node linked to another, seen from that other node.
type Neighbor struct {
	Node *Node
	Link Link
	// Outgoing is true when the link goes from the node we look from to
	// Node ("X attacks Node"); false when Node is the link's From.
	Outgoing bool
}

// Neighbors returns the nodes linked to id in either direction, incoming
// links (nodes that support or attack id) first, each group in file order.
func (c *Content) Neighbors(id string) []Neighbor {
	var out []Neighbor
	for _, l := range c.to[id] {
		if n := c.nodes[l.From]; n != nil {
			out = append(out, Neighbor{Node: n, Link: l})
		}
	}
	for _, l := range c.from[id] {
		if n := c.nodes[l.To]; n != nil {
			out = append(out, Neighbor{Node: n, Link: l, Outgoing: true})
		}
	}
	return out
}

// Linked returns the nodes linked to id, each once and never id itself:
// skeptic positions first, then counterpoints, then the rest, each group in
// Neighbors order. It is the order in which a presenter reveals a step's
// links and a following explorer lists them.
func (c *Content) Linked(id string) []Neighbor {
	rank := func(k Kind) int {
		switch k {
		case KindSkeptic:
			return 0
		case KindCounterpoint:
			return 1
		}
		return 2
	}
	seen := map[string]bool{id: true}
	var out []Neighbor
	for _, nb := range c.Neighbors(id) {
		if !seen[nb.Node.ID] {
			seen[nb.Node.ID] = true
			out = append(out, nb)
		}
	}
	slices.SortStableFunc(out, func(a, b Neighbor) int { return rank(a.Node.Kind) - rank(b.Node.Kind) })
	return out
}

// Tour returns the tour with id, or the first tour when id is empty.
func (c *Content) Tour(id string) (Tour, bool) {
	for _, t := range c.File.Tours {
		if id == "" || t.ID == id {
			return t, true
		}
	}
	return Tour{}, false
}
