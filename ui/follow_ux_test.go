package ui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
)

// statusOf is the explorer's last screen line, without styles.
func statusOf(m Model) string {
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	return lines[len(lines)-1]
}

// A following viewer always sees how far into the talk they are, at every
// width (issue 14, item 7); the status line offers no key that does nothing
// while following, and a key that would move says why it does not (item 8).
func TestFollowStatusIsTrue(t *testing.T) {
	c := loadEmbedded(t)
	tour := c.File.Tours[0]
	for _, w := range []int{60, 80, 120, 200} {
		m := boot(t, New(c, Options{Theme: "dark", Follow: true}), w, 24)
		m = drive(t, m, FollowMsg{Tour: tour.Title, Step: 4, Steps: len(tour.Steps), Node: tour.Steps[4].Node})
		want := "step 5/" + strconv.Itoa(len(tour.Steps))
		if s := statusOf(m); !strings.Contains(s, want) {
			t.Fatalf("%d columns: following, the status line lacks %q: %q", w, want, s)
		}
		if s := statusOf(m); strings.Contains(s, "/ search") || strings.Contains(s, "⌫ back") {
			t.Fatalf("%d columns: following, the status line offers keys that do nothing: %q", w, s)
		}
		for _, k := range []string{"/", "j", "backspace"} {
			m.setFocus(focusClaims)
			mm := drive(t, m, keys(k)...)
			if s := statusOf(mm); !strings.Contains(s, "following the presenter — f to browse") || !strings.Contains(s, want) {
				t.Fatalf("%d columns: %s while following says nothing: %q", w, k, s)
			}
			if mm.stack.has(layerFinder) {
				t.Fatalf("%s while following opened something", k)
			}
		}
		m = drive(t, m, keys("f")...)
		if s := statusOf(m); !strings.Contains(s, "browsing") {
			t.Fatalf("%d columns: f does not browse: %q", w, s)
		}
		if w >= 120 && !strings.Contains(statusOf(m), "/ search") {
			t.Fatalf("%d columns: browsing, search is not offered: %q", w, statusOf(m))
		}
	}
}

// While a poll is open or its results shown, the poll line keeps the step.
func TestVotingLineKeepsTheStep(t *testing.T) {
	var m tea.Model = NewVoting(keysSeen{n: new(int)}, func(string, poll.Stance, uint64) {}, true)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 2})
	for _, p := range []poll.Snapshot{{Node: "c1", Open: true}, {Node: "c1", Shown: true, Viewers: 2}} {
		m, _ = m.Update(FollowMsg{Step: 4, Steps: 15, Node: "c1", Poll: p})
		if v := ansi.Strip(m.View().Content); !strings.Contains(v, "step 5/15 · ") {
			t.Fatalf("the poll line hides the step: %q", v)
		}
	}
}

// At 80 columns the open poll's line still shows every answer key whole.
func TestVotingLineFits80(t *testing.T) {
	var m tea.Model = NewVoting(keysSeen{n: new(int)}, func(string, poll.Stance, uint64) {}, true)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 2})
	m, _ = m.Update(FollowMsg{Step: 11, Steps: 13, Node: "c1", Poll: poll.Snapshot{Node: "c1", Open: true}})
	v := ansi.Strip(m.View().Content)
	for _, want := range []string{"step 12/13", "1 ✓", "2 ✗", "3 ?", "4 §", "0 withdraw"} {
		if !strings.Contains(v, want) {
			t.Errorf("the vote line at 80 columns lacks %q: %q", want, v)
		}
	}
}
