package presenter

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/presentlink"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/theme"
)

// NotesOptions configure the speaker-notes view.
type NotesOptions struct {
	Styles theme.Styles
	// AutoTheme asks the terminal for its background colour and switches
	// Styles between dark and light to match it (--theme auto).
	AutoTheme bool
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Events are the presenter's states as presentlink.Follow reports them.
	Events <-chan presentlink.Event
	// Socket is where the presenter is expected, shown while waiting.
	Socket string
}

// Notes is the speaker-notes view: it follows a presenter and shows the
// current step's notes, what is left to reveal, the next step and the clock.
type Notes struct {
	c    *model.Content
	opts NotesOptions
	st   theme.Styles
	quit key.Binding

	connected bool // to a presenter, now
	seen      bool // a presenter was ever connected
	has       bool // state is valid
	state     present.State
	closed    bool // the event stream ended

	width, height int
	md            *markdownCache
}

// eventMsg carries one event from the presenter link.
type eventMsg struct {
	e  presentlink.Event
	ok bool
}

// NewNotes builds a notes view for c, whose strings are first made safe for
// the terminal.
func NewNotes(c *model.Content, opts NotesOptions) Notes {
	c = safe.Content(c)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return Notes{
		c: c, opts: opts, st: opts.Styles, md: newMarkdownCache(),
		quit: key.NewBinding(key.WithKeys("q", "ctrl+c", "esc"), key.WithHelp("q", "quit")),
	}
}

// Init starts listening to the presenter and the clock.
func (m Notes) Init() tea.Cmd {
	cmds := []tea.Cmd{waitEvent(m.opts.Events), tick()}
	if m.opts.AutoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// waitEvent waits for the next event of the presenter link.
func waitEvent(ch <-chan presentlink.Event) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		e, ok := <-ch
		return eventMsg{e: e, ok: ok}
	}
}

// Connected reports whether the view follows a live presenter.
func (m Notes) Connected() bool { return m.connected }

// Update handles presenter events, the clock and keys.
func (m Notes) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, m.renderNotes()
	case eventMsg:
		if !msg.ok {
			m.closed, m.connected = true, false
			return m, nil
		}
		m.connected = msg.e.Connected
		m.seen = m.seen || msg.e.Connected
		if msg.e.HasState {
			m.state, m.has = msg.e.State, true
		}
		return m, tea.Batch(waitEvent(m.opts.Events), m.renderNotes())
	case tea.BackgroundColorMsg:
		if m.opts.AutoTheme && msg.IsDark() != m.st.IsDark {
			m.st = theme.New(msg.IsDark(), m.st.NoColor)
			return m, m.renderNotes()
		}
	case renderedMsg:
		m.md.store(msg)
	case tickMsg:
		return m, tick()
	case tea.KeyPressMsg:
		if key.Matches(msg, m.quit) {
			return m, tea.Quit
		}
	}
	return m, nil
}

// tour returns the presenter's tour, when this content has it.
func (m Notes) tour() (model.Tour, bool) {
	if !m.has {
		return model.Tour{}, false
	}
	t, ok := m.c.Tour(m.state.TourID)
	return t, ok && m.state.Step < len(t.Steps)
}

func (m Notes) renderNotes() tea.Cmd {
	t, ok := m.tour()
	if !ok || m.width == 0 {
		return nil
	}
	return m.md.request(t.Steps[m.state.Step].Notes, m.textWidth(), m.st.Glamour)
}

func (m Notes) textWidth() int { return max(m.width-2*margin, 10) }

// View draws the notes screen.
func (m Notes) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "crux present --notes"
	return v
}

func (m Notes) render() string {
	w, h := m.width, m.height
	if w == 0 || h == 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return tooSmall(w, h, minWidth, minHeight, m.quit)
	}
	t, ok := m.tour()
	right := ""
	if ok {
		p := present.PaceAt(m.state, len(t.Steps), m.opts.Now())
		right = fmt.Sprintf("step %d/%d  ⏱ %s", m.state.Step+1, len(t.Steps), present.Clock(p.Elapsed))
		if v := p.Verdict(); v != "" {
			right += " / " + present.Clock(m.state.Duration) + " · " + v
		}
	}
	title := " Speaker notes"
	if ok {
		title += " · " + t.Title
	}
	lines := []string{spread(title, right+" ", w, m.st.StatusBar), m.status(), ""}
	body := m.body(t, ok, h-len(lines)-1)
	lines = append(lines, strings.Split(cell.Clip(strings.Join(body, "\n"), w, h-len(lines)-1), "\n")...)
	lines = append(lines, m.st.Faint.Render(" "+m.quit.Help().Key+" quits"))
	return cell.Clip(strings.Join(lines, "\n"), w, h)
}

