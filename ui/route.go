package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/article"
	"github.com/crux-news/crux/ui/classview"
	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/followmode"
	"github.com/crux-news/crux/ui/helpview"
	"github.com/crux-news/crux/ui/mapview"
	"github.com/crux-news/crux/ui/nodelist"
	"github.com/crux-news/crux/ui/noteedit"
	"github.com/crux-news/crux/ui/notesview"
	"github.com/crux-news/crux/ui/theme"
)

// Update routes each message once; see update.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.stack.has(layerHelp) {
		m.refreshHelp()
	}
	return m, cmd
}

// update routes a message once. Input goes to the top of the stack, then
// to the explorer's global keys and follow mode, then to the focused pane;
// after a component's Update the root reads its intent (a selection, a
// jump, a close) and applies it at once, so that a key typed right after
// acts on the new place. Nothing here runs a command: commands (rendering,
// saving, searching) are returned to Bubble Tea.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	if cmd, took := m.editMsg(msg); took {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if msg.Width == m.width && msg.Height == m.height {
			return nil // laid out for this size already (Options.Width)
		}
		m.width, m.height = msg.Width, msg.Height
		// A message answers the last key; after a resize it is stale, and
		// the screen is drawn anew without it, as less does.
		m.nt.status, m.nt.failed = "", false
		m.startOnArticle()
		return m.resize()
	case tea.BackgroundColorMsg:
		if (m.opts.Theme == "auto" || m.opts.Theme == "") && msg.IsDark() != m.styles.IsDark {
			return m.setStyles(theme.New(msg.IsDark(), m.opts.NoColor))
		}
		return nil
	case FollowMsg:
		cmd := m.followMsg(cue(msg))
		m.mapv.Reroot(m.current, m.selected)
		return cmd
	case BrowseMsg:
		return m.followMsg(followmode.BrowseMsg{})
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.MouseMsg:
		return m.onMouse(msg)
	case tea.PasteMsg:
		if id, ok := m.stack.top(); ok {
			return m.overlayPaste(id, msg)
		}
		return nil
	case notesSavedMsg:
		m.onSaved(msg)
		return nil
	case openedMsg:
		m.onOpened(msg)
		return nil
	}
	// Render results and other component-owned messages: each ignores what
	// is not its own (renders carry an owner id and generation).
	var cmds [4]tea.Cmd
	m.article, cmds[0] = m.article.Update(msg)
	m.detail, cmds[1] = m.detail.Update(msg)
	m.finder, cmds[2] = m.finder.Update(msg)   // search results, even when closed
	m.nt.view, cmds[3] = m.nt.view.Update(msg) // its note previews
	return tea.Batch(cmds[:]...)
}

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	// The last note outcome stays in the status line until the next key.
	m.nt.status, m.nt.failed = "", false
	m.keyed = true
	m.fm.ClearHeld()
	top, open := m.stack.top()
	// ctrl+c quits wherever the focus is; only the note editor and the tag
	// input handle it themselves, to save before quitting, and crux edit
	// asks first when quitting would lose typed or unsaved work.
	if key.Matches(msg, m.keys.Interrupt) && !(open && (top == layerEditor || top == layerTags)) {
		if m.editInterrupt() {
			return nil
		}
		return tea.Quit
	}
	if m.holdKey(msg) {
		return nil
	}
	if open {
		if cmd, took := m.overlayKey(top, msg); took {
			return cmd
		}
	}
	return m.globalKey(msg)
}

