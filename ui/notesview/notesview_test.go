package notesview

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/theme"
)

// TestFocus is the component contract: a blurred notes list takes no key,
// a focused one does.
func TestFocus(t *testing.T) {
	st := theme.New(true, false)
	m := New(&st)
	m.SetSize(80, 20)
	m.SetRows(nil, []Row{{Node: "a", Start: -1, Text: "a"}, {Node: "b", Start: -1, Text: "b"}})
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	m, _ = m.Update(enter)
	if in := m.Intent(); in != nil {
		t.Fatalf("blurred view took enter: %v", in)
	}
	if cmd := m.Focus(); cmd != nil || !m.Focused() {
		t.Fatal("Focus did not focus the view")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	m, _ = m.Update(enter)
	if in, ok := m.Intent().(JumpMsg); !ok || in.Node != "b" {
		t.Fatalf("focused view: j enter asked %v, want a jump to b", in)
	}
	m.Blur()
	m, _ = m.Update(tea.KeyPressMsg{Code: 'k', Text: "k"})
	m, _ = m.Update(enter)
	if in := m.Intent(); in != nil || m.Focused() {
		t.Fatalf("blurred view took keys: %v", in)
	}
}
