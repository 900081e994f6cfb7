package notesview

import (
	"strings"

	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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

// TestHintFollowsTheKeyMap remaps the list's keys: the footer names them.
func TestHintFollowsTheKeyMap(t *testing.T) {
	st := theme.New(true, true)
	m := New(&st)
	m.SetSize(80, 10)
	m.KeyMap.Filter = key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "filter"))
	m.KeyMap.Close = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "close"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "enter go to · F filter · # tag · x close") {
		t.Fatalf("footer does not follow the key map:\n%s", v)
	}
}
