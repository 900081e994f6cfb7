package ui

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/mapview"
)

func TestMapOpensMovesEntersCloses(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("j")...) // claims pane: claim-cheapest becomes current
	if m.Current() != "claim-cheapest" {
		t.Fatalf("current %q", m.Current())
	}
	m = drive(t, m, keys("m")...)
	if !m.stack.has(layerMap) || m.mapv.Mode() != mapview.Neighbourhood || m.mapv.Root() != "claim-cheapest" {
		t.Fatalf("m did not open the map of the current node")
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "Map of ■ Bike lanes are the cheapest way to move more people · depth 2")
	mustContain(t, scr, "├─ ⊖ attacked by ▲ skeptic Lost parking will keep customers away")

	// j selects the next node of the map like a pane does: the detail and
	// the article follow, the current node stays.
	m = drive(t, m, keys("j")...)
	if m.Selected() != "skeptic-parking" || m.Current() != "claim-cheapest" {
		t.Fatalf("after j: selected %q current %q", m.Selected(), m.Current())
	}
	hist := len(m.History())

	// enter makes it current, pushes the history and re-roots the map.
	m = drive(t, m, keys("enter")...)
	if m.Current() != "skeptic-parking" || len(m.History()) != hist+1 {
		t.Fatalf("after enter: current %q history %v", m.Current(), m.History())
	}
	if h := m.History(); h[len(h)-2] != "claim-cheapest" {
		t.Fatalf("history %v", h)
	}
	if !m.stack.has(layerMap) || m.mapv.Root() != "skeptic-parking" {
		t.Fatalf("the map did not follow the new current node (root %q)", m.mapv.Root())
	}
	mustContain(t, ansi.Strip(screen(m)), "└─ ⊖ attacks ■ claim Bike lanes are the cheapest")

	// Back works inside the map and re-roots it.
	m = drive(t, m, keys("backspace")...)
	if m.Current() != "claim-cheapest" || m.mapv.Root() != "claim-cheapest" || !m.stack.has(layerMap) {
		t.Fatalf("back in the map: current %q root %q", m.Current(), m.mapv.Root())
	}

	// esc closes; the explorer shows the panes again.
	m = drive(t, m, keys("esc")...)
	if m.stack.has(layerMap) {
		t.Fatal("esc did not close the map")
	}
	scr = ansi.Strip(screen(m))
	if strings.Contains(scr, "Map of") || !strings.Contains(scr, "Skeptic positions") {
		t.Fatalf("closed map still drawn:\n%s", scr)
	}
	// Opened on a node the map does not show, the map selects its root so
	// that its cursor and the detail pane agree.
	m.selectNode("counter-five-years")
	m = drive(t, m, keys("m")...)
	if m.Selected() != "claim-cheapest" || m.mapv.Selected().ID != "claim-cheapest" {
		t.Fatalf("selected %q, map cursor on %q", m.Selected(), m.mapv.Selected().ID)
	}
	// So does a shallower tree that cuts off the selected node.
	m = drive(t, m, keys("j", "j")...)
	m = drive(t, m, keys("-")...)
	if m.Selected() != "claim-cheapest" || m.mapv.Depth() != 1 {
		t.Fatalf("after -: selected %q depth %d", m.Selected(), m.mapv.Depth())
	}
	m = drive(t, m, keys("+", "m")...)
	// m toggles.
	m = drive(t, m, keys("m", "m")...)
	if m.stack.has(layerMap) {
		t.Fatal("m did not close the map")
	}
}

func TestMapDepthAndMouse(t *testing.T) {
	m := start(t, loadBikes(t), 120, 40)
	m = drive(t, m, keys("j")...)
	m = drive(t, m, keys("m", "-")...)
	if m.mapv.Depth() != 1 {
		t.Fatalf("depth %d", m.mapv.Depth())
	}
	mustContain(t, ansi.Strip(screen(m)), "· depth 1")
	m = drive(t, m, keys("+")...)

	// The map's rows start on screen row 2 (border, title); row 2 is the
	// root, rows 3-4 a blank line and a heading, row 5 the first attacker.
	click := func(y int) tea.Msg { return tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft} }
	m = drive(t, m, click(4))
	if m.Selected() != "claim-cheapest" {
		t.Fatalf("a click on a heading selected %q", m.Selected())
	}
	m = drive(t, m, click(5))
	if m.Selected() != "skeptic-parking" || m.Current() != "claim-cheapest" {
		t.Fatalf("click: selected %q current %q", m.Selected(), m.Current())
	}
	m = drive(t, m, tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown})
	if m.Selected() != "counter-footfall" {
		t.Fatalf("wheel: selected %q", m.Selected())
	}
	m = drive(t, m, click(6), click(6)) // the second click opens
	if m.Current() != "counter-footfall" || m.mapv.Root() != "counter-footfall" {
		t.Fatalf("double click: current %q root %q", m.Current(), m.mapv.Root())
	}
}

