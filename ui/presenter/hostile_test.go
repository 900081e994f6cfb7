package presenter

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/presentlink"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/theme"
)

// leaks are the sequences of testdata/hostile as they would look had they
// reached the terminal raw.
var leaks = []string{
	"\x1b]0;pwned", "\x1b]2;pwned", "\x1b]52;", "\x1b]8;;https://evil", "\x1b]8;id=",
	"\x1b[2J", "\x1b[?1049l", "\x1b[6n", "\x1bP+q", "\x1b_G", "\x1bc",
	"\u009b", "\u009d", "\u202e", "\u2066",
}

func hostile(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFile("../../testdata/hostile")
	if err := fs.Err(); err != nil || c == nil {
		t.Fatalf("hostile content set: %v", err)
	}
	return c
}

// audit fails when a screen holds a sequence crux did not make itself.
// The presenter and notes views make no links.
func audit(t *testing.T, where string, v tea.View) {
	t.Helper()
	for _, p := range leaks {
		if i := strings.Index(v.Content, p); i >= 0 {
			t.Fatalf("%s: payload %q reached the screen at byte %d:\n%s", where, p, i, v.Content)
		}
	}
	if err := safe.Audit(v.Content, nil); err != nil {
		t.Fatalf("%s: %v\n%s", where, err, v.Content)
	}
	if err := safe.Audit(v.WindowTitle, nil); err != nil || strings.Contains(v.WindowTitle, "\x1b") {
		t.Fatalf("%s: window title %q: %v", where, v.WindowTitle, err)
	}
}

// settle feeds the render results of cmd back into the presenter.
func settle(m Model, cmd tea.Cmd) Model {
	for range 20 {
		msgs := runBatch(cmd)
		if len(msgs) == 0 {
			return m
		}
		var cmds []tea.Cmd
		for _, msg := range msgs {
			tm, c := m.Update(msg)
			m = tm.(Model)
			cmds = append(cmds, c)
		}
		cmd = tea.Batch(cmds...)
	}
	return m
}

func TestPresenterShowsHostileContentAsPlaceholders(t *testing.T) {
	c := hostile(t)
	tour := c.File.Tours[0]
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {40, 12}} {
		m := New(c, Options{Styles: theme.New(true, false), Hub: present.NewHub()})
		tm, cmd := m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		m = settle(tm.(Model), cmd)
		shown := false
		for i := range tour.Steps {
			where := fmt.Sprintf("%dx%d step %d", sz[0], sz[1], i+1)
			audit(t, where, m.View())
			for range 4 {
				var cmd tea.Cmd
				m, cmd = press(m, "r")
				m = settle(m, cmd)
				audit(t, where+" revealed", m.View())
			}
			if strings.Contains(m.View().Content, "␛]") {
				shown = true
			}
			var cmd tea.Cmd
			m, cmd = press(m, "n")
			m = settle(m, cmd)
		}
		for _, k := range []string{"i", "esc", "?", "?", "b"} {
			var cmd tea.Cmd
			m, cmd = press(m, k)
			m = settle(m, cmd)
			audit(t, fmt.Sprintf("%dx%d after %s", sz[0], sz[1], k), m.View())
		}
		if !shown {
			t.Fatalf("%dx%d: no step showed the escape payloads as placeholders ␛]", sz[0], sz[1])
		}
	}
}

func TestNotesViewShowsHostileContentAsPlaceholders(t *testing.T) {
	c := hostile(t)
	tour := c.File.Tours[0]
	n := NewNotes(c, NotesOptions{Styles: theme.New(true, false)})
	tm, _ := n.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	n = tm.(Notes)
	shown := false
	for i := range tour.Steps {
		tm, cmd := n.Update(eventMsg{ok: true, e: presentlink.Event{Connected: true, HasState: true,
			State: present.State{TourID: tour.ID, Step: i, Revealed: 1}}})
		n = tm.(Notes)
		for _, msg := range runBatch(cmd) {
			if _, ok := msg.(eventMsg); ok {
				continue
			}
			tm, _ = n.Update(msg)
			n = tm.(Notes)
		}
		v := n.View()
		audit(t, fmt.Sprintf("notes step %d", i+1), v)
		if strings.Contains(v.Content, "Speaker notes") && strings.Contains(v.Content, "␛") {
			shown = true
		}
	}
	if !shown {
		t.Fatal("the notes view never showed the speaker notes with their placeholders")
	}
}
