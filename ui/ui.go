// Package ui is crux's explorer: the root Bubble Tea model that lays out the
// article pane, the claims, skeptic and counterpoint panes and the detail
// pane, routes messages to them once, and keeps a browser-like history.
package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/article"
	"github.com/crux-news/crux/ui/detail"
	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/mapview"
	"github.com/crux-news/crux/ui/nodelist"
	"github.com/crux-news/crux/ui/notesview"
	"github.com/crux-news/crux/ui/theme"
)

// focus names the pane that receives keys.
type focus int

const (
	focusArticle focus = iota
	focusClaims
	focusSkeptics
	focusCounters
	focusDetail
	numFocus
)

func (f focus) String() string {
	switch f {
	case focusArticle:
		return "Article"
	case focusClaims:
		return "Claims"
	case focusSkeptics:
		return "Skeptic positions"
	case focusCounters:
		return "Counterpoints"
	default:
		return "Detail"
	}
}

// List pane ids, used in nodelist messages.
const (
	paneClaims = iota + 1
	paneSkeptics
	paneCounters
)

// Options configure the explorer.
type Options struct {
	// Theme is "auto" (ask the terminal), "dark" or "light".
	Theme string
	// NoColor drops all colour (NO_COLOR).
	NoColor bool
	// Follow starts in follow mode: the explorer tracks FollowMsg.
	Follow bool
	// Notes is the reader's notes store; nil turns annotation off (for
	// example for an SSH audience).
	Notes *notes.Store
	// ReturnHint replaces the follow-mode words in the status line, for an
	// explorer opened from a presentation ("ctrl+t back to the tour").
	ReturnHint string
	// Sanitised says c is already safe.Content's copy: New uses it as is.
	Sanitised bool
}

// entry is one place in the history.
type entry struct {
	current  string
	selected string
	focus    focus
}

// Model is the explorer's root model.
type Model struct {
	c      *model.Content
	opts   Options
	styles *theme.Styles
	keys   KeyMap

	article  article.Model
	claims   nodelist.Model
	skeptics nodelist.Model
	counters nodelist.Model
	detail   detail.Model
	finder   finder.Model
	mapv     mapview.Model // the argument map overlay (m, M); see map.go
	help     help.Model

	focus      focus
	tab        focus // the list shown in the medium layout's tabbed column
	showHelp   bool
	helpOffset int // first line of the help shown
	finding    bool
	mapping    bool // the map overlay is open

	width, height int
	lay           layout

	current  string // node whose links fill the side panes
	selected string // node shown in detail and highlighted in the article
	back     []entry
	fwd      []entry

	following bool
	browsing  bool
	lastCue   *FollowMsg
	blank     bool
	ended     bool // the presenter has ended the talk

	nt noteState

	chrome *chromeCache // rendered box borders
}

// New builds the explorer for a loaded content set. Every string of the
// content is made safe for the terminal first.
func New(c *model.Content, opts Options) Model {
	if !opts.Sanitised {
		c = safe.Content(c)
	}
	isDark := opts.Theme != "light"
	st := new(theme.Styles)
	*st = theme.New(isDark, opts.NoColor)
	m := Model{
		c:        c,
		opts:     opts,
		styles:   st,
		keys:     DefaultKeyMap(),
		article:  article.New(c, st, 1),
		claims:   nodelist.New(paneClaims, "Claims", "No claims in this content set.", st),
		skeptics: nodelist.New(paneSkeptics, "Skeptic positions", "No skeptic position is linked to this node.", st),
		counters: nodelist.New(paneCounters, "Counterpoints", "No counterpoint is linked here.", st),
		detail:   detail.New(c, st),
		help:     help.New(),
		focus:    focusClaims,
		tab:      focusClaims,
	}
	m.finder = finder.New(c, finder.NewIndex(c), st)
	m.mapv = mapview.New(c, st)
	m.nt = newNoteState(opts.Notes, st)
	m.chrome = newChromeCache(st)
	if opts.Notes == nil {
		for _, b := range []*key.Binding{&m.keys.Annotate, &m.keys.Stance, &m.keys.Tags, &m.keys.NotesView} {
			b.SetEnabled(false)
		}
	}
	m.help.Styles = helpStyles(st)
	if opts.Follow {
		m.following = true
		m.keys.Browse.SetEnabled(true)
	}
	items := make([]nodelist.Item, 0, len(c.Claims()))
	for _, n := range c.Claims() {
		items = append(items, nodelist.Item{Node: n})
	}
	m.claims.SetItems(items, "")
	if len(items) > 0 {
		m.setCurrent(items[0].Node.ID)
	} else if ns := c.Nodes(); len(ns) > 0 {
		m.setCurrent(ns[0].ID)
	}
	m.applyFocus()
	m.refreshNotes()
	return m
}

