package mapview

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

func loadBikes(tb testing.TB) *model.Content {
	tb.Helper()
	c, fs := model.LoadFile("../../testdata/bikelanes")
	if err := fs.Err(); err != nil || c == nil {
		tb.Fatalf("bikelanes: %v", err)
	}
	return c
}

// withoutLinks is c with the links matching drop removed.
func withoutLinks(c *model.Content, drop func(model.Link) bool) *model.Content {
	f := *c.File
	f.Links = slices.DeleteFunc(slices.Clone(f.Links), drop)
	return model.NewContent(c.Path, &f, c.Article)
}

// cyclic is a hand-made graph with a two-cycle, a three-cycle and a
// self-loop: a⇄b, a→c→d→a, d→d.
func cyclic() *model.Content {
	node := func(id string, k model.Kind) *model.Node {
		return &model.Node{ID: id, Kind: k, Summary: "node " + id}
	}
	f := &model.File{
		SchemaVersion: model.SchemaVersion,
		Nodes: []*model.Node{
			node("a", model.KindClaim), node("b", model.KindSkeptic),
			node("c", model.KindCounterpoint), node("d", model.KindSkeptic),
		},
		Links: []model.Link{
			{From: "b", To: "a", Type: model.Attacks},
			{From: "a", To: "b", Type: model.Attacks},
			{From: "c", To: "a", Type: model.Supports},
			{From: "d", To: "c", Type: model.Attacks},
			{From: "a", To: "d", Type: model.Supports},
			{From: "d", To: "d", Type: model.Attacks},
		},
	}
	return model.NewContent("cyclic.json", f, model.Article{})
}

func newMap(c *model.Content, w, h int, noColor bool) Model {
	st := theme.New(true, noColor)
	m := New(c, &st)
	m.SetSize(w, h)
	m.Focus()
	return m
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys and returns the model and the messages of the last key.
func press(m Model, ks ...string) (Model, tea.Msg) {
	var msg tea.Msg
	for _, k := range ks {
		m, _ = m.Update(keyMsg(k))
		msg = m.Intent()
	}
	return m, msg
}

func TestTreeShapeBikelanes(t *testing.T) {
	c := loadBikes(t)
	m := newMap(c, 120, 40, true)
	m.ShowNode("claim-cheapest", "")
	// Incoming first, in file order of the links into each node, each
	// attacker followed by its own attackers; nothing goes out of the claim.
	want := []string{
		"claim-cheapest",
		"skeptic-parking", "counter-footfall",
		"skeptic-summer", "counter-phased",
		"claim-grant", "claim-vote",
	}
	if got := m.Nodes(); !slices.Equal(got, want) {
		t.Fatalf("nodes %v, want %v", got, want)
	}
	lines := strings.Join(m.Lines(), "\n")
	for _, s := range []string{
		"■ claim Bike lanes are the cheapest way to move more people [Opinion] (current)",
		"├─ ⊖ attacked by ▲ skeptic Lost parking will keep customers away",
		"│  └─ ⊖ attacked by ● counter Cyclists shop more often",
		"└─ ⊕ supported by ■ claim The council voted 6 to 3 for the lanes",
		"What it attacks or supports (0)",
		"└─ nothing",
	} {
		if !strings.Contains(lines, s) {
			t.Errorf("map lacks %q:\n%s", s, lines)
		}
	}

	// The other direction: a skeptic position attacks two claims, one of
	// which supports the other; the second meeting is marked, not expanded.
	m.ShowNode("skeptic-one-year", "")
	want = []string{"skeptic-one-year", "counter-five-years", "claim-injuries", "claim-halve", "claim-halve"}
	if got := m.Nodes(); !slices.Equal(got, want) {
		t.Fatalf("nodes %v, want %v", got, want)
	}
	lines = strings.Join(m.Lines(), "\n")
	for _, s := range []string{
		"What attacks or supports it (1)",
		"What it attacks or supports (2)",
		"├─ ⊖ attacks ■ claim Cyclists suffer",
		"│  └─ ⊕ supports ■ claim Protected lanes halve the injury rate [Disputed]",
		"└─ ⊖ attacks ■ claim Protected lanes halve the injury rate [Disputed] (see above)",
	} {
		if !strings.Contains(lines, s) {
			t.Errorf("map lacks %q:\n%s", s, lines)
		}
	}
}

func TestGolden(t *testing.T) {
	c := loadBikes(t)
	for _, tc := range []struct {
		name, node string
		overview   bool
	}{
		{"claim-cheapest", "claim-cheapest", false},
		{"skeptic-one-year", "skeptic-one-year", false},
		{"claim-halve", "claim-halve", false},
		{"overview", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMap(c, 80, 20, false)
			if tc.overview {
				m.ShowOverview("")
			} else {
				m.ShowNode(tc.node, "")
			}
			golden.RequireEqual(t, ansi.Strip(m.View()))
		})
	}
}

