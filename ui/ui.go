// Package ui is crux's explorer. The root Model is a router: it lays out
// the article pane, the claims, skeptic and counterpoint panes and the
// detail pane, keeps a stack of overlays and modes over them (see stack.go),
// routes every message once, and keeps a browser-like history. The panes
// and overlays are components in their own packages; docs/architecture.md
// has the map.
package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/article"
	"github.com/crux-news/crux/ui/classview"
	"github.com/crux-news/crux/ui/detail"
	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/followmode"
	"github.com/crux-news/crux/ui/followscreen"
	"github.com/crux-news/crux/ui/helpview"
	"github.com/crux-news/crux/ui/mapview"
	"github.com/crux-news/crux/ui/nodelist"
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

// List pane ids, used in nodelist intents.
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
	// Session turns authoring on (crux edit): changes go to it.
	Session *author.Session
	// Watch reloads the content when its files change (see edit.go).
	Watch *watch.Watcher
	// Class opens the class view on c: the class's stance bars, notes and
	// overview (C); see class.go. Read-only: set no Notes with it.
	Class *class.Class
	// Width and Height are the terminal's size when it is known before the
	// program starts: New then lays out the panes and renders the article's
	// first screenful, so that the first frame shows it.
	Width, Height int
	// RestAfter holds back the render of the whole article, after the
	// first screenful New starts for Width and Height, until the frame
	// showing that screenful is drawn: two of Bubble Tea's frame periods in
	// a terminal (see article.Prime); 0 renders it at once.
	RestAfter time.Duration
	// Remote says the explorer runs for a viewer over SSH: o shows a
	// source's URL as a link instead of starting a browser on the server.
	Remote bool
	// OpenURL opens a URL in a browser; nil uses the system's opener
	// (xdg-open, open). It runs in a command, never in Update.
	OpenURL func(url string) error
}

// entry is one place in the history.
type entry struct {
	current  string
	selected string
	focus    focus
}

// Model is the explorer's root model. Bubble Tea holds it by value; every
// method that changes it has a pointer receiver and is called from Update
// on the copy that Update returns.
type Model struct {
	c      *model.Content
	opts   Options
	styles *theme.Styles
	keys   KeyMap

	// The panes.
	article  article.Model
	claims   nodelist.Model
	skeptics nodelist.Model
	counters nodelist.Model
	detail   detail.Model
	focus    focus
	tab      focus // the list shown in the medium layout's tabbed column
	keyed    bool  // a key was pressed: the reader chose where to be

	// The overlays' components; which of them show, and in what order, is
	// the stack.
	finder finder.Model
	mapv   mapview.Model // the argument map (m, M)
	help   helpview.Model
	classv classview.Model // the class overview (C); see class.go
	// Follow mode's blank and ended screens.
	blank, ended followscreen.Model
	stack        stack

	fm followmode.Model // following a presenter; see follow.go

	width, height int
	lay           layout

	current  string // node whose links fill the side panes
	selected string // node shown in detail and highlighted in the article
	back     []entry
	fwd      []entry

	nt noteState
	ed editState // crux edit and live reload; see edit.go

	chrome *chromeCache // rendered box borders

	startCmds []tea.Cmd // for Init: the renders New began for Options' size
	src       struct {  // the source o and Y act on next
		node string
		i    int
	}
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
		help:     helpview.New(st),
		focus:    focusClaims,
		tab:      focusClaims,
	}
	m.finder = finder.New(c, finder.NewIndex(c), st)
	m.mapv = mapview.New(c, st)
	k := m.keys
	m.mapv.KeyMap.Map, m.mapv.KeyMap.Overview = k.Map, k.Overview
	m.mapv.KeyMap.Back, m.mapv.KeyMap.Forward, m.mapv.KeyMap.Search = k.Back, k.Forward, k.Search
	m.blank, m.ended = followscreen.New(followscreen.Blank, st), followscreen.New(followscreen.Ended, st)
	m.ended.KeyMap.Quit = k.Quit
	m.nt = newNoteState(opts.Notes, st)
	m.chrome = newChromeCache(st)
	if opts.Notes == nil {
		for _, b := range []*key.Binding{&m.keys.Annotate, &m.keys.Stance, &m.keys.Tags, &m.keys.NotesView} {
			b.SetEnabled(false)
		}
	}
	m.fm = followmode.New(opts.Follow)
	m.fm.KeyMap.Quit, m.fm.KeyMap.NextPane, m.fm.KeyMap.PrevPane = k.Quit, k.NextPane, k.PrevPane
	m.fm.KeyMap.Moves = []key.Binding{k.Search, k.Back, k.Forward, k.NextPassage, k.PrevPassage}
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
	m.ed = newEditState(opts, &m)
	m.article.OpenAtTop()
	m.applyFocus()
	m.refreshNotes()
	m.initClass()
	if opts.Width > 0 && opts.Height > 0 {
		m.width, m.height = opts.Width, opts.Height
		m.startOnArticle()
		if computeLayout(m.width, m.height, m.focus, m.tab).mode != modeTiny {
			m.startCmds = append(m.startCmds, m.primeArticle())
		}
		m.startCmds = append(m.startCmds, m.resize())
	}
	return m
}

// primeArticle starts the render of the article's first screenful for
// the pane's size.
func (m *Model) primeArticle() tea.Cmd {
	w, h := m.paneSize(focusArticle)
	return m.article.Prime(w, h, m.opts.RestAfter)
}

// startOnArticle opens a narrow screen, which shows one pane, on the
// article, from its top (issue 14 item 9), as the wider layouts show it
// beside the lists; until the reader presses a key, a resize to a narrow
// size does the same.
func (m *Model) startOnArticle() {
	if !m.keyed && computeLayout(m.width, m.height, m.focus, m.tab).mode == modeNarrow && m.focus != focusArticle {
		m.setFocus(focusArticle)
	}
}

// Init asks the terminal for its background colour when the theme is auto.
func (m *Model) Init() tea.Cmd {
	read := tea.Batch(append(m.startCmds, m.markReadCmd(m.selected), m.editInit())...)
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

func (m *Model) cycleFocus(d int) {
	m.focus = (m.focus + focus(d) + numFocus) % numFocus
	m.applyFocus()
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.applyFocus()
}

// setStyles switches the theme: every component gets the new styles, and
// everything styled from them (borders, badges, rows) is redrawn.
func (m *Model) setStyles(v theme.Styles) tea.Cmd {
	st := &v
	m.styles = st
	m.chrome = newChromeCache(st)
	m.claims.SetStyles(st)
	m.skeptics.SetStyles(st)
	m.counters.SetStyles(st)
	m.finder.SetStyles(st)
	m.nt.view.SetStyles(st)
	m.nt.editor.SetStyles(st)
	m.nt.tags.SetStyles(st)
	m.help.SetStyles(st)
	m.mapv.SetStyles(st)
	m.blank.SetStyles(st)
	m.ended.SetStyles(st)
	m.refreshNotes() // badges are styled too
	classCmd := m.refreshClass()
	m.fillRelations(m.skepticSel())
	return tea.Batch(m.article.SetStyles(st), m.detail.SetStyles(st), classCmd)
}

func (m *Model) list(f focus) *nodelist.Model {
	switch f {
	case focusSkeptics:
		return &m.skeptics
	case focusCounters:
		return &m.counters
	default:
		return &m.claims
	}
}
