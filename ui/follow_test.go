package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/nodelist"
)

// TestRevealOrderMatchesPresenter keeps the explorer's reveal order in step
// with the presenter's, for every node of both content sets.
func TestRevealOrderMatchesPresenter(t *testing.T) {
	for name, c := range map[string]*model.Content{"embedded": loadEmbedded(t), "bikelanes": loadBikes(t)} {
		for _, n := range c.Nodes() {
			var want, got []string
			for _, nb := range present.Reveals(c, n.ID) {
				want = append(want, nb.Node.ID)
			}
			for _, nb := range c.Linked(n.ID) {
				got = append(got, nb.Node.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: explorer reveals %v, presenter %v", name, n.ID, got, want)
			}
		}
	}
}

// listed returns the ids a relation pane shows, without the current node's
// own row.
func listed(items []nodelist.Item, current string) []string {
	var out []string
	for _, it := range items {
		if it.Node.ID != current {
			out = append(out, it.Node.ID)
		}
	}
	return out
}

// TestFollowerSeesExactlyRevealed walks every step of every tour, revealing
// one linked node at a time as the presenter does, and checks that a
// follower lists exactly the revealed skeptic positions and counterpoints,
// in the presenter's order, plus the current node's own row; and that the
// screen shows the revealed nodes and none of the others.
func TestFollowerSeesExactlyRevealed(t *testing.T) {
	for name, c := range map[string]*model.Content{"embedded": loadEmbedded(t), "bikelanes": loadBikes(t)} {
		t.Run(name, func(t *testing.T) {
			m := drive(t, New(c, Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 240, Height: 90})
			checked := 0
			for _, tour := range c.File.Tours {
				for i, step := range tour.Steps {
					cur := c.Node(step.Node)
					if cur == nil {
						continue
					}
					order := present.Reveals(c, cur.ID)
					for r := 0; r <= len(order); r++ {
						m = drive(t, m, FollowMsg{Tour: tour.Title, Step: i, Steps: len(tour.Steps), Node: cur.ID, Revealed: r})
						where := fmt.Sprintf("%s step %d (%s) revealed %d", tour.ID, i+1, cur.ID, r)
						if m.Current() != cur.ID {
							t.Fatalf("%s: current %q", where, m.Current())
						}
						var wantSk, wantCo []string
						for _, nb := range order[:r] {
							switch nb.Node.Kind {
							case model.KindSkeptic:
								wantSk = append(wantSk, nb.Node.ID)
							case model.KindCounterpoint:
								wantCo = append(wantCo, nb.Node.ID)
							}
						}
						gotSk, gotCo := listed(m.skeptics.Items(), cur.ID), listed(m.counters.Items(), cur.ID)
						if !slices.Equal(gotSk, wantSk) || !slices.Equal(gotCo, wantCo) {
							t.Fatalf("%s: skeptics %v counterpoints %v, want %v and %v", where, gotSk, gotCo, wantSk, wantCo)
						}
						self := map[model.Kind]*nodelist.Model{model.KindSkeptic: &m.skeptics, model.KindCounterpoint: &m.counters}[cur.Kind]
						if self != nil && (self.Len() == 0 || self.Items()[0].Node.ID != cur.ID) {
							t.Fatalf("%s: the current node's own row is missing", where)
						}
						scr := ansi.Strip(screen(m))
						for k, nb := range order {
							if nb.Node.Kind == model.KindClaim {
								continue // the claims pane lists every claim
							}
							probe := prefix(nb.Node.Summary, 24)
							own := cur.Summary + cur.Text
							if cur.Rating != nil {
								own += cur.Rating.Explanation
							}
							if strings.Contains(strings.Join(strings.Fields(own), " "), probe) {
								continue // the current node quotes it
							}
							if shown := strings.Contains(scr, probe); shown != (k < r) {
								t.Fatalf("%s: %s %q on screen: %v, want %v\n%s", where, nb.Node.ID, probe, shown, k < r, scr)
							}
						}
						checked++
					}
				}
			}
			if checked < 5 {
				t.Fatalf("only %d tour positions checked", checked)
			}
		})
	}
}

func prefix(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// TestFollowerBrowsesEverythingAndCatchesUp checks that browsing lifts the
// reveal limit (all links, and a skeptic's counterpoints under a claim) and
// catching up restores it.
func TestFollowerBrowsesEverythingAndCatchesUp(t *testing.T) {
	c := loadBikes(t)
	m := drive(t, New(c, Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 160, Height: 45})
	m = drive(t, m, FollowMsg{Step: 1, Steps: 5, Node: "claim-cheapest", Revealed: 1})
	if got := ids(m.skeptics.Items()); got != "skeptic-parking" {
		t.Fatalf("revealed 1: skeptics %q", got)
	}
	if m.counters.Len() != 0 {
		t.Fatalf("revealed 1: counterpoints listed: %q", ids(m.counters.Items()))
	}
	m = drive(t, m, FollowMsg{Step: 1, Steps: 5, Node: "claim-cheapest", Revealed: 4})
	if m.counters.Len() != 0 {
		t.Fatalf("all of claim-cheapest's links revealed, yet a skeptic's counterpoint is listed: %q", ids(m.counters.Items()))
	}
	if m.Focus() != "Skeptic positions" || m.skeptics.Selected().ID != "skeptic-summer" {
		t.Fatalf("the latest reveal is not shown: focus %q, cursor on %q", m.Focus(), m.skeptics.Selected().ID)
	}
	m = drive(t, m, keys("f")...)
	if got := ids(m.counters.Items()); got != "counter-phased" {
		t.Fatalf("browsing: counterpoints %q, want those of the skeptic under the cursor", got)
	}
	m = drive(t, m, FollowMsg{Step: 4, Steps: 5, Node: "skeptic-one-year", Revealed: 0}, keys("c")[0])
	if m.Current() != "skeptic-one-year" || ids(m.skeptics.Items()) != "skeptic-one-year" || m.counters.Len() != 0 {
		t.Fatalf("caught up at revealed 0: current %q skeptics %q counterpoints %q",
			m.Current(), ids(m.skeptics.Items()), ids(m.counters.Items()))
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "3 more not revealed yet")
	if strings.Contains(scr, "five-year series") {
		t.Fatalf("an unrevealed counterpoint is on screen:\n%s", scr)
	}
}

// TestFollowerSeesTheEnd checks that a follower is told when the presenter
// ends the talk, also while browsing, instead of being left at the last step.
func TestFollowerSeesTheEnd(t *testing.T) {
	c := loadBikes(t)
	for _, browse := range []bool{false, true} {
		m := drive(t, New(c, Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 100, Height: 30})
		m = drive(t, m, FollowMsg{Step: 0, Steps: 5, Node: "claim-vote"})
		if browse {
			m = drive(t, m, keys("f")...)
		}
		if strings.Contains(ansi.Strip(screen(m)), "ended the talk") {
			t.Fatal("talk reported ended before it was")
		}
		m = drive(t, m, FollowMsg{Step: 0, Steps: 5, Node: "claim-vote", Ended: true})
		scr := ansi.Strip(screen(m))
		mustContain(t, scr, "The presenter has ended the talk.")
		mustContain(t, scr, "the talk has ended")
	}
}

// TestBrowseMsgFreesAFollower: BrowseMsg, the presenter's own way into its
// explorer, frees a follower as its f key does: the blank screen goes, the
// viewer can move, and c catches up with the presenter again.
func TestBrowseMsgFreesAFollower(t *testing.T) {
	c := loadBikes(t)
	step := c.File.Tours[0].Steps[0].Node
	m := drive(t, New(c, Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 160, Height: 45},
		FollowMsg{Node: step, Steps: 3, Revealed: 0, Blank: true})
	mustContain(t, ansi.Strip(screen(m)), "The presenter has blanked the screen.")
	m = drive(t, m, keys("j")...)
	if m.Current() != step {
		t.Fatalf("a frozen follower moved to %q", m.Current())
	}
	m = drive(t, m, BrowseMsg{})
	scr := ansi.Strip(screen(m))
	if strings.Contains(scr, "blanked the screen") || !strings.Contains(scr, "browsing") {
		t.Fatalf("after BrowseMsg the follower is not browsing:\n%s", scr)
	}
	m = drive(t, m, keys("j")...) // the claims pane has focus
	if m.Current() == step {
		t.Fatal("a browsing viewer could not move")
	}
	m = drive(t, m, keys("c")...)
	if m.Current() != step || !strings.Contains(ansi.Strip(screen(m)), "blanked the screen") {
		t.Fatalf("c did not catch up: current %q", m.Current())
	}
}
