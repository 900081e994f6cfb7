package presenter

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/presentlink"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/theme"
)

// follow feeds the notes view events from the link until its screen
// satisfies cond, and fails after five seconds.
func follow(t *testing.T, m Notes, events <-chan presentlink.Event, what string, cond func(Notes, string) bool) Notes {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		if s := ansi.Strip(m.View().Content); cond(m, s) {
			return m
		}
		select {
		case e, ok := <-events:
			tm, _ := m.Update(eventMsg{e: e, ok: ok})
			m = tm.(Notes)
		case <-deadline:
			t.Fatalf("notes view never showed %s:\n%s", what, ansi.Strip(m.View().Content))
		}
	}
}

func has(sub ...string) func(Notes, string) bool {
	return func(_ Notes, s string) bool {
		flat := strings.Join(strings.Fields(s), " ")
		for _, x := range sub {
			if !strings.Contains(flat, x) {
				return false
			}
		}
		return true
	}
}

// TestNotesFollowPresenter runs a presenter and a notes view in one process,
// linked through a Unix socket, across a presenter restart.
func TestNotesFollowPresenter(t *testing.T) {
	c := fixture()
	sock := filepath.Join(t.TempDir(), "p.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clk := &clock{t: t0}
	st := theme.New(true, true)

	events := presentlink.Follow(ctx, sock, 20*time.Millisecond)
	notes := NewNotes(c, NotesOptions{Styles: st, Now: clk.now, Events: events, Socket: sock})
	tm, _ := notes.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	notes = tm.(Notes)
	notes = follow(t, notes, events, "waiting", has("Waiting for `crux present`"))

	startPresenter := func() (Model, *presentlink.Link) {
		hub := present.NewHub()
		p := New(c, Options{Styles: st, Now: clk.now, Hub: hub, TourID: "main", Duration: 20 * time.Minute})
		link, err := presentlink.Listen(sock, hub)
		if err != nil {
			t.Fatal(err)
		}
		return resize(p, 80, 24), link
	}
	p, link := startPresenter()
	notes = follow(t, notes, events, "step 1's notes", has("following the presenter", "step 1/4", "Now: 1. ■ claim The headline number",
		"Ask who has **trained** a model.", "Revealed 0 of 2; next to reveal: ▲ The figure excludes prior research", "Next: 2. ▲ skeptic"))

	p, _ = press(p, "r")
	notes = follow(t, notes, events, "the reveal", has("Revealed 1 of 2; next to reveal: ● It is the final run's cost only"))

	clk.t = t0.Add(12 * time.Minute)
	p, _ = press(p, "n")
	notes = follow(t, notes, events, "step 2", has("step 2/4 ⏱ 12:00 / 20:00 · behind 2:00", "Now: 2. ▲ skeptic", "(no notes for this step)", "Next: 3. node \"ghost\" is missing"))

	_, _ = press(p, "q")
	if err := link.Close(); err != nil {
		t.Fatal(err)
	}
	notes = follow(t, notes, events, "the presenter quitting", func(m Notes, s string) bool {
		return has("The presenter has quit. Waiting for it to come back")(m, s) && !m.Connected()
	})

	p, link = startPresenter()
	defer link.Close()
	_, _ = press(p, "4 enter")
	notes = follow(t, notes, events, "the restarted presenter", has("following the presenter", "step 4/4", "Wrap up.", "Next: end of the tour"))
	if !notes.Connected() {
		t.Fatal("notes view is not connected after the presenter came back")
	}
}

func TestNotesWrongContent(t *testing.T) {
	m := NewNotes(fixture(), NotesOptions{Styles: theme.New(true, true)})
	tm, _ := m.Update(tea.WindowSizeMsg{Width: 60, Height: 12})
	tm, _ = tm.Update(eventMsg{ok: true, e: presentlink.Event{Connected: true, HasState: true, State: present.State{TourID: "other", Step: 2}}})
	if s := ansi.Strip(tm.View().Content); !has(`tour "other" step 3, which this content does not have`)(Notes{}, s) {
		t.Fatalf("notes for another content set:\n%s", s)
	}
	tm, _ = tm.Update(eventMsg{ok: false})
	if s := ansi.Strip(tm.View().Content); !has("Stopped following")(Notes{}, s) {
		t.Fatalf("after the link closed:\n%s", s)
	}
}

func TestNotesFits(t *testing.T) {
	for _, sz := range [][2]int{{5, 2}, {30, 8}, {44, 10}, {80, 24}, {200, 50}} {
		m := NewNotes(fixture(), NotesOptions{Styles: theme.New(true, true), Now: func() time.Time { return t0 }, Socket: "/run/user/1000/crux/present-0123456789abcdef.sock"})
		tm, _ := m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for _, e := range []presentlink.Event{{}, {Connected: true, HasState: true, State: present.State{TourID: "main", Started: t0, Duration: time.Hour}}} {
			tm, _ = tm.Update(eventMsg{ok: true, e: e})
			lines := strings.Split(tm.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Errorf("%v: %d lines", sz, len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > sz[0] {
					t.Errorf("%v: line too wide: %q", sz, ansi.Strip(l))
				}
			}
		}
	}
}
