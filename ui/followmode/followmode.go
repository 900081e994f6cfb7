// Package followmode is follow mode: an explorer that follows a presenter
// over SSH, either tracking the presenter (following) or moving freely
// (browsing) until the viewer catches up.
//
// It is the stack's base layer, not an entry over the panes: it draws no
// area of its own (the panes show the presenter's position; its View is
// its part of the status line), the viewer opens help and the map over it,
// and it filters keys between the explorer's global keys and the panes. So
// the root consults it in one place, after the overlays and the global
// keys and before the panes (ui/route.go), as docs/architecture.md says.
//
// Like every component it never acts on the explorer itself: it records an
// intent (move to the presenter's position, browse freely, scroll only, a
// key held) that the root reads with Intent right after Update.
package followmode

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Cue is the presenter's position as follow mode needs it.
type Cue struct {
	Step, Steps int    // 0-based step, and how many
	Node        string // the step's node
	Revealed    int    // linked nodes revealed so far; -1 for all
	Blank       bool   // the presenter blanked the screen
	Ended       bool   // the presenter has quit
}

// CueMsg gives follow mode the presenter's latest position.
type CueMsg Cue

// BrowseMsg switches a following viewer to browsing, as the Browse key
// does (the presenter's own explorer starts so).
type BrowseMsg struct{}

// Intents, read by the root with Intent.
type (
	// MoveMsg asks the root to show the presenter's position.
	MoveMsg struct{ Cue Cue }
	// FreeMsg says the viewer browses freely now: list everything, not
	// only what was revealed.
	FreeMsg struct{}
	// ScrollMsg says that a following viewer pressed a key that may only
	// scroll: the root gives it to the focused pane if that pane scrolls
	// (the article, the detail), and calls Hold otherwise.
	ScrollMsg struct{}
	// HeldMsg says follow mode took a key and there is nothing for the
	// root to do: a key that would move while following (the status line
	// says why, in View), or catching up before any cue came.
	HeldMsg struct{}
)

// KeyMap are follow mode's bindings. Browse and CatchUp are its own; the
// others are the explorer's, filled in by the root (ui.New) so that every
// key is defined once: Quit for the ended screen's hint, NextPane and
// PrevPane which a following viewer may use, and Moves, which would move
// and are held while following.
type KeyMap struct {
	Browse, CatchUp    key.Binding
	Quit               key.Binding
	NextPane, PrevPane key.Binding
	Moves              []key.Binding
}

// DefaultKeyMap is f to browse and c to catch up; both off until the
// explorer follows.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Browse:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "browse freely"), key.WithDisabled()),
		CatchUp: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "catch up with presenter"), key.WithDisabled()),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Browse, k.CatchUp} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Model is follow mode's state.
type Model struct {
	KeyMap    KeyMap
	following bool
	browsing  bool
	focused   bool
	cue       *Cue
	blank     bool // the presenter blanked the screen (while following)
	ended     bool // the presenter ended the talk
	// held is set when the last key did nothing while following, for the
	// status line until the next key.
	held   bool
	width  int
	intent tea.Msg
}

// New makes follow mode; following is whether the explorer follows a
// presenter at all (it then has the keys).
func New(following bool) Model {
	m := Model{KeyMap: DefaultKeyMap(), following: following}
	if following {
		m.KeyMap.Browse.SetEnabled(true)
		m.focused = true
	}
	return m
}

// Intent returns what the last Update asked of the root, or nil (the key is
// not follow mode's: the explorer goes on with it), and forgets it.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// Focus gives follow mode the keys; it returns no command.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur takes the keys away: every key passes to the explorer.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether follow mode takes keys.
func (m Model) Focused() bool { return m.focused }

// SetSize records the width; follow mode draws only its part of the status
// line, which the status line fits.
func (m *Model) SetSize(w, _ int) { m.width = max(w, 0) }

// Following reports whether the explorer follows a presenter (tracking or
// browsing).
func (m Model) Following() bool { return m.following }

