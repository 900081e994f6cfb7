// Package mapview draws the argument map: a tree of the current node's
// neighbourhood (what attacks or supports it, and theirs in turn; what it
// attacks or supports, and theirs in turn) with box-drawing lines, and a
// whole-graph overview of the claims with their open skeptic positions.
// Moving the cursor selects nodes and enter opens one, through messages the
// root handles like those of the other panes.
package mapview

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// Depth limits of the neighbourhood tree.
const (
	DefaultDepth = 2 // the node's attackers and supporters, and theirs
	MaxDepth     = 8 // deeper trees stop fitting any pane; cycles stop earlier anyway
)

// Mode is what the map shows.
type Mode int

const (
	// Neighbourhood is the tree around one node.
	Neighbourhood Mode = iota
	// Overview lists every claim with its open skeptic positions.
	Overview
)

// String names the mode.
func (md Mode) String() string {
	if md == Overview {
		return "Overview"
	}
	return "Map"
}

// rowKind tells node rows from the map's headings and notes.
type rowKind int

const (
	rowNode    rowKind = iota
	rowHeading         // a section title
	rowNote            // an explanation, "nothing", a blank line
)

// row is one line of the map before styling.
type row struct {
	kind   rowKind
	text   string      // heading or note text
	node   *model.Node // rowNode
	prefix string      // box-drawing lines before the node
	link   model.LinkType
	in     bool // the row's node attacks or supports its parent (incoming link)
	root   bool // the map's root node
	seen   bool // shown above already: not expanded again
	hidden int  // links not shown below this row because of the depth
	open   bool // a skeptic position no counterpoint attacks
	// Overview only.
	claim         bool
	nOpen, nTotal int
}

// Model is the map component.
type Model struct {
	// KeyMap are the map's bindings.
	KeyMap KeyMap

	styles *theme.Styles
	c      *model.Content

	mode  Mode
	root  string
	depth int

	rows  []row
	lines []string      // rows rendered at width, without the cursor
	win   scroll.Window // the rows shown; Cursor indexes rows, always a node row when there is one

	width, height int
	focused       bool
	intent        tea.Msg // SelectMsg, OpenMsg or CloseMsg, read by the root with Intent
}

// Intent returns what the last Update or call asked of the root, or nil,
// and forgets it. The root reads it right after the call: panes return no
// command for an intent, so nothing waits in the message queue.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// New makes a map over a content set.
func New(c *model.Content, styles *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), styles: styles, c: c, depth: DefaultDepth}
}

// SetStyles changes the theme.
func (m *Model) SetStyles(s *theme.Styles) {
	m.styles = s
	m.renderLines()
}

// SetSize sets the map's inner size; the last line holds the key hints.
func (m *Model) SetSize(w, h int) {
	if w == m.width && h == m.height {
		return
	}
	m.width, m.height = max(w, 0), max(h, 0)
	m.renderLines()
	m.fit()
}

// Focus focuses the map.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur blurs the map; a blurred map ignores keys.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the map has focus.
func (m Model) Focused() bool { return m.focused }

// Mode is what the map shows.
func (m Model) Mode() Mode { return m.mode }

// Root is the node at the root of the neighbourhood tree.
func (m Model) Root() string { return m.root }

// Depth is how many links deep the neighbourhood tree goes.
func (m Model) Depth() int { return m.depth }

// setMode switches what the map shows, and with it the keys that work: the
// depth keys only in the neighbourhood, so that help and hints (built from
// the key map) never offer them in the overview.
func (m *Model) setMode(mode Mode) {
	m.mode = mode
	m.KeyMap.Deeper.SetEnabled(mode == Neighbourhood)
	m.KeyMap.Shallower.SetEnabled(mode == Neighbourhood)
}

// ShowNode draws the neighbourhood of node id and puts the cursor on node
// sel when it is in the map, else on the root.
func (m *Model) ShowNode(id, sel string) {
	m.setMode(Neighbourhood)
	m.root = id
	m.rebuild(sel)
}

// ShowOverview lists every claim with its open skeptic positions, the cursor
// on node sel when listed.
func (m *Model) ShowOverview(sel string) {
	m.setMode(Overview)
	m.rebuild(sel)
}

// SetDepth sets the tree's depth, kept within 1..MaxDepth.
func (m *Model) SetDepth(d int) {
	d = max(min(d, MaxDepth), 1)
	if d == m.depth {
		return
	}
	m.depth = d
	if m.mode == Neighbourhood {
		sel := ""
		if n := m.Selected(); n != nil {
			sel = n.ID
		}
		m.rebuild(sel)
	}
}

