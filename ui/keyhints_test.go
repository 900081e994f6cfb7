package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestHintsComeFromTheKeyMap: the root's own hints (the detail pane's "no
// note yet", the too-small screen) name the keys of the KeyMap, so that a
// rebound key is what they say.
func TestHintsComeFromTheKeyMap(t *testing.T) {
	m, _ := startWithNotes(t, filepath.Join(t.TempDir(), "notes.json"))
	flat := func(s string) string { return strings.Join(strings.Fields(ansi.Strip(s)), " ") }
	if s := flat(m.detail.View()); !strings.Contains(s, "No note yet: a writes one, 1-4 set a stance, t tags it.") {
		t.Fatalf("detail:\n%s", s)
	}
	m.keys.Annotate = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "note"))
	m.keys.Quit = key.NewBinding(key.WithKeys("Q"), key.WithHelp("Q", "quit"))
	if got := strings.Join(m.noteLines(m.selected), " "); !strings.Contains(got, "No note yet: x writes one") {
		t.Fatalf("rebound annotate key: %q", got)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 29, Height: 8})
	if s := flat(screen(m)); !strings.Contains(s, "press Q to quit") {
		t.Fatalf("too small:\n%s", s)
	}
}
