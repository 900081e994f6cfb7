package presenter

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// TestHintsFollowTheKeyMap remaps quit, confirm and cancel: the screens'
// hints name the new keys (too small a terminal, a jump being typed).
func TestHintsFollowTheKeyMap(t *testing.T) {
	k := DefaultKeyMap()
	k.Quit = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "quit"))
	k.Confirm = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "go"))
	k.Cancel = key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "cancel"))
	m, _, _ := newTest(t, Options{Keys: &k})
	m, _ = press(m, "2")
	if v := screen(m); !strings.Contains(v, "(tab to go, ctrl+g to cancel)") {
		t.Fatalf("jump hint does not follow the key map:\n%s", v)
	}
	m = resize(m, 20, 5)
	if v := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(v, "x quits") {
		t.Fatalf("too small: %q", v)
	}
}
