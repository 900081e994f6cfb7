package presenter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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

	overlay  overlay
	cursor   int    // index overlay cursor
	jump     string // digits typed so far
	jumping  bool
	flash    string // one-line message in the footer
	explorer tea.Model
	quitting bool
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

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.Interrupt) {
		return m.quit()
	}
	if m.err != nil {
		if key.Matches(msg, k.Quit, k.Cancel, k.Confirm) {
			return m.quit()
		}
		return m, nil
	}
	m.flash = ""
	switch {
	case m.state.Blank:
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Blank, k.Cancel):
			m.state.Blank = false
			m.publish()
		}
		return m, nil
	case m.overlay == overlayHelp:
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		m.overlay = overlayNone
		return m, nil
	case m.overlay == overlayIndex:
		return m.indexKey(msg)
	case m.jumping:
		return m.jumpKey(msg)
	}
	if mm, cmd, ok := m.pollKey(msg); ok {
		return mm, cmd
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Next):
		return m.goTo(m.state.Step + 1)
	case key.Matches(msg, k.Prev):
		return m.goTo(m.state.Step - 1)
	case key.Matches(msg, k.First):
		return m.goTo(0)
	case key.Matches(msg, k.Last):
		return m.goTo(len(m.tour.Steps) - 1)
	case key.Matches(msg, k.Reveal):
		if n := len(m.reveals()); m.state.Revealed < n {
			m.state.Revealed++
			m.publish()
		} else {
			m.flash = "nothing left to reveal at this step"
		}
	case key.Matches(msg, k.Hide):
		if m.state.Revealed > 0 {
			m.state.Revealed--
			m.publish()
		}
	case key.Matches(msg, k.Jump):
		m.jumping = true
	case isDigit(msg):
		m.jumping, m.jump = true, msg.Text
	case key.Matches(msg, k.Index):
		m.overlay, m.cursor = overlayIndex, m.state.Step
	case key.Matches(msg, k.Blank):
		m.state.Blank = true
		m.publish()
	case key.Matches(msg, k.Help):
		m.overlay = overlayHelp
	case key.Matches(msg, m.keys.Explore):
		return m.explore()
	case key.Matches(msg, m.keys.ExploreOff):
		m.flash = "free navigation is not available in this build"
	}
	return m, nil
}

func isDigit(msg tea.KeyPressMsg) bool {
	return len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9'
}

func (m Model) jumpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case isDigit(msg):
		if len(m.jump) < 4 {
			m.jump += msg.Text
		}
	case key.Matches(msg, m.keys.Erase):
		if m.jump != "" {
			m.jump = m.jump[:len(m.jump)-1]
		}
	case key.Matches(msg, m.keys.Confirm, m.keys.Jump):
		n, err := strconv.Atoi(m.jump)
		m.jumping, m.jump = false, ""
		if err != nil || n < 1 || n > len(m.tour.Steps) {
			m.flash = fmt.Sprintf("no such step; steps are 1–%d", len(m.tour.Steps))
			return m, nil
		}
		return m.goTo(n - 1)
	case key.Matches(msg, m.keys.Cancel):
		m.jumping, m.jump = false, ""
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	}
	return m, nil
}

func (m Model) indexKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.tour.Steps)-1)
	case key.Matches(msg, m.keys.First):
		m.cursor = 0
	case key.Matches(msg, m.keys.Last):
		m.cursor = len(m.tour.Steps) - 1
	case key.Matches(msg, m.keys.Confirm):
		m.overlay = overlayNone
		return m.goTo(m.cursor)
	case key.Matches(msg, m.keys.Cancel, m.keys.Index):
		m.overlay = overlayNone
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	}
	return m, nil
}

// goTo moves to step i (clamped to the tour), with nothing revealed.
func (m Model) goTo(i int) (tea.Model, tea.Cmd) {
	i = max(0, min(i, len(m.tour.Steps)-1))
	if i == m.state.Step {
		if i == len(m.tour.Steps)-1 {
			m.flash = "last step: q ends the talk"
		}
		return m, nil
	}
	m.state.Step, m.state.Revealed = i, 0
	m.publish()
	return m, m.renderStep()
}

func (m Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	if m.err == nil {
		m.state.Ended = true
		m.publish()
	}
	return m, tea.Quit
}

func (m Model) explore() (tea.Model, tea.Cmd) {
	var placed tea.Cmd
	m.explorer, placed = m.opts.Explorer(m.c, m.state)
	cmds := []tea.Cmd{guard(m.explorer.Init()), guard(placed)}
	if m.width > 0 {
		var cmd tea.Cmd
		m.explorer, cmd = m.explorer.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
		cmds = append(cmds, guard(cmd))
	}
	return m, tea.Batch(cmds...)
}

