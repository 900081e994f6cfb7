package presenter

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/tally"
)

// PollKeyMap are the presenter's poll keys.
type PollKeyMap struct {
	Voting  key.Binding // open or close voting on the step
	Results key.Binding // show the results to the viewers, or hide them
}

// DefaultPollKeyMap returns the poll keys: v opens and closes voting, s
// shows and hides the results.
func DefaultPollKeyMap() PollKeyMap {
	return PollKeyMap{
		Voting:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "open/close voting")),
		Results: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "show/hide results to viewers")),
	}
}

// pollMsg says the poll changed: a vote came in, or the presenter opened,
// closed, showed or hid it (err says whether that was logged). waited
// marks the one from waitPoll, which is then waited for again, so that
// exactly one wait is ever running.
type pollMsg struct {
	err    error
	waited bool
}

// waitPoll waits for the next change of p.
func waitPoll(p *poll.Poll) tea.Cmd {
	return func() tea.Msg {
		<-p.Changed()
		return pollMsg{waited: true}
	}
}

// pollKey handles the poll keys; ok is false for any other key.
func (m Model) pollKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd, bool) {
	p := m.opts.Poll
	if p == nil || m.err != nil {
		return m, nil, false
	}
	step, node := m.state.Step, m.tour.Steps[m.state.Step].Node
	snap := m.snapshot()
	switch {
	case key.Matches(msg, m.pollKeys.Voting):
		open := !snap.Open
		return m, func() tea.Msg { return pollMsg{err: p.SetOpen(step, node, open)} }, true
	case key.Matches(msg, m.pollKeys.Results):
		shown := !snap.Shown
		return m, func() tea.Msg { return pollMsg{err: p.SetShown(step, node, shown)} }, true
	}
	return m, nil, false
}

// onPoll refreshes the tally on the screen and for the followers.
func (m Model) onPoll(msg pollMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.flash = "poll: " + msg.err.Error()
	}
	m.publish()
	return m, nil
}

// snapshot is the poll of the current step.
func (m Model) snapshot() poll.Snapshot {
	if m.opts.Poll == nil || m.err != nil {
		return poll.Snapshot{}
	}
	viewers := 0
	if m.opts.Viewers != nil {
		viewers = m.opts.Viewers()
	}
	return m.opts.Poll.Snapshot(m.state.Step, m.tour.Steps[m.state.Step].Node, viewers)
}

// pollLines is the tally of the current step, or nothing when it has no
// poll yet.
func (m Model) pollLines(width int) []string {
	if m.state.Poll == nil || !m.state.Poll.Active() {
		return nil
	}
	return tally.Lines(m.st, *m.state.Poll, width)
}

// pollLines is the tally the presenter sent, for the speaker notes.
func (m Notes) pollLines(width int) []string {
	if m.state.Poll == nil || !m.state.Poll.Active() {
		return nil
	}
	return append([]string{""}, tally.Lines(m.st, *m.state.Poll, width)...)
}

// shortHelp is the footer's keys: the presenter's, with the poll keys
// after reveal when the talk has a poll, and z when the step was cut.
func (m Model) shortHelp(cut bool) []key.Binding {
	short := m.keys.ShortHelp()
	at := min(2, len(short))
	extra := []key.Binding{m.pollKeys.Voting, m.pollKeys.Results}
	if cut {
		extra = append([]key.Binding{m.keys.Zoom}, extra...)
	}
	return append(append(short[:at:at], extra...), short[at:]...)
}
