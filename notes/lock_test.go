package notes

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

// TestQueriesDoNotWaitForTheFileLock holds the notes file's lock, as a
// second crux saving would, while this store's mutation waits for it:
// queries must still answer at once, from the state before the mutation.
func TestQueriesDoNotWaitForTheFileLock(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	if _, err := s.SetNote("c-drop", "before"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRead("c-drop"); err != nil {
		t.Fatal(err)
	}

	other := flock.New(path + ".lock")
	if err := other.Lock(); err != nil {
		t.Fatal(err)
	}
	locked := true
	defer func() {
		if locked {
			_ = other.Unlock()
		}
	}()

	saved := make(chan error, 1)
	go func() {
		_, err := s.SetNote("c-spring", "while locked")
		saved <- err
	}()
	// Wait until the mutation holds the store's I/O mutex: it is then at, or
	// about to reach, the file lock the test holds.
	for deadline := time.Now().Add(5 * time.Second); s.ioMu.TryLock(); {
		s.ioMu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("the mutation never started")
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)

	type answer struct {
		read    map[string]bool
		forNode []Annotation
		all     []Annotation
		took    time.Duration
	}
	answered := make(chan answer, 1)
	go func() {
		t0 := time.Now()
		var a answer
		a.read = s.Read()
		a.forNode = s.ForNode("c-drop")
		a.all = s.All()
		_ = s.ForPassage(0, 10)
		_ = s.Problem()
		_ = s.ReadOnly()
		if err := s.Reload(); err != nil {
			t.Errorf("Reload: %v", err)
		}
		a.took = time.Since(t0)
		answered <- a
	}()
	gotAnswer := false
	select {
	case a := <-answered:
		gotAnswer = true
		if a.took >= 100*time.Millisecond {
			t.Errorf("queries took %v while a save waited for the file lock, want < 100ms", a.took)
		}
		if !a.read["c-drop"] || len(a.forNode) != 1 || a.forNode[0].Note() != "before" || len(a.all) != 1 {
			t.Errorf("queries during the save: read %v, ForNode %d, All %d; want the state before it", a.read, len(a.forNode), len(a.all))
		}
	case <-time.After(100 * time.Millisecond):
		t.Error("queries blocked (> 100ms) while a save waited for the file lock")
	}
	select {
	case err := <-saved:
		t.Fatalf("the save finished while another process held the lock: %v", err)
	default:
	}

	if err := other.Unlock(); err != nil {
		t.Fatal(err)
	}
	locked = false
	select {
	case err := <-saved:
		if err != nil {
			t.Fatalf("save after the lock was released: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the save did not finish within 5 s of the lock being released")
	}
	if !gotAnswer {
		<-answered // the queries blocked until now: let them finish
	}
	if got := s.ForNode("c-spring"); len(got) != 1 || got[0].Note() != "while locked" {
		t.Errorf("after the save, ForNode(c-spring) = %+v", got)
	}
}