func helpStyles(st *theme.Styles) help.Styles {
	hs := help.DefaultStyles(st.IsDark)
	if st.NoColor {
		plain := lipgloss.NewStyle()
		hs = help.Styles{
			ShortKey: plain.Bold(true), ShortDesc: plain, ShortSeparator: plain,
			FullKey: plain.Bold(true), FullDesc: plain, FullSeparator: plain, Ellipsis: plain,
		}
	}
	return hs
}

// Init asks the terminal for its background colour when the theme is auto.
func (m Model) Init() tea.Cmd {
	read := m.markReadCmd(m.selected)
	if m.opts.Theme == "auto" || m.opts.Theme == "" {
		return tea.Batch(tea.RequestBackgroundColor, read)
	}
	return read
}

// Current is the node whose links fill the side panes.
func (m Model) Current() string { return m.current }

// Selected is the node shown in the detail pane.
func (m Model) Selected() string { return m.selected }

// Focus is the focused pane's name.
func (m Model) Focus() string { return m.focus.String() }

// History returns the ids of the back stack, oldest first, then current.
func (m Model) History() []string {
	out := make([]string, 0, len(m.back)+1)
	for _, e := range m.back {
		out = append(out, e.current)
	}
	return append(out, m.current)
}

// ArticleOffset is the first visible article line; ArticleLines the total.
func (m Model) ArticleOffset() int { return m.article.Offset() }

// PassageLine is the rendered line of node's first passage, or -1.
func (m Model) PassageLine(node string) int { return m.article.PassageLine(node) }

// ArticleReady reports whether the article has been rendered.
func (m Model) ArticleReady() bool { return m.article.Ready() }

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

func (m Model) skepticSel() string {
	if n := m.skeptics.Selected(); n != nil {
		return n.ID
	}
	return ""
}

