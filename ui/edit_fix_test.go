package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
)

// brokenSet is smallSet with the article edited so that the claim's quote
// is no longer in it, and a link to a node that does not exist, opened
// again as crux edit opens it.
func brokenSet(t *testing.T) (string, *author.Session) {
	t.Helper()
	dir, s, claim, _ := smallSet(t)
	if _, err := s.AddLink(model.Link{From: claim, To: "claim-nowhere", Type: model.Supports}); err != nil {
		t.Fatal(err)
	}
	art := filepath.Join(dir, "article.md")
	b, err := os.ReadFile(art)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "Carnegie library on Mill Street", "old library on Mill Street", 1))
	if err := os.WriteFile(art, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = author.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Findings().Errors(); got != 1 || !author.Showable(s.Content(), s.Findings()) {
		t.Fatalf("the broken set has %d errors, showable %v; want the broken quote only: %v", got, author.Showable(s.Content(), s.Findings()), s.Findings())
	}
	return dir, s
}

// TestEditOpensABrokenSetAndFixesIt: crux edit on claims whose quote no
// longer matches the edited article opens, says what to fix, and F lists
// the finding with its node; enter goes there; selecting the passage again
// and pressing a gives the node that passage, and the file is written. A
// dangling link added in the session is removed from the findings panel.
func TestEditOpensABrokenSetAndFixesIt(t *testing.T) {
	dir, s := brokenSet(t)
	claims := filepath.Join(dir, "claims.json")
	before, _ := os.ReadFile(claims)
	m := startEdit(t, s)
	mustContain(t, ansi.Strip(screen(m)), "1 error to fix: F shows them")
	m = drive(t, m, keys("F")...)
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "[claim-open]")
	mustContain(t, scr, "is not in article.md; closest:")
	m = drive(t, m, keys("enter")...)
	if m.Current() != "claim-open" {
		t.Fatalf("enter on the finding: current %q", m.Current())
	}

	// Select "old library on Mill Street" in the article and give it to
	// the claim.
	text := []rune(m.c.Article.Text)
	at := strings.Index(string(text), "old library on Mill Street")
	start := len([]rune(string(text)[:at]))
	m.ed.sel.Begin(start)
	m.stack.push(layerSelect)
	m = drive(t, m, keys("w", "w", "w", "w")...)
	if got := m.ed.sel.Text(); got != "old library on Mill Street" {
		t.Fatalf("selected %q", got)
	}
	m = drive(t, m, keys("a")...)
	if n := m.ed.snap.Findings.Errors(); n != 0 {
		t.Fatalf("after a: %d errors: %v (%s)", n, m.ed.snap.Findings, m.ed.status)
	}
	after, _ := os.ReadFile(claims)
	if string(after) == string(before) || !strings.Contains(string(after), `"exact": "old library on Mill Street"`) {
		t.Fatalf("the fixed claim was not written:\n%s", after)
	}
	mustContain(t, ansi.Strip(screen(m)), `fixed the passage of claim "claim-open" (saved)`)
	if a, ok := m.c.Node("claim-open").FirstAnchor(); !ok || string(text[a.Start:a.End]) != "old library on Mill Street" {
		t.Fatalf("the pane's claim-open anchor = %+v", a)
	}

	// A dangling link made in the session: kept, not saved; x in the
	// findings panel removes it, and the file is saved again.
	m = drive(t, m, runCmd(m.change(func(s *author.Session) (author.Result, error) {
		return s.AddLink(model.Link{From: "claim-open", To: "claim-nowhere", Type: model.Supports})
	}, ""))...)
	m = drive(t, m, keys("F")...)
	mustContain(t, ansi.Strip(screen(m)), "x removes this link")
	m = drive(t, m, keys("x")...)
	if n := m.ed.snap.Findings.Errors(); n != 0 || m.ed.snap.Unsaved {
		t.Fatalf("after x: %d errors, unsaved %v (%s)", n, m.ed.snap.Unsaved, m.ed.status)
	}
	if b, _ := os.ReadFile(claims); strings.Contains(string(b), "claim-nowhere") {
		t.Fatal("the removed link is still on disk")
	}
}

