package ui

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/crux-news/crux/notes"
)

// screenTerm replays the program's output on a virtual terminal, so that
// tests read the screen a person would see rather than the renderer's diffs.
type screenTerm struct {
	vt  *vt.Emulator
	fed int // bytes of the current WaitFor buffer already written
}

func newScreenTerm(w, h int) *screenTerm {
	e := vt.NewEmulator(w, h)
	go func() { _, _ = io.Copy(io.Discard, e) }() // answers to terminal queries
	return &screenTerm{vt: e}
}

// waitText waits until s is on the screen.
func (st *screenTerm) waitText(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	st.wait(t, tm, func(screen string) bool { return strings.Contains(screen, s) })
}

// wait waits until the screen satisfies ok.
func (st *screenTerm) wait(t *testing.T, tm *teatest.TestModel, ok func(screen string) bool) {
	t.Helper()
	st.fed = 0
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		// The program writes to a terminal whose driver turns \n into
		// \r\n (ONLCR); do the same here.
		_, _ = st.vt.Write(bytes.ReplaceAll(b[st.fed:], []byte("\n"), []byte("\r\n")))
		st.fed = len(b)
		return ok(st.vt.String())
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func send(tm *teatest.TestModel, ks ...string) {
	for _, k := range keys(ks...) {
		tm.Send(k)
	}
}

// TestEndToEnd runs the explorer as a program: it opens, a claim is
// selected, a skeptic position is followed to its counterpoint, back goes
// back, search jumps, and q quits.
func TestEndToEnd(t *testing.T) {
	c := loadBikes(t)
	tm := teatest.NewTestModel(t, ptr(New(c, Options{Theme: "dark"})),
		teatest.WithInitialTermSize(160, 45),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))

	scr := newScreenTerm(160, 45)
	scr.waitText(t, tm, "■ claim  claim-vote") // the detail pane shows the first claim
	send(tm, "j")
	scr.waitText(t, tm, "■ claim  claim-cheapest")
	send(tm, "tab", "enter")
	scr.waitText(t, tm, "▲ skeptic  skeptic-parking")
	send(tm, "tab", "enter")
	scr.waitText(t, tm, "● counter  counter-footfall")
	scr.waitText(t, tm, "› ● Cyclists shop more") // breadcrumb claim › skeptic › counterpoint
	send(tm, "backspace")
	// Back to the skeptic position as the current node (the breadcrumb ends
	// there), with the counterpoint that was selected still selected.
	scr.wait(t, tm, func(screen string) bool {
		return strings.Contains(screen, "› ▲ Lost parking will keep") && !strings.Contains(screen, "› ● Cyclists")
	})
	send(tm, "/", "five years")
	// Wait for the results of the whole query, as a person reads them.
	scr.wait(t, tm, func(screen string) bool {
		return strings.Contains(screen, "▸ ● counter The report's five-year series") && !strings.Contains(screen, "searching…")
	})
	send(tm, "enter")
	scr.waitText(t, tm, "● counter  counter-five-years")
	send(tm, "q")

	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if fm.Current() != "counter-five-years" {
		t.Fatalf("after search: current %q", fm.Current())
	}
	want := []string{"claim-cheapest", "skeptic-parking", "counter-five-years"}
	got := fm.History()
	if len(got) != len(want) {
		t.Fatalf("history %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("history %v, want %v", got, want)
		}
	}
}

// TestQuitRightAfterChangesKeepsThemInOrder types two stances and quits at
// once, as a hurried student would. The program does not wait for running
// commands, so the changes must be queued in key order and flushed by Close.
func TestQuitRightAfterChangesKeepsThemInOrder(t *testing.T) {
	c := loadBikes(t)
	path := filepath.Join(t.TempDir(), "notes.json")
	tm := teatest.NewTestModel(t, ptr(New(c, Options{Theme: "dark", Notes: openStore(t, c, path)})),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	send(tm, "1", "2", "3", "4", "2", "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if err := fm.Close(); err != nil {
		t.Fatal(err)
	}
	got := openStore(t, c, path).ForNode("claim-vote")
	if len(got) != 1 || got[0].Stance() != notes.Disagree {
		t.Fatalf("after 1 2 3 4 2 q the stance on disk is %v, want the last key's (disagree)", got)
	}
}
