package presenter

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui/theme"
)

const articleText = "Costs fell sharply in January.\n\nThe lab says training cost six million dollars."

// fixture is a small content set: a claim attacked by a skeptic position and
// supported by a counterpoint, a second claim, and tours that exercise the
// error paths.
func fixture() *model.Content {
	start := len([]rune("Costs fell sharply in January.\n\n"))
	exact := "training cost six million dollars"
	aStart := start + len([]rune("The lab says "))
	f := &model.File{
		SchemaVersion: 1,
		Nodes: []*model.Node{
			{ID: "c-cost", Kind: model.KindClaim, Summary: "Training cost six million dollars", Text: "The **lab** reports the figure.",
				Anchors: []model.Anchor{{Exact: exact, Start: aStart, End: aStart + len([]rune(exact))}},
				Rating:  &model.Rating{Label: "Misleading", Explanation: "excludes research"}},
			{ID: "s-excl", Kind: model.KindSkeptic, Summary: "The figure excludes prior research"},
			{ID: "p-final", Kind: model.KindCounterpoint, Summary: "It is the final run's cost only"},
			{ID: "c-fell", Kind: model.KindClaim, Summary: "Costs fell sharply"},
		},
		Links: []model.Link{
			{From: "s-excl", To: "c-cost", Type: model.Attacks},
			{From: "p-final", To: "c-cost", Type: model.Supports},
		},
		Tours: []model.Tour{
			{ID: "main", Title: "The cost story", Steps: []model.TourStep{
				{Node: "c-cost", Title: "The headline number", Notes: "Ask who has **trained** a model."},
				{Node: "s-excl"},
				{Node: "ghost", Title: "Broken step"},
				{Node: "c-fell", Notes: "Wrap up."},
			}},
			{ID: "empty", Title: "Nothing here"},
		},
	}
	art := model.Article{
		Text: articleText,
		Blocks: []model.Block{
			{Kind: "paragraph", Start: 0, End: start - 2, Line: 1},
			{Kind: "paragraph", Start: start, End: len([]rune(articleText)), Line: 3},
		},
	}
	return model.NewContent("testdata/claims.json", f, art)
}

// clock is an adjustable fake clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

var t0 = time.Date(2025, 1, 27, 9, 0, 0, 0, time.UTC)

func newTest(t *testing.T, opts Options) (Model, *clock, *present.Hub) {
	t.Helper()
	clk := &clock{t: t0}
	hub := present.NewHub()
	if opts.Styles.Glamour == "" {
		opts.Styles = theme.New(true, true)
	}
	opts.Now = clk.now
	opts.Hub = hub
	if opts.TourID == "" {
		opts.TourID = "main"
	}
	m := New(fixture(), opts)
	return resize(m, 80, 24), clk, hub
}

func resize(m Model, w, h int) Model {
	tm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return tm.(Model)
}

// keyMsg builds a key press from its string form ("space", "enter", "n").
func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+p", "ctrl+t", "ctrl+c":
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// press sends each space-separated key in turn and returns the model and
// the last command.
func press(m Model, keys string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range strings.Fields(keys) {
		var tm tea.Model
		tm, cmd = m.Update(keyMsg(k))
		m = tm.(Model)
	}
	return m, cmd
}

func screen(m Model) string { return ansi.Strip(m.View().Content) }

func TestPresenterKeys(t *testing.T) {
	tests := map[string]struct {
		keys     string
		step     int
		revealed int
		blank    bool
	}{
		"start":                    {keys: "", step: 0},
		"space":                    {keys: "space", step: 1},
		"right n":                  {keys: "right n", step: 2},
		"down":                     {keys: "down", step: 1},
		"past the end stays":       {keys: "n n n n n n", step: 3},
		"prev":                     {keys: "n n p", step: 1},
		"left up at start":         {keys: "left up", step: 0},
		"reveal one":               {keys: "r", step: 0, revealed: 1},
		"reveal stops at all":      {keys: "r r r r", step: 0, revealed: 2},
		"hide":                     {keys: "r r R", step: 0, revealed: 1},
		"next resets reveals":      {keys: "r r n", step: 1, revealed: 0},
		"number enter":             {keys: "3 enter", step: 2},
		"g number enter":           {keys: "g 4 enter", step: 3},
		"number g":                 {keys: "2 g", step: 1},
		"two digits backspace":     {keys: "4 1 backspace enter", step: 3},
		"out of range jump":        {keys: "9 enter", step: 0},
		"jump cancelled":           {keys: "3 esc", step: 0},
		"index pick":               {keys: "i down down enter", step: 2},
		"index ctrl+p end":         {keys: "ctrl+p end enter", step: 3},
		"index esc":                {keys: "i down esc", step: 0},
		"blank":                    {keys: "b", blank: true},
		"blank ignores navigation": {keys: "b n n", blank: true},
		"unblank":                  {keys: "b n b n", step: 1},
		"help then next":           {keys: "? x n", step: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m, _, hub := newTest(t, Options{})
			m, _ = press(m, tc.keys)
			s := m.State()
			if s.Step != tc.step || s.Revealed != tc.revealed || s.Blank != tc.blank {
				t.Fatalf("after %q: step %d revealed %d blank %v; want %d %d %v", tc.keys, s.Step, s.Revealed, s.Blank, tc.step, tc.revealed, tc.blank)
			}
			if got, _ := hub.Latest(); got != s {
				t.Fatalf("hub holds %+v, presenter is at %+v", got, s)
			}
		})
	}
}

