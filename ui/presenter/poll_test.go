package presenter

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/theme"
)

// run applies cmd's message to m, as the program would (one level).
func run(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	tm, _ := m.Update(cmd())
	return tm.(Model)
}

// TestPresenterPoll: v opens voting on the step, votes show as a tally on
// the presenter's screen and in the published state, s shows the results,
// v again closes; without a poll the keys do nothing.
func TestPresenterPoll(t *testing.T) {
	p := poll.New(nil)
	m, _, hub := newTest(t, Options{Poll: p, Viewers: func() int { return 4 }})
	m = resize(m, 100, 40)
	if strings.Contains(screen(m), "Poll") {
		t.Fatalf("a tally before any poll:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), "v open/close voting") {
		t.Fatalf("the footer does not offer the poll keys:\n%s", screen(m))
	}
	m, cmd := press(m, "v")
	m = run(m, cmd)
	st, _ := hub.Latest()
	if st.Poll == nil || !st.Poll.Open || st.Poll.Node != "c-cost" {
		t.Fatalf("after v the published poll is %+v", st.Poll)
	}
	for who, s := range map[string]poll.Stance{"a": poll.Agree, "b": poll.Agree, "c": poll.Disagree} {
		if err := p.Vote(who, "c-cost", s); err != nil {
			t.Fatal(err)
		}
	}
	m = run(m, waitPoll(p))
	scr := screen(m)
	for _, want := range []string{"voting open · results hidden from viewers", "3 of 4 viewers answered", "✓ agree", "2  67%"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the presenter's screen lacks %q:\n%s", want, scr)
		}
	}
	m, cmd = press(m, "s")
	m = run(m, cmd)
	if st, _ := hub.Latest(); !st.Poll.Shown || st.Poll.Counts[poll.Agree] != 2 {
		t.Fatalf("after s the published poll is %+v", st.Poll)
	}
	_ = p.Vote("c", "c-cost", poll.Agree)
	m = run(m, waitPoll(p))
	if scr := screen(m); !strings.Contains(scr, "+1") || !strings.Contains(scr, "-1") {
		t.Fatalf("no movement since the reveal on the screen:\n%s", scr)
	}
	m, cmd = press(m, "v")
	m = run(m, cmd)
	if st, _ := hub.Latest(); st.Poll.Open || !strings.Contains(screen(m), "voting closed") {
		t.Fatalf("v did not close voting:\n%s", screen(m))
	}
	if err := p.Vote("d", "c-cost", poll.Unsure); err == nil {
		t.Fatal("a vote after closing was taken")
	}

	// Without a poll, v and s are not poll keys and nothing is published.
	m2, _, hub2 := newTest(t, Options{})
	m2, cmd = press(m2, "v")
	if cmd != nil {
		t.Fatal("v without a poll returned a command")
	}
	if st, _ := hub2.Latest(); st.Poll != nil || strings.Contains(screen(m2), "voting") {
		t.Fatalf("a poll without one: %+v\n%s", st.Poll, screen(m2))
	}
}

// TestNotesShowTally: the speaker notes draw the tally the presenter sent.
func TestNotesShowTally(t *testing.T) {
	snap := poll.Snapshot{Step: 0, Node: "c-cost", Open: true, Counts: poll.Counts{0, 1, 2, 0, 0}, Answered: 3, Viewers: 5}
	n := NewNotes(fixture(), NotesOptions{Styles: theme.New(true, true)})
	tm, _ := n.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	n = tm.(Notes)
	n.state.Poll, n.has, n.connected = &snap, true, true
	n.state.TourID = "main"
	scr := ansi.Strip(n.View().Content)
	for _, want := range []string{"Poll · voting open", "3 of 5 viewers answered", "✗ disagree"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the notes screen lacks %q:\n%s", want, scr)
		}
	}
}