func (m Model) counterSel() string {
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
	return tea.Batch(m.detail.SetNode(n), m.markReadCmd(n.ID))
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

func (m *Model) applyFocus() {
	m.article.Blur()
	m.claims.Blur()
	m.skeptics.Blur()
	m.counters.Blur()
	m.detail.Blur()
	switch m.focus {
	case focusArticle:
		m.article.Focus()
	case focusClaims:
		m.claims.Focus()
	case focusSkeptics:
		m.skeptics.Focus()
	case focusCounters:
		m.counters.Focus()
	case focusDetail:
		m.detail.Focus()
	}
	if m.focus >= focusClaims && m.focus <= focusCounters {
		m.tab = m.focus
	}
	if m.width > 0 {
		m.lay = computeLayout(m.width, m.height, m.focus, m.tab)
	}
}

// selectFocusedRow shows the row under the cursor of a skeptic or
// counterpoint pane that just got focus, so that the detail pane and the
// article always show what the focused pane points at.
func (m *Model) selectFocusedRow() tea.Cmd {
	var pane int
	switch m.focus {
	case focusSkeptics:
		pane = paneSkeptics
	case focusCounters:
		pane = paneCounters
	default:
		return nil
	}
	n := m.list(m.focus).Selected()
	if n == nil || n.ID == m.selected {
		return nil
	}
	return m.onListSelect(nodelist.SelectMsg{Pane: pane, Node: n.ID})
}

func (m *Model) cycleFocus(d int) {
	m.focus = (m.focus + focus(d) + numFocus) % numFocus
	m.applyFocus()
}

func (m *Model) setStyles(v theme.Styles) tea.Cmd {
	st := &v
	m.styles = st
	m.chrome = newChromeCache(st)
	m.claims.SetStyles(st)
	m.skeptics.SetStyles(st)
	m.counters.SetStyles(st)
	m.finder.SetStyles(st)
	m.help.Styles = helpStyles(st)
	m.fillRelations(m.skepticSel())
	return tea.Batch(m.article.SetStyles(st), m.detail.SetStyles(st))
}

// Update routes each message once: quit keys, the finder's text input,
// global keys, then the focused pane; other messages go to their owner.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		cmd := m.resize() // evaluated before m is returned
		return m, cmd
	case tea.BackgroundColorMsg:
		if m.opts.Theme == "auto" || m.opts.Theme == "" {
			if msg.IsDark() != m.styles.IsDark {
				cmd := m.setStyles(theme.New(msg.IsDark(), m.opts.NoColor)) // evaluated before m is returned
				return m, cmd
			}
		}
		return m, nil
	case FollowMsg:
		cmd := m.follow(msg)
		m.refreshMap()
		return m, cmd
	case mapview.SelectMsg, mapview.OpenMsg, mapview.CloseMsg:
		cmd := m.onMapMsg(msg) // evaluated before m is returned
		return m, cmd
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		// Not settled: handleMouse applies pane intents itself and returns
		// only real commands, which must run in the background.
		cmd := m.handleMouse(msg) // evaluated before m is returned
		return m, cmd
	case tea.PasteMsg:
		if m.nt.mode == noteNode || m.nt.mode == notePassage {
			var cmd tea.Cmd
			m.nt.editor, cmd = m.nt.editor.Update(msg)
			return m, cmd
		}
		if m.nt.mode == noteTags {
			var cmd tea.Cmd
			m.nt.tags, cmd = m.nt.tags.Update(msg)
			return m, cmd
		}
		if m.finding {
			var cmd tea.Cmd
			m.finder, cmd = m.finder.Update(msg)
			return m, cmd
		}
		return m, nil
	case notesSavedMsg, notesview.CloseMsg, notesview.FilterMsg, notesview.JumpMsg:
		_, cmd := m.updateNotes(msg)
		return m, cmd
	case nodelist.SelectMsg:
		cmd := m.onListSelect(msg) // evaluated before m is returned
		return m, cmd
	case nodelist.OpenMsg:
		if m.following && !m.browsing {
			return m, nil
		}
		cmd := m.open(msg.Node) // evaluated before m is returned
		return m, cmd
	case article.SelectMsg:
		cmd := m.onPassage(msg.Node) // evaluated before m is returned
		return m, cmd
	case finder.JumpMsg:
		m.finding = false
		if msg.Node != "" {
			cmd := m.open(msg.Node)
			if n := m.c.Node(msg.Node); n != nil {
				m.focus = paneFocus(n.Kind)
				m.applyFocus()
			}
			return m, cmd
		}
		m.article.ScrollToBlock(msg.Block)
		m.focus = focusArticle
		m.applyFocus()
		return m, nil
	case finder.CloseMsg:
		m.finding = false
		return m, nil
	}
	// Render results and other pane-owned messages: each pane ignores what is
	// not its own (renders carry an owner id and generation).
	var cmds [3]tea.Cmd
	m.article, cmds[0] = m.article.Update(msg)
	m.detail, cmds[1] = m.detail.Update(msg)
	m.finder, cmds[2] = m.finder.Update(msg) // search results, even when closed
	return m, tea.Batch(cmds[:]...)
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

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	// The last note outcome stays in the status line until the next key.
	m.nt.status, m.nt.failed = "", false
	// Quit keys come first, wherever the focus is; only the note editor and
	// the tag input handle ctrl+c themselves, to save before quitting.
	if msg.String() == "ctrl+c" && m.nt.mode == noteNone {
		return m, tea.Quit
	}
	if m.finding {
		var cmd tea.Cmd
		m.finder, cmd = m.finder.Update(msg)
		if key.Matches(msg, m.finder.KeyMap.Accept, m.finder.KeyMap.Close) {
			return m.settle(cmd)
		}
		return m, cmd
	}
	if took, cmd := m.handleNoteKey(msg); took {
		if m.nt.showView {
			return m.settle(cmd)
		}
		return m, cmd
	}
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		m.helpOffset = 0
		return m, nil
	}
	if m.showHelp {
		page := max(m.height-1-boxChromeH-1, 1)
		total := len(m.helpLines(max(m.width-boxChromeW, 1)))
		switch msg.String() {
		case "esc":
			m.showHelp = false
		case "j", "down":
			m.helpOffset++
		case "k", "up":
			m.helpOffset--
		case "space", "pgdown", "f":
			m.helpOffset += page
		case "b", "pgup":
			m.helpOffset -= page
		case "g", "home":
			m.helpOffset = 0
		case "G", "end":
			m.helpOffset = total
		}
		m.helpOffset = max(min(m.helpOffset, total-page), 0)
		return m, nil
	}
	mm, cmd, took := m.mapKey(msg)
	if took {
		return mm, cmd
	}
	m = mm
	if m.following {
		switch {
		case key.Matches(msg, k.Browse) && !m.browsing:
			m.browsing = true
			m.keys.CatchUp.SetEnabled(true)
			m.keys.Browse.SetEnabled(false)
			m.fillRelations(m.skepticSel()) // everything, not only the revealed
			return m, nil
		case key.Matches(msg, k.CatchUp) && m.browsing:
			m.browsing = false
			m.keys.CatchUp.SetEnabled(false)
			m.keys.Browse.SetEnabled(true)
			if m.lastCue != nil {
				cmd := m.follow(*m.lastCue) // evaluated before m is returned
				return m, cmd
			}
			return m, nil
		}
		if !m.browsing {
			// A following viewer may scroll the article but not move.
			if m.focus == focusArticle || m.focus == focusDetail {
				return m.routeToFocused(msg)
			}
			if key.Matches(msg, k.NextPane, k.PrevPane) {
				m.cycleFocus(map[bool]int{true: 1, false: -1}[key.Matches(msg, k.NextPane)])
			}
			return m, nil
		}
	}
	switch {
	case key.Matches(msg, k.NextPane):
		m.cycleFocus(1)
		cmd := m.selectFocusedRow() // evaluated before m is returned
		return m, cmd
	case key.Matches(msg, k.PrevPane):
		m.cycleFocus(-1)
		cmd := m.selectFocusedRow() // evaluated before m is returned
		return m, cmd
	case key.Matches(msg, k.ArticleTab):
		m.focus = focusArticle
		m.applyFocus()
		return m, nil
	case key.Matches(msg, k.Search):
		m.finding = true
		m.layoutFinder()
		return m, m.finder.Open()
	case key.Matches(msg, k.Back):
		cmd := m.goBack() // evaluated before m is returned
		return m, cmd
	case key.Matches(msg, k.Forward):
		cmd := m.goForward() // evaluated before m is returned
		return m, cmd
	case key.Matches(msg, k.NextPassage):
		cmd := m.article.StepPassage(1) // before m is copied into settle
		return m.settle(cmd)
	case key.Matches(msg, k.PrevPassage):
		cmd := m.article.StepPassage(-1)
		return m.settle(cmd)
	case msg.String() == "esc":
		return m, nil
	}
	return m.routeToFocused(msg)
}

