package presenter

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/theme"
)

// Smallest presenter screen: the header, the progress bar, a few body lines
// and the footer need this much.
const (
	minWidth  = 30
	minHeight = 8
)

// maxQuoteLines caps the article passage so that it never pushes the linked
// nodes off a projected screen.
const maxQuoteLines = 6

// Options configure a presenter.
type Options struct {
	Styles theme.Styles
	// AutoTheme asks the terminal for its background colour and switches
	// Styles between dark and light to match it (--theme auto). NoColor is
	// kept either way.
	AutoTheme bool
	TourID    string        // tour to present; "" for the first one
	Duration  time.Duration // time budget of the talk; 0 for none
	// Now is the clock; time.Now when nil. Tests inject a fixed clock.
	Now func() time.Time
	// Hub receives every change of the presenter's state; may be nil.
	Hub *present.Hub
	// Explorer builds the explorer for free navigation (the e key), placed
	// at the presenter's state, and the command its placing needs. When
	// nil, free navigation is unavailable and e says so.
	Explorer func(c *model.Content, s present.State) (tea.Model, tea.Cmd)
	// Status is extra text for the footer, such as the SSH address and the
	// number of viewers; called on every View, so it must be cheap.
	Status func() string
	// Keys are the presenter's keys; DefaultKeyMap when zero.
	Keys *KeyMap
	// Poll is the audience's live poll; nil for none (poll keys off).
	Poll *poll.Poll
	// Viewers is how many viewers are connected, for the poll's tally.
	Viewers func() int
	// Watch reloads the content when its files change (reload.go).
	Watch *watch.Watcher
}

// overlay is what covers the step, if anything.
type overlay int

const (
	overlayNone overlay = iota
	overlayIndex
	overlayHelp
	overlayLinked // the whole step, nothing shortened (z)
)

// Model is the presenter view: one tour step at a time, large and clear.
type Model struct {
	c    *model.Content
	text []rune // the article text, converted once: passages index it by rune
	opts Options
	keys KeyMap
	st   theme.Styles
	// pollKeys open and close voting and show its results.
	pollKeys PollKeyMap
	tour     model.Tour
	err      error // the tour cannot be presented
	state    present.State

	width, height int
	md            *markdownCache

	overlay overlay
	cursor  int    // index overlay cursor
	jump    string // digits typed so far
	jumping bool
	flash   string // one-line message in the footer
	zoomOff int    // scroll of the whole step's page (z)
	// confirming asks whether to end a talk that viewers are watching.
	confirming bool
	explorer   tea.Model
	quitting   bool
}

// tickMsg refreshes the clock.
type tickMsg struct{}

// tourMsg returns from free navigation to the tour; the explorer's own quit
// turns into it, so that q in the explorer never ends the talk.
type tourMsg struct{}

// New builds a presenter for c. A tour that cannot be presented (unknown id,
// no steps) yields a model that shows why and quits on any key. Every
// string of the content is made safe for the terminal first.
func New(c *model.Content, opts Options) Model {
	c = safe.Content(c)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	keys := DefaultKeyMap()
	if opts.Keys != nil {
		keys = *opts.Keys
	}
	m := Model{c: c, text: []rune(c.Article.Text), opts: opts, keys: keys, st: opts.Styles, md: newMarkdownCache()}
	m.keys.Explore.SetEnabled(opts.Explorer != nil)
	m.pollKeys = DefaultPollKeyMap()
	m.pollKeys.Voting.SetEnabled(opts.Poll != nil)
	m.pollKeys.Results.SetEnabled(opts.Poll != nil)
	m.keys.ExploreOff.SetEnabled(opts.Explorer == nil)
	m.tour, m.err = present.FindTour(c, opts.TourID)
	m.state = present.State{TourID: m.tour.ID, Started: opts.Now(), Duration: opts.Duration}
	m.state.Viewers = m.viewers()
	if m.err == nil {
		m.publish()
	}
	return m
}

// State returns the presenter's current state.
func (m Model) State() present.State { return m.state }

// Err returns why the tour cannot be presented, or nil.
func (m Model) Err() error { return m.err }

// Exploring reports whether the presenter is navigating freely.
func (m Model) Exploring() bool { return m.explorer != nil }

func (m *Model) publish() {
	if m.opts.Poll != nil && m.err == nil {
		snap := m.snapshot()
		m.state.Poll = &snap
	}
	if m.opts.Hub != nil {
		m.opts.Hub.Publish(m.state)
	}
}

