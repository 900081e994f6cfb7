package presenter

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/internal/presentlink"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// crowded is fixture() with a first step whose claim has seven linked
// nodes with long summaries: head<k> starts the k-th, tail<k> ends it.
func crowded() *model.Content {
	c := fixture()
	f := c.File
	keep := f.Nodes[:1]
	links := []model.Link{}
	for k := 1; k <= 7; k++ {
		id := fmt.Sprintf("s-%d", k)
		keep = append(keep, &model.Node{ID: id, Kind: model.KindSkeptic,
			Summary: fmt.Sprintf("head%d the figure leaves out the cost of earlier research runs and of the staff who ran them, tail%d", k, k)})
		links = append(links, model.Link{From: id, To: "c-cost", Type: model.Attacks})
	}
	f.Nodes = append(keep, f.Nodes[1:]...)
	f.Links = links
	return model.NewContent(c.Path, f, c.Article)
}

func newCrowded(t *testing.T, w, h int, opts Options) Model {
	t.Helper()
	opts.Styles = theme.New(true, true)
	opts.TourID = "main"
	return resize(New(crowded(), opts), w, h)
}

// Every reveal reaches the screen at every size: the newest whole, each
// earlier one shown or counted in a "+N earlier" line (issue 14, item 1).
func TestPresenterRevealsFit(t *testing.T) {
	// 40×14 is below what we promise, to reach the "+N earlier" line.
	for _, size := range [][2]int{{40, 14}, {60, 20}, {80, 24}, {120, 30}, {200, 50}} {
		m := newCrowded(t, size[0], size[1], Options{})
		for k := 1; k <= 7; k++ {
			m, _ = press(m, "r")
			v := screen(m)
			if !strings.Contains(v, fmt.Sprintf("tail%d", k)) {
				t.Fatalf("%dx%d, %d revealed: the newest reveal is not whole:\n%s", size[0], size[1], k, v)
			}
			seen, earlier := 0, 0
			for j := 1; j <= k; j++ {
				if strings.Contains(v, fmt.Sprintf("head%d ", j)) {
					seen++
				}
			}
			if _, err := fmt.Sscanf(v[max(strings.Index(v, "+"), 0):], "+%d earlier", &earlier); err != nil {
				earlier = 0
			}
			if seen+earlier != k {
				t.Fatalf("%dx%d, %d revealed: %d shown and %d counted:\n%s", size[0], size[1], k, seen, earlier, v)
			}
		}
	}
}

// The demo's step 3 at 80×24 with r pressed seven times shows every
// linked node it has revealed.
func TestPresenterDemoStep3Fits(t *testing.T) {
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("demo content does not load: %v", fs)
	}
	m := resize(New(c, Options{Styles: theme.New(true, true)}), 80, 24)
	m, _ = press(m, "3 enter r r r r r r r")
	v := screen(m)
	for _, nb := range m.reveals()[:m.State().Revealed] {
		words := strings.Fields(nb.Node.Summary)
		if !strings.Contains(v, words[0]) {
			t.Errorf("revealed %q is not on the screen", nb.Node.Summary)
		}
	}
	last := m.reveals()[m.State().Revealed-1].Node.Summary
	if w := strings.Fields(last); !strings.Contains(v, w[len(w)-1]) {
		t.Errorf("the newest reveal %q is cut:\n%s", last, v)
	}
}

// z shows the whole step, every reveal whole, when earlier ones had to be cut.
func TestPresenterZoomShowsAllReveals(t *testing.T) {
	m := newCrowded(t, 60, 20, Options{})
	m, _ = press(m, "r r r r r r r")
	if strings.Contains(screen(m), "tail1") {
		t.Fatalf("60x20 shows seven long reveals whole; the test needs them cut:\n%s", screen(m))
	}
	m, _ = press(m, "z")
	seen := map[int]bool{}
	for range 30 {
		v := screen(m)
		for k := 1; k <= 7; k++ {
			seen[k] = seen[k] || strings.Contains(v, fmt.Sprintf("tail%d", k))
		}
		m, _ = press(m, "down")
	}
	for _, k := range []int{1, 2, 3, 4, 5, 6, 7} {
		if !seen[k] {
			t.Fatalf("z and ↓ never show reveal %d whole", k)
		}
	}
	if m, _ = press(m, "n"); m.overlay != overlayNone || m.State().Step != 1 {
		t.Fatal("n on the linked page does not move on to the next step")
	}
	m = newCrowded(t, 40, 14, Options{})
	if m, _ = press(m, "r r r r r r r"); !strings.Contains(screen(m), "earlier — z shows them all") {
		t.Fatalf("40x14 does not count the earlier reveals it leaves out:\n%s", screen(m))
	}
}

// With viewers watching, one q asks; a second q or y ends the talk, any
// other key keeps it (item 2). Without viewers, q quits at once.
func TestPresenterQuitAsksWithViewers(t *testing.T) {
	viewers := 2
	opts := Options{Viewers: func() int { return viewers }}
	m, _, _ := newTest(t, opts)
	m, cmd := press(m, "q")
	if cmd != nil || m.State().Ended {
		t.Fatal("one q ended a talk with viewers")
	}
	if v := screen(m); !strings.Contains(v, "End the talk for 2 viewers? q/y: yes · other key: no") {
		t.Fatalf("q does not ask:\n%s", v)
	}
	m, _ = press(m, "n")
	if m.State().Ended || m.State().Step != 0 || !strings.Contains(screen(m), "the talk goes on") {
		t.Fatalf("the key after the question did more than keep the talk: step %d", m.State().Step)
	}
	for _, second := range []string{"q", "y"} {
		mm, _ := press(m, "q "+second)
		if !mm.State().Ended {
			t.Fatalf("q %s did not end the talk", second)
		}
	}
	m, _ = press(m, "b q")
	if !strings.Contains(screen(m), "End the talk for 2 viewers?") {
		t.Fatal("q on a blank screen does not ask")
	}
	viewers = 0
	m, _, _ = newTest(t, opts)
	if m, _ = press(m, "q"); !m.State().Ended {
		t.Fatal("q with no viewers does not quit")
	}
}