func TestDepthPlusMinus(t *testing.T) {
	c := loadBikes(t)
	m := newMap(c, 120, 40, true)
	m.ShowNode("claim-cheapest", "")
	if m.Depth() != DefaultDepth || DefaultDepth != 2 {
		t.Fatalf("default depth %d", m.Depth())
	}
	m, _ = press(m, "-")
	if m.Depth() != 1 {
		t.Fatalf("depth after - is %d", m.Depth())
	}
	want := []string{"claim-cheapest", "skeptic-parking", "skeptic-summer", "claim-grant", "claim-vote"}
	if got := m.Nodes(); !slices.Equal(got, want) {
		t.Fatalf("depth 1 nodes %v, want %v", got, want)
	}
	if l := strings.Join(m.Lines(), "\n"); !strings.Contains(l, "Lost parking will keep customers away (+1 deeper)") {
		t.Fatalf("a cut branch does not say what is below it:\n%s", l)
	}
	m, _ = press(m, "-")
	if m.Depth() != 1 {
		t.Fatalf("depth went below 1: %d", m.Depth())
	}
	m, _ = press(m, "+", "=")
	if m.Depth() != 3 || len(m.Nodes()) != 7 {
		t.Fatalf("depth %d nodes %v", m.Depth(), m.Nodes())
	}
	for range MaxDepth + 3 {
		m, _ = press(m, "+")
	}
	if m.Depth() != MaxDepth {
		t.Fatalf("depth went past %d: %d", MaxDepth, m.Depth())
	}
	// The cursor stays on its node across depth changes.
	m.SetDepth(2)
	m, _ = press(m, "j", "j")
	if n := m.Selected(); n == nil || n.ID != "counter-footfall" {
		t.Fatalf("selected %v", n)
	}
	m, msg := press(m, "+")
	if n := m.Selected(); n == nil || n.ID != "counter-footfall" || msg != nil {
		t.Fatalf("after + selected %v, sent %#v", n, msg)
	}
	// Cut off by a shallower tree, the cursor goes to the root and says so.
	m, msg = press(m, "-", "-")
	if n := m.Selected(); n == nil || n.ID != "claim-cheapest" || msg != (SelectMsg{Node: "claim-cheapest"}) {
		t.Fatalf("after - - selected %v, sent %#v", n, msg)
	}
	// Depth is a tree setting: the overview ignores it.
	m.ShowOverview("")
	before, depth := m.Lines(), m.Depth()
	m, _ = press(m, "+")
	if !slices.Equal(before, m.Lines()) || m.Depth() != depth {
		t.Fatalf("+ changed the overview")
	}
}