// Init starts the clock and, with AutoTheme, asks for the background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tick()}
	if m.opts.AutoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.opts.Poll != nil {
		cmds = append(cmds, waitPoll(m.opts.Poll))
	}
	return tea.Batch(append(cmds, m.watchNext())...)
}

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// step returns the current step and its node (nil when the step names a
// node that does not exist).
func (m Model) step() (model.TourStep, *model.Node) {
	if m.err != nil || m.state.Step >= len(m.tour.Steps) {
		return model.TourStep{}, nil
	}
	s := m.tour.Steps[m.state.Step]
	return s, m.c.Node(s.Node)
}

// reveals returns the current step's linked nodes, in reveal order.
func (m Model) reveals() []model.Neighbor {
	if _, n := m.step(); n != nil {
		return present.Reveals(m.c, n.ID)
	}
	return nil
}

// Update handles keys, the clock, renderings and the explorer's messages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.reload(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		cmds := []tea.Cmd{m.renderStep()}
		if m.explorer != nil {
			var cmd tea.Cmd
			m.explorer, cmd = m.explorer.Update(msg)
			cmds = append(cmds, guard(cmd))
		}
		return m, tea.Batch(cmds...)
	case tickMsg:
		// The viewer count comes and goes on its own; the speaker notes
		// learn it within a second.
		if n := m.viewers(); n != m.state.Viewers && m.err == nil {
			m.state.Viewers = n
			m.publish()
		}
		return m, tick()
	case tea.BackgroundColorMsg:
		var cmds []tea.Cmd
		if m.opts.AutoTheme && msg.IsDark() != m.st.IsDark {
			m.st = theme.New(msg.IsDark(), m.st.NoColor)
			cmds = append(cmds, m.renderStep())
		}
		if m.explorer != nil {
			var cmd tea.Cmd
			m.explorer, cmd = m.explorer.Update(msg)
			cmds = append(cmds, guard(cmd))
		}
		return m, tea.Batch(cmds...)
	case renderedMsg:
		m.md.store(msg)
		return m, nil
	case pollMsg:
		mm, cmd := m.onPoll(msg)
		if msg.waited {
			cmd = tea.Batch(cmd, waitPoll(m.opts.Poll))
		}
		return mm, cmd
	case tourMsg:
		m.explorer = nil
		m.flash = "back at step " + strconv.Itoa(m.state.Step+1)
		return m, m.renderStep()
	case tea.KeyPressMsg:
		if m.explorer != nil {
			if key.Matches(msg, m.keys.Tour) {
				return m.Update(tourMsg{})
			}
			var cmd tea.Cmd
			m.explorer, cmd = m.explorer.Update(msg)
			return m, guard(cmd)
		}
		return m.key(msg)
	}
	if m.explorer != nil {
		var cmd tea.Cmd
		m.explorer, cmd = m.explorer.Update(msg)
		return m, guard(cmd)
	}
	return m, nil
}

// guard turns a quit from the explorer into a return to the tour.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case tea.QuitMsg:
			return tourMsg{}
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = guard(c)
			}
			return out
		default:
			return msg
		}
	}
}

// textWidth is the width of the step's text column: the screen less its
// margins, and at most maxMeasure, so that lines stay readable from the
// back of a room.
func (m Model) textWidth() int { return max(min(m.width-2*margin, maxMeasure), 10) }

// left is the blank space left of the text column, which centres it.
func (m Model) left() int { return max(margin, (m.width-m.textWidth())/2) }

// maxMeasure is the widest text column, in cells: past about a hundred
// characters a line is hard to follow on a projected screen.
const maxMeasure = 100

// margin is the blank column on either side of the step, so that text on a
// projector does not touch the screen's edge.
const margin = 2

// renderStep asks for the current step's Markdown at the current width.
func (m Model) renderStep() tea.Cmd {
	_, n := m.step()
	if n == nil || m.width == 0 {
		return nil
	}
	return m.md.request(n.Text, m.textWidth(), m.st.Glamour)
}

// View draws the presenter screen.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "crux present"
	switch {
	case m.quitting:
		return v
	case m.explorer != nil:
		ev := m.explorer.View()
		ev.AltScreen = true
		return ev
	}
	v.SetContent(m.render())
	return v
}