// bikesWithOpenSkeptic is bikelanes without "counter-phased attacks
// skeptic-summer", so that one skeptic position is left open.
func bikesWithOpenSkeptic(t *testing.T) *model.Content {
	c := loadBikes(t)
	f := *c.File
	f.Links = slices.DeleteFunc(slices.Clone(f.Links), func(l model.Link) bool { return l.From == "counter-phased" })
	return model.NewContent(c.Path, &f, c.Article)
}

func TestOverviewCountsOpenSkeptics(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("M")...)
	if !m.stack.has(layerMap) || m.mapv.Mode() != mapview.Overview {
		t.Fatal("M did not open the overview")
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "Still open: 0 skeptic positions, on 0 of 5 claims.")
	if strings.Contains(scr, "all 1 answered") || strings.Contains(scr, "all 2 answered") {
		t.Errorf("the overview counts read unnaturally (issue 14 item 16):\n%s", scr)
	}
	// Every claim in article order, with its count.
	want := map[string]string{
		"The council voted 6 to 3":            "no skeptic position",
		"Bike lanes are the cheapest way":     "both answered",
		"A regional grant covers":             "no skeptic position",
		"Cyclists suffer a third":             "1 answered",
		"Protected lanes halve the injury ra": "1 answered",
	}
	var order []string
	rows := strings.Split(scr, "\n")
	for _, l := range rows[:len(rows)-1] { // the map's box, not the status line
		for claim, count := range want {
			if strings.Contains(l, claim) {
				order = append(order, claim)
				if !strings.Contains(l, count) {
					t.Errorf("row of %q lacks %q: %q", claim, count, l)
				}
			}
		}
	}
	var wantOrder []string
	for _, n := range m.c.Claims() {
		for claim := range want {
			if strings.HasPrefix(n.Summary, claim) {
				wantOrder = append(wantOrder, claim)
			}
		}
	}
	if !slices.Equal(order, wantOrder) || len(order) != 5 {
		t.Fatalf("claims in order %v, want %v", order, wantOrder)
	}

	// With one counterpoint link gone, the overview finds the open one,
	// and enter on it jumps to the claim in the explorer.
	m = start(t, bikesWithOpenSkeptic(t), 160, 45)
	m = drive(t, m, keys("M")...)
	scr = ansi.Strip(screen(m))
	mustContain(t, scr, "Still open: 1 skeptic position, on 1 of 5 claims.")
	mustContain(t, scr, "▲ 1 open of 2")
	mustContain(t, scr, "└─ ⊖ attacked by ▲ skeptic Construction will close the street all summer")
	m = drive(t, m, keys("j")...)
	if m.Selected() != "claim-cheapest" {
		t.Fatalf("j in the overview selected %q", m.Selected())
	}
	m = drive(t, m, keys("enter")...)
	if m.stack.has(layerMap) || m.Current() != "claim-cheapest" {
		t.Fatalf("enter in the overview: mapping %v current %q", m.stack.has(layerMap), m.Current())
	}
	// M and m switch between the two views.
	m = drive(t, m, keys("M", "m")...)
	if !m.stack.has(layerMap) || m.mapv.Mode() != mapview.Neighbourhood {
		t.Fatal("m in the overview did not switch to the map")
	}
}

func TestMapFitsEverySize(t *testing.T) {
	for name, c := range map[string]*model.Content{"embedded": loadEmbedded(t), "bikelanes": loadBikes(t)} {
		for _, s := range [][2]int{{160, 45}, {100, 30}, {60, 20}, {40, 10}, {30, 8}} {
			m := start(t, c, s[0], s[1])
			for _, ks := range [][]string{{"m"}, {"m", "j", "j", "+", "+"}, {"M"}, {"M", "G"}} {
				mm := m
				for _, k := range ks {
					mm = drive(t, mm, keys(k)...)
				}
				checkFits(t, fmt.Sprintf("%s %dx%d %v", name, s[0], s[1], ks), mm.render(), s[0], s[1])
				v := ansi.Strip(mm.render())
				if !strings.Contains(v, "▸") {
					t.Fatalf("%s %dx%d %v: no cursor on screen:\n%s", name, s[0], s[1], ks, v)
				}
			}
		}
	}
}

