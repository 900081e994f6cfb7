package followscreen

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/theme"
)

func TestScreensCentreTheirMessage(t *testing.T) {
	st := theme.New(true, true)
	b := New(Blank, &st)
	b.SetSize(60, 9)
	lines := strings.Split(ansi.Strip(b.View()), "\n")
	if len(lines) != 9 || !strings.Contains(lines[4], "The presenter has blanked the screen.") {
		t.Fatalf("blank screen:\n%s", strings.Join(lines, "\n"))
	}
	e := New(Ended, &st)
	e.SetSize(60, 9)
	if v := ansi.Strip(e.View()); !strings.Contains(v, "Thank you for following.") || strings.Contains(v, "leaves") {
		t.Fatalf("ended screen without a quit key:\n%s", v)
	}
	e.KeyMap.Quit = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "quit"))
	if v := ansi.Strip(e.View()); !strings.Contains(v, "Thank you for following. x leaves.") {
		t.Fatalf("ended screen does not name the quit key:\n%s", v)
	}
	// Narrow: the message wraps instead of being cut.
	e.SetSize(20, 9)
	if v := ansi.Strip(e.View()); !strings.Contains(v, "ended the") || !strings.Contains(v, "x leaves.") {
		t.Fatalf("narrow ended screen:\n%s", v)
	}
}