// Browsing reports whether a following viewer moves freely.
func (m Model) Browsing() bool { return m.browsing }

// Frozen reports whether the explorer tracks the presenter right now.
func (m Model) Frozen() bool { return m.following && !m.browsing }

// Ended reports whether the presenter ended the talk.
func (m Model) Ended() bool { return m.ended }

// Blank reports whether the blank screen shows: the presenter blanked it
// and the viewer tracks the presenter.
func (m Model) Blank() bool { return m.blank && m.Frozen() }

// Cue is the presenter's latest position, if any.
func (m Model) Cue() (Cue, bool) {
	if m.cue == nil {
		return Cue{}, false
	}
	return *m.cue, true
}

// Hold records that a key did nothing while following.
func (m *Model) Hold() { m.held = true }

// ClearHeld forgets why the last key did nothing (a new key came).
func (m *Model) ClearHeld() { m.held = false }

// Update takes the presenter's cues, BrowseMsg and keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case CueMsg:
		m.onCue(Cue(msg))
	case BrowseMsg:
		m.browse()
	case tea.KeyPressMsg:
		if m.focused && m.following {
			m.key(msg)
		}
	}
	return nil
}

// onCue records the presenter's position and, while following, asks the
// root to show it.
func (m *Model) onCue(c Cue) {
	if m.cue != nil && m.cue.Step != c.Step {
		m.held = false // the talk moved on: so does the status line
	}
	m.cue = &c
	m.ended = c.Ended
	if !m.Frozen() || c.Ended {
		return
	}
	m.blank = c.Blank
	m.intent = MoveMsg{Cue: c}
}

func (m *Model) browse() {
	if !m.following || m.browsing {
		return
	}
	m.browsing = true
	m.KeyMap.CatchUp.SetEnabled(true)
	m.KeyMap.Browse.SetEnabled(false)
	m.intent = FreeMsg{}
}

func (m *Model) catchUp() {
	m.browsing = false
	m.KeyMap.CatchUp.SetEnabled(false)
	m.KeyMap.Browse.SetEnabled(true)
	if m.cue != nil {
		m.onCue(*m.cue)
	}
}

// key is follow mode's part of a key: browse and catch up, and while
// frozen every key that would move is held; the panes' switching passes,
// and the rest may only scroll.
func (m *Model) key(msg tea.KeyPressMsg) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Browse) && !m.browsing:
		m.browse()
		return
	case key.Matches(msg, k.CatchUp) && m.browsing:
		m.catchUp()
		if m.intent == nil {
			m.intent = HeldMsg{} // taken, with nothing to move to yet
		}
		return
	}
	if m.browsing || key.Matches(msg, k.NextPane, k.PrevPane) {
		return
	}
	if key.Matches(msg, k.Moves...) {
		m.held = true
		m.intent = HeldMsg{}
		return
	}
	m.intent = ScrollMsg{}
}

// View is follow mode's part of the status line: what the explorer does
// and the key that changes it, from the key map's help.
func (m Model) View() string {
	if !m.following {
		return ""
	}
	if m.ended {
		return "the talk has ended · " + m.KeyMap.Quit.Help().Key + " quit"
	}
	if m.browsing {
		mode := "browsing · " + m.KeyMap.CatchUp.Help().Key + " catch up"
		if m.cue != nil {
			mode = fmt.Sprintf("browsing (presenter at %d/%d) · %s catch up", m.cue.Step+1, m.cue.Steps, m.KeyMap.CatchUp.Help().Key)
		}
		return mode
	}
	browse := m.KeyMap.Browse.Help().Key
	if m.cue == nil || m.cue.Steps <= 0 {
		return "following presenter · " + browse + " browse"
	}
	if m.held { // a key did nothing: say why, in the same place
		return fmt.Sprintf("step %d/%d · following the presenter — %s to browse", m.cue.Step+1, m.cue.Steps, browse)
	}
	return fmt.Sprintf("following presenter · step %d/%d · %s browse", m.cue.Step+1, m.cue.Steps, browse)
}