func TestCyclesEnd(t *testing.T) {
	c := cyclic()
	for d := 1; d <= MaxDepth; d++ {
		m := newMap(c, 100, 50, true)
		m.SetDepth(d)
		for _, id := range []string{"a", "b", "c", "d"} {
			m.ShowNode(id, "")
			// Each link is drawn at most once per direction, so the map is
			// bounded by the links whatever the depth...
			if len(m.Nodes()) > 1+2*len(c.File.Links) {
				t.Fatalf("depth %d root %s: %d rows", d, id, len(m.Nodes()))
			}
			// ...and every node is expanded once; repeats are marked.
			expanded := map[string]int{}
			for _, l := range m.Lines() {
				if i := strings.Index(l, "node "); i >= 0 && !strings.Contains(l, "(see above)") {
					expanded[l[i+5:i+6]]++
				}
			}
			for n, k := range expanded {
				if k > 1 {
					t.Fatalf("depth %d root %s: node %s drawn unmarked %d times:\n%s", d, id, n, k, strings.Join(m.Lines(), "\n"))
				}
			}
		}
	}
	m := newMap(c, 100, 50, true)
	m.SetDepth(MaxDepth)
	m.ShowNode("a", "")
	want := `■ claim node a (current)

What attacks or supports it (2)
├─ ⊖ attacked by ▲ skeptic node b (open)
│  └─ ⊖ attacked by ■ claim node a (see above)
└─ ⊕ supported by ● counter node c
   └─ ⊖ attacked by ▲ skeptic node d (open)
      ├─ ⊕ supported by ■ claim node a (see above)
      └─ ⊖ attacked by ▲ skeptic node d (open) (see above)

What it attacks or supports (2)
├─ ⊖ attacks ▲ skeptic node b (open) (see above)
└─ ⊕ supports ▲ skeptic node d (open) (see above)

(open): a skeptic position no counterpoint attacks.`
	if got := strings.Join(m.Lines(), "\n"); got != want {
		t.Fatalf("cyclic map:\n%s\nwant:\n%s", got, want)
	}
}

func TestNoColorReadable(t *testing.T) {
	c := loadBikes(t)
	m := newMap(c, 120, 30, true)
	m.ShowNode("claim-cheapest", "skeptic-parking")
	v := m.View()
	for _, code := range []string{"38;5;", "48;5;", "38;2;", "48;2;"} {
		if strings.Contains(v, code) {
			t.Fatalf("NO_COLOR map has colour code %q", code)
		}
	}
	plain := ansi.Strip(v)
	for _, s := range []string{"■ claim", "▲ skeptic", "● counter", "⊖ attacked by", "⊕ supported by", "▸ ├─ ⊖ attacked by ▲ skeptic Lost parking"} {
		if !strings.Contains(plain, s) {
			t.Errorf("NO_COLOR map lacks %q:\n%s", s, plain)
		}
	}
	// Narrow, the kind words give way to the summary; the glyphs stay.
	m.SetSize(50, 30)
	plain = ansi.Strip(m.View())
	if !strings.Contains(plain, "├─ ⊖ attacked by ▲ Lost parking") || strings.Contains(plain, "▲ skeptic") {
		t.Fatalf("narrow map:\n%s", plain)
	}
	m.SetSize(120, 30)
	m.ShowOverview("")
	plain = ansi.Strip(m.View())
	if !strings.Contains(plain, "both answered") || !strings.Contains(plain, "no skeptic position") {
		t.Fatalf("overview counts are not in words:\n%s", plain)
	}
}

func TestEveryLineFits(t *testing.T) {
	contents := map[string]*model.Content{"bikelanes": loadBikes(t), "cyclic": cyclic()}
	for name, c := range contents {
		for w := 20; w <= 200; w++ {
			for _, h := range []int{1, 4, 30} {
				m := newMap(c, w, h, false)
				views := map[string]func(){}
				for _, n := range c.Nodes() {
					views[n.ID] = func() { m.ShowNode(n.ID, "") }
				}
				views["overview"] = func() { m.ShowOverview("") }
				for v, show := range views {
					show()
					for step := range 2 {
						lines := strings.Split(m.View(), "\n")
						if len(lines) > h {
							t.Fatalf("%s %s %dx%d: %d lines", name, v, w, h, len(lines))
						}
						for i, l := range lines {
							if lw := ansi.StringWidth(l); lw > w {
								t.Fatalf("%s %s %dx%d step %d: line %d is %d wide: %q", name, v, w, h, step, i, lw, ansi.Strip(l))
							}
						}
						m, _ = press(m, "j")
					}
				}
			}
		}
	}
}