func TestPresenterViewStep(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	v := screen(m)
	for _, want := range []string{
		"The cost story", "step 1/4", "■ claim", "The headline number",
		"Training cost six million dollars", "Misleading — excludes research",
		"In the article, ¶ 2 of 2, line 3", "“training cost six million dollars”",
		"Linked: 0 of 2 revealed", "2 more — r reveals the next",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("step 1 screen lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "The figure excludes prior research") {
		t.Errorf("unrevealed skeptic position is shown:\n%s", v)
	}
	m, _ = press(m, "r")
	v = screen(m)
	if !strings.Contains(v, "▲ skeptic ⊖ attacks this  The figure excludes prior research") || strings.Contains(v, "final run") {
		t.Errorf("after one reveal, want only the skeptic position:\n%s", v)
	}
	m, _ = press(m, "r")
	if v = screen(m); !strings.Contains(v, "● counter ⊕ supports this  It is the final run's cost only") {
		t.Errorf("after two reveals, want the counterpoint:\n%s", v)
	}
	m, _ = press(m, "n")
	if v = screen(m); !strings.Contains(v, "step 2/4") || !strings.Contains(v, "▲ skeptic") || !strings.Contains(v, "Linked: 0 of 1 revealed") {
		t.Errorf("step 2 screen:\n%s", v)
	}
}

func TestPresenterMarkdownRendered(t *testing.T) {
	m, _, _ := newTest(t, Options{Styles: theme.New(true, false)})
	if v := screen(m); !strings.Contains(v, "The **lab** reports") {
		t.Fatalf("before glamour answers, want the plain Markdown:\n%s", v)
	}
	// Render the step the way the program would: run the command from the
	// resize and feed its message back.
	tm, cmd := m.Update(tea.WindowSizeMsg{Width: 81, Height: 24})
	m = tm.(Model)
	if cmd == nil {
		t.Fatal("a resize asked for no render")
	}
	msg := runBatch(cmd)
	for _, mm := range msg {
		tm, _ = m.Update(mm)
		m = tm.(Model)
	}
	if v := screen(m); !strings.Contains(v, "The lab reports the figure.") || strings.Contains(v, "**") {
		t.Fatalf("after the render, want glamour's output:\n%s", v)
	}
}

// runBatch runs cmd, flattening batches, and returns the messages except
// ticks.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runBatch(c)...)
		}
		return out
	case tickMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

func TestPresenterBlank(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m, _ = press(m, "b")
	if v := strings.TrimSpace(screen(m)); v != "" {
		t.Fatalf("blank screen shows %q", v)
	}
	m, _ = press(m, "b")
	if !strings.Contains(screen(m), "step 1/4") {
		t.Fatal("b did not bring the step back")
	}
}

func TestPresenterClock(t *testing.T) {
	// 20 minutes over 4 steps: 5 minutes a step.
	tests := map[string]struct {
		elapsed time.Duration
		keys    string
		dur     time.Duration
		want    string
	}{
		"no budget":     {elapsed: 2*time.Minute + 5*time.Second, want: "⏱ 2:05"},
		"on time":       {elapsed: 2 * time.Minute, dur: 20 * time.Minute, want: "⏱ 2:00 / 20:00 · on time"},
		"behind":        {elapsed: 7*time.Minute + 30*time.Second, dur: 20 * time.Minute, want: "⏱ 7:30 / 20:00 · behind 2:30"},
		"ahead":         {elapsed: 6 * time.Minute, keys: "n n", dur: 20 * time.Minute, want: "⏱ 6:00 / 20:00 · ahead 4:00"},
		"behind at end": {elapsed: 21 * time.Minute, keys: "end", dur: 20 * time.Minute, want: "⏱ 21:00 / 20:00 · behind 1:00"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m, clk, _ := newTest(t, Options{Duration: tc.dur})
			m, _ = press(m, tc.keys)
			clk.t = t0.Add(tc.elapsed)
			if v := screen(m); !strings.Contains(v, tc.want) {
				t.Fatalf("header lacks %q:\n%s", tc.want, strings.SplitN(v, "\n", 2)[0])
			}
		})
	}
}

func TestPresenterTickKeepsTicking(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	if m.Init() == nil {
		t.Fatal("Init starts no clock")
	}
	if _, cmd := m.Update(tickMsg{}); cmd == nil {
		t.Fatal("the clock stops after one tick")
	}
}

