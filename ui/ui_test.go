package ui

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/nodelist"
)

func TestFollowClaimSkepticCounterpointAndBack(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	if m.Current() != "claim-vote" || m.Focus() != "Claims" {
		t.Fatalf("start: current %q focus %q, want claim-vote in Claims", m.Current(), m.Focus())
	}
	m = drive(t, m, keys("j")...)
	if m.Current() != "claim-cheapest" {
		t.Fatalf("j: current %q, want claim-cheapest", m.Current())
	}
	if got := ids(m.skeptics.Items()); got != "skeptic-parking skeptic-summer" {
		t.Fatalf("skeptics of claim-cheapest: %q", got)
	}
	if got := ids(m.counters.Items()); got != "counter-footfall" {
		t.Fatalf("counterpoints under skeptic-parking: %q", got)
	}
	m = drive(t, m, keys("tab", "j")...)
	if m.Focus() != "Skeptic positions" || m.Selected() != "skeptic-summer" {
		t.Fatalf("tab j: focus %q selected %q", m.Focus(), m.Selected())
	}
	if got := ids(m.counters.Items()); got != "counter-phased" {
		t.Fatalf("counterpoints follow the selected skeptic: %q", got)
	}
	m = drive(t, m, keys("enter")...)
	if m.Current() != "skeptic-summer" {
		t.Fatalf("enter: current %q", m.Current())
	}
	m = drive(t, m, keys("tab", "enter")...)
	if m.Current() != "counter-phased" {
		t.Fatalf("enter on counterpoint: current %q", m.Current())
	}
	if h := strings.Join(m.History(), " > "); h != "claim-cheapest > skeptic-summer > counter-phased" {
		t.Fatalf("history %q", h)
	}
	mustContain(t, screen(m), "› ▲ Construction") // the breadcrumb: claim › skeptic › counterpoint
	m = drive(t, m, keys("backspace")...)
	if m.Current() != "skeptic-summer" || m.Focus() != "Counterpoints" {
		t.Fatalf("back: current %q focus %q", m.Current(), m.Focus())
	}
	m = drive(t, m, keys("ctrl+o")...)
	if m.Current() != "claim-cheapest" || m.Selected() != "skeptic-summer" {
		t.Fatalf("back twice: current %q selected %q", m.Current(), m.Selected())
	}
	m = drive(t, m, keys("]", "]")...)
	if m.Current() != "counter-phased" {
		t.Fatalf("forward twice: current %q", m.Current())
	}
	m = drive(t, m, keys("]")...)
	if m.Current() != "counter-phased" {
		t.Fatalf("forward past the end moved to %q", m.Current())
	}
}

func ids(items []nodelist.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Node.ID)
	}
	return strings.Join(out, " ")
}

func TestSelectingClaimScrollsArticleToPassage(t *testing.T) {
	m := start(t, loadBikes(t), 120, 24)
	m = drive(t, m, keys("G")...) // last claim
	if m.Current() != "claim-halve" {
		t.Fatalf("G: current %q", m.Current())
	}
	line := m.PassageLine("claim-halve")
	if line < 0 {
		t.Fatal("claim-halve's passage was not mapped onto the rendered article")
	}
	off := m.ArticleOffset()
	h := m.article.Height()
	if line < off || line >= off+h {
		t.Fatalf("passage line %d not visible in [%d, %d)", line, off, off+h)
	}
	if off == 0 {
		t.Fatal("article did not scroll")
	}
	// The highlighted text on screen is the quote.
	mustContain(t, ansi.Strip(screen(m)), "Protected lanes halve the injury rate")
}