func TestScrollKeepsCursorVisible(t *testing.T) {
	c := loadBikes(t)
	m := newMap(c, 80, 6, true) // five rows and the hints
	m.ShowOverview("")
	ids := []string{}
	for range len(c.Claims()) + 2 {
		plain := ansi.Strip(m.View())
		if !strings.Contains(plain, "▸ ") {
			t.Fatalf("cursor scrolled out of view:\n%s", plain)
		}
		if n := m.Selected(); n != nil {
			ids = append(ids, n.ID)
		}
		m, _ = press(m, "j")
	}
	var want []string
	for _, n := range c.Claims() {
		want = append(want, n.ID)
	}
	want = append(want, want[len(want)-1], want[len(want)-1]) // stops at the end
	if !slices.Equal(ids, want) {
		t.Fatalf("walked %v, want %v", ids, want)
	}
	if !strings.Contains(ansi.Strip(m.View()), "of 8") {
		t.Fatalf("no scroll position in the hints:\n%s", ansi.Strip(m.View()))
	}
	m, _ = press(m, "g")
	if !strings.HasPrefix(ansi.Strip(m.View()), "  Still open: 0") {
		t.Fatalf("back at the top the heading does not show:\n%s", ansi.Strip(m.View()))
	}
}

func TestMessages(t *testing.T) {
	c := loadBikes(t)
	m := newMap(c, 100, 20, true)
	m.ShowNode("claim-cheapest", "")
	m, msg := press(m, "j")
	if msg != (SelectMsg{Node: "skeptic-parking"}) {
		t.Fatalf("j sent %#v", msg)
	}
	m, msg = press(m, "enter")
	if msg != (OpenMsg{Node: "skeptic-parking", Mode: Neighbourhood}) {
		t.Fatalf("enter sent %#v", msg)
	}
	_, msg = press(m, "esc")
	if msg != (CloseMsg{}) {
		t.Fatalf("esc sent %#v", msg)
	}
	// Clicks: rows 0 and 3 are nodes (the root; the first attacker), rows
	// 1 and 2 a blank line and a heading.
	if m.ClickRow(2); m.Intent() != nil {
		t.Fatal("a click on a heading did something")
	}
	if m.ClickRow(0); m.Intent() != (SelectMsg{Node: "claim-cheapest"}) {
		t.Fatal("a click did not select the root")
	}
	if m.ClickRow(0); m.Intent() != (OpenMsg{Node: "claim-cheapest", Mode: Neighbourhood}) {
		t.Fatal("a second click did not open")
	}
	if m.ScrollBy(1); m.Intent() != (SelectMsg{Node: "skeptic-parking"}) {
		t.Fatal("the wheel did not move to the next node")
	}
	// A blurred map ignores keys.
	m.Blur()
	if _, msg := press(m, "j"); msg != nil || m.Selected().ID != "skeptic-parking" {
		t.Fatalf("blurred map moved: %#v", msg)
	}
}