// The slide fills the screen, centred, and shows no node ids (item 3).
func TestPresenterSlideUsesScreen(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m = resize(m, 200, 50)
	lines := strings.Split(screen(m), "\n")
	first, last := -1, -1
	for i, l := range lines[3 : len(lines)-1] {
		if strings.TrimSpace(l) != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if below := len(lines) - 4 - last; first < 5 || below-first > 6 || first-below > 6 {
		t.Fatalf("the step is not centred: %d blank lines above it, %d below", first, below)
	}
	for _, l := range lines {
		if strings.Contains(l, "Training cost") && !strings.HasPrefix(l, strings.Repeat(" ", 40)) {
			t.Fatalf("the text column is not centred: %q", l)
		}
	}
	for _, keys := range []string{"", "n"} {
		mm, _ := press(m, keys)
		if v := screen(mm); strings.Contains(v, "c-cost") || strings.Contains(v, "s-excl") {
			t.Fatalf("the audience sees a node id:\n%s", v)
		}
	}
}

// h j k l and G move as in presenterm; 3 G jumps; help lists ↑/↓ (item 4).
func TestPresenterVimKeys(t *testing.T) {
	for keys, want := range map[string]int{"l": 1, "j": 1, "l l h": 1, "l l k": 1, "G": 3, "G h": 2, "2 G": 1} {
		m, _, _ := newTest(t, Options{})
		if m, _ = press(m, keys); m.State().Step != want {
			t.Errorf("%q: step %d, want %d", keys, m.State().Step, want)
		}
	}
	m, _, _ := newTest(t, Options{})
	m, _ = press(m, "?")
	v := screen(m)
	for _, want := range []string{"↑", "↓", "h/k", "l/j", "G/end"} {
		if !strings.Contains(v, want) {
			t.Errorf("help lacks %q:\n%s", want, v)
		}
	}
}

// In the index ▸ is the cursor, as in the explorer; the step on screen is
// said in words (item 6).
func TestPresenterIndexCursor(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m, _ = press(m, "n i down")
	var cursorRow, nowRow string
	for _, l := range strings.Split(screen(m), "\n") {
		if strings.Contains(l, "▸") {
			cursorRow = l
		}
		if strings.Contains(l, "on screen now") {
			nowRow = l
		}
	}
	if !strings.Contains(cursorRow, "3.") {
		t.Errorf("▸ is not on the cursor (step 3): %q", cursorRow)
	}
	if !strings.Contains(nowRow, "2.") || strings.Contains(nowRow, "▸") {
		t.Errorf("the current step (2) is not marked in words: %q", nowRow)
	}
}

// The speaker notes say that the screen is blanked and how many watch; the
// presenter passes a new viewer count on with its next tick (item 5).
func TestNotesShowBlankAndViewers(t *testing.T) {
	viewers := 3
	m, _, hub := newTest(t, Options{Viewers: func() int { return viewers }})
	notes := NewNotes(fixture(), NotesOptions{Styles: theme.New(true, true), Now: (&clock{t: t0}).now})
	show := func() string {
		s, _ := hub.Latest()
		tm, _ := notes.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		tm, _ = tm.Update(eventMsg{e: presentlink.Event{Connected: true, HasState: true, State: s}, ok: true})
		return ansi.Strip(tm.(Notes).View().Content)
	}
	if v := show(); !strings.Contains(v, "3 watching over SSH") || strings.Contains(v, "blanked") {
		t.Fatalf("notes without the viewer count, or blanked too soon:\n%s", v)
	}
	viewers = 5
	tm, _ := m.Update(tickMsg{})
	m = tm.(Model)
	if m, _ = press(m, "b"); !m.State().Blank {
		t.Fatal("b did not blank")
	}
	if v := show(); !strings.Contains(v, "5 watching over SSH") || !strings.Contains(v, "the screen is blanked") {
		t.Fatalf("notes do not follow the count or the blank screen:\n%s", v)
	}
}

// Help lists every key, the poll's too, on a 60×20 screen.
func TestPresenterHelpFits(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m.pollKeys.Voting.SetEnabled(true)
	m.pollKeys.Results.SetEnabled(true)
	m = resize(m, 60, 20)
	m, _ = press(m, "?")
	v := screen(m)
	for _, want := range []string{"next", "previous", "first step / last step", "reveal next / hide the last", "quit", "open/close voting", "show/hide results"} {
		if !strings.Contains(v, want) {
			t.Errorf("help at 60×20 lacks %q:\n%s", want, v)
		}
	}
}

// With crux serve's address in the footer, the keys that stay are next
// and reveal, then help and quit.
func TestPresenterFooterKeepsReveal(t *testing.T) {
	m, _, _ := newTest(t, Options{Status: func() string { return "2/100 viewers · ssh -p 23871 127.0.0.1 · passphrase myfe-xdqn-gqbt-tjsm" }})
	m = resize(m, 120, 30)
	lines := strings.Split(screen(m), "\n")
	foot := lines[len(lines)-1]
	for _, want := range []string{"next", "r reveal next", "? help", "q quit", "passphrase myfe-xdqn-gqbt-tjsm"} {
		if !strings.Contains(foot, want) {
			t.Errorf("footer lacks %q: %q", want, foot)
		}
	}
}