func TestNextPassageWalksArticleInOrder(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	var got []string
	for range 6 {
		m = drive(t, m, keys("n")...)
		got = append(got, m.Selected())
	}
	// The first claim starts selected, so n goes on from its passage.
	want := "claim-cheapest claim-grant skeptic-parking skeptic-summer claim-injuries claim-halve"
	if strings.Join(got, " ") != want {
		t.Fatalf("n walk:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	m = drive(t, m, keys("N")...)
	if m.Selected() != "claim-injuries" {
		t.Fatalf("N: selected %q", m.Selected())
	}
}

func TestArticleScrollKeys(t *testing.T) {
	m := start(t, loadEmbedded(t), 160, 45)
	m = drive(t, m, keys("A")...)
	if m.Focus() != "Article" {
		t.Fatalf("A: focus %q", m.Focus())
	}
	m = drive(t, m, keys("g", "j", "j")...)
	if m.ArticleOffset() != 2 {
		t.Fatalf("jj: offset %d", m.ArticleOffset())
	}
	m = drive(t, m, keys("space")...)
	if m.ArticleOffset() <= 2 {
		t.Fatalf("space did not page down: %d", m.ArticleOffset())
	}
	m = drive(t, m, keys("G")...)
	if last := m.ArticleOffset(); last+m.article.Height() != m.article.Lines() {
		t.Fatalf("G: offset %d + height %d != lines %d", last, m.article.Height(), m.article.Lines())
	}
	m = drive(t, m, keys("g")...)
	if m.ArticleOffset() != 0 {
		t.Fatalf("g: offset %d", m.ArticleOffset())
	}
	wheel := tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown}
	m = drive(t, m, wheel)
	if m.ArticleOffset() != 3 {
		t.Fatalf("wheel: offset %d", m.ArticleOffset())
	}
}

func TestSearchWithKindFilterJumps(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("/")...)
	if !m.stack.has(layerFinder) {
		t.Fatal("/ did not open the finder")
	}
	m = drive(t, m, keys("skeptic: one year")...)
	res := m.finder.Results()
	if len(res) == 0 {
		t.Fatal("no results")
	}
	for _, r := range res {
		if n := itemNode(m, r); n == "" || !strings.HasPrefix(n, "skeptic-") {
			t.Fatalf("kind filter let %q through", n)
		}
	}
	if first := itemNode(m, res[0]); first != "skeptic-one-year" {
		t.Fatalf("best result %q", first)
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "The injury numbers come from a single year")
	m = drive(t, m, keys("enter")...)
	if m.stack.has(layerFinder) || m.Current() != "skeptic-one-year" || m.Focus() != "Skeptic positions" {
		t.Fatalf("enter: finding %v current %q focus %q", m.stack.has(layerFinder), m.Current(), m.Focus())
	}
	// esc closes without moving.
	m = drive(t, m, keys("/", "vote", "esc")...)
	if m.stack.has(layerFinder) || m.Current() != "skeptic-one-year" {
		t.Fatalf("esc: finding %v current %q", m.stack.has(layerFinder), m.Current())
	}
}

func itemNode(m Model, r finder.Result) string {
	it := m.finder.Item(r)
	if it.Node == nil {
		return ""
	}
	return it.Node.ID
}

func TestHelpToggles(t *testing.T) {
	m := start(t, loadBikes(t), 120, 40)
	m = drive(t, m, keys("?")...)
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "next pane")
	mustContain(t, scr, "follow")
	m = drive(t, m, keys("?")...)
	if m.stack.has(layerHelp) {
		t.Fatal("? did not close help")
	}
}

// TestHelpFillsItsBox: a help longer than the screen fills its box to the
// last row, which says how many lines are left.
func TestHelpFillsItsBox(t *testing.T) {
	for _, sz := range [][2]int{{100, 30}, {60, 20}} {
		m := drive(t, start(t, loadBikes(t), sz[0], sz[1]), keys("?")...)
		rows := strings.Split(ansi.Strip(screen(m)), "\n")
		if len(rows) != sz[1] {
			t.Fatalf("%dx%d: %d rows", sz[0], sz[1], len(rows))
		}
		// rows: ..., the help's last row, the box's bottom border, the status line.
		if last := rows[sz[1]-3]; !strings.Contains(last, "more lines: j/k or space/b scroll") {
			t.Errorf("%dx%d: the help's last row is %q, want the lines-left hint", sz[0], sz[1], last)
		}
	}
}

func TestResizeKeepsSelection(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("j", "j", "tab")...)
	cur, sel := m.Current(), m.Selected()
	for _, s := range [][2]int{{60, 20}, {100, 30}, {10, 3}, {300, 100}, {160, 45}} {
		m = drive(t, m, tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		if m.Current() != cur || m.Selected() != sel {
			t.Fatalf("after %dx%d: current %q selected %q, want %q %q", s[0], s[1], m.Current(), m.Selected(), cur, sel)
		}
	}
}

