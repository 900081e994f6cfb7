package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/tally"
	"github.com/crux-news/crux/ui/theme"
)

// VoteKeyMap are a viewer's poll keys, the explorer's stance keys.
type VoteKeyMap struct {
	Agree, Disagree, Unsure, NeedsEvidence, Withdraw key.Binding
}

// DefaultVoteKeyMap returns the poll keys: 1 to 4 answer, 0 withdraws.
func DefaultVoteKeyMap() VoteKeyMap {
	return VoteKeyMap{
		Agree:         key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "agree")),
		Disagree:      key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "disagree")),
		Unsure:        key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "unsure")),
		NeedsEvidence: key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "needs-evidence")),
		Withdraw:      key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "withdraw")),
	}
}

// stance is the answer a key gives, and whether it is a poll key.
func (k VoteKeyMap) stance(msg tea.KeyPressMsg) (poll.Stance, bool) {
	for s, b := range map[poll.Stance]key.Binding{poll.Agree: k.Agree, poll.Disagree: k.Disagree,
		poll.Unsure: k.Unsure, poll.NeedsEvidence: k.NeedsEvidence, poll.None: k.Withdraw} {
		if key.Matches(msg, b) {
			return s, true
		}
	}
	return poll.None, false
}

// votedMsg says a vote was handed to the server.
type votedMsg struct{}

// Voting is an explorer in follow mode that answers the presenter's polls:
// while voting is open on the presenter's step, the poll keys answer it
// (whatever the viewer is browsing), and the status line says so and
// shows the viewer's answer; once the presenter shows the results, it
// shows them too.
type Voting struct {
	inner tea.Model
	keys  VoteKeyMap
	send  func(node string, s poll.Stance, seq uint64)
	seq   *uint64 // votes so far; commands may run in any order, seq orders them
	st    theme.Styles

	poll  poll.Snapshot
	where string                 // "step 5/15 · ", so that the poll line keeps it
	mine  map[string]poll.Stance // this viewer's answers, by node
	width int
}

// NewVoting wraps an explorer; send hands a vote to the server and must
// not block; of two votes, the one with the higher seq is the later. A nil
// send leaves the explorer as it is.
func NewVoting(inner tea.Model, send func(node string, s poll.Stance, seq uint64), noColor bool) tea.Model {
	if send == nil {
		return inner
	}
	return Voting{inner: inner, keys: DefaultVoteKeyMap(), send: send, seq: new(uint64), st: theme.New(true, noColor), mine: map[string]poll.Stance{}}
}

// Init starts the explorer.
func (v Voting) Init() tea.Cmd { return v.inner.Init() }

// Update takes the poll keys while voting is open and passes the rest on.
func (v Voting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.width = msg.Width
	case tea.BackgroundColorMsg:
		v.st = theme.New(msg.IsDark(), v.st.NoColor)
	case FollowMsg:
		v.poll = msg.Poll
		if v.where = ""; msg.Steps > 0 {
			v.where = fmt.Sprintf("step %d/%d · ", msg.Step+1, msg.Steps)
		}
	case votedMsg:
		return v, nil
	case tea.KeyPressMsg:
		if s, ok := v.keys.stance(msg); ok && v.poll.Open && v.poll.Node != "" {
			node, send := v.poll.Node, v.send
			if s == poll.None {
				delete(v.mine, node)
			} else {
				v.mine[node] = s
			}
			*v.seq++
			seq := *v.seq
			return v, func() tea.Msg { send(node, s, seq); return votedMsg{} }
		}
	}
	var cmd tea.Cmd
	v.inner, cmd = v.inner.Update(msg)
	return v, cmd
}

// View is the explorer's, with the poll in its last line while voting is
// open or the results are shown.
func (v Voting) View() tea.View {
	view := v.inner.View()
	line := v.statusLine()
	if line == "" || view.Content == "" {
		return view
	}
	lines := strings.Split(view.Content, "\n")
	lines[len(lines)-1] = v.st.StatusBar.Render(ansi.Truncate(line, max(v.width, 1), "…") +
		strings.Repeat(" ", max(v.width-ansi.StringWidth(line), 0)))
	view.SetContent(strings.Join(lines, "\n"))
	return view
}

func (v Voting) statusLine() string {
	p := v.poll
	mine := "none yet"
	if s, ok := v.mine[p.Node]; ok {
		mine = tally.Glyph(s) + " " + s.Name()
	}
	switch {
	case p.Shown:
		return " " + v.where + "Results: " + tally.Line(p) + " · yours: " + mine
	case p.Open:
		// The keys with their words, or with their glyphs alone when the
		// line would be cut.
		var long, short []string
		for _, b := range []key.Binding{v.keys.Agree, v.keys.Disagree, v.keys.Unsure, v.keys.NeedsEvidence} {
			g := theme.StanceGlyph(b.Help().Desc)
			long = append(long, b.Help().Key+" "+g+" "+b.Help().Desc)
			short = append(short, b.Help().Key+" "+g)
		}
		withdraw := v.keys.Withdraw.Help().Key + " " + v.keys.Withdraw.Help().Desc
		line := " " + v.where + "Vote (yours: " + mine + "): " + strings.Join(long, " · ") + " · " + withdraw
		if ansi.StringWidth(line) > v.width {
			line = " " + v.where + "Vote (yours: " + mine + "): " + strings.Join(short, " ") + " · " + withdraw
		}
		return line
	}
	return ""
}
