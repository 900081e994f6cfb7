package noteedit

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/theme"
)

// TestHintsFollowTheKeyMap remaps the editor's and the tag input's keys:
// their hint lines, and the question before discarding, name the new keys.
func TestHintsFollowTheKeyMap(t *testing.T) {
	st := theme.New(true, true)
	discard := key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "discard changes"))
	yes := key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "yes, discard"))

	e := NewEditor(&st)
	e.KeyMap.Save = key.NewBinding(key.WithKeys("ctrl+w"), key.WithHelp("ctrl+w", "save and close"))
	e.KeyMap.Discard, e.KeyMap.Yes = discard, yes
	e.SetSize(80, 10)
	e.Open(Target{Node: "n"}, "a note", "")
	if v := ansi.Strip(e.View()); !strings.Contains(v, "ctrl+w saves · ctrl+x discards") || strings.Contains(v, "esc") {
		t.Fatalf("editor hint does not follow its key map:\n%s", v)
	}
	e.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	e.Update(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl})
	if v := ansi.Strip(e.View()); !strings.Contains(v, "ctrl+x/Y: yes") {
		t.Fatalf("editor's discard question does not follow its key map:\n%s", v)
	}

	g := NewTags(&st)
	g.KeyMap.Accept = key.NewBinding(key.WithKeys("ctrl+w"), key.WithHelp("ctrl+w", "save and close"))
	g.KeyMap.Discard, g.KeyMap.Yes = discard, yes
	g.SetSize(80, 3)
	g.Open("n", "tags", "")
	if v := ansi.Strip(g.View()); !strings.Contains(v, "ctrl+w saves · ctrl+x discards") {
		t.Fatalf("tag input hint does not follow its key map:\n%s", v)
	}
}