// status says whether the presenter is there.
func (m Notes) status() string {
	switch {
	case m.connected && m.has && m.state.Ended:
		return m.st.Error.Render(" The presenter has quit.") + m.st.Muted.Render(" Waiting for it to come back…")
	case m.connected:
		s := m.st.Supports.Render(" ● following the presenter")
		if m.has && m.state.Viewers > 0 {
			s += m.st.Muted.Render(fmt.Sprintf(" · %d watching over SSH", m.state.Viewers))
		}
		if m.has && m.state.Blank {
			s += m.st.Error.Render(" · the screen is blanked (b brings it back)")
		}
		return s
	case m.closed:
		return m.st.Error.Render(" Stopped following the presenter.")
	case m.seen:
		return m.st.Error.Render(" The presenter has quit.") + m.st.Muted.Render(" Waiting for it to come back…")
	}
	return m.st.Muted.Render(" Waiting for `crux present` on this content to start… (" + m.opts.Socket + ")")
}

func (m Notes) body(t model.Tour, ok bool, height int) []string {
	pad := strings.Repeat(" ", margin)
	inner := m.textWidth()
	if !m.has {
		return nil
	}
	if !ok {
		out := wrap(m.st.Error.Render(fmt.Sprintf("The presenter shows tour %q step %d, which this content does not have.", m.state.TourID, m.state.Step+1)), inner)
		out = append(out, wrap("Start the notes view on the same claims file as the presenter.", inner)...)
		for i, l := range out {
			out[i] = pad + l
		}
		return out
	}
	step := t.Steps[m.state.Step]
	var top []string
	top = append(top, m.stepLine("Now", m.state.Step, step, inner)...)
	notes := m.md.lines(step.Notes, inner, m.st.Glamour)
	if len(notes) == 0 {
		notes = []string{m.st.Faint.Render("(no notes for this step)")}
	}
	var bottom []string
	if n := m.c.Node(step.Node); n != nil {
		if rs := present.Reveals(m.c, n.ID); len(rs) > 0 {
			line := fmt.Sprintf("Revealed %d of %d", min(m.state.Revealed, len(rs)), len(rs))
			if m.state.Revealed < len(rs) {
				nx := rs[m.state.Revealed].Node
				line += "; next to reveal: " + theme.Glyph(nx.Kind) + " " + nx.Summary
			}
			bottom = append(bottom, "", m.st.Muted.Render(line))
		}
	}
	bottom = append(bottom, m.pollLines(inner)...)
	bottom = append(bottom, "")
	if next := m.state.Step + 1; next < len(t.Steps) {
		bottom = append(bottom, m.stepLine("Next", next, t.Steps[next], inner)...)
	} else {
		bottom = append(bottom, m.st.Bold.Render("Next: ")+"end of the tour")
	}
	room := height - len(top) - len(bottom) - 1
	if len(notes) > max(room, 0) {
		notes = append(notes[:max(room-1, 0)], m.st.Faint.Render("… (enlarge the terminal for the rest)"))
	}
	out := append(append(append(top, ""), notes...), bottom...)
	for i, l := range out {
		out[i] = pad + l
	}
	return out
}

// stepLine is "Now: 3. ■ title" and the node's summary.
func (m Notes) stepLine(label string, i int, s model.TourStep, width int) []string {
	n := m.c.Node(s.Node)
	head := m.st.Bold.Render(fmt.Sprintf("%s: %d. ", label, i+1))
	if n == nil {
		return []string{head + m.st.Error.Render(fmt.Sprintf("node %q is missing", s.Node))}
	}
	title := s.Title
	if title == "" {
		title = n.Summary
	}
	out := []string{head + m.st.KindLabel(n.Kind) + "  " + title}
	if s.Title != "" {
		out = append(out, wrap(m.st.Muted.Render(n.Summary), width)...)
	}
	return out
}