// globalKey handles a key no overlay took: the keys that work everywhere,
// follow mode's, then the focused pane's.
func (m *Model) globalKey(msg tea.KeyPressMsg) tea.Cmd {
	if cmd, took := m.editKey(msg); took {
		return cmd
	}
	if cmd, took := m.noteKey(msg); took {
		return cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, k.Map):
		return m.openMap(mapview.Neighbourhood)
	case key.Matches(msg, k.Overview):
		return m.openMap(mapview.Overview)
	case key.Matches(msg, k.Class):
		m.openClass()
		return nil
	case key.Matches(msg, k.OpenSource):
		return m.openSource()
	case key.Matches(msg, k.Copy):
		return m.copyFocused()
	case key.Matches(msg, k.CopyURL):
		return m.copyURL()
	}
	if cmd, took := m.followKey(msg); took {
		return cmd
	}
	switch {
	case key.Matches(msg, k.NextPane):
		// Moving focus selects nothing: the detail keeps its subject until
		// the reader moves a cursor, clicks or follows (issue 14 item 10).
		m.cycleFocus(1)
		return nil
	case key.Matches(msg, k.PrevPane):
		m.cycleFocus(-1)
		return nil
	case key.Matches(msg, k.ArticleTab):
		m.setFocus(focusArticle)
		return nil
	case key.Matches(msg, k.DetailTab):
		m.setFocus(focusDetail)
		return nil
	case key.Matches(msg, k.Search):
		m.stack.push(layerFinder)
		m.layoutFinder()
		return m.finder.Open()
	case key.Matches(msg, k.Back):
		return m.goBack()
	case key.Matches(msg, k.Forward):
		return m.goForward()
	case key.Matches(msg, k.NextPassage):
		m.article.StepPassage(1)
		return m.apply(m.article.Intent())
	case key.Matches(msg, k.PrevPassage):
		m.article.StepPassage(-1)
		return m.apply(m.article.Intent())
	case key.Matches(msg, k.Cancel):
		// esc over the panes clears the search highlight (less's ESC-u).
		m.article.SetHighlight(nil)
		return nil
	}
	return m.routeToFocused(msg)
}

// routeToFocused gives a message to the focused pane and applies what it
// asked for.
func (m *Model) routeToFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	var in tea.Msg
	switch m.focus {
	case focusArticle:
		m.article, cmd = m.article.Update(msg)
		in = m.article.Intent()
	case focusClaims, focusSkeptics, focusCounters:
		l := m.list(m.focus)
		*l, cmd = l.Update(msg)
		in = l.Intent()
	case focusDetail:
		m.detail, cmd = m.detail.Update(msg)
	}
	return tea.Batch(cmd, m.apply(in))
}

// apply carries out a component's intent, read right after its Update.
func (m *Model) apply(in tea.Msg) tea.Cmd {
	if cmd, took := m.editIntent(in); took {
		return cmd
	}
	if cmd, took := m.followIntent(in); took {
		return cmd
	}
	switch in := in.(type) {
	case nil:
		return nil
	case nodelist.SelectMsg:
		return m.onListSelect(in)
	case nodelist.OpenMsg:
		if m.fm.Frozen() {
			return nil
		}
		return m.open(in.Node)
	case article.SelectMsg:
		return m.onPassage(in.Node)
	case finder.JumpMsg:
		if cmd, took := m.pickLinkTarget(in.Node); took {
			return cmd
		}
		m.stack.pop(layerFinder)
		m.finder.Blur()
		m.article.SetHighlight(in.Words)
		if in.Node != "" {
			return m.openFocused(in.Node)
		}
		m.article.ScrollToBlock(in.Block)
		m.setFocus(focusArticle)
		return nil
	case finder.CloseMsg:
		m.stack.pop(layerFinder)
		m.finder.Blur()
		m.ed.linkFrom = ""
		return nil
	case helpview.CloseMsg:
		m.stack.pop(layerHelp)
		return nil
	case mapview.SelectMsg:
		if m.fm.Frozen() {
			return nil
		}
		return m.selectNode(in.Node)
	case mapview.OpenMsg:
		// A viewer following a presenter may look at the map but not move.
		if m.fm.Frozen() {
			return nil
		}
		cmd := m.openFocused(in.Node)
		if in.Mode == mapview.Overview {
			m.closeMap() // the overview's enter jumps to the claim in the explorer
		} else {
			m.mapv.Reroot(m.current, m.selected)
		}
		return cmd
	case mapview.SwitchMsg:
		return m.openMap(in.Mode)
	case mapview.HistoryMsg:
		if m.fm.Frozen() {
			return nil
		}
		var cmd tea.Cmd
		if in.Step < 0 {
			cmd = m.goBack()
		} else {
			cmd = m.goForward()
		}
		m.mapv.Reroot(m.current, m.selected)
		return cmd
	case mapview.CloseMsg:
		m.closeMap()
		return nil
	case classview.JumpMsg, classview.CloseMsg:
		return m.onClassIntent(in)
	case notesview.CloseMsg, notesview.FilterMsg, notesview.JumpMsg, noteedit.DoneMsg, noteedit.TagsDoneMsg:
		return m.onNoteIntent(in)
	}
	return nil
}

// openFocused makes a node current, as enter does, and focuses the pane that
// lists it: a jump from the finder or the map.
func (m *Model) openFocused(id string) tea.Cmd {
	cmd := m.open(id)
	if n := m.c.Node(id); n != nil {
		m.setFocus(paneFocus(n.Kind))
	}
	return cmd
}