func TestPresenterProblems(t *testing.T) {
	t.Run("missing node", func(t *testing.T) {
		m, _, _ := newTest(t, Options{})
		m, _ = press(m, "3 enter")
		v := screen(m)
		if !strings.Contains(v, `Step 3 names node "ghost", which is not in testdata/claims.json.`) {
			t.Fatalf("missing node screen:\n%s", v)
		}
		m, _ = press(m, "r n")
		if m.State().Step != 3 {
			t.Fatal("cannot move on from a broken step")
		}
	})
	for name, id := range map[string]string{"unknown tour": "nope", "empty tour": "empty"} {
		t.Run(name, func(t *testing.T) {
			m, _, hub := newTest(t, Options{TourID: id})
			if m.Err() == nil {
				t.Fatal("no error")
			}
			v := strings.Join(strings.Fields(screen(m)), " ")
			for _, want := range []string{"cannot start", `main ("The cost story", 4 steps)`, "q quits"} {
				if !strings.Contains(v, want) {
					t.Errorf("screen lacks %q: %s", want, v)
				}
			}
			if _, ok := hub.Latest(); ok {
				t.Error("a broken tour was published to followers")
			}
			m, _ = press(m, "n r b i")
			if _, cmd := press(m, "q"); cmd == nil || cmd() != tea.Quit() {
				t.Error("q does not quit")
			}
		})
	}
}

func TestPresenterQuitPublishesEnd(t *testing.T) {
	m, _, hub := newTest(t, Options{})
	_, cmd := press(m, "n q")
	if cmd == nil || cmd() != tea.Quit() {
		t.Fatal("q does not quit")
	}
	if s, _ := hub.Latest(); !s.Ended || s.Step != 1 {
		t.Fatalf("followers last saw %+v, want ended at step 2", s)
	}
}

// TestPresenterFits checks that no line is wider than the terminal and that
// the screen has exactly its height, in every mode and at every size.
func TestPresenterFits(t *testing.T) {
	sizes := [][2]int{{1, 1}, {10, 3}, {29, 20}, {30, 8}, {40, 12}, {80, 24}, {120, 40}, {300, 90}}
	modes := []string{"", "r r", "3 enter", "i", "?", "7", "b", "n"}
	for _, sz := range sizes {
		for _, keys := range modes {
			m, _, _ := newTest(t, Options{Duration: time.Hour, Status: func() string { return "3 viewers · ssh -p 23234 127.0.0.1" }})
			m = resize(m, sz[0], sz[1])
			m, _ = press(m, keys)
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Errorf("%dx%d %q: %d lines", sz[0], sz[1], keys, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > sz[0] {
					t.Errorf("%dx%d %q: line %d is %d wide: %q", sz[0], sz[1], keys, i, w, ansi.Strip(l))
				}
			}
		}
	}
	m, _, _ := newTest(t, Options{})
	m = resize(m, 20, 5)
	if v := strings.Join(strings.Fields(screen(m)), " "); !strings.Contains(v, "Terminal too small (20×5)") {
		t.Fatalf("tiny terminal: %q", v)
	}
}

// fakeExplorer records what it gets and quits on q, like an explorer would.
type fakeExplorer struct {
	at   string
	keys []string
}

func (f *fakeExplorer) Init() tea.Cmd { return nil }
func (f *fakeExplorer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		f.keys = append(f.keys, k.String())
		if k.String() == "q" {
			return f, tea.Quit
		}
	}
	return f, nil
}
func (f *fakeExplorer) View() tea.View { return tea.NewView("EXPLORER at " + f.at) }

func TestPresenterExplore(t *testing.T) {
	var ex *fakeExplorer
	m, _, hub := newTest(t, Options{Explorer: func(c *model.Content, s present.State) (tea.Model, tea.Cmd) {
		ex = &fakeExplorer{at: c.File.Tours[0].Steps[s.Step].Node}
		return ex, nil
	}})
	m, _ = press(m, "n r e")
	if !m.Exploring() || !strings.Contains(screen(m), "EXPLORER at s-excl") {
		t.Fatalf("e did not open the explorer at the step:\n%s", screen(m))
	}
	m, _ = press(m, "n n space")
	if got := strings.Join(ex.keys, ","); got != "n,n,space" {
		t.Fatalf("explorer got keys %q", got)
	}
	if s, _ := hub.Latest(); s.Step != 1 || s.Revealed != 1 {
		t.Fatalf("keys in the explorer moved the talk: %+v", s)
	}
	m, _ = press(m, "ctrl+t")
	if m.Exploring() || !strings.Contains(screen(m), "step 2/4") || !strings.Contains(screen(m), "back at step 2") {
		t.Fatalf("ctrl+t did not return to the tour:\n%s", screen(m))
	}
	// q inside the explorer returns to the tour instead of ending the talk.
	m, _ = press(m, "e")
	m, cmd := press(m, "q")
	msg := cmd()
	if _, ok := msg.(tourMsg); !ok {
		t.Fatalf("explorer quit became %T, want a return to the tour", msg)
	}
	tm, _ := m.Update(msg)
	if m = tm.(Model); m.Exploring() {
		t.Fatal("still exploring after the explorer quit")
	}
}

func TestPresenterExploreUnavailable(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m, _ = press(m, "e")
	if m.Exploring() || !strings.Contains(screen(m), "free navigation is not available") {
		t.Fatalf("e without an explorer:\n%s", screen(m))
	}
}