func TestOpenSkeptics(t *testing.T) {
	c := loadBikes(t)
	// Bikelanes answers every skeptic position with a counterpoint.
	for id, want := range map[string][2]int{
		"claim-vote": {0, 0}, "claim-cheapest": {0, 2}, "claim-grant": {0, 0},
		"claim-injuries": {0, 1}, "claim-halve": {0, 1},
	} {
		if o, tot := OpenSkeptics(c, id); o != want[0] || tot != want[1] {
			t.Errorf("%s: %d open of %d, want %d of %d", id, o, tot, want[0], want[1])
		}
	}
	// Without "counter-phased attacks skeptic-summer" the summer closure is
	// open again; a counterpoint that supports a skeptic position does not
	// answer it.
	c2 := withoutLinks(c, func(l model.Link) bool { return l.From == "counter-phased" })
	f := *c2.File
	f.Links = append(slices.Clone(f.Links), model.Link{From: "counter-phased", To: "skeptic-summer", Type: model.Supports})
	c2 = model.NewContent(c.Path, &f, c.Article)
	if o, tot := OpenSkeptics(c2, "claim-cheapest"); o != 1 || tot != 2 {
		t.Fatalf("claim-cheapest: %d open of %d, want 1 of 2", o, tot)
	}
	m := newMap(c2, 120, 30, true)
	m.ShowOverview("")
	plain := ansi.Strip(m.View())
	for _, s := range []string{
		"Still open: 1 skeptic position, on 1 of 5 claims.",
		"▲ 1 open of 2",
		"└─ ⊖ attacked by ▲ skeptic Construction will close the street all summer",
	} {
		if !strings.Contains(plain, s) {
			t.Errorf("overview lacks %q:\n%s", s, plain)
		}
	}
	if got := m.Nodes(); !slices.Contains(got, "skeptic-summer") || slices.Contains(got, "skeptic-parking") {
		t.Fatalf("overview lists %v: want the open skeptic-summer, not the answered skeptic-parking", got)
	}
	// In the tree, the open skeptic position is marked.
	m.ShowNode("claim-cheapest", "")
	if l := strings.Join(m.Lines(), "\n"); !strings.Contains(l, "all summer (open)") || strings.Contains(l, "customers away (open)") {
		t.Fatalf("open marks wrong:\n%s", l)
	}
}

func TestTitle(t *testing.T) {
	m := newMap(loadBikes(t), 80, 20, true)
	m.ShowNode("claim-halve", "")
	if got, want := m.Title(), fmt.Sprintf("Map of ■ Protected lanes halve the injury rate · depth %d", DefaultDepth); got != want {
		t.Fatalf("title %q, want %q", got, want)
	}
	m.ShowOverview("")
	if !strings.HasPrefix(m.Title(), "Overview") {
		t.Fatalf("title %q", m.Title())
	}
}

// TestExplorerKeys: the explorer's keys given to the map become intents:
// the other mode's key switches, the shown mode's key closes, search
// closes and passes the key on, back and forward ask for the history.
func TestExplorerKeys(t *testing.T) {
	m := newMap(loadBikes(t), 100, 20, true)
	for _, k := range []struct {
		b *key.Binding
		s string
	}{{&m.KeyMap.Map, "m"}, {&m.KeyMap.Overview, "M"}, {&m.KeyMap.Back, "["}, {&m.KeyMap.Forward, "]"}, {&m.KeyMap.Search, "/"}} {
		*k.b = key.NewBinding(key.WithKeys(k.s))
	}
	m.Open(Neighbourhood, "claim-cheapest", "counter-five-years")
	if in := m.Intent(); in != (SelectMsg{Node: "claim-cheapest"}) {
		t.Fatalf("opened away from the selected node: %#v", in)
	}
	for _, c := range []struct {
		key  string
		want tea.Msg
	}{
		{"M", SwitchMsg{Mode: Overview}}, {"m", CloseMsg{}}, {"/", CloseMsg{Pass: true}},
		{"[", HistoryMsg{Step: -1}}, {"]", HistoryMsg{Step: 1}},
	} {
		if _, in := press(m, c.key); in != c.want {
			t.Errorf("%s: %#v, want %#v", c.key, in, c.want)
		}
	}
	m.Open(Overview, "claim-cheapest", "claim-cheapest")
	if _, in := press(m, "m"); in != (SwitchMsg{Mode: Neighbourhood}) {
		t.Errorf("m in the overview: %#v", in)
	}
	if _, in := press(m, "M"); in != (CloseMsg{}) {
		t.Errorf("M in the overview: %#v", in)
	}
	// Reroot follows the explorer only while a neighbourhood map is open.
	m.Reroot("skeptic-parking", "")
	if m.Mode() != Overview {
		t.Fatal("Reroot changed the overview")
	}
	m.Open(Neighbourhood, "claim-cheapest", "claim-cheapest")
	m.Reroot("skeptic-parking", "")
	if m.Root() != "skeptic-parking" {
		t.Fatalf("Reroot: root %q", m.Root())
	}
	m.Blur()
	m.Reroot("claim-cheapest", "")
	if m.Root() != "skeptic-parking" {
		t.Fatal("a closed map re-rooted")
	}
}