// textWidth is the width of the step's text column.
func (m Model) textWidth() int { return max(m.width-2*margin, 10) }

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

// render is the presenter screen as text: exactly height lines, none wider
// than width.
func (m Model) render() string {
	w, h := m.width, m.height
	if w == 0 || h == 0 {
		return ""
	}
	if w < minWidth || h < minHeight {
		return tooSmall(w, h, minWidth, minHeight)
	}
	if m.err != nil {
		lines := []string{m.st.Error.Render("crux present cannot start"), ""}
		lines = append(lines, wrap(m.err.Error(), w-1)...)
		lines = append(lines, "", m.st.Faint.Render("q quits"))
		return fit(lines, w, h)
	}
	if m.state.Blank {
		return fit([]string{}, w, h)
	}
	lines := []string{m.header(), m.progress(), ""}
	bodyH := h - len(lines) - 1
	var body []string
	switch m.overlay {
	case overlayIndex:
		body = m.index(bodyH)
	case overlayHelp:
		body = m.helpLines()
	default:
		tl := m.pollLines(w - 2*margin)
		body = m.body(max(bodyH-len(tl)-1, 1))
		if len(tl) > 0 {
			body = strings.Split(fit(body, w, max(bodyH-len(tl)-1, 1)), "\n")
			body = append(body, "")
			for _, l := range tl {
				body = append(body, strings.Repeat(" ", margin)+l)
			}
		}
	}
	body = strings.Split(fit(body, w, bodyH), "\n")
	lines = append(lines, body...)
	lines = append(lines, m.footer())
	return fit(lines, w, h)
}

func (m Model) header() string {
	title := m.tour.Title
	if title == "" {
		title = m.tour.ID
	}
	right := fmt.Sprintf("step %d/%d  ⏱ %s", m.state.Step+1, len(m.tour.Steps), m.clock())
	return spread(" "+title, right+" ", m.width, m.st.StatusBar)
}

// clock is the elapsed time, and with a duration the pace against it.
func (m Model) clock() string {
	p := present.PaceAt(m.state, len(m.tour.Steps), m.opts.Now())
	s := present.Clock(p.Elapsed)
	if v := p.Verdict(); v != "" {
		s += " / " + present.Clock(m.state.Duration) + " · " + v
	}
	return s
}

// progress is a bar as wide as the screen, filled up to the current step.
func (m Model) progress() string {
	n := len(m.tour.Steps)
	filled := m.width * (m.state.Step + 1) / max(n, 1)
	return m.st.Title.Render(strings.Repeat("━", filled)) + m.st.Faint.Render(strings.Repeat("─", m.width-filled))
}

func (m Model) footer() string {
	left := m.flash
	switch {
	case m.jumping:
		left = "go to step: " + m.jump + "▏ (enter to go, esc to cancel)"
	case left == "":
		var parts []string
		for _, b := range m.shortHelp() {
			if b.Enabled() {
				parts = append(parts, b.Help().Key+" "+b.Help().Desc)
			}
		}
		left = strings.Join(parts, " · ")
	}
	right := ""
	if m.opts.Status != nil {
		right = m.opts.Status()
	}
	if right == "" {
		return m.st.Faint.Render(ansi.Truncate(" "+left, m.width, "…"))
	}
	return spread(m.st.Faint.Render(" "+left), m.st.Muted.Render(right+" "), m.width, m.st.Faint)
}

// body is the current step: its node, passage and linked nodes.
func (m Model) body(height int) []string {
	step, n := m.step()
	inner := m.textWidth()
	pad := strings.Repeat(" ", margin)
	indent := func(ls []string) []string {
		for i, l := range ls {
			ls[i] = pad + l
		}
		return ls
	}
	if n == nil {
		return indent(append([]string{m.st.Error.Render(fmt.Sprintf("Step %d names node %q, which is not in %s.", m.state.Step+1, step.Node, m.c.Path))},
			wrap("Run `crux validate` to see every problem; space moves on to the next step.", inner)...))
	}
	var top []string
	head := m.st.KindLabel(n.Kind) + m.st.Faint.Render("  "+n.ID)
	if step.Title != "" {
		head += m.st.Muted.Render("  ·  ") + m.st.Bold.Render(step.Title)
	}
	top = append(top, head, "")
	for _, l := range wrap(n.Summary, inner) {
		top = append(top, m.st.Bold.Render(l))
	}
	if n.Rating != nil {
		r := m.st.RatingStyle(n.Rating.Label).Render(n.Rating.Label)
		if n.Rating.Explanation != "" {
			r += m.st.Muted.Render(" — " + n.Rating.Explanation)
		}
		top = append(top, wrap(r, inner)...)
	}
	passage := m.passage(n, inner)
	linked := m.linked(inner)
	text := m.md.lines(n.Text, inner, m.st.Glamour)
	// The text gets what the summary, passage and linked nodes leave.
	room := height - len(top) - len(passage) - len(linked) - 3
	if len(text) > max(room, 0) {
		text = text[:max(room-1, 0)]
		if room > 0 {
			text = append(text, m.st.Faint.Render("… (the rest of the text does not fit)"))
		}
	}
	out := top
	for _, sec := range [][]string{text, passage, linked} {
		if len(sec) > 0 {
			out = append(out, "")
			out = append(out, sec...)
		}
	}
	return indent(out)
}

