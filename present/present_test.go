package present

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/model"
)

func testContent(tours ...model.Tour) *model.Content {
	f := &model.File{
		SchemaVersion: 1,
		Nodes: []*model.Node{
			{ID: "c1", Kind: model.KindClaim, Summary: "one"},
			{ID: "s1", Kind: model.KindSkeptic, Summary: "doubt"},
		},
		Links: []model.Link{{From: "s1", To: "c1", Type: model.Attacks}},
		Tours: tours,
	}
	return model.NewContent("/x/claims.json", f, model.Article{})
}

func TestRevealsOrder(t *testing.T) {
	f := &model.File{
		Nodes: []*model.Node{
			{ID: "c1", Kind: model.KindClaim}, {ID: "c2", Kind: model.KindClaim},
			{ID: "p1", Kind: model.KindCounterpoint}, {ID: "s1", Kind: model.KindSkeptic}, {ID: "s2", Kind: model.KindSkeptic},
		},
		Links: []model.Link{
			{From: "c2", To: "c1", Type: model.Supports},
			{From: "p1", To: "c1", Type: model.Attacks},
			{From: "s1", To: "c1", Type: model.Attacks},
			{From: "c1", To: "s2", Type: model.Attacks},
			{From: "s1", To: "c1", Type: model.Supports}, // a second link: revealed once
			{From: "c1", To: "c1", Type: model.Supports}, // to itself: not revealed
		},
	}
	var got []string
	for _, n := range Reveals(model.NewContent("x", f, model.Article{}), "c1") {
		got = append(got, n.Node.ID)
	}
	if strings.Join(got, ",") != "s1,s2,p1,c2" {
		t.Fatalf("reveal order %v, want skeptics, counterpoints, others", got)
	}
}

func TestFindTour(t *testing.T) {
	full := model.Tour{ID: "main", Title: "Main", Steps: []model.TourStep{{Node: "c1"}}}
	empty := model.Tour{ID: "empty", Title: "Empty"}
	tests := map[string]struct {
		tours   []model.Tour
		id      string
		wantID  string
		wantErr []string
	}{
		"first by default": {tours: []model.Tour{full, empty}, wantID: "main"},
		"by id":            {tours: []model.Tour{full, empty}, id: "main", wantID: "main"},
		"unknown lists":    {tours: []model.Tour{full, empty}, id: "nope", wantErr: []string{`no tour "nope"`, `main ("Main", 1 steps)`, `empty ("Empty", 0 steps)`}},
		"no steps":         {tours: []model.Tour{full, empty}, id: "empty", wantErr: []string{`tour "empty" has no steps`, "main"}},
		"no tours":         {wantErr: []string{"has no tours"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tour, err := FindTour(testContent(tc.tours...), tc.id)
			if len(tc.wantErr) == 0 {
				if err != nil || tour.ID != tc.wantID {
					t.Fatalf("FindTour = %q, %v; want %q", tour.ID, err, tc.wantID)
				}
				return
			}
			if err == nil {
				t.Fatalf("FindTour = %q, nil; want an error", tour.ID)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestPaceAt(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	// 10 minutes over 5 steps: 2 minutes a step.
	tests := map[string]struct {
		step    int
		elapsed time.Duration
		dur     time.Duration
		want    string
	}{
		"no duration":       {step: 0, elapsed: time.Minute, want: ""},
		"on time at start":  {step: 0, elapsed: 0, dur: 10 * time.Minute, want: "on time"},
		"on time in window": {step: 2, elapsed: 5 * time.Minute, dur: 10 * time.Minute, want: "on time"},
		"behind":            {step: 0, elapsed: 3 * time.Minute, dur: 10 * time.Minute, want: "behind 1:00"},
		"ahead":             {step: 3, elapsed: 4*time.Minute + 30*time.Second, dur: 10 * time.Minute, want: "ahead 1:30"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := State{Step: tc.step, Started: t0, Duration: tc.dur}
			p := PaceAt(s, 5, t0.Add(tc.elapsed))
			if got := p.Verdict(); got != tc.want {
				t.Errorf("Verdict = %q, want %q", got, tc.want)
			}
			if p.Elapsed != tc.elapsed {
				t.Errorf("Elapsed = %v, want %v", p.Elapsed, tc.elapsed)
			}
		})
	}
}

func TestClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                         "0:00",
		65 * time.Second:          "1:05",
		time.Hour + 2*time.Second: "1:00:02",
		-time.Second:              "0:00",
	} {
		if got := Clock(d); got != want {
			t.Errorf("Clock(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestHubLatestWins(t *testing.T) {
	h := NewHub()
	ch, cancel := h.Subscribe()
	defer cancel()
	for i := range 1000 { // nobody reads: Publish must not block
		h.Publish(State{Step: i})
	}
	if s := <-ch; s.Step != 999 {
		t.Fatalf("slow subscriber got step %d, want the latest 999", s.Step)
	}
	select {
	case s := <-ch:
		t.Fatalf("stale state %d delivered after the latest", s.Step)
	default:
	}
	late, cancelLate := h.Subscribe()
	if s := <-late; s.Step != 999 {
		t.Fatalf("late subscriber got %d, want the latest 999", s.Step)
	}
	cancelLate()
	cancelLate()
	if _, ok := <-late; ok {
		t.Fatal("channel still open after unsubscribe")
	}
	if n := h.Subscribers(); n != 1 {
		t.Fatalf("Subscribers = %d, want 1", n)
	}
}

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

	hub := NewHub()
	link, err := Listen(path, hub)
	if err != nil {
		t.Fatal(err)
	}
	if e := next(t, events); !e.Connected {
		t.Fatalf("first event after presenter start = %+v, want connected", e)
	}
	hub.Publish(State{TourID: "main", Step: 1})
	waitState(t, events, 1)
	hub.Publish(State{TourID: "main", Step: 2, Revealed: 1})
	waitState(t, events, 2)

	if _, err := Listen(path, NewHub()); err == nil || !strings.Contains(err.Error(), "already presenting") {
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

	hub2 := NewHub()
	hub2.Publish(State{TourID: "main", Step: 4})
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
	l, err := Listen(path, NewHub())
	if err != nil {
		t.Fatalf("Listen over a stale file: %v", err)
	}
	_ = l.Close()
}
