package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
)

// keysSeen is an explorer stand-in that counts the keys it gets.
type keysSeen struct{ n *int }

func (k keysSeen) Init() tea.Cmd { return nil }
func (k keysSeen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		*k.n++
	}
	return k, nil
}
func (k keysSeen) View() tea.View { return tea.NewView("line one\nstatus line") }

type sent struct {
	node string
	s    poll.Stance
	seq  uint64
}

func TestVoting(t *testing.T) {
	var got []sent
	seen := 0
	var m tea.Model = NewVoting(keysSeen{&seen}, func(node string, s poll.Stance, seq uint64) { got = append(got, sent{node, s, seq}) }, true)
	upd := func(msg tea.Msg) {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		if cmd != nil {
			cmd()
		}
	}
	key := func(k string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(k[0]), Text: k} }
	upd(tea.WindowSizeMsg{Width: 120, Height: 10})
	upd(key("1"))
	if len(got) != 0 || seen != 1 {
		t.Fatalf("a poll key with voting closed: sent %v, explorer saw %d keys", got, seen)
	}
	if v := ansi.Strip(m.View().Content); v != "line one\nstatus line" {
		t.Fatalf("the view changed without a poll: %q", v)
	}
	upd(FollowMsg{Node: "c1", Poll: poll.Snapshot{Node: "c1", Open: true}})
	upd(key("2"))
	upd(key("4"))
	upd(key("0"))
	want := []sent{{"c1", poll.Disagree, 1}, {"c1", poll.NeedsEvidence, 2}, {"c1", poll.None, 3}}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || seen != 1 {
		t.Fatalf("votes %v (want %v), explorer saw %d keys", got, want, seen)
	}
	upd(key("3"))
	v := ansi.Strip(m.View().Content)
	if !strings.HasPrefix(v, "line one\n Vote (yours: ? unsure)") || strings.Contains(v, "answered") {
		t.Fatalf("open poll view: %q", v)
	}
	upd(FollowMsg{Node: "c1", Poll: poll.Snapshot{Node: "c1", Shown: true, Counts: poll.Counts{0, 3, 1, 1, 0}, Answered: 5, Viewers: 6}})
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Results: ✓ 3  ✗ 1  ? 1  § 0 · 5 of 6 viewers answered · yours: ? unsure") {
		t.Fatalf("shown results: %q", v)
	}
	upd(key("1"))
	if len(got) != 4 {
		t.Fatalf("a vote with voting closed but results shown was sent: %v", got)
	}
	if NewVoting(keysSeen{&seen}, nil, true) != (keysSeen{&seen}) {
		t.Fatal("without a poll the explorer was wrapped")
	}
}
