package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
