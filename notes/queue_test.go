package notes

import (
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestQueueAppliesInOrder enqueues 1,000 stance changes from one goroutine
// without waiting: they must be applied in the order given, so the last one
// wins, and each result arrives only once its change has been applied.
func TestQueueAppliesInOrder(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	q := NewQueue(s)

	const n = 1000
	cycle := []Stance{Agree, Disagree, Unsure, NeedsEvidence}
	var (
		mu      sync.Mutex
		applied []int
	)
	results := make([]<-chan error, n)
	for i := range n {
		results[i] = q.Do(func(s *Store) error {
			mu.Lock()
			applied = append(applied, i)
			mu.Unlock()
			_, err := s.SetStance("c-drop", cycle[i%len(cycle)])
			return err
		})
	}
	for i, res := range results {
		if err := <-res; err != nil {
			t.Fatalf("op %d: %v", i, err)
		}
		mu.Lock()
		got := len(applied)
		mu.Unlock()
		if got < i+1 {
			t.Fatalf("op %d reported done when only %d ops had started", i, got)
		}
	}
	if err := q.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if len(applied) != n {
		t.Fatalf("%d ops applied, want %d", len(applied), n)
	}
	for i, v := range applied {
		if v != i {
			t.Fatalf("applied order: position %d ran op %d (first of the wrong order)", i, v)
		}
	}
	want := cycle[(n-1)%len(cycle)]
	if got := openTest(t, path, c, "Ana").ForNode("c-drop"); len(got) != 1 || got[0].Stance() != want {
		t.Fatalf("on disk after Close: %d annotations, stance %v; want 1 with %q", len(got), stances(got), want)
	}
}

func stances(as []Annotation) []Stance {
	var out []Stance
	for _, a := range as {
		out = append(out, a.Stance())
	}
	return out
}

// TestQueueCloseWaitsForSlowOp checks that Close returns only once a slow
// operation, and the one queued after it, are on disk.
func TestQueueCloseWaitsForSlowOp(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	q := NewQueue(s)
	started := make(chan struct{})
	q.Do(func(s *Store) error {
		close(started)
		time.Sleep(50 * time.Millisecond)
		_, err := s.SetNote("c-drop", "slow note")
		return err
	})
	q.Do(func(s *Store) error {
		_, err := s.SetStance("c-spring", Unsure)
		return err
	})
	<-started // Close while the slow op is running
	t0 := time.Now()
	if err := q.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if d := time.Since(t0); d < 40*time.Millisecond {
		t.Errorf("Close returned after %v, before the 50 ms op could finish", d)
	}
	disk := openTest(t, path, c, "Ana")
	if got := disk.ForNode("c-drop"); len(got) != 1 || got[0].Note() != "slow note" {
		t.Errorf("slow op's note not on disk after Close: %+v", got)
	}
	if got := disk.ForNode("c-spring"); len(got) != 1 || got[0].Stance() != Unsure {
		t.Errorf("op queued after the slow one not on disk after Close: %+v", got)
	}
}

// TestQueueCloseReportsFirstError checks Close's error, and that a second
// Close returns the same without blocking.
func TestQueueCloseReportsFirstError(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), newContent(t, fixtureNodes()), "Ana")
	q := NewQueue(s)
	e1, e2 := errors.New("first"), errors.New("second")
	q.Do(func(*Store) error { return nil })
	r1 := q.Do(func(*Store) error { return e1 })
	q.Do(func(*Store) error { return e2 })
	if err := <-r1; err != e1 {
		t.Errorf("op result = %v, want %v", err, e1)
	}
	if err := q.Close(); err != e1 {
		t.Errorf("Close = %v, want %v", err, e1)
	}
	if err := q.Close(); err != e1 {
		t.Errorf("second Close = %v, want %v", err, e1)
	}
}

// TestQueueDoAfterClose checks that a late operation is refused with
// ErrQueueClosed and never runs, and that a nil op is an error.
func TestQueueDoAfterClose(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), newContent(t, fixtureNodes()), "Ana")
	q := NewQueue(s)
	if err := <-q.Do(nil); err == nil {
		t.Error("Do(nil) returned no error")
	}
	if err := q.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	ran := false
	select {
	case err := <-q.Do(func(*Store) error { ran = true; return nil }):
		if !errors.Is(err, ErrQueueClosed) {
			t.Errorf("Do after Close = %v, want ErrQueueClosed", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Do after Close: no result within 1 s")
	}
	if ran {
		t.Error("an op given after Close was run")
	}
}

// TestQueueConcurrentDoAndClose races Do from several goroutines with Close:
// every op either runs and reports nil, or is refused and never runs.
func TestQueueConcurrentDoAndClose(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), newContent(t, fixtureNodes()), "Ana")
	q := NewQueue(s)
	var ran, ok, refused atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				switch err := <-q.Do(func(*Store) error { ran.Add(1); return nil }); {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, ErrQueueClosed):
					refused.Add(1)
				default:
					t.Errorf("unexpected result %v", err)
				}
			}
		})
	}
	time.Sleep(time.Millisecond)
	if err := q.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()
	if ran.Load() != ok.Load() || ok.Load()+refused.Load() != 8*200 {
		t.Errorf("ran %d, reported ok %d, refused %d of %d", ran.Load(), ok.Load(), refused.Load(), 8*200)
	}
}
