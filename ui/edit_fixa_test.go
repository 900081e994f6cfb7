package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// invalidChange makes a change the session keeps but cannot write.
func invalidChange(t *testing.T, m Model, claim string) Model {
	t.Helper()
	return drive(t, m, runCmd(m.change(func(s *author.Session) (author.Result, error) {
		return s.AddLink(model.Link{From: claim, To: "claim-nowhere", Type: model.Supports})
	}, ""))...)
}

// TestQuitAsksWhenUnsaved: q with a change kept but not written asks,
// saying how many errors stop it; n stays; y quits. The reason of "kept, not saved" shows at 120 columns.
func TestQuitAsksWhenUnsaved(t *testing.T) {
	_, s, claim, _ := smallSet(t)
	m := boot(t, New(s.Content(), Options{Theme: "dark", Session: s}), 120, 30)
	if _, cmd := m.Update(keys("q")[0]); cmd == nil || !isQuit(cmd) {
		t.Fatal("q with nothing unsaved did not quit")
	}
	m = invalidChange(t, m, claim)
	mustContain(t, ansi.Strip(screen(m)), "kept, not saved: 1 error (F shows")
	next, cmd := m.Update(keys("q")[0])
	m = *next.(*Model)
	if cmd != nil && isQuit(cmd) {
		t.Fatal("q quit with an unsaved change")
	}
	st := ansi.Strip(screen(m))
	mustContain(t, st, "Quit?")
	mustContain(t, st, "1 error keeps them")
	m = drive(t, m, keys("n")...)
	if top, open := m.stack.top(); open && top == layerConfirm {
		t.Fatal("n did not close the question")
	}
	m = drive(t, m, keys("q")...)
	if _, cmd := m.Update(keys("y")[0]); cmd == nil || !isQuit(cmd) {
		t.Fatal("y did not quit")
	}
}

// isQuit reports whether cmd quits (runCmd drops tea.QuitMsg).
func isQuit(cmd tea.Cmd) bool {
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if c != nil && isQuit(c) {
				return true
			}
		}
	}
	return false
}

// TestEditHintsShowAt80And120: when crux edit opens, the status line
// offers v, C and L at 120 columns, and v and C at 80.
func TestEditHintsShowAt80And120(t *testing.T) {
	_, s, _, _ := smallSet(t)
	for _, tc := range []struct {
		w    int
		want []string
	}{{120, []string{"v select", "C new node", "L link"}}, {80, []string{"v select", "C new node"}}} {
		m := boot(t, New(s.Content(), Options{Theme: "dark", Session: s}), tc.w, 24)
		lines := strings.Split(ansi.Strip(screen(m)), "\n")
		last := lines[len(lines)-1]
		for _, w := range tc.want {
			if !strings.Contains(last, w) {
				t.Errorf("%d columns: the status line %q does not offer %q", tc.w, last, w)
			}
		}
	}
}

// TestLinkPickerOffersOnlyOtherNodes: L opens a picker titled for the
// link, listing the other nodes, never paragraphs or the node itself.
func TestLinkPickerOffersOnlyOtherNodes(t *testing.T) {
	_, s, claim, skeptic := smallSet(t)
	m := startEdit(t, s)
	m = goNode(t, m, claim)
	m = drive(t, m, keys("L")...)
	st := ansi.Strip(screen(m))
	mustContain(t, st, "Link "+claim+" to")
	if strings.Contains(st, "skeptic: h100") {
		t.Fatal("the link picker shows the search's example placeholder")
	}
	// The set has a claim, a skeptic position and the article's
	// paragraphs: from the claim, the skeptic position is the one target.
	it, ok := m.finder.Selected()
	if n := len(m.finder.Results()); n != 1 || !ok || it.Node == nil || it.Node.ID != skeptic {
		t.Fatalf("%d link targets, the first %+v; want only %s", n, it, skeptic)
	}
}

// TestCtrlCInAFormAsksAndKeepsTheText: ctrl+c in a node form the user
// typed in asks before quitting; n goes back to the form with the text
// still there; ctrl+c then y quits. (A program: typing starts huh's cursor
// blinking, which drive would follow for ever.)
func TestCtrlCInAFormAsksAndKeepsTheText(t *testing.T) {
	_, s, _, _ := smallSet(t)
	e := runEdit(t, s)
	e.keys("┃ Kind", "C")
	send(e.tm, "tab")
	e.scr.waitText(t, e.tm, "┃ Summary")
	e.keys("Library hours", "Library hours")
	e.keys("What you typed in this form is not saved yet", "ctrl+c")
	send(e.tm, "n")
	e.scr.wait(t, e.tm, func(scr string) bool {
		return strings.Contains(scr, "┃ Summary") && strings.Contains(scr, "Library hours") && !strings.Contains(scr, "not saved yet")
	})
	e.keys("What you typed in this form is not saved yet", "ctrl+c")
	send(e.tm, "y")
	e.tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// TestCtrlCAsksWhenUnsaved: ctrl+c in an untouched form quits at once;
// over the panes it asks when a change is kept but not written, as q does.
func TestCtrlCAsksWhenUnsaved(t *testing.T) {
	_, s, claim, _ := smallSet(t)
	m := startEdit(t, s)
	ctrlC := keys("ctrl+c")[0]
	m = drive(t, m, keys("C")...)
	if _, cmd := m.Update(ctrlC); cmd == nil || !isQuit(cmd) {
		t.Fatal("ctrl+c in an untouched form did not quit")
	}
	m = drive(t, m, keys("esc")...)
	m = invalidChange(t, m, claim)
	next, cmd := m.Update(ctrlC)
	m = *next.(*Model)
	if cmd != nil && isQuit(cmd) {
		t.Fatal("ctrl+c quit with an unsaved change")
	}
	mustContain(t, ansi.Strip(screen(m)), "1 error keeps them")
}

// TestToursHintsFitAt80: at 80x24 the tours panel's hint line and the
// status line show the panel's keys whole, in short words, the line cut
// by help's "…" and never mid-word; the node a adds is named above.
func TestToursHintsFitAt80(t *testing.T) {
	_, s, claim, skeptic := smallSet(t)
	for _, op := range []func() (author.Result, error){
		func() (author.Result, error) {
			return s.NewTour("tour-late-library-stays-open", "Should the library stay open late?")
		},
		func() (author.Result, error) {
			return s.AddStep("tour-late-library-stays-open", -1, model.TourStep{Node: claim, Title: "The claim"})
		},
		func() (author.Result, error) {
			return s.AddStep("tour-late-library-stays-open", 0, model.TourStep{Node: skeptic, Title: "A doubt"})
		},
	} {
		if _, err := op(); err != nil {
			t.Fatal(err)
		}
	}
	m := boot(t, New(s.Content(), Options{Theme: "dark", Session: s}), 80, 24)
	m = goNode(t, m, claim)
	m = drive(t, m, keys("T")...)
	lines := strings.Split(ansi.Strip(screen(m)), "\n")
	scr := strings.Join(lines, "\n")
	mustContain(t, scr, "(tour-late-library-stays-open), tour 1 of") // the heading wraps
	mustContain(t, scr, "a adds "+claim+" after the cursor.")
	mustContain(t, scr, "│a add step · J/K move · e edit · x remove · enter go · esc close …")
	if status := lines[len(lines)-1]; !strings.Contains(status, "a add step · J/K move") {
		t.Fatalf("the status line has no tours hints: %q", status)
	}
}