// TestArticleEditedBesideCruxEdit: the article is edited in another editor
// so that a claim's quote no longer matches, while claims.json stays as
// the session wrote it. The reload shows the new article and the finding
// (the session's own claims are checked again, not taken for its own
// write), and the quote is fixed in the app, on the article shown.
func TestArticleEditedBesideCruxEdit(t *testing.T) {
	dir, s, claim, _ := smallSet(t)
	m := startEdit(t, s)
	m = goNode(t, m, claim)
	art := filepath.Join(dir, "article.md")
	b, _ := os.ReadFile(art)
	if err := os.WriteFile(art, []byte(strings.Replace(string(b), "Carnegie library", "old library", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	claims, _ := os.ReadFile(filepath.Join(dir, "claims.json"))
	m = drive(t, m, watch.Failed{Claims: claims})
	if n := m.ed.snap.Findings.Errors(); n != 1 || m.ed.snap.NodeOf[0] != claim {
		t.Fatalf("after the article edit: %d errors %v, want the claim's quote", n, m.ed.snap.Findings)
	}
	if !strings.Contains(m.c.Article.Text, "old library on Mill Street") {
		t.Fatal("the article pane still shows the article from before the edit")
	}
	mustContain(t, ansi.Strip(screen(m)), "reloaded: the article changed on disk: 1 error to fix (F shows them)")

	text := m.c.Article.Text
	start := len([]rune(text[:strings.Index(text, "old library on Mill Street")]))
	m.ed.sel.Begin(start)
	m.stack.push(layerSelect)
	m = drive(t, m, keys("w", "w", "w", "w", "a")...)
	if n := m.ed.snap.Findings.Errors(); n != 0 {
		t.Fatalf("after a: %d errors: %v (%s)", n, m.ed.snap.Findings, m.ed.status)
	}
	if a, ok := m.c.Node(claim).FirstAnchor(); !ok || string([]rune(text)[a.Start:a.End]) != "old library on Mill Street" {
		t.Fatalf("the claim's anchor is %+v", a)
	}
}

// TestEditShowsEveryOpenableError: claims with every kind of error crux
// edit opens (a quote not found, too short or ambiguous; links from, to and
// between nodes that do not exist, to itself, supporting and attacking at
// once; a tour step and a source that do not exist; a summary too long; an
// unknown kind) are shown and walked through at two sizes without a panic:
// every node, its map, the finder, the tours and findings panels.
func TestEditShowsEveryOpenableError(t *testing.T) {
	_, s, claim, skeptic := smallSet(t)
	long := strings.Repeat("a very long summary ", 20)
	for _, op := range []func() (author.Result, error){
		func() (author.Result, error) {
			return s.AddNode(model.Node{ID: "claim-lost", Kind: model.KindClaim, Summary: "Lost quote",
				Anchors: []model.Anchor{{Exact: "a sentence the article never had"}}})
		},
		func() (author.Result, error) {
			return s.AddNode(model.Node{ID: "claim-short", Kind: model.KindClaim, Summary: long,
				Anchors: []model.Anchor{{Exact: "the"}}, Sources: []string{"src-nowhere"}})
		},
		func() (author.Result, error) {
			return s.AddNode(model.Node{ID: "thing-odd", Kind: model.Kind("weird"), Summary: "An unknown kind"})
		},
		func() (author.Result, error) {
			return s.AddLink(model.Link{From: claim, To: "claim-nowhere", Type: model.Supports})
		},
		func() (author.Result, error) {
			return s.AddLink(model.Link{From: "skeptic-nowhere", To: claim, Type: model.Attacks})
		},
		func() (author.Result, error) {
			return s.AddLink(model.Link{From: skeptic, To: skeptic, Type: model.Attacks})
		},
		func() (author.Result, error) {
			return s.AddLink(model.Link{From: skeptic, To: claim, Type: model.Supports})
		},
		func() (author.Result, error) { return s.NewTour("tour-broken", "Broken") },
		func() (author.Result, error) {
			return s.AddStep("tour-broken", 0, model.TourStep{Node: "claim-nowhere"})
		},
	} {
		if _, err := op(); err != nil {
			t.Fatal(err)
		}
	}
	codes := map[string]bool{}
	for _, f := range s.Findings() {
		codes[f.Code] = true
	}
	for _, c := range []string{"quote-not-found", "dangling-ref", "self-link", "conflicting-link", "bad-value"} {
		if !codes[c] {
			t.Errorf("the test set has no %s finding: %v", c, s.Findings())
		}
	}
	if !author.Showable(s.Content(), s.Findings()) {
		t.Fatalf("not showable: %v", author.Unshowable(s.Findings()))
	}
	for _, size := range [][2]int{{120, 30}, {60, 16}} {
		m := boot(t, New(s.Content(), Options{Theme: "dark", Session: s}), size[0], size[1])
		for _, n := range m.c.Nodes() {
			m = goNode(t, m, n.ID)
			_ = screen(m)
			m = drive(t, m, keys("m")...)
			_ = screen(m)
			m = drive(t, m, keys("esc")...)
		}
		m = drive(t, m, keys("T")...)
		_ = screen(m)
		m = drive(t, m, keys("tab", "esc", "/", "Lost", "esc", "F")...)
		for range s.Findings() {
			_ = screen(m)
			m = drive(t, m, keys("j")...)
		}
		mustContain(t, ansi.Strip(screen(m)), "Findings")
	}
}
