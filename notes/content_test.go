package notes

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// TestSetContentFollowsTheShownContent is crux edit and live reload: the
// store opened on one content is given the next, where a node was created,
// one renamed (and its text edited), one deleted, and the article edited
// ahead of a noted passage. Notes can go on the new node, the old notes
// follow the rename, the passage is re-anchored, the deleted node's note is
// an orphan, and nothing stored is rewritten.
func TestSetContentFollowsTheShownContent(t *testing.T) {
	c1 := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c1, "Ana")
	if _, err := s.SetNote("c-drop", "Which year?"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance("s-base", Agree); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRead("c-drop"); err != nil {
		t.Fatal(err)
	}
	start := strings.Index(articleText, "2020 had a spike")
	if _, err := s.AnnotatePassage("2020 had a spike", "unusual: ", ".", start, start+16, "Source?"); err != nil {
		t.Fatal(err)
	}
	before := s.All()

	// The next content: c-drop renamed c-fall with new text, s-base gone,
	// c-new created, and the article edited before the passage.
	nodes := fixtureNodes()
	nodes[1].ID, nodes[1].FormerIDs, nodes[1].Text = "c-fall", []string{"c-drop"}, "The headline claim, reworded."
	nodes = append(nodes[:2], nodes[3:]...)
	nodes = append(nodes, &model.Node{ID: "c-new", Kind: model.KindClaim, Summary: "Made in this session"})
	c2 := newContent(t, nodes)
	const update = "Update: figures corrected. "
	c2.Article.Text = update + c2.Article.Text

	if _, err := s.SetNote("c-new", "x"); err == nil {
		t.Fatal("a note on a node the store's content lacks was saved")
	}
	s.SetContent(c2)

	if _, err := s.SetNote("c-new", "First note on a new node"); err != nil {
		t.Fatalf("note on a node created in the session: %v", err)
	}
	got := s.ForNode("c-fall")
	if len(got) != 1 || got[0].Note() != "Which year?" {
		t.Fatalf("ForNode(c-fall) after the rename = %+v, want the note on c-drop", got)
	}
	if st := Status(got[0], c2); st != AnchorEdited {
		t.Errorf("status of the renamed, edited node's note = %v, want edited", st)
	}
	if !s.Read()["c-fall"] {
		t.Errorf("Read() = %v, want c-fall (read as c-drop)", s.Read())
	}
	shift := len(update)
	if p := s.ForPassage(start+shift, start+shift+4); len(p) != 1 || p[0].Note() != "Source?" {
		t.Errorf("ForPassage at the shifted passage = %+v", p)
	}
	if p := s.ForPassage(start, start+4); len(p) != 0 {
		t.Errorf("ForPassage at the old offsets still matches: %+v", p)
	}

	// Nothing was rewritten or lost: the old annotations are as they were
	// (the orphan on s-base too), on disk as in memory.
	again := openTest(t, path, c2, "Ana")
	all := again.All()
	if len(all) != len(before)+1 {
		t.Fatalf("%d annotations after, want %d", len(all), len(before)+1)
	}
	for _, b := range before {
		a, ok := again.Get(b.ID)
		if !ok || a.Target.Node != b.Target.Node || a.Target.NodeHash != b.Target.NodeHash || !a.Modified.Equal(b.Modified) {
			t.Errorf("annotation %s changed: %+v, was %+v", b.ID, a.Target, b.Target)
		}
		if id, _ := b.NodeID(); id == "s-base" && Status(a, c2) != AnchorOrphaned {
			t.Errorf("the deleted node's note is %v, want orphaned", Status(a, c2))
		}
	}
}

// TestSetContentWhileQueryingAndSaving runs SetContent beside queries and
// saves (go test -race finds unguarded reads of the content).
func TestSetContentWhileQueryingAndSaving(t *testing.T) {
	c1 := newContent(t, fixtureNodes())
	c2 := newContent(t, fixtureNodes())
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), c1, "Ana")
	q := NewQueue(s)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 400 {
			s.SetContent([]*model.Content{c1, c2}[i%2])
			_ = s.ForNode("c-drop")
			_ = s.ForPassage(0, 10)
			_ = s.Read()
		}
	}()
	for range 100 {
		q.Do(func(s *Store) error { _, err := s.SetStance("c-drop", Agree); return err })
		q.Do(func(s *Store) error { return s.MarkRead("c-spring") })
		q.Do(func(s *Store) error { return s.MarkRead("k-count") })
	}
	<-done
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if got := s.ForNode("c-drop"); len(got) != 1 || got[0].Stance() != Agree {
		t.Fatalf("ForNode = %+v", got)
	}
}
