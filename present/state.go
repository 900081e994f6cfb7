// Package present holds what a live presentation shares, independent of any
// screen: the presenter's State, the Hub that broadcasts it to followers
// (speaker notes, SSH viewers), the pace of the talk against a time budget,
// and the local Unix-socket link a second `crux present --notes` follows.
package present

import (
	"fmt"
	"strings"
	"time"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/poll"
)

// State is where a presenter is in a tour. It is what followers receive.
type State struct {
	TourID   string        `json:"tour"`
	Step     int           `json:"step"`               // 0-based step index
	Revealed int           `json:"revealed"`           // linked nodes revealed so far
	Blank    bool          `json:"blank,omitempty"`    // the presenter blanked the screen
	Started  time.Time     `json:"started"`            // when the talk started
	Duration time.Duration `json:"duration,omitempty"` // time budget of the talk; 0 for none
	Ended    bool          `json:"ended,omitempty"`    // the presenter has quit
	// Viewers is how many SSH viewers watch the talk (crux serve), for the
	// speaker notes.
	Viewers int `json:"viewers,omitempty"`
	// Poll is the live poll of the current step, when the talk has one.
	Poll *poll.Snapshot `json:"poll,omitempty"`
}

// FindTour returns the tour with id (the first tour when id is empty). The
// error says what is wrong and lists the tours that exist, so that a
// presenter can pick one: no tours at all, an unknown id, or a tour with no
// steps.
func FindTour(c *model.Content, id string) (model.Tour, error) {
	tours := c.File.Tours
	if len(tours) == 0 {
		return model.Tour{}, fmt.Errorf("%s has no tours; add one to \"tours\" in claims.json to present it", c.Path)
	}
	t, ok := c.Tour(id)
	if !ok {
		return model.Tour{}, fmt.Errorf("%s: no tour %q; available tours: %s", c.Path, id, TourList(c))
	}
	if len(t.Steps) == 0 {
		return model.Tour{}, fmt.Errorf("%s: tour %q has no steps; add steps to it or pick another: %s", c.Path, t.ID, TourList(c))
	}
	return t, nil
}

// TourList names every tour of c as `id ("title", N steps)`, comma-separated.
func TourList(c *model.Content) string {
	parts := make([]string, 0, len(c.File.Tours))
	for _, t := range c.File.Tours {
		parts = append(parts, fmt.Sprintf("%s (%q, %d steps)", t.ID, t.Title, len(t.Steps)))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Reveals returns the nodes linked to a step's node in the order a presenter
// reveals them, which is also the order an explorer in follow mode lists
// them in (its skeptic pane, then its counterpoint pane), so that "the first
// Revealed" means the same on every screen: skeptic positions, then
// counterpoints, then any other linked node, each group in the order of
// model.Content.Neighbors. A node linked more than once is revealed once,
// at its first link, and a link of the node to itself not at all, as the
// explorer lists them.
func Reveals(c *model.Content, nodeID string) []model.Neighbor { return c.Linked(nodeID) }

// Pace compares the time spent with the time budget of a talk of steps steps
// at step (0-based). Each step gets Duration/steps; at step i the presenter
// is on time while elapsed lies within [i, i+1) budgets, ahead when less
// time has passed, behind when more has.
type Pace struct {
	Elapsed time.Duration
	Budget  time.Duration // per step; 0 when the talk has no duration
	// Delta is how far off the plan the presenter is: negative ahead,
	// positive behind, zero on time.
	Delta time.Duration
}

// PaceAt computes the pace of s at now for a tour of steps steps.
func PaceAt(s State, steps int, now time.Time) Pace {
	p := Pace{Elapsed: max(now.Sub(s.Started), 0)}
	if s.Duration <= 0 || steps <= 0 {
		return p
	}
	p.Budget = s.Duration / time.Duration(steps)
	lo := p.Budget * time.Duration(s.Step)
	hi := lo + p.Budget
	switch {
	case p.Elapsed < lo:
		p.Delta = p.Elapsed - lo
	case p.Elapsed > hi:
		p.Delta = p.Elapsed - hi
	}
	return p
}

// Verdict is the pace in words: "on time", "ahead 1:05" or "behind 0:40".
func (p Pace) Verdict() string {
	switch {
	case p.Budget == 0:
		return ""
	case p.Delta < 0:
		return "ahead " + Clock(-p.Delta)
	case p.Delta > 0:
		return "behind " + Clock(p.Delta)
	}
	return "on time"
}

// Clock formats d as m:ss, or h:mm:ss from an hour on.
func Clock(d time.Duration) string {
	d = max(d, 0).Truncate(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
