package author

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// TestRecheckAndReanchorFixABrokenQuote: the article is edited beside the
// session so that a node's second quote is lost; Recheck sees it and keeps
// the session's history; Reanchor replaces that quote (not the good one)
// and the file is written; with no broken quote Reanchor moves the first
// passage, and a node with none gets one.
func TestRecheckAndReanchorFixABrokenQuote(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	a1, err := s.QuoteAnchor("cut cycling injuries by forty percent", 0)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.QuoteAnchor("most shoppers arrive on foot", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNode(model.Node{ID: "claim-a", Kind: model.KindClaim, Summary: "A", Anchors: []model.Anchor{a1, a2}}); err != nil {
		t.Fatal(err)
	}
	if s.Recheck() {
		t.Fatal("Recheck reports a change when nothing changed")
	}
	art := filepath.Join(dir, "article.md")
	if err := os.WriteFile(art, []byte(strings.Replace(article, "most shoppers arrive on foot", "most shoppers walk in", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if !s.Recheck() || s.Findings().Errors() != 1 || !s.CanUndo() {
		t.Fatalf("after the article edit: changed, %d errors, undo %v", s.Findings().Errors(), s.CanUndo())
	}
	fixed, err := s.RangeAnchor(runeIndex(s, "most shoppers walk in"), runeIndex(s, "most shoppers walk in")+len("most shoppers walk in"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Reanchor("claim-a", fixed)
	if err != nil || !r.Written || r.Findings.Errors() != 0 || !strings.HasPrefix(r.Op, "fixed the passage") {
		t.Fatalf("Reanchor: %+v, %v", r, err)
	}
	got := mustValid(t, dir).Node("claim-a").Anchors
	if len(got) != 2 || got[0].Exact != a1.Exact || got[1].Exact != "most shoppers walk in" {
		t.Fatalf("anchors on disk: %+v", got)
	}

	// No broken quote: the first passage moves.
	moved, err := s.QuoteAnchor("Shop owners say the lanes cost them customers", 0)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.Reanchor("claim-a", moved); err != nil || !strings.HasPrefix(r.Op, "moved the passage") {
		t.Fatalf("Reanchor with no broken quote: %+v, %v", r, err)
	}
	if got := mustValid(t, dir).Node("claim-a").Anchors; got[0].Exact != moved.Exact || got[1].Exact != "most shoppers walk in" {
		t.Fatalf("after the move: %+v", got)
	}
	if _, err := s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reanchor("skeptic-b", a1); err != nil || len(mustValid(t, dir).Node("skeptic-b").Anchors) != 1 {
		t.Fatalf("a node with no passage got none: %v", err)
	}
	if _, err := s.Reanchor("claim-nope", a1); err == nil {
		t.Fatal("Reanchor of a missing node succeeded")
	}
}

// runeIndex is the rune offset of sub in the session's article text.
func runeIndex(s *Session, sub string) int {
	text := s.Content().Article.Text
	return len([]rune(text[:strings.Index(text, sub)]))
}
