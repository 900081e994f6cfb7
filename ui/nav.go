package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/nodelist"
	"github.com/crux-news/crux/ui/theme"
)

// Navigation: the current and selected nodes, the side panes' rows, and the
// history. Every change of place goes through setCurrent, selectNode or open.

// setCurrent makes id the current node and selects it.
func (m *Model) setCurrent(id string) tea.Cmd {
	n := m.c.Node(id)
	if n == nil {
		return nil
	}
	m.current = n.ID
	if n.Kind == model.KindClaim {
		m.claims.Select(n.ID)
	}
	m.fillRelations("")
	return m.selectNode(n.ID)
}

// fillRelations lists the skeptic positions and counterpoints of the current
// node. The current node itself heads the list of its own kind. When a
// skeptic position is selected under a claim, its counterpoints are listed
// too, so that claim → skeptic → counterpoint reads down the column.
func (m *Model) fillRelations(selSkeptic string) {
	cur := m.c.Node(m.current)
	if cur == nil {
		return
	}
	var sk, co []nodelist.Item
	seen := map[string]bool{}
	addSelf := func(list *[]nodelist.Item) {
		*list = append(*list, nodelist.Item{Node: cur, Mark: m.styles.Muted.Render("(current)")})
		seen[cur.ID] = true
	}
	switch cur.Kind {
	case model.KindSkeptic:
		addSelf(&sk)
	case model.KindCounterpoint:
		addSelf(&co)
	}
	add := func(from string, nb model.Neighbor) {
		if seen[nb.Node.ID] {
			return
		}
		seen[nb.Node.ID] = true
		it := nodelist.Item{Node: nb.Node, Link: nb.Link, Outgoing: nb.Outgoing}
		if from != m.current {
			if f := m.c.Node(from); f != nil {
				it.Via = theme.Glyph(f.Kind)
			}
		}
		switch nb.Node.Kind {
		case model.KindSkeptic:
			sk = append(sk, it)
		case model.KindCounterpoint:
			co = append(co, it)
		}
	}
	for _, nb := range m.c.Neighbors(m.current) {
		add(m.current, nb)
	}
	if selSkeptic == "" && len(sk) > 0 {
		selSkeptic = sk[0].Node.ID
	}
	// A follower sees only what the presenter revealed, which never includes
	// a skeptic position's own counterpoints.
	if selSkeptic != "" && selSkeptic != m.current && m.revealLimit() < 0 {
		for _, nb := range m.c.Neighbors(selSkeptic) {
			if nb.Node.Kind == model.KindCounterpoint {
				add(selSkeptic, nb)
			}
		}
	}
	keepSk := m.skepticSel()
	keepCo := m.counterSel()
	m.skeptics.SetItems(sk, keepSk)
	if selSkeptic != "" {
		m.skeptics.Select(selSkeptic)
	}
	m.counters.SetItems(co, keepCo)
	m.applyReveal()
}

func (m *Model) skepticSel() string {
	if n := m.skeptics.Selected(); n != nil {
		return n.ID
	}
	return ""
}

func (m *Model) counterSel() string {
	if n := m.counters.Selected(); n != nil {
		return n.ID
	}
	return ""
}

// selectNode shows a node in the detail pane and highlights its passage.
func (m *Model) selectNode(id string) tea.Cmd {
	n := m.c.Node(id)
	if n == nil {
		return nil
	}
	m.selected = n.ID
	m.article.Select(n.ID)
	m.detail.SetExtra(m.noteLines(n.ID))
	node := m.detail.SetNode(n)
	return tea.Batch(node, m.classSection(n.ID), m.markReadCmd(n.ID))
}

// open follows a link: the node becomes current and the old place is pushed
// on the history.
func (m *Model) open(id string) tea.Cmd {
	if m.c.Node(id) == nil || id == m.current && id == m.selected {
		return nil
	}
	m.back = append(m.back, entry{m.current, m.selected, m.focus})
	m.fwd = nil
	return m.setCurrent(id)
}

func (m *Model) goBack() tea.Cmd { return m.travel(&m.back, &m.fwd, "at the start of the history") }

func (m *Model) goForward() tea.Cmd { return m.travel(&m.fwd, &m.back, "nothing to go forward to") }

// travel moves one place along the history: it pops the place to go to from
// from, pushes where the reader is onto to, and goes there; at the end of
// from it says so instead.
func (m *Model) travel(from, to *[]entry, atEnd string) tea.Cmd {
	if len(*from) == 0 {
		m.nt.status = atEnd
		return nil
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, entry{m.current, m.selected, m.focus})
	return m.restore(e)
}

func (m *Model) restore(e entry) tea.Cmd {
	cmd := m.setCurrent(e.current)
	if e.selected != e.current {
		if sel := m.c.Node(e.selected); sel != nil {
			if sel.Kind == model.KindSkeptic {
				m.fillRelations(sel.ID)
			}
			m.skeptics.Select(sel.ID)
			m.counters.Select(sel.ID)
			cmd = m.selectNode(sel.ID)
		}
	}
	m.focus = e.focus
	m.applyFocus()
	return cmd
}

func paneFocus(k model.Kind) focus {
	switch k {
	case model.KindSkeptic:
		return focusSkeptics
	case model.KindCounterpoint:
		return focusCounters
	}
	return focusClaims
}

func (m *Model) onListSelect(msg nodelist.SelectMsg) tea.Cmd {
	switch msg.Pane {
	case paneClaims:
		// Walking the claims replaces the current place rather than piling
		// up history, like location.replace.
		return m.setCurrent(msg.Node)
	case paneSkeptics:
		if cur := m.c.Node(m.current); cur != nil && cur.Kind == model.KindClaim {
			m.fillRelations(msg.Node)
		}
	}
	return m.selectNode(msg.Node)
}

// onPassage selects the node of a passage reached with n/N or a click.
func (m *Model) onPassage(id string) tea.Cmd {
	n := m.c.Node(id)
	if n == nil {
		return nil
	}
	return m.setCurrent(id)
}

// revealLimit is how many of the current node's linked nodes the presenter
// has revealed, or -1 when the panes are not limited (not following, browsing
// freely, or everything revealed).
func (m *Model) revealLimit() int {
	if c, ok := m.fm.Cue(); ok && m.fm.Frozen() && c.Revealed >= 0 {
		return c.Revealed
	}
	return -1
}

// applyReveal limits the relation panes, and the detail's links, to what the
// presenter revealed: the first revealLimit nodes of revealOrder. Each pane
// lists its kind's linked nodes in that same order below the current node's
// own "(current)" row, which is always shown, so a prefix of each pane is
// exactly the revealed rows.
func (m *Model) applyReveal() {
	m.skeptics.SetLimit(-1)
	m.counters.SetLimit(-1)
	m.detail.SetShownLinks(nil)
	n := m.revealLimit()
	cur := m.c.Node(m.current)
	if n < 0 || cur == nil {
		return
	}
	order := m.c.Linked(cur.ID)
	shown := make(map[string]bool, n)
	count := map[model.Kind]int{cur.Kind: 1}
	for _, nb := range order[:min(n, len(order))] {
		shown[nb.Node.ID] = true
		count[nb.Node.Kind]++
	}
	m.skeptics.SetLimit(count[model.KindSkeptic])
	m.counters.SetLimit(count[model.KindCounterpoint])
	m.detail.SetShownLinks(shown)
}