// settle applies a pane's intent (select, open, jump) at once instead of
// leaving it in the message queue, so that a key typed right after it acts on
// the new selection. Intents are cheap and never do I/O; any other command is
// passed on.
func (m Model) settle(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if cmd == nil {
		return m, nil
	}
	msg := cmd()
	switch msg.(type) {
	case nodelist.SelectMsg, nodelist.OpenMsg, article.SelectMsg, finder.JumpMsg, finder.CloseMsg,
		notesview.JumpMsg, notesview.CloseMsg, notesview.FilterMsg:
		return m.Update(msg)
	case nil:
		return m, nil
	}
	return m, func() tea.Msg { return msg }
}

// intent applies a pane's intent command (a list's select or open) at once
// and returns the commands that follow from it. cmd must be one of a pane's
// intent commands, which only return a message.
func (m *Model) intent(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	next, c := m.Update(cmd())
	*m = next.(Model)
	return c
}

func (m Model) routeToFocused(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.focus {
	case focusArticle:
		m.article, cmd = m.article.Update(msg)
	case focusClaims:
		m.claims, cmd = m.claims.Update(msg)
	case focusSkeptics:
		m.skeptics, cmd = m.skeptics.Update(msg)
	case focusCounters:
		m.counters, cmd = m.counters.Update(msg)
	case focusDetail:
		m.detail, cmd = m.detail.Update(msg)
	}
	return m.settle(cmd)
}

// follow applies a presenter's position, unless the viewer is browsing.
func (m *Model) follow(f FollowMsg) tea.Cmd {
	cue := f
	m.lastCue = &cue
	m.ended = f.Ended
	if !m.following || m.browsing || f.Ended {
		return nil
	}
	m.blank = f.Blank
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

// revealLimit is how many of the current node's linked nodes the presenter
// has revealed, or -1 when the panes are not limited (not following, browsing
// freely, or everything revealed).
func (m Model) revealLimit() int {
	if m.following && !m.browsing && m.lastCue != nil && m.lastCue.Revealed >= 0 {
		return m.lastCue.Revealed
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

// listPane and keyBinding shorten a few signatures.
type (
	listPane   = nodelist.Model
	keyBinding = key.Binding
)
