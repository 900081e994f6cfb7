package author

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// TestNotesSurviveRenameAndDelete checks the promise made to students: a
// rename keeps their note on the node (through formerIds), and a delete
// makes it an orphan, shown, never lost; the notes file is never touched.
func TestNotesSurviveRenameAndDelete(t *testing.T) {
	dir := copySet(t, "../testdata/bikelanes")
	c, _ := model.LoadFile(dir)
	notesPath := filepath.Join(t.TempDir(), "notes.json")
	st, err := notes.Open(notesPath, notes.WithContent(c), notes.WithReader("ana"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.SetNote("claim-vote", "Six to three, check the minutes.")
	if err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(notesPath)

	s := open(t, dir)
	if _, err := s.RenameNode("claim-vote", "claim-council-vote"); err != nil {
		t.Fatal(err)
	}
	if r := notes.Resolve(a, mustValid(t, dir)); r.Status != notes.AnchorCurrent || r.Node.ID != "claim-council-vote" {
		t.Fatalf("after rename: %v %+v", r.Status, r.Node)
	}
	if _, err := s.DeleteNode("claim-council-vote"); err != nil {
		t.Fatal(err)
	}
	if r := notes.Resolve(a, mustValid(t, dir)); r.Status != notes.AnchorOrphaned {
		t.Fatalf("after delete: %v", r.Status)
	}
	if now, _ := os.ReadFile(notesPath); string(now) != string(saved) {
		t.Fatal("the notes file changed")
	}
	// Undo brings the node back, and the note with it.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if r := notes.Resolve(a, mustValid(t, dir)); r.Status != notes.AnchorCurrent {
		t.Fatalf("after undo: %v", r.Status)
	}
}
