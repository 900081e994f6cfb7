package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
)

// smallSet is a fresh set with a claim (anchored), a skeptic position that
// attacks it, made through the engine.
func smallSet(t *testing.T) (string, *author.Session, string, string) {
	t.Helper()
	dir, s := newSet(t)
	a, err := s.QuoteAnchor("keep the Carnegie library on Mill Street open", 0)
	if err != nil {
		t.Fatal(err)
	}
	must := func(_ author.Result, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.AddNode(model.Node{ID: "claim-open", Kind: model.KindClaim, Summary: "The library stays open", Anchors: []model.Anchor{a}}))
	must(s.AddNode(model.Node{ID: "skeptic-guess", Kind: model.KindSkeptic, Summary: "It is a guess"}))
	must(s.AddLink(model.Link{From: "skeptic-guess", To: "claim-open", Type: model.Attacks}))
	return dir, s, "claim-open", "skeptic-guess"
}

func onDisk(t *testing.T, dir, id string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(b), `"id": "`+id+`"`)
}

var ctrlR = tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}

// TestDeleteAsksFirstThenUndoRedo: X asks and says the links go; n keeps
// the node; y deletes it on disk; u brings it back; ctrl+r deletes again.
func TestDeleteAsksFirstThenUndoRedo(t *testing.T) {
	dir, s, claim, _ := smallSet(t)
	m := startEdit(t, s)
	m = goNode(t, m, claim)
	m = drive(t, m, keys("X")...)
	if top, _ := m.stack.top(); top != layerConfirm {
		t.Fatalf("X opened no confirmation:\n%s", screen(m))
	}
	mustContain(t, ansi.Strip(screen(m)), "Its 1 link and 0 tour steps go with it")
	m = drive(t, m, keys("n")...)
	if _, open := m.stack.top(); open || !onDisk(t, dir, claim) || m.c.Node(claim) == nil {
		t.Fatalf("n deleted or stayed open")
	}
	m = drive(t, m, keys("X", "y")...)
	if onDisk(t, dir, claim) || m.c.Node(claim) != nil {
		t.Fatalf("y did not delete: %s", m.ed.status)
	}
	mustContain(t, ansi.Strip(screen(m)), `deleted claim "claim-open", 1 link`)
	m = drive(t, m, keys("u")...)
	if !onDisk(t, dir, claim) || m.c.Node(claim) == nil || len(m.c.LinksTo(claim)) != 1 {
		t.Fatalf("u did not bring the node and its link back: %s", m.ed.status)
	}
	m = drive(t, m, ctrlR)
	if onDisk(t, dir, claim) || m.c.Node(claim) != nil {
		t.Fatalf("ctrl+r did not delete again: %s", m.ed.status)
	}
}

// TestInvalidChangeIsKeptAndFindingsGoToTheNode: a change with an error is
// kept but not written; the status says so; F lists the finding with its
// node; enter goes there.
func TestInvalidChangeIsKeptAndFindingsGoToTheNode(t *testing.T) {
	dir, s, claim, skeptic := smallSet(t)
	before, _ := os.ReadFile(filepath.Join(dir, "claims.json"))
	m := startEdit(t, s)
	m = goNode(t, m, skeptic)
	m = drive(t, m, runCmd(m.change(func(s *author.Session) (author.Result, error) {
		return s.AddLink(model.Link{From: claim, To: "claim-nowhere", Type: model.Supports})
	}, ""))...)
	after, _ := os.ReadFile(filepath.Join(dir, "claims.json"))
	if string(before) != string(after) {
		t.Fatal("an invalid change was written")
	}
	st := ansi.Strip(screen(m))
	mustContain(t, st, "kept, not saved: 1 error (F shows")
	m = drive(t, m, keys("F")...)
	st = ansi.Strip(screen(m))
	mustContain(t, st, "[claim-open]")
	mustContain(t, st, "claim-nowhere")
	m = drive(t, m, keys("enter")...)
	if m.Current() != claim {
		t.Fatalf("enter on the finding: current %q, want %q", m.Current(), claim)
	}
	// u takes the invalid change back: nothing left to fix.
	m = drive(t, m, keys("u")...)
	if n := m.ed.snap.Findings.Errors(); n != 0 {
		t.Fatalf("after u: %d errors", n)
	}
}

// reloadMsg waits for the watcher's next message; the watcher is closed
// first so that the Next the explorer asks for next returns at once.
func reloadMsg(t *testing.T, w *watch.Watcher) tea.Msg {
	t.Helper()
	msg := w.Next()()
	w.Close()
	return msg
}

