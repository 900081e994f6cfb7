package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/poll"
)

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

// followMode is the follow/browse mode: the bottom of the stack for an
// explorer that follows a presenter. While it follows (frozen), the viewer
// may scroll the article and the detail and switch panes, but not move; the
// blank and ended screens sit on top of everything.
type followMode struct {
	following bool
	browsing  bool
	lastCue   *FollowMsg
	blank     bool // the presenter blanked the screen
	ended     bool // the presenter has ended the talk
	// said is why the last key did nothing while following, for the
	// status line until the next key.
	said string
}

// frozenSay is what a key that would move says while following.
const frozenSay = "following the presenter — f to browse"

// frozen reports whether the explorer tracks the presenter right now.
func (f followMode) frozen() bool { return f.following && !f.browsing }

// follow applies a presenter's position, unless the viewer is browsing.
func (m *Model) follow(f FollowMsg) tea.Cmd {
	cue := f
	if m.fm.lastCue != nil && m.fm.lastCue.Step != f.Step {
		m.fm.said = "" // the talk moved on: so does the status line
	}
	m.fm.lastCue = &cue
	m.fm.ended = f.Ended
	defer m.syncScreens()
	if !m.fm.frozen() || f.Ended {
		return nil
	}
	m.fm.blank = f.Blank
	if f.Node == "" || m.c.Node(f.Node) == nil {
		return nil
	}
	cmd := m.setCurrent(f.Node)
	if n := m.c.Node(f.Node); n != nil {
		m.focus = paneFocus(n.Kind)
		// Show the pane of the latest reveal, with the cursor on it, so that
		// a viewer in the tabbed or one-pane layout sees it appear.
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
	}
	return cmd
}

// browse lets a following viewer move freely.
func (m *Model) browse() {
	if !m.fm.following || m.fm.browsing {
		return
	}
	m.fm.browsing = true
	m.keys.CatchUp.SetEnabled(true)
	m.keys.Browse.SetEnabled(false)
	m.fillRelations(m.skepticSel()) // everything, not only the revealed
	m.syncScreens()
}

// catchUp returns a browsing viewer to the presenter's position.
func (m *Model) catchUp() tea.Cmd {
	m.fm.browsing = false
	m.keys.CatchUp.SetEnabled(false)
	m.keys.Browse.SetEnabled(true)
	defer m.syncScreens()
	if m.fm.lastCue != nil {
		return m.follow(*m.fm.lastCue)
	}
	return nil
}

// syncScreens puts the blank and ended screens on the stack, or takes them
// off, after the follow state changed.
func (m *Model) syncScreens() {
	m.stack.setScreen(layerEnded, m.fm.following && m.fm.ended)
	m.stack.setScreen(layerBlank, m.fm.blank && m.fm.frozen())
}

// followKey is the follow mode's part of a key: browse and catch up, and
// while frozen it takes every key that would move. took is false for keys
// it leaves to the explorer.
func (m *Model) followKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !m.fm.following {
		return nil, false
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Browse) && !m.fm.browsing:
		m.browse()
		return nil, true
	case key.Matches(msg, k.CatchUp) && m.fm.browsing:
		return m.catchUp(), true
	}
	if m.fm.browsing {
		return nil, false
	}
	// A following viewer may scroll the article and the detail and switch
	// panes, but not move; a key that would move says why it does not.
	switch {
	case key.Matches(msg, k.NextPane):
		m.cycleFocus(1)
		return nil, true
	case key.Matches(msg, k.PrevPane):
		m.cycleFocus(-1)
		return nil, true
	case key.Matches(msg, k.Search, k.Back, k.Forward, k.NextPassage, k.PrevPassage):
		m.fm.said = frozenSay
		return nil, true
	}
	if m.focus == focusArticle || m.focus == focusDetail {
		return m.routeToFocused(msg), true
	}
	m.fm.said = frozenSay
	return nil, true
}
