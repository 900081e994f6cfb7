package followmode

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func press(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }

// TestIntents is the component's whole contract: cues move a following
// viewer and wait for a browsing one; keys that would move are held, the
// rest may only scroll; a blurred or not-following mode passes every key.
func TestIntents(t *testing.T) {
	m := New(true)
	m.KeyMap.Moves = []key.Binding{key.NewBinding(key.WithKeys("["))}
	m.KeyMap.NextPane = key.NewBinding(key.WithKeys("tab"))
	c := CueMsg{Step: 1, Steps: 3, Node: "n1", Revealed: 1}
	m.Update(c)
	if in, ok := m.Intent().(MoveMsg); !ok || in.Cue != Cue(c) {
		t.Fatalf("cue while following: intent %v", in)
	}
	m.Update(press("["))
	if _, ok := m.Intent().(HeldMsg); !ok || !m.held {
		t.Fatal("a move key was not held while following")
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if in := m.Intent(); in != nil {
		t.Fatalf("tab while following: intent %v, want it passed", in)
	}
	m.Update(press("j"))
	if _, ok := m.Intent().(ScrollMsg); !ok {
		t.Fatal("j while following is not scroll-only")
	}
	m.Update(press("f"))
	if _, ok := m.Intent().(FreeMsg); !ok || !m.Browsing() || m.Frozen() {
		t.Fatal("f did not browse")
	}
	m.Update(CueMsg{Step: 2, Steps: 3, Node: "n2", Blank: true})
	if in := m.Intent(); in != nil || m.Blank() {
		t.Fatalf("cue while browsing: intent %v, blank %v", in, m.Blank())
	}
	m.Update(press("j"))
	if in := m.Intent(); in != nil {
		t.Fatalf("j while browsing: intent %v", in)
	}
	m.Update(press("c"))
	if in, ok := m.Intent().(MoveMsg); !ok || in.Cue.Node != "n2" || !m.Blank() {
		t.Fatalf("c did not catch up with the latest cue: %v", in)
	}
	m.Blur()
	m.Update(press("f"))
	if m.Intent() != nil || m.Browsing() {
		t.Fatal("a blurred follow mode took f")
	}
	if cmd := m.Focus(); cmd != nil || !m.Focused() {
		t.Fatal("Focus")
	}
	off := New(false)
	off.Update(press("f"))
	off.Update(CueMsg{Node: "n1"})
	if off.Intent() != nil || off.View() != "" {
		t.Fatal("an explorer that does not follow reacted")
	}
}