func TestClickSelectsAndFollows(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	in := m.lay.inner[focusClaims]
	click := tea.MouseClickMsg{X: in.x + 3, Y: in.y + 2, Button: tea.MouseLeft}
	m = drive(t, m, click)
	if m.Current() != "claim-grant" || m.Focus() != "Claims" {
		t.Fatalf("click row 3: current %q focus %q", m.Current(), m.Focus())
	}
	// Click a marked passage in the article.
	line := m.PassageLine("claim-vote")
	row := line - m.ArticleOffset()
	x := -1
	for _, s := range m.article.SpansAt(line) {
		x = s
	}
	if row < 0 || x < 0 {
		t.Fatalf("claim-vote passage not visible (line %d, offset %d)", line, m.ArticleOffset())
	}
	ai := m.lay.inner[focusArticle]
	m = drive(t, m, tea.MouseClickMsg{X: ai.x + x, Y: ai.y + row, Button: tea.MouseLeft})
	if m.Current() != "claim-vote" || m.Focus() != "Article" {
		t.Fatalf("click on passage: current %q focus %q", m.Current(), m.Focus())
	}
}

func TestFollowModeTracksPresenterUntilBrowsing(t *testing.T) {
	c := loadBikes(t)
	m := drive(t, New(c, Options{Theme: "dark", Follow: true}), tea.WindowSizeMsg{Width: 160, Height: 45})
	m = drive(t, m, FollowMsg{Tour: "t", Step: 2, Steps: 5, Node: "skeptic-parking", Revealed: 0})
	if m.Current() != "skeptic-parking" {
		t.Fatalf("follow: current %q", m.Current())
	}
	if m.counters.Len() != 0 {
		t.Fatalf("nothing revealed yet, but %d counterpoints listed", m.counters.Len())
	}
	m = drive(t, m, FollowMsg{Step: 2, Steps: 5, Node: "skeptic-parking", Revealed: -1})
	if m.counters.Len() == 0 {
		t.Fatal("revealed all, but no counterpoint listed")
	}
	// Keys do not move a follower.
	m = drive(t, m, keys("j", "enter")...)
	if m.Current() != "skeptic-parking" {
		t.Fatalf("follower moved to %q", m.Current())
	}
	m = drive(t, m, keys("f", "tab", "G")...) // browse freely
	m = drive(t, m, FollowMsg{Step: 3, Steps: 5, Node: "claim-injuries", Revealed: -1})
	if m.Current() == "claim-injuries" {
		t.Fatal("a browsing viewer was moved by the presenter")
	}
	mustContain(t, ansi.Strip(screen(m)), "presenter at 4/5")
	m = drive(t, m, keys("c")...)
	if m.Current() != "claim-injuries" {
		t.Fatalf("catch up: current %q", m.Current())
	}
}

// TestEveryViewFits checks every size from 20x5 to 300x100 (in steps) on
// both content sets: no line is wider than the terminal and the view is
// exactly as tall.
func TestEveryViewFits(t *testing.T) {
	sets := map[string]Model{
		"embedded":  New(loadEmbedded(t), Options{Theme: "dark"}),
		"bikelanes": New(loadBikes(t), Options{Theme: "light", NoColor: true}),
	}
	for name, base := range sets {
		for w := 20; w <= 300; w += 11 {
			for h := 5; h <= 100; h += 12 {
				m := drive(t, base, tea.WindowSizeMsg{Width: w, Height: h})
				m = drive(t, m, keys("j", "tab", "enter")...)
				for _, mode := range []string{"main", "help", "search"} {
					mm := m
					switch mode {
					case "help":
						mm = drive(t, mm, keys("?")...)
					case "search":
						mm = drive(t, mm, keys("/", "h100")...)
					}
					checkFits(t, fmt.Sprintf("%s %dx%d %s", name, w, h, mode), mm.render(), w, h)
				}
			}
		}
	}
}

func checkFits(t *testing.T, name, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines, want %d", name, len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %d is %d wide (> %d): %q", name, i, lw, w, ansi.Strip(l))
		}
	}
}