func TestMapWhileFollowingIsReadOnly(t *testing.T) {
	m := drive(t, New(loadBikes(t), Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, FollowMsg{Steps: 3, Node: "claim-cheapest", Revealed: -1})
	m = drive(t, m, keys("m", "j", "enter")...)
	if !m.stack.has(layerMap) || m.Current() != "claim-cheapest" {
		t.Fatalf("a follower moved: mapping %v current %q", m.stack.has(layerMap), m.Current())
	}
	// The presenter moves on: the map follows.
	m = drive(t, m, FollowMsg{Step: 1, Steps: 3, Node: "claim-halve", Revealed: -1})
	if m.mapv.Root() != "claim-halve" {
		t.Fatalf("map root %q after the presenter moved", m.mapv.Root())
	}
}

func TestHelpOverMapListsMapKeys(t *testing.T) {
	m := start(t, loadBikes(t), 120, 40)
	m = drive(t, m, keys("m", "?")...)
	scr := ansi.Strip(screen(m))
	for _, s := range []string{"deeper", "shallower", "go to node", "map of this node", "overview: open skeptics"} {
		mustContain(t, scr, s)
	}
	m = drive(t, m, keys("esc")...)
	if !m.stack.has(layerMap) || m.stack.has(layerHelp) {
		t.Fatalf("esc closed the help: mapping %v help %v", m.stack.has(layerMap), m.stack.has(layerHelp))
	}
}

// TestMapSwitchesSearchesAndGoesForward: M in the map switches to the
// overview and m back; / closes the map and opens the finder at once; ]
// goes forward in the history and re-roots the map.
func TestMapSwitchesSearchesAndGoesForward(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("j", "m", "j", "enter")...) // skeptic-parking is current
	m = drive(t, m, keys("[")...)
	if m.Current() != "claim-cheapest" || m.mapv.Root() != "claim-cheapest" {
		t.Fatalf("back: current %q root %q", m.Current(), m.mapv.Root())
	}
	m = drive(t, m, keys("]")...)
	if m.Current() != "skeptic-parking" || m.mapv.Root() != "skeptic-parking" || !m.stack.has(layerMap) {
		t.Fatalf("forward: current %q root %q", m.Current(), m.mapv.Root())
	}
	m = drive(t, m, keys("M")...)
	if !m.stack.has(layerMap) || m.mapv.Mode() != mapview.Overview {
		t.Fatal("M in the map did not switch to the overview")
	}
	m = drive(t, m, keys("m")...)
	if !m.stack.has(layerMap) || m.mapv.Mode() != mapview.Neighbourhood || m.mapv.Root() != "skeptic-parking" {
		t.Fatalf("m in the overview did not switch to the map (root %q)", m.mapv.Root())
	}
	m = drive(t, m, keys("/")...)
	if m.stack.has(layerMap) || !m.stack.has(layerFinder) {
		t.Fatalf("/ in the map: stack %v", m.stack)
	}
}

// TestOpenMapFollowsTheThemeSwitch: a map open when the terminal reports a
// light background is redrawn in the light theme at once, as it would be
// when opened after the switch.
func TestOpenMapFollowsTheThemeSwitch(t *testing.T) {
	c := loadBikes(t)
	m := drive(t, New(c, Options{Theme: "auto"}), tea.WindowSizeMsg{Width: 120, Height: 40})
	m = drive(t, m, keys("m")...)
	dark := screen(m)
	m = drive(t, m, tea.BackgroundColorMsg{Color: color.White})
	light := screen(m)
	m = drive(t, m, keys("esc", "m")...)
	if reopened := screen(m); light != reopened || light == dark {
		t.Fatalf("the open map kept the dark theme: equal to reopened %v, to dark %v", light == reopened, light == dark)
	}
}

// The overview has no depth: its hints and help do not offer + and -, and
// the neighbourhood map does.
func TestOverviewDoesNotAdvertiseDepthKeys(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	status := func(m Model) string { return lines(m)[44] }
	m = drive(t, m, keys("M")...)
	if st := status(m); strings.Contains(st, "deeper") || strings.Contains(st, "shallower") {
		t.Fatalf("the overview's status line offers the depth keys: %q", st)
	}
	m = drive(t, m, keys("?")...)
	if scr := ansi.Strip(screen(m)); strings.Contains(scr, "deeper") {
		t.Fatalf("the overview's help offers the depth keys:\n%s", scr)
	}
	m = drive(t, m, keys("?", "m")...)
	mustContain(t, status(m), "+ deeper")
}
