package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

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

// editor drives crux edit as a program on a virtual terminal.
type editor struct {
	t   *testing.T
	tm  *teatest.TestModel
	scr *screenTerm
}

func runEdit(t *testing.T, s *author.Session) *editor {
	tm := teatest.NewTestModel(t, ptr(New(s.Content(), Options{Theme: "dark", Session: s})),
		teatest.WithInitialTermSize(160, 45),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return &editor{t: t, tm: tm, scr: newScreenTerm(160, 45)}
}

// keys sends keys, then waits until the screen shows want.
func (e *editor) keys(want string, ks ...string) {
	e.t.Helper()
	send(e.tm, ks...)
	e.scr.waitText(e.t, e.tm, want)
}

// field answers one field of a form: it waits for the field to have the
// focus (huh marks it with ┃), types text, and presses enter.
func (e *editor) field(title, text string) {
	e.t.Helper()
	e.scr.waitText(e.t, e.tm, "┃ "+title)
	if text != "" {
		send(e.tm, text)
		e.scr.waitText(e.t, e.tm, text)
	}
	send(e.tm, "enter")
}

// pick types a query in the finder and waits for its whole result, with
// row on top.
func (e *editor) pick(query, row string) {
	e.t.Helper()
	send(e.tm, query)
	e.scr.wait(e.t, e.tm, func(screen string) bool {
		return strings.Contains(screen, row) && !strings.Contains(screen, "searching…")
	})
}

// node fills the node form: kind (0 claim, 1 skeptic, 2 counterpoint),
// summary, and for claims a rating; no tags, no new source.
func (e *editor) node(kind int, summary string) {
	e.t.Helper()
	e.nodeFrom(0, kind, summary)
}

// nodeFrom is node when the kind starts at from (C starts at a skeptic
// position: a claim needs a passage).
func (e *editor) nodeFrom(from, kind int, summary string) {
	e.t.Helper()
	e.scr.waitText(e.t, e.tm, "┃ Kind")
	for range kind - from {
		send(e.tm, "down")
	}
	send(e.tm, "enter")
	e.field("Summary", summary)
	e.field("Text", "")
	e.field("Speaker", "")
	if kind == 0 {
		e.field("Rating", "Unverified")
		e.field("Why this rating", "")
	}
	e.field("Tags", "")
	e.field("Add a new source?", "")
	e.scr.waitText(e.t, e.tm, `added `+[]string{"claim", "skeptic", "counterpoint"}[kind]+` "`)
}

// TestEditBuildsASetFromNew builds a small set from a fresh crux new with
// the keys, as a program: three nodes (two from selections, one with no
// passage), two links picked in the finder, one tour step; it quits,
// reopens the file, and the validator finds no error.
func TestEditBuildsASetFromNew(t *testing.T) {
	dir, s := newSet(t)
	e := runEdit(t, s)
	e.scr.waitText(t, e.tm, "No claims in this content set.")
	// A claim: the first sentence of the paragraph at the top (after the
	// title and byline: four lines down).
	e.keys("selecting", "A", "j", "j", "j", "j", "v", ")")
	e.keys("┃ Kind", "enter")
	e.node(0, "The library stays open until ten")
	// A skeptic position: from the reading position, five words.
	e.keys("selecting 1 word ", "A", "v")
	e.keys("selecting 5 words", "w", "w", "w", "w")
	e.keys("┃ Kind", "enter")
	e.node(1, "Nobody asked the students")
	// A counterpoint with no passage.
	e.keys("┃ Kind", "C")
	e.nodeFrom(1, 2, "The trial counts visits by hour")
	// The skeptic position attacks the claim; the counterpoint attacks the
	// skeptic position (the counterpoint is selected now).
	e.keys("Link counter-trial-counts-visits-hour to", "L")
	e.pick("Nobody asked", "▸ ▲ skeptic Nobody asked")
	e.keys("┃ counter-trial-counts-visits-hour", "enter")
	send(e.tm, "enter")
	e.field("Note", "the trial will tell")
	e.scr.waitText(t, e.tm, `linked "counter-trial-counts-visits-hour" attacks`)
	e.keys("Search", "/")
	e.pick("Nobody asked", "▸ ▲ skeptic Nobody asked")
	e.keys("▲ skeptic  skeptic-nobody-asked-students", "enter")
	e.keys("Link skeptic-nobody-asked-students to", "L")
	e.pick("stays open", "▸ ■ claim The library stays open")
	e.keys("┃ skeptic-nobody-asked-students", "enter")
	send(e.tm, "enter")
	e.field("Note", "")
	e.scr.waitText(t, e.tm, `linked "skeptic-nobody-asked-students`)
	// Rename the counterpoint: e, a new id, and the rest of the form as it is.
	e.keys("Search", "/")
	e.pick("trial counts", "▸ ● counter The trial counts")
	e.keys("● counter  counter-trial-counts-visits-hour", "enter")
	e.keys("┃ Id", "e")
	e.field("Id", "-by-hour")
	for _, f := range []string{"Summary", "Text", "Speaker", "Tags", "Add a new source?"} {
		e.field(f, "")
	}
	e.scr.waitText(t, e.tm, `renamed "counter-trial-counts-visits-hour"`)
	e.keys("/", "/")
	e.pick("Nobody asked", "▸ ▲ skeptic Nobody asked")
	e.keys("▲ skeptic  skeptic-nobody-asked-students", "enter")
	// A tour with the skeptic position as its first step.
	e.keys("There is no tour yet", "T")
	e.keys("┃ Tour title", "n")
	e.field("Tour title", "The late library")
	e.field("Id", "")
	e.keys("No steps yet", "")
	e.keys("1. (no title) — skeptic-nobody-asked-students", "a")
	e.keys("Skeptic positions (1/1)", "esc")
	send(e.tm, "q")
	fm := e.tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if err := fm.Close(); err != nil {
		t.Fatal(err)
	}
	c, fs := model.LoadFile(dir)
	if fs.Errors() != 0 || c == nil {
		t.Fatalf("reopened: %v", fs)
	}
	if n, l := len(c.Nodes()), len(c.File.Links); n != 3 || l != 2 {
		t.Fatalf("reopened: %d nodes, %d links", n, l)
	}
	if got := c.Nodes()[0].Anchors; len(got) != 1 || !strings.HasPrefix(got[0].Exact, "Riverside's town council voted") {
		t.Fatalf("the claim's anchor: %+v", got)
	}
	if n := c.Node("counter-trial-counts-visits-hour"); n == nil || n.ID != "counter-trial-counts-visits-hour-by-hour" || len(c.LinksFrom(n.ID)) != 1 {
		t.Fatalf("the renamed counterpoint: %+v", n)
	}
	if len(c.File.Tours) != 1 || len(c.File.Tours[0].Steps) != 1 || !strings.HasPrefix(c.File.Tours[0].Steps[0].Node, "skeptic-") {
		t.Fatalf("tours: %+v", c.File.Tours)
	}
}

// TestOnlyEditSelectsText: crux edit's passage selection holds the article
// (v selects its first word); the explorer, which never selects, holds none
// of it, also after a reload replaced the content.
func TestOnlyEditSelectsText(t *testing.T) {
	_, s := newSet(t)
	ed := New(s.Content(), Options{Theme: "dark", Session: s})
	ed.ed.sel.Begin(0)
	if start, end := ed.ed.sel.Range(); end <= start {
		t.Fatalf("crux edit selects runes [%d, %d) at the article's start, want its first word", start, end)
	}
	ex := New(s.Content(), Options{Theme: "dark"})
	ex.replaceContent(s.Content())
	ex.ed.sel.Begin(0)
	if start, end := ex.ed.sel.Range(); end > start {
		t.Fatalf("the explorer's selection holds text: runes [%d, %d)", start, end)
	}
}
