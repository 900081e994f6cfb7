package finder

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/theme"
)

// TestFocus is the component contract: a blurred finder takes no key (not
// even esc), a focused one does, and Open focuses it.
func TestFocus(t *testing.T) {
	c := loadBikes(t)
	st := theme.New(true, false)
	m := New(c, NewIndex(c), &st)
	esc := tea.KeyPressMsg{Code: tea.KeyEscape}
	m, _ = m.Update(esc)
	if in := m.Intent(); in != nil || m.Focused() {
		t.Fatalf("blurred finder took esc: intent %v, focused %v", in, m.Focused())
	}
	m.Open()
	if !m.Focused() {
		t.Fatal("Open did not focus the finder")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if m.Value() != "x" {
		t.Fatalf("focused finder: value %q after x", m.Value())
	}
	m, _ = m.Update(esc)
	if _, ok := m.Intent().(CloseMsg); !ok {
		t.Fatal("focused finder: esc did not ask to close")
	}
	m.Blur()
	m, _ = m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if m.Value() != "x" || m.Focused() {
		t.Fatalf("blurred finder typed: value %q", m.Value())
	}
}
