package present

import (
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