// Title is a title for the map's box.
func (m Model) Title() string {
	if m.mode == Overview {
		return "Overview: where the debate is still open"
	}
	n := m.c.Node(m.root)
	if n == nil {
		return "Map"
	}
	return fmt.Sprintf("Map of %s %s · depth %d", theme.Glyph(n.Kind), n.Summary, m.depth)
}

// Selected returns the node under the cursor, or nil.
func (m Model) Selected() *model.Node {
	if m.win.Cursor < 0 || m.win.Cursor >= len(m.rows) || m.rows[m.win.Cursor].kind != rowNode {
		return nil
	}
	return m.rows[m.win.Cursor].node
}

// Nodes lists the ids of the map's node rows, top to bottom; a node shown
// twice (the second time marked "see above") is listed twice.
func (m Model) Nodes() []string {
	var out []string
	for _, r := range m.rows {
		if r.kind == rowNode {
			out = append(out, r.node.ID)
		}
	}
	return out
}

// Lines is the whole map as plain text, one row a line, without the cursor
// and the key hints: what View shows when everything fits.
func (m Model) Lines() []string {
	out := make([]string, len(m.lines))
	for i, l := range m.lines {
		out[i] = ansi.Strip(l)
	}
	return out
}

// OpenSkeptics counts the skeptic positions that attack a node (total) and
// those of them no counterpoint attacks (open).
func OpenSkeptics(c *model.Content, id string) (open, total int) {
	for _, sk := range attackingSkeptics(c, id) {
		total++
		if !answered(c, sk.ID) {
			open++
		}
	}
	return open, total
}

// attackingSkeptics lists the skeptic positions attacking node id, each once,
// in file order.
func attackingSkeptics(c *model.Content, id string) []*model.Node {
	var out []*model.Node
	seen := map[string]bool{}
	for _, l := range c.LinksTo(id) {
		n := c.Node(l.From)
		if l.Type != model.Attacks || n == nil || n.Kind != model.KindSkeptic || seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		out = append(out, n)
	}
	return out
}

// answered reports whether some counterpoint attacks node id.
func answered(c *model.Content, id string) bool {
	for _, l := range c.LinksTo(id) {
		if n := c.Node(l.From); l.Type == model.Attacks && n != nil && n.Kind == model.KindCounterpoint {
			return true
		}
	}
	return false
}

// rebuild recomputes the rows for the mode and puts the cursor on sel.
func (m *Model) rebuild(sel string) {
	if m.mode == Overview {
		m.rows = m.overviewRows()
	} else {
		m.rows = m.treeRows()
	}
	m.win.Cursor, m.win.Offset = -1, 0
	for i, r := range m.rows {
		if r.kind == rowNode && r.node.ID == sel && !r.seen {
			m.win.Cursor = i
			break
		}
	}
	if m.win.Cursor < 0 {
		m.win.Cursor = m.nextNode(-1, 1)
	}
	m.renderLines()
	m.fit()
}

func (m Model) treeRows() []row {
	root := m.c.Node(m.root)
	if root == nil {
		return []row{{kind: rowNote, text: "No node to map."}}
	}
	seen := map[string]bool{root.ID: true}
	rows := []row{{kind: rowNode, node: root, root: true, open: m.isOpen(root)}}
	for _, in := range []bool{true, false} {
		title := "What attacks or supports it"
		if !in {
			title = "What it attacks or supports"
		}
		rows = append(rows, row{kind: rowNote}, row{kind: rowHeading, text: fmt.Sprintf("%s (%d)", title, len(m.links(root.ID, in)))})
		before := len(rows)
		rows = m.walk(rows, root.ID, in, "", 1, seen)
		if len(rows) == before {
			rows = append(rows, row{kind: rowNote, text: "└─ nothing"})
		}
	}
	for _, r := range rows {
		if r.open {
			return append(rows, row{kind: rowNote}, row{kind: rowNote, text: "(open): a skeptic position no counterpoint attacks."})
		}
	}
	return rows
}

// links returns the links into id (in) or out of it whose other end exists.
func (m Model) links(id string, in bool) []model.Link {
	ls := m.c.LinksFrom(id)
	if in {
		ls = m.c.LinksTo(id)
	}
	out := make([]model.Link, 0, len(ls))
	for _, l := range ls {
		other := l.To
		if in {
			other = l.From
		}
		if m.c.Node(other) != nil {
			out = append(out, l)
		}
	}
	return out
}