// TestLiveReloadKeepsThePlaceAndShowsFindings: crux DIR shows a change
// made to claims.json in another editor, on the same node; an article edit
// that breaks a quote shows that finding and keeps the last good version.
func TestLiveReloadKeepsThePlaceAndShowsFindings(t *testing.T) {
	dir, s, claim, skeptic := smallSet(t)
	w, err := watch.Start(dir, 20e6)
	if err != nil {
		t.Fatal(err)
	}
	m := boot(t, New(s.Content(), Options{Theme: "dark"}), 160, 45)
	m.ed.watch = w
	m = goNode(t, m, skeptic)
	// Someone edits the skeptic position's summary.
	other, err := author.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.EditNode(skeptic, func(n *model.Node) error { n.Summary = "Nobody counted the students"; return nil }); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, reloadMsg(t, w))
	if m.Current() != skeptic {
		t.Fatalf("current %q after the reload, want %q", m.Current(), skeptic)
	}
	mustContain(t, ansi.Strip(screen(m)), "Nobody counted the students")

	// The article loses the claim's quote.
	w2, err := watch.Start(dir, 20e6)
	if err != nil {
		t.Fatal(err)
	}
	m.ed.watch = w2
	art := filepath.Join(dir, "article.md")
	b, _ := os.ReadFile(art)
	if err := os.WriteFile(art, []byte(strings.Replace(string(b), "Carnegie library", "old library", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, reloadMsg(t, w2))
	st := ansi.Strip(screen(m))
	mustContain(t, st, "1 error")
	mustContain(t, st, "Nobody counted the students") // the last good version stays
	m = drive(t, m, keys("F")...)
	st = ansi.Strip(screen(m))
	mustContain(t, st, "error")
	mustContain(t, st, "is not in article.md")
	mustContain(t, st, "[claim-open]") // the node the finding concerns
	_ = claim
}

// goNode makes node id the current and selected one, as following it does.
func goNode(t *testing.T, m Model, id string) Model {
	t.Helper()
	cmd := m.open(id)
	return drive(t, m, runCmd(cmd)...)
}

// TestToursPanelRemovesStepsAndCloses: x removes the step under the
// cursor, each press the next one; esc closes the panel.
func TestToursPanelRemovesStepsAndCloses(t *testing.T) {
	_, s, claim, skeptic := smallSet(t)
	if _, err := s.NewTour("main", "Main"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{claim, skeptic, claim} {
		if _, err := s.AddStep("main", 99, model.TourStep{Node: id}); err != nil {
			t.Fatal(err)
		}
	}
	m := startEdit(t, s)
	m = drive(t, m, keys("T", "x", "x")...)
	if n := len(m.ed.snap.File.Tours[0].Steps); n != 1 {
		t.Fatalf("%d steps after x x, want 1", n)
	}
	m = drive(t, m, keys("esc")...)
	if id, open := m.stack.top(); open {
		t.Fatalf("esc left layer %d open:\n%s", id, ansi.Strip(screen(m)))
	}
}

// TestMouseDragSelectsAPassage: pressing in the article and dragging
// selects whole words from the press to the pointer; enter opens the form
// with that passage.
func TestMouseDragSelectsAPassage(t *testing.T) {
	_, s := newSet(t)
	m := startEdit(t, s)
	in := m.lay.inner[focusArticle]
	tm := m.article.TextMap()
	line, col, ok := tm.Cell(0) // the title's first rune
	if !ok {
		t.Fatal("no text map: the article is not selectable")
	}
	y := in.y + line - m.article.Offset()
	m = drive(t, m, tea.MouseClickMsg{X: in.x + col, Y: y, Button: tea.MouseLeft})
	m = drive(t, m, tea.MouseMotionMsg{X: in.x + col + 19, Y: y, Button: tea.MouseLeft})
	m = drive(t, m, tea.MouseReleaseMsg{X: in.x + col + 19, Y: y, Button: tea.MouseLeft})
	if top, _ := m.stack.top(); top != layerSelect {
		t.Fatalf("a drag did not start a selection")
	}
	if got := m.ed.sel.Text(); got != "Riverside council votes" {
		t.Fatalf("dragged over %q", got)
	}
	m = drive(t, m, keys("enter")...)
	if top, _ := m.stack.top(); top != layerForm || !strings.Contains(ansi.Strip(screen(m)), "“Riverside council votes”") {
		t.Fatalf("enter after a drag:\n%s", ansi.Strip(screen(m)))
	}
}

// TestHelpListsTheModesKeys: ? lists the authoring keys over the panes,
// and the selection's keys while selecting.
func TestHelpListsTheModesKeys(t *testing.T) {
	_, s, _, _ := smallSet(t)
	m := startEdit(t, s)
	m = drive(t, m, keys("?")...)
	st := ansi.Strip(screen(m))
	mustContain(t, st, "Authoring (crux edit)")
	mustContain(t, st, "select a passage")
	m = drive(t, m, keys("esc", "A", "v", "?")...)
	st = ansi.Strip(screen(m))
	mustContain(t, st, "Selecting a passage")
	mustContain(t, st, "a sentence further")
}

// TestEditTellsItsOwnWritesFromOthers: in crux edit, the watcher's reload
// of the session's own write changes nothing; another editor's change is
// taken in and shown, at the same place.
func TestEditTellsItsOwnWritesFromOthers(t *testing.T) {
	dir, s, claim, skeptic := smallSet(t)
	m := startEdit(t, s)
	m = goNode(t, m, skeptic)
	m = drive(t, m, keys("X", "y")...) // the session writes
	own, _ := os.ReadFile(filepath.Join(dir, "claims.json"))
	status := m.ed.status
	m = drive(t, m, watch.Reloaded{Claims: own})
	if m.ed.status != status {
		t.Fatalf("the session's own write was taken as a change: %q", m.ed.status)
	}
	m = drive(t, m, keys("u")...) // the skeptic position is back
	m = goNode(t, m, claim)
	m.article.ScrollBy(3)
	off := m.ArticleOffset()
	other, err := author.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.EditNode(claim, func(n *model.Node) error { n.Summary = "Open until ten from September"; return nil }); err != nil {
		t.Fatal(err)
	}
	theirs, _ := os.ReadFile(filepath.Join(dir, "claims.json"))
	m = drive(t, m, watch.Reloaded{Claims: theirs})
	mustContain(t, ansi.Strip(screen(m)), "Open until ten from September")
	if m.Current() != claim || m.ArticleOffset() != off {
		t.Fatalf("after the reload: current %q offset %d, want %q and %d", m.Current(), m.ArticleOffset(), claim, off)
	}
	if !m.ed.snap.Valid() || m.ed.snap.File.Nodes[0].Summary != "Open until ten from September" {
		t.Fatal("the session did not take the other edit")
	}
}
