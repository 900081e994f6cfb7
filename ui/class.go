package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/classview"
)

// The root's glue for the class view (ui/classview), on when
// Options.Class is set ("crux class NOTES..." on a terminal): every list
// row carries the class's stance bar (the rows' badge column, which the
// reader's own note marks use otherwise), the detail pane the class's
// section, and C opens the class overview. The class view is read-only
// (Options.Notes is nil): its marks are the class's, and a teacher's
// stance written there would look like one more student's.

// initClass sets up the class view in New.
func (m *Model) initClass() {
	cl := m.opts.Class
	if cl == nil {
		return
	}
	m.classv = classview.New(cl, m.styles)
	m.keys.Class.SetEnabled(true)
	// The status line's progress slot, which a reader's notes fill
	// otherwise, says whose notes these are and how to see them all.
	m.nt.coverage = fmt.Sprintf("class of %d · C overview", len(cl.Students))
	m.refreshClass()
}

// refreshClass sets the rows' stance bars and the detail's class section
// with the styles of now (after New and a theme switch).
func (m *Model) refreshClass() tea.Cmd {
	if m.opts.Class == nil {
		return nil
	}
	badge := classview.Badges(m.opts.Class, m.styles)
	m.claims.SetBadges(badge)
	m.skeptics.SetBadges(badge)
	m.counters.SetBadges(badge)
	m.classv.SetStyles(m.styles)
	return m.classSection(m.selected)
}

// classSection shows the class on node id in the detail pane.
func (m *Model) classSection(id string) tea.Cmd {
	if m.opts.Class == nil {
		return nil
	}
	return m.detail.SetSection(classview.Section(m.opts.Class, m.styles, id))
}

// classKey handles a key while the overview is the top overlay: C closes
// it; quit and help are the explorer's; every other key is the overview's.
func (m *Model) classKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if key.Matches(msg, m.keys.Class) {
		m.closeClass()
		return nil, true
	}
	if m.leavesToExplorer(msg) {
		return nil, false
	}
	var cmd tea.Cmd
	m.classv, cmd = m.classv.Update(msg)
	return tea.Batch(cmd, m.apply(m.classv.Intent())), true
}

func (m *Model) openClass() {
	m.stack.push(layerClass)
	m.layoutClass()
	m.classv.Focus()
}

func (m *Model) closeClass() {
	m.stack.pop(layerClass)
	m.classv.Blur()
}

func (m *Model) layoutClass() {
	m.classv.SetSize(max(m.width-boxChromeW, 0), max(m.height-1-boxChromeH, 0))
}

// onClassIntent applies the overview's intents: enter shows the node in
// the explorer, as the finder's jump does.
func (m *Model) onClassIntent(in tea.Msg) tea.Cmd {
	switch in := in.(type) {
	case classview.JumpMsg:
		m.closeClass()
		cmd := m.open(in.Node)
		if n := m.c.Node(in.Node); n != nil {
			m.setFocus(paneFocus(n.Kind))
			m.list(m.focus).Select(n.ID)
		}
		return cmd
	case classview.CloseMsg:
		m.closeClass()
	}
	return nil
}

// classLegend explains the rows' bars in the help, in the class view.
func (m *Model) classLegend() string {
	if m.opts.Class == nil {
		return ""
	}
	return " The class view: the 8 cells before each row are the class's stances in proportion " +
		"(" + stanceLegend() + ", · no stance); C lists the disputed claims and who has not annotated what. It writes no notes."
}
