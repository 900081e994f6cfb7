package presentlink

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/present"
)

func TestSocketPathStable(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	a, err := SocketPath("/srv/content/claims.json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SocketPath("/srv/content/claims.json")
	c, _ := SocketPath("/srv/other/claims.json")
	if a != b || a == c {
		t.Fatalf("paths: same content %q vs %q, other %q", a, b, c)
	}
	if !strings.HasSuffix(a, ".sock") || !strings.Contains(a, string(os.PathSeparator)+"crux"+string(os.PathSeparator)) {
		t.Fatalf("unexpected socket path %q", a)
	}
}

// next reads the next event, failing after a few seconds.
func next(t *testing.T, ch <-chan Event) Event {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("follower channel closed")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event from the follower within 5s")
	}
	return Event{}
}

// waitState reads events until one carries a state at step.
func waitState(t *testing.T, ch <-chan Event, step int) {
	t.Helper()
	for {
		e := next(t, ch)
		if e.HasState && e.State.Step == step {
			return
		}
	}
}

func TestLinkFollowAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	events := Follow(ctx, path, 20*time.Millisecond)
	if e := next(t, events); e.Connected {
		t.Fatal("follower reports connected before any presenter runs")
	}

	hub := present.NewHub()
	link, err := Listen(path, hub)
	if err != nil {
		t.Fatal(err)
	}
	if e := next(t, events); !e.Connected {
		t.Fatalf("first event after presenter start = %+v, want connected", e)
	}
	hub.Publish(present.State{TourID: "main", Step: 1})
	waitState(t, events, 1)
	hub.Publish(present.State{TourID: "main", Step: 2, Revealed: 1})
	waitState(t, events, 2)

	if _, err := Listen(path, present.NewHub()); err == nil || !strings.Contains(err.Error(), "already presenting") {
		t.Fatalf("second presenter on the same socket: err = %v", err)
	}

	if err := link.Close(); err != nil {
		t.Fatal(err)
	}
	for e := next(t, events); e.Connected; e = next(t, events) {
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("socket left behind after Close: %v", err)
	}

	hub2 := present.NewHub()
	hub2.Publish(present.State{TourID: "main", Step: 4})
	link2, err := Listen(path, hub2)
	if err != nil {
		t.Fatal(err)
	}
	defer link2.Close()
	waitState(t, events, 4)
}

func TestListenRemovesStaleSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.sock")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Listen(path, present.NewHub())
	if err != nil {
		t.Fatalf("Listen over a stale file: %v", err)
	}
	_ = l.Close()
}