// walk appends the subtree below id in one direction. A node met before is
// shown once more, marked and not expanded, so cycles end.
func (m Model) walk(rows []row, id string, in bool, prefix string, depth int, seen map[string]bool) []row {
	ls := m.links(id, in)
	for i, l := range ls {
		conn, next := "├─ ", "│  "
		if i == len(ls)-1 {
			conn, next = "└─ ", "   "
		}
		other := l.To
		if in {
			other = l.From
		}
		n := m.c.Node(other)
		r := row{kind: rowNode, node: n, prefix: prefix + conn, link: l.Type, in: in, open: m.isOpen(n)}
		switch {
		case seen[n.ID]:
			r.seen = true
			rows = append(rows, r)
		case depth >= m.depth:
			seen[n.ID] = true
			r.hidden = len(m.links(n.ID, in))
			rows = append(rows, r)
		default:
			seen[n.ID] = true
			rows = append(rows, r)
			rows = m.walk(rows, n.ID, in, prefix+next, depth+1, seen)
		}
	}
	return rows
}

func (m Model) isOpen(n *model.Node) bool {
	return n.Kind == model.KindSkeptic && !answered(m.c, n.ID)
}

func (m Model) overviewRows() []row {
	claims := m.c.Claims()
	openClaims := 0
	openAll := map[string]bool{} // a skeptic position may attack several claims
	var body []row
	for _, cl := range claims {
		open, total := OpenSkeptics(m.c, cl.ID)
		body = append(body, row{kind: rowNode, node: cl, claim: true, nOpen: open, nTotal: total})
		if open > 0 {
			openClaims++
		}
		sks := attackingSkeptics(m.c, cl.ID)
		var opens []*model.Node
		for _, sk := range sks {
			if !answered(m.c, sk.ID) {
				opens = append(opens, sk)
			}
		}
		for i, sk := range opens {
			openAll[sk.ID] = true
			conn := "├─ "
			if i == len(opens)-1 {
				conn = "└─ "
			}
			// Every row here is open: the heading says so, no mark needed.
			body = append(body, row{kind: rowNode, node: sk, prefix: conn, link: model.Attacks, in: true})
		}
	}
	if len(claims) == 0 {
		return []row{{kind: rowNote, text: "No claims in this content set."}}
	}
	head := fmt.Sprintf("Still open: %s, on %d of %d claims.",
		plural(len(openAll), "skeptic position", "skeptic positions"), openClaims, len(claims))
	rows := []row{
		{kind: rowHeading, text: head},
		{kind: rowNote, text: "Open: a skeptic position no counterpoint attacks."},
		{kind: rowNote},
	}
	return append(rows, body...)
}

// plural is "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Open shows the map in a mode: the neighbourhood of current with the cursor
// on selected (or on the root when selected is not in it), or the overview
// with the cursor on the claim the reader is at.
// In the neighbourhood, when the cursor is not on selected, the intent is
// to select the node under it, so that the map and the explorer agree; the
// overview selects nothing until its cursor moves.
func (m *Model) Open(mode Mode, current, selected string) {
	m.Focus()
	if mode == Overview {
		m.ShowOverview(ClaimOf(m.c, selected, current))
		return
	}
	m.ShowNode(current, selected)
	if n := m.Selected(); n != nil && n.ID != selected {
		m.intent = SelectMsg{Node: n.ID}
	}
}

// Reroot re-roots an open neighbourhood map on the explorer's current node
// after it changed (enter in the map, back, forward, a presenter), the
// cursor on selected when it is in the map.
func (m *Model) Reroot(current, selected string) {
	if m.focused && m.mode == Neighbourhood && m.root != current {
		m.ShowNode(current, selected)
	}
}

// ClaimOf is the first of ids that is a claim, or else a claim one of them
// attacks or supports (a skeptic position's claim), or "".
func ClaimOf(c *model.Content, ids ...string) string {
	for _, id := range ids {
		if n := c.Node(id); n != nil && n.Kind == model.KindClaim {
			return n.ID
		}
	}
	for _, id := range ids {
		for _, l := range c.LinksFrom(id) {
			if n := c.Node(l.To); n != nil && n.Kind == model.KindClaim {
				return n.ID
			}
		}
	}
	return ""
}
