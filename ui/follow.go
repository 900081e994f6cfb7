package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/followmode"
)

// The root's glue for follow mode (ui/followmode): it turns the
// presenter's messages into the component's, consults it for a key in one
// place (followKey), and carries out its intents (moving to the
// presenter's position, listing everything once the viewer browses).

// FollowMsg moves an explorer in follow mode to where a presenter is: the
// tour step's node becomes current and selected, the article scrolls to its
// passage, and only the first Revealed linked nodes are listed (Revealed < 0
// reveals all). An explorer that is browsing freely keeps the message and
// applies it when the viewer catches up.
type FollowMsg struct {
	Tour     string // tour title
	Step     int    // 0-based step index
	Steps    int    // number of steps
	Node     string // node id of the step
	Revealed int    // linked nodes revealed so far; -1 for all
	Blank    bool   // the presenter blanked the screen
	Ended    bool   // the presenter has quit
	// Poll is the step's poll: whether voting is open, and the results
	// only when the presenter shows them.
	Poll poll.Snapshot
}

// BrowseMsg switches an explorer in follow mode to browsing freely, as the
// viewer's Browse key does (the presenter's own explorer starts so).
type BrowseMsg struct{}

// followMsg gives follow mode a message (a cue, browse, a key) and applies
// its intent.
func (m *Model) followMsg(msg tea.Msg) tea.Cmd {
	m.fm.Update(msg)
	cmd := m.apply(m.fm.Intent())
	m.syncScreens()
	return cmd
}

// cue is a FollowMsg as follow mode takes it.
func cue(f FollowMsg) followmode.CueMsg {
	return followmode.CueMsg{Step: f.Step, Steps: f.Steps, Node: f.Node, Revealed: f.Revealed, Blank: f.Blank, Ended: f.Ended}
}

// followKey is follow mode's part of a key, after the explorer's global
// keys and before the panes. took is false for keys it leaves to the
// explorer: every key while browsing, switching panes while following.
func (m *Model) followKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	m.fm.Update(msg)
	in := m.fm.Intent()
	defer m.syncScreens()
	switch in.(type) {
	case nil:
		return nil, false
	case followmode.ScrollMsg:
		// A following viewer may scroll the article and the detail, but
		// not move a list's cursor.
		if m.focus == focusArticle || m.focus == focusDetail {
			return m.routeToFocused(msg), true
		}
		m.fm.Hold()
		return nil, true
	}
	return m.apply(in), true
}

// moveTo shows the presenter's position: the step's node current and
// selected, and the pane of the latest reveal focused.
func (m *Model) moveTo(f followmode.Cue) tea.Cmd {
	n := m.c.Node(f.Node)
	if n == nil {
		return nil
	}
	cmd := m.setCurrent(f.Node)
	m.focus = paneFocus(n.Kind)
	// Show the pane of the latest reveal, with the cursor on it, so that a
	// viewer in the tabbed or one-pane layout sees it appear.
	if f.Revealed != 0 {
		for _, p := range []focus{focusCounters, focusSkeptics} {
			l := m.list(p)
			items := l.Items()
			if k := len(items); k > 0 && items[k-1].Node.ID != n.ID {
				l.Select(items[k-1].Node.ID)
				m.focus = p
				break
			}
		}
	}
	m.applyFocus()
	return cmd
}

// syncScreens puts the blank and ended screens on the stack, or takes them
// off, after the follow state changed.
func (m *Model) syncScreens() {
	m.stack.setScreen(layerEnded, m.fm.Following() && m.fm.Ended())
	m.stack.setScreen(layerBlank, m.fm.Blank())
}

// followIntent carries out follow mode's intents.
func (m *Model) followIntent(in tea.Msg) (tea.Cmd, bool) {
	switch in := in.(type) {
	case followmode.MoveMsg:
		return m.moveTo(in.Cue), true
	case followmode.FreeMsg:
		m.fillRelations(m.skepticSel()) // everything, not only the revealed
		return nil, true
	case followmode.HeldMsg, followmode.ScrollMsg:
		return nil, true
	}
	return nil, false
}
