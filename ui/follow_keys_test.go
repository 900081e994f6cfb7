package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestFollowHintsFollowTheKeyMap remaps follow mode's keys and quit: the
// status line's follow part names the new keys in every state (following,
// held, browsing, ended), and the new keys do the work.
func TestFollowHintsFollowTheKeyMap(t *testing.T) {
	c := loadBikes(t)
	tour := c.File.Tours[0]
	m := New(c, Options{Theme: "dark", Follow: true})
	m.fm.KeyMap.Browse.SetKeys("B")
	m.fm.KeyMap.Browse.SetHelp("B", "browse freely")
	m.fm.KeyMap.CatchUp.SetKeys("U")
	m.fm.KeyMap.CatchUp.SetHelp("U", "catch up")
	m.fm.KeyMap.Quit = key.NewBinding(key.WithKeys("Q"), key.WithHelp("Q", "quit"))
	m = drive(t, m, tea.WindowSizeMsg{Width: 160, Height: 30})
	cue := FollowMsg{Tour: tour.Title, Step: 0, Steps: len(tour.Steps), Node: tour.Steps[0].Node, Revealed: -1}
	m = drive(t, m, cue)
	status := func() string {
		lines := strings.Split(ansi.Strip(screen(m)), "\n")
		return lines[len(lines)-1]
	}
	if s := status(); !strings.Contains(s, "following presenter · step 1/") || !strings.Contains(s, "· B browse") {
		t.Fatalf("following: status %q, want the remapped browse key", s)
	}
	m = drive(t, m, keys("[")...) // back: held while following
	if s := status(); !strings.Contains(s, "following the presenter — B to browse") {
		t.Fatalf("held: status %q", s)
	}
	m = drive(t, m, keys("f")...)
	if m.fm.Browsing() {
		t.Fatal("f still browses after Browse was remapped to B")
	}
	m = drive(t, m, keys("B")...)
	if !m.fm.Browsing() {
		t.Fatal("B did not browse")
	}
	if s := status(); !strings.Contains(s, "browsing (presenter at 1/") || !strings.Contains(s, "U catch up") {
		t.Fatalf("browsing: status %q", s)
	}
	m = drive(t, m, keys("U")...)
	if m.fm.Browsing() || m.Current() != tour.Steps[0].Node {
		t.Fatalf("U did not catch up: browsing %v, current %q", m.fm.Browsing(), m.Current())
	}
	cue.Ended = true
	m = drive(t, m, cue)
	if s := status(); !strings.Contains(s, "the talk has ended · Q quit") {
		t.Fatalf("ended: status %q", s)
	}
}