// passage is the node's first anchored passage, quoted, with its place in
// the article.
func (m Model) passage(n *model.Node, width int) []string {
	a, ok := n.FirstAnchor()
	if !ok {
		return nil
	}
	text := m.text
	if a.End > len(text) {
		return nil
	}
	quote := strings.Join(strings.Fields(string(text[a.Start:a.End])), " ")
	out := []string{m.st.Muted.Render("In the article, " + m.where(a.Start, len(text)) + ":")}
	ql := wrap("“"+quote+"”", width-2)
	if len(ql) > maxQuoteLines {
		ql = append(ql[:maxQuoteLines-1], "…")
	}
	for _, l := range ql {
		out = append(out, m.st.Faint.Render("│ ")+m.st.MarkSelected.Render(l))
	}
	return out
}

// where names an article position: its block, source line and how far in.
func (m Model) where(pos, total int) string {
	bs := m.c.Article.Blocks
	for i, b := range bs {
		if pos >= b.Start && pos < b.End {
			return fmt.Sprintf("¶ %d of %d, line %d, %d%% in", i+1, len(bs), b.Line, 100*pos/max(total, 1))
		}
	}
	return fmt.Sprintf("%d%% in", 100*pos/max(total, 1))
}

// linked lists the revealed linked nodes and says how many remain.
func (m Model) linked(width int) []string {
	ns := m.reveals()
	if len(ns) == 0 {
		return nil
	}
	out := []string{m.st.Muted.Render(fmt.Sprintf("Linked: %d of %d revealed", m.state.Revealed, len(ns)))}
	for _, nb := range ns[:min(m.state.Revealed, len(ns))] {
		rel := m.st.RelationStyle(nb.Link.Type).Render(theme.RelationGlyph(nb.Link.Type) + " " + string(nb.Link.Type))
		var line string
		if nb.Outgoing {
			line = "this " + rel + " " + m.st.KindLabel(nb.Node.Kind) + "  " + nb.Node.Summary
		} else {
			line = m.st.KindLabel(nb.Node.Kind) + " " + rel + " this  " + nb.Node.Summary
		}
		out = append(out, wrap(line, width)...)
	}
	if rest := len(ns) - m.state.Revealed; rest > 0 {
		out = append(out, m.st.Faint.Render(fmt.Sprintf("· %d more — %s reveals the next", rest, m.keys.Reveal.Help().Key)))
	}
	return out
}

// index lists the steps for picking one, scrolled to keep the cursor shown.
func (m Model) index(height int) []string {
	out := []string{m.st.Title.Render(" Steps") + m.st.Faint.Render("  ↑/↓ choose · enter go · esc close"), ""}
	rows := max(height-len(out), 1)
	first := max(0, min(m.cursor-rows/2, len(m.tour.Steps)-rows))
	for i := first; i < len(m.tour.Steps) && i < first+rows; i++ {
		s := m.tour.Steps[i]
		label := s.Title
		glyph := "?"
		if n := m.c.Node(s.Node); n != nil {
			glyph = m.st.KindStyle(n.Kind).Render(theme.Glyph(n.Kind))
			if label == "" {
				label = n.Summary
			}
		} else {
			label = "missing node " + s.Node
		}
		row := fmt.Sprintf("%3d. ", i+1) + glyph + " " + label
		mark := "  "
		if i == m.state.Step {
			mark = "▸ "
		}
		row = ansi.Truncate(mark+row, m.width-1, "…")
		if i == m.cursor {
			row = m.st.Cursor.Render(ansi.Strip(row))
		}
		out = append(out, row)
	}
	return out
}

func (m Model) helpLines() []string {
	out := []string{m.st.Title.Render(" Keys") + m.st.Faint.Render("  any key closes"), ""}
	for _, group := range append(m.keys.FullHelp(), []key.Binding{m.pollKeys.Voting, m.pollKeys.Results}) {
		for _, b := range group {
			if b.Enabled() {
				out = append(out, fmt.Sprintf("  %-14s %s", b.Help().Key, b.Help().Desc))
			}
		}
	}
	return out
}
