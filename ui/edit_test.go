package ui

import (
	"context"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// newSet runs crux new on the test article in a temporary folder and opens
// it for editing, as crux edit does.
func newSet(t *testing.T) (string, *author.Session) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "set")
	if _, err := author.New(context.Background(), filepath.Join("testdata", "authoring", "library.md"), author.NewOptions{Out: dir}); err != nil {
		t.Fatal(err)
	}
	s, err := author.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, s
}

// startEdit boots crux edit on a session at 160x45.
func startEdit(t *testing.T, s *author.Session) Model {
	t.Helper()
	return boot(t, New(s.Content(), Options{Theme: "dark", Session: s}), 160, 45)
}

// typeText types text one key at a time.
func typeText(m Model, t *testing.T, text string) Model {
	for _, r := range text {
		m = drive(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// addNode selects from the reading position (v, then the given moves,
// enter) or not at all (C), fills the form and saves.
func addNode(t *testing.T, m Model, moves []string, kindDowns int, summary string) Model {
	t.Helper()
	if moves != nil {
		m = drive(t, m, keys("A", "v")...)
		m = drive(t, m, keys(moves...)...)
		m = drive(t, m, keys("enter")...)
	} else {
		m = drive(t, m, keys("C")...)
	}
	if top, _ := m.stack.top(); top != layerForm {
		t.Fatalf("no form after selecting:\n%s", screen(m))
	}
	for range kindDowns {
		m = drive(t, m, keys("down")...)
	}
	m = drive(t, m, keys("enter")...) // kind
	m = typeText(m, t, summary)
	// summary, text, speaker; then rating and why (claims), tags, no new source
	n := 5
	if kindDowns > 0 {
		n = 3
	}
	for range n {
		m = drive(t, m, keys("enter")...)
	}
	m = drive(t, m, keys("enter")...)
	if top, ok := m.stack.top(); ok && top == layerForm {
		t.Fatalf("the form is still open:\n%s", screen(m))
	}
	return m
}

// TestEditBuildsASetFromNew builds a small set from a fresh crux new with
// the keys: three nodes (two from selections), two links, one tour step;
// quits, reopens the file, and the validator finds no error.
func TestEditBuildsASetFromNew(t *testing.T) {
	dir, s := newSet(t)
	m := startEdit(t, s)
	m = addNode(t, m, []string{")"}, 0, "The council keeps the library open until ten")
	m = addNode(t, m, []string{"j", "j", "j", "j", "j", "j", "w", "w"}, 1, "Late hours are a guess without a survey")
	m = addNode(t, m, nil, 2, "A one-year trial will count visits by hour")
	f := m.ed.snap.File
	if len(f.Nodes) != 3 {
		t.Fatalf("%d nodes, want 3: %s", len(f.Nodes), m.ed.status)
	}
	claim, skeptic, counter := f.Nodes[0].ID, f.Nodes[1].ID, f.Nodes[2].ID
	if len(f.Nodes[0].Anchors) != 1 || len(f.Nodes[1].Anchors) != 1 || len(f.Nodes[2].Anchors) != 0 {
		t.Fatalf("anchors: %+v", f.Nodes)
	}
	// Links: the skeptic attacks the claim, the counterpoint attacks the skeptic.
	link := func(m Model, from, to string) Model {
		m = goNode(t, m, from)
		m = drive(t, m, keys("L")...)
		m = typeText(m, t, to)
		m = drive(t, m, keys("enter")...)
		if top, _ := m.stack.top(); top != layerForm {
			t.Fatalf("no link form after picking %s:\n%s", to, screen(m))
		}
		m = drive(t, m, keys("enter")...) // attacks
		m = typeText(m, t, "because")
		return drive(t, m, keys("enter")...)
	}
	m = link(m, skeptic, claim)
	m = link(m, counter, skeptic)
	// A tour: T, n (new tour), title, id; then a adds the selected node.
	m = goNode(t, m, claim)
	m = drive(t, m, keys("T", "n")...)
	m = typeText(m, t, "The late library")
	m = drive(t, m, keys("enter", "enter")...)
	m = drive(t, m, keys("T", "a", "esc")...)
	m = drive(t, m, keys("q")...)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	c, fs := model.LoadFile(dir)
	if fs.Errors() != 0 || c == nil {
		t.Fatalf("reopened: %v", fs)
	}
	if n, l := len(c.Nodes()), len(c.File.Links); n != 3 || l != 2 {
		t.Fatalf("reopened: %d nodes, %d links", n, l)
	}
	if len(c.File.Tours) != 1 || len(c.File.Tours[0].Steps) != 1 || c.File.Tours[0].Steps[0].Node != claim {
		t.Fatalf("tours: %+v", c.File.Tours)
	}
}

// goNode makes node id the current and selected one, as following it does.
func goNode(t *testing.T, m Model, id string) Model {
	t.Helper()
	cmd := m.open(id)
	return drive(t, m, runCmd(cmd)...)
}

// TestToursPanelClosesAfterAChange: esc closes the tours panel after a
// step was added, and the next keys go to the explorer again.
func TestToursPanelClosesAfterAChange(t *testing.T) {
	_, s := newSet(t)
	m := startEdit(t, s)
	m = addNode(t, m, nil, 0, "A claim to tour")
	m = drive(t, m, keys("T", "n")...)
	m = typeText(m, t, "Tour")
	m = drive(t, m, keys("enter", "enter")...)
	m = drive(t, m, keys("T", "a")...)
	m = drive(t, m, keys("esc")...)
	if id, ok := m.stack.top(); ok {
		t.Fatalf("after esc layer %d is still open:\n%s", id, screen(m))
	}
}