func TestTooSmall(t *testing.T) {
	m := start(t, loadBikes(t), 25, 6)
	mustContain(t, ansi.Strip(screen(m)), "Terminal too")
}

func TestNoColorHasNoColourCodes(t *testing.T) {
	m := drive(t, New(loadBikes(t), Options{Theme: "dark", NoColor: true}), tea.WindowSizeMsg{Width: 160, Height: 45})
	m = drive(t, m, keys("j")...)
	v := screen(m)
	if code, ok := colourSGR(v); ok {
		t.Fatalf("NO_COLOR view contains the colour code %q", code)
	}
	// The article reads as text: no Markdown markers (glamour's notty
	// style wrote "# Riverside…" and "**6 to 3**").
	for _, marker := range []string{"# Riverside", "**", "*A fictional"} {
		if strings.Contains(ansi.Strip(v), marker) {
			t.Fatalf("NO_COLOR article shows the Markdown marker %q:\n%s", marker, ansi.Strip(v))
		}
	}
	mustContain(t, ansi.Strip(v), "Riverside votes to build protected bike lanes")
	// Kinds are still told apart by glyph and word.
	mustContain(t, ansi.Strip(v), "▲")
	mustContain(t, ansi.Strip(v), "■ claim")
}

func TestGoldenViews(t *testing.T) {
	for _, s := range [][2]int{{160, 45}, {100, 30}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			m := start(t, loadEmbedded(t), s[0], s[1])
			m = drive(t, m, keys("j", "j")...)
			golden.RequireEqual(t, []byte(ansi.Strip(screen(m))))
		})
	}
}

func TestMain(m *testing.M) {
	// Golden files are compared without colour; pin the environment anyway.
	os.Setenv("NO_COLOR", "")
	os.Exit(m.Run())
}

// TestHelpShowsEveryKeyAtAnyWidth scrolls the help at 40x12 and finds every
// enabled global binding in it, so a narrow terminal hides no key.
func TestHelpShowsEveryKeyAtAnyWidth(t *testing.T) {
	m := start(t, loadBikes(t), 40, 12)
	m = drive(t, m, keys("?")...)
	seen := ""
	for range 60 {
		seen += ansi.Strip(screen(m))
		m = drive(t, m, keys("j")...)
	}
	for _, g := range m.keys.FullHelp() {
		for _, b := range g {
			if b.Enabled() && !strings.Contains(seen, b.Help().Desc[:min(len(b.Help().Desc), 20)]) {
				t.Errorf("help at 40x12 never shows %q", b.Help().Desc)
			}
		}
	}
	m = drive(t, m, keys("esc")...)
	if m.stack.has(layerHelp) {
		t.Fatal("esc did not close the help")
	}
}

// sgrRe matches Select Graphic Rendition sequences.
var sgrRe = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourSGR finds an SGR sequence that sets a colour: 16-colour (30–37,
// 40–47, 90–97, 100–107), 256-colour or true colour (38;…, 48;…, 58;…).
func colourSGR(s string) (string, bool) {
	for _, m := range sgrRe.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, err := strconv.Atoi(p)
			if err != nil {
				continue
			}
			if n >= 30 && n <= 37 || n >= 40 && n <= 47 || n >= 90 && n <= 97 || n >= 100 && n <= 107 || n == 38 || n == 48 || n == 58 {
				return m[0], true
			}
		}
	}
	return "", false
}

// TestClickTabInNarrowLayout clicks each tab of the one-pane layout and
// expects its pane to take focus.
func TestClickTabInNarrowLayout(t *testing.T) {
	m := start(t, loadBikes(t), 60, 20)
	for i := range len(m.tabs()) {
		// The shown tab is named, so the tabs move: find tab i anew.
		x := 0
		tabs := m.tabs()
		for _, tb := range tabs[:i] {
			x += ansi.StringWidth(tb.label) + 1
		}
		tb := tabs[i]
		m = drive(t, m, tea.MouseClickMsg{X: x + 1, Y: 0, Button: tea.MouseLeft})
		if m.focus != tb.f {
			t.Fatalf("click at x=%d on %q: focus %s, want %s", x+1, ansi.Strip(tb.label), m.focus, tb.f)
		}
	}
}
