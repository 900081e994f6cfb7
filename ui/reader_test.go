package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
)

// lines is the screen without colour, one string a row.
func lines(m Model) []string { return strings.Split(ansi.Strip(screen(m)), "\n") }

// Issue 14 item 9: the article opens at its top, and its position shows in
// the pane's bottom border, which no width cuts.
func TestArticleOpensAtTopWithPositionInBorder(t *testing.T) {
	for _, sz := range [][2]int{{200, 50}, {120, 30}, {80, 24}, {100, 30}} {
		m := start(t, loadEmbedded(t), sz[0], sz[1])
		if off := m.ArticleOffset(); off != 0 {
			t.Errorf("%dx%d: the article opened at line %d, not at its top", sz[0], sz[1], off)
		}
		ls := lines(m)
		if !strings.Contains(ls[2], "Why DeepSeek") {
			t.Errorf("%dx%d: the article's title is not on its first line: %q", sz[0], sz[1], ls[2])
		}
		bottom := ls[len(ls)-2] // the row above the status line
		if !strings.Contains(bottom, "─ 0% ─") {
			t.Errorf("%dx%d: no position in the article's bottom border: %q", sz[0], sz[1], bottom)
		}
		m = drive(t, m, keys("A", "G")...)
		ls = lines(m)
		if b := ls[len(ls)-2]; !strings.Contains(b, "─ 100% ─") {
			t.Errorf("%dx%d: G: position not 100%%: %q", sz[0], sz[1], b)
		}
	}
}

// Issue 14 item 10: Detail has its own key, and moving focus through the
// side panes leaves what it shows alone until the reader selects.
func TestDetailKeepsItsSubjectWhileFocusMoves(t *testing.T) {
	m := start(t, loadEmbedded(t), 160, 45)
	m = drive(t, m, keys("j")...) // a claim with linked nodes
	subject := m.Selected()
	for i := 0; i < 5; i++ {
		m = drive(t, m, keys("tab")...)
		if m.Selected() != subject {
			t.Fatalf("tab %d (focus %s): the detail now shows %q, not %q", i+1, m.Focus(), m.Selected(), subject)
		}
	}
	m = drive(t, m, keys("D")...)
	if m.Focus() != "Detail" {
		t.Fatalf("D: focus %s, not Detail", m.Focus())
	}
	// The detail's bottom border says that it scrolls, and where it is.
	bottom := func() string { ls := lines(m); return ls[len(ls)-2] }
	if !strings.Contains(bottom(), "↓ more ") {
		t.Fatalf("the detail does not say it scrolls: %q", bottom())
	}
	m = drive(t, m, keys("G")...)
	if !strings.Contains(bottom(), "─ end ") {
		t.Fatalf("G in the detail: no end mark: %q", bottom())
	}
}

// Issue 14 item 13: h/l and ←/→ move between panes, as in lazygit.
func TestHLArrowsMovePanes(t *testing.T) {
	m := start(t, loadEmbedded(t), 160, 45)
	want := []string{"Skeptic positions", "Counterpoints", "Detail", "Article", "Claims"}
	for _, w := range want {
		m = drive(t, m, keys("l")...)
		if m.Focus() != w {
			t.Fatalf("l: focus %s, want %s", m.Focus(), w)
		}
	}
	m = drive(t, m, keys("h")...)
	if m.Focus() != "Article" {
		t.Fatalf("h: focus %s, want Article", m.Focus())
	}
	m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyRight})
	if m.Focus() != "Skeptic positions" {
		t.Fatalf("→→: focus %s, want Skeptic positions", m.Focus())
	}
	m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyLeft})
	if m.Focus() != "Claims" {
		t.Fatalf("←: focus %s, want Claims", m.Focus())
	}
}

// Issue 14 item 14: the status line's hints are those of what has the keys.
func TestStatusHintsFollowTheFocusedComponent(t *testing.T) {
	c := loadEmbedded(t)
	m := boot(t, New(c, Options{Theme: "dark", Notes: openStore(t, c, filepath.Join(t.TempDir(), "n.json"))}), 160, 45)
	status := func() string { ls := lines(m); return ls[len(ls)-1] }
	mustContain(t, status(), "q quit")
	mustContain(t, status(), "enter follow") // the claims list's own key
	m = drive(t, m, keys("A")...)
	mustContain(t, status(), "space/f/ctrl+f page down") // the article's
	for _, tc := range []struct{ open, close, want string }{
		{"/", "esc", "enter jump"},
		{"a", "esc", "save and close"},
		{"t", "esc", "enter"},
	} {
		m = drive(t, m, keys(tc.open)...)
		s := status()
		mustContain(t, s, tc.want)
		if strings.Contains(s, "q quit") || strings.Contains(s, "? help") {
			t.Errorf("after %q the status line offers keys that type text there: %q", tc.open, s)
		}
		m = drive(t, m, keys(tc.close)...)
	}
	m = drive(t, m, keys("v")...)
	mustContain(t, status(), "enter go to")
	m = drive(t, m, keys("esc", "?")...)
	mustContain(t, status(), "esc close")
}

// Issue 14 item 16: the breadcrumb uses the width it has: a long summary is
// whole when there is room, and cuts fall at a word, oldest entry first.
func TestBreadcrumbUsesItsWidth(t *testing.T) {
	m := start(t, loadEmbedded(t), 200, 50)
	var long string
	for _, n := range m.c.Claims() {
		if len(n.Summary) > 52 {
			long = n.ID
			break
		}
	}
	if long == "" {
		t.Fatal("no claim with a summary over 52 characters in the embedded content")
	}
	m = drive(t, m, m.open(long))
	sum := m.c.Node(long).Summary
	if got := m.breadcrumb(120); !strings.Contains(got, sum) {
		t.Fatalf("breadcrumb with room for %q cut it: %q", sum, got)
	}
	got := m.breadcrumb(60)
	if ansi.StringWidth(got) > 60 || !strings.HasSuffix(got, "…") || strings.Contains(got, " …") {
		t.Fatalf("breadcrumb(60) = %q", got)
	}
}

// Issue 14 item 15: a claim's rating is never cut mid-word in the Claims
// pane; the summary is cut at a word instead.
func TestClaimsPaneKeepsRatingsWhole(t *testing.T) {
	for _, w := range []int{200, 160, 120} {
		m := start(t, loadEmbedded(t), w, 45)
		m.claims.SetSize(m.lay.inner[focusClaims].w, 60)
		rows := strings.Split(ansi.Strip(m.claims.View()), "\n")
		ratings := 0
		for _, r := range rows {
			r = strings.TrimRight(r, " ")
			if strings.Contains(r, "[") {
				ratings++
				if !strings.HasSuffix(r, "]") {
					t.Errorf("%d columns: a rating is cut: %q", w, r)
				}
			}
		}
		if ratings < 10 {
			t.Errorf("%d columns: only %d rows show a rating", w, ratings)
		}
	}
}

// Issue 14 item 15: from 80 to 119 columns the tab bar counts each list's
// rows, and at 100 columns the article gets about 60 characters a line.
func TestTabBarCountsAndReadingWidth(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {119, 30}, {60, 20}} {
		m := start(t, loadEmbedded(t), sz[0], sz[1])
		if sz[0] < 80 {
			m = drive(t, m, keys("tab")...) // it opens on the article; Claims is next
		}
		bar := ansi.Strip(m.tabBar(m.lay.tabs.w))
		re := regexp.MustCompile(fmt.Sprintf(`■ Claims %d .*▲ (Skeptics )?%d .*● (Counters )?%d`, m.claims.Len(), m.skeptics.Len(), m.counters.Len()))
		if !re.MatchString(bar) {
			t.Errorf("%dx%d: tab bar %q has no counts", sz[0], sz[1], bar)
		}
	}
	// glamour wraps the article at its pane's inner width less its margins.
	m := start(t, loadEmbedded(t), 100, 30)
	if wrap := m.lay.inner[focusArticle].w - 4; wrap < 60 {
		t.Errorf("100x30: the article wraps at %d characters, want 60 or more", wrap)
	}
	if l := m.lay.inner[focusClaims].w; l < 30 {
		t.Errorf("100x30: the lists are %d wide, want 30 or more", l)
	}
}

// Issue 14 item 12: ctrl+f / ctrl+b page the article and the detail as in
// less, and after a jump from a search hit the query's words are marked in
// the article until esc.
func TestLessPagingAndSearchHighlight(t *testing.T) {
	m := start(t, loadEmbedded(t), 120, 30)
	m = drive(t, m, keys("A", "ctrl+f")...)
	page := m.ArticleOffset()
	if page < m.article.Height()-1 {
		t.Fatalf("ctrl+f: offset %d, want a page (%d)", page, m.article.Height()-1)
	}
	m = drive(t, m, keys("ctrl+b")...)
	if m.ArticleOffset() != 0 {
		t.Fatalf("ctrl+b: offset %d, want 0", m.ArticleOffset())
	}
	m = drive(t, m, keys("D")...)
	before := m.detail.Position()
	m = drive(t, m, keys("ctrl+f")...)
	var a, b, n int
	fmt.Sscanf(before, "↓ more %d/%d", &a, &n)
	fmt.Sscanf(m.detail.Position(), "↓ more %d/%d", &b, &n)
	if b-a < m.detail.Height()-1 {
		t.Fatalf("ctrl+f did not page the detail: %q, then %q", before, m.detail.Position())
	}

	m = drive(t, m, keys("/")...)
	m = drive(t, m, keys("article: nvidia")...)
	m = drive(t, m, keys("enter")...)
	if m.Focus() != "Article" {
		t.Fatalf("enter on an article hit: focus %s", m.Focus())
	}
	if got := m.article.Highlighted(); len(got) != 1 || got[0] != "nvidia" {
		t.Fatalf("highlighted words %q, want [nvidia]", got)
	}
	if !strings.Contains(strings.ToLower(ansi.Strip(m.article.View())), "nvidia") {
		t.Fatalf("no highlighted word on the screen after the jump:\n%s", ansi.Strip(m.article.View()))
	}
	// The marks are drawn: the styled view differs from one without them.
	marked := m.article.View()
	m = drive(t, m, keys("esc")...)
	if len(m.article.Highlighted()) != 0 || m.article.View() == marked {
		t.Fatal("esc did not clear the search highlight")
	}
}

// clipboard runs a command and returns what it sends to the clipboard
// (tea.SetClipboard's message is a string type), or "".
func clipboard(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	for _, msg := range runCmd(cmd) {
		if v := reflect.ValueOf(msg); v.Kind() == reflect.String && strings.Contains(v.Type().String(), "Clipboard") {
			return v.String()
		}
	}
	return ""
}

// press sends one key to the model and returns the command, unrun.
func press(m Model, k string) (Model, tea.Cmd) {
	next, cmd := m.Update(keys(k)[0])
	return *next.(*Model), cmd
}

// Issue 14 item 11: o opens the selected node's sources one after another
// (a link over SSH), y copies the passage or the node, Y the URL, and the
// detail shows each URL on one line.
func TestOpenAndCopySources(t *testing.T) {
	c := loadEmbedded(t)
	var opened []string
	m := boot(t, New(c, Options{Theme: "dark", OpenURL: func(u string) error { opened = append(opened, u); return nil }}), 160, 45)
	var node *model.Node
	for _, n := range c.Claims() {
		if len(n.Sources) >= 2 {
			node = n
			break
		}
	}
	if node == nil {
		t.Fatal("no claim with two sources")
	}
	m = drive(t, m, m.open(node.ID))
	src := func(i int) string { return c.Source(node.Sources[i]).URL }
	m = drive(t, m, keys("o", "o")...)
	if len(opened) != 2 || opened[0] != src(0) || opened[1] != src(1) {
		t.Fatalf("o o opened %q, want %q then %q", opened, src(0), src(1))
	}
	var cmd tea.Cmd
	m, cmd = press(m, "Y")
	if got := clipboard(t, cmd); got != src(0) && !isWebURL(got) {
		t.Fatalf("Y copied %q", got)
	}
	m, cmd = press(m, "y")
	if got := clipboard(t, cmd); !strings.HasPrefix(got, node.Summary) || !strings.Contains(got, src(0)) {
		t.Fatalf("y in the claims pane copied %q", got)
	}
	m = drive(t, m, keys("A")...)
	m, cmd = press(m, "y")
	got := clipboard(t, cmd)
	if start, end, ok := m.article.ReadingPassage(); !ok || got == "" || got != string([]rune(c.Article.Text)[start:end]) {
		t.Fatalf("y in the article copied %q", got)
	}
	mustContain(t, lines(m)[44], "copied the passage")

	// The detail shows every URL whole on one line, or cut with … on one
	// line, with the whole URL as the link's target.
	m = drive(t, m, keys("D", "G")...)
	raw := m.detail.View()
	for i := range node.Sources {
		u := src(i)
		if !strings.Contains(raw, ansi.SetHyperlink(u)) {
			t.Errorf("no link to %q in the detail", u)
		}
	}
	m.detail.SetSize(40, 200) // narrower than the URLs
	plain := strings.Split(ansi.Strip(m.detail.View()), "\n")
	for i := range node.Sources {
		u, shown := src(i), false
		for _, l := range plain {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, u[:12]) {
				shown = l == u || strings.HasSuffix(l, "…") && strings.HasPrefix(u, strings.TrimSuffix(l, "…"))
			}
		}
		if !shown {
			t.Errorf("URL %q is not on one line of the detail:\n%s", u, strings.Join(plain, "\n"))
		}
	}

	// Over SSH o shows the link instead of opening a browser on the server.
	opened = nil
	r := boot(t, New(c, Options{Theme: "dark", Remote: true, OpenURL: func(u string) error { opened = append(opened, u); return nil }}), 120, 30)
	r = drive(t, r, r.open(node.ID))
	r = drive(t, r, keys("o")...)
	if len(opened) != 0 {
		t.Fatalf("remote o ran the opener on %q", opened)
	}
	if st := screen(r); !strings.Contains(st, ansi.SetHyperlink(src(0))) {
		t.Fatalf("remote o: the status line has no link to %q: %q", src(0), st)
	}
}

// o and Y name the URL they act on; a message leaves the crux badge in
// place, and goes with the next key or a resize, as in less.
func TestSourceMessagesNameTheURLAndGo(t *testing.T) {
	c := loadEmbedded(t)
	noBrowser := func(string) error { return errors.New("no opener") }
	m := boot(t, New(c, Options{Theme: "dark", OpenURL: noBrowser}), 80, 24)
	var node *model.Node
	for _, n := range c.Claims() {
		if len(n.Sources) > 0 && isWebURL(c.Source(n.Sources[0]).URL) {
			node = n
			break
		}
	}
	m = drive(t, m, m.open(node.ID))
	url := c.Source(node.Sources[0]).URL
	status := func(m Model) string { return lines(m)[23] }
	m = drive(t, m, keys("o")...)
	mustContain(t, status(m), "no browser: Y copies [1] "+url[:16])
	mustContain(t, status(m), " crux ")
	narrow := drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 20}, keys("y")[0])
	mustContain(t, lines(narrow)[19], " crux ")
	mustContain(t, lines(narrow)[19], "copied ■")
	m = drive(t, m, tea.WindowSizeMsg{Width: 90, Height: 24})
	if st := status(m); strings.Contains(st, "no browser") {
		t.Fatalf("the message outlived a resize: %q", st)
	}
	m = drive(t, m, keys("Y")...)
	mustContain(t, status(m), "copied [")
	mustContain(t, status(m), url[:20])
	m = drive(t, m, keys("j")...)
	if st := status(m); strings.Contains(st, "copied") {
		t.Fatalf("the message outlived the next key: %q", st)
	}
}

// Issue 14 item 9 at a narrow size, which shows one pane: crux opens on the
// article, at its top, whether the size comes first (Options) or later.
func TestNarrowScreenOpensOnTheArticle(t *testing.T) {
	for _, m := range []Model{
		start(t, loadEmbedded(t), 60, 20),
		boot(t, New(loadEmbedded(t), Options{Theme: "dark", Width: 60, Height: 20}), 60, 20),
	} {
		if m.Focus() != "Article" {
			t.Fatalf("60x20 opened on %s, not the article", m.Focus())
		}
		if scr := strings.Join(lines(m)[:5], "\n"); !strings.Contains(scr, "Why DeepSeek") {
			t.Fatalf("60x20: the article's title is not at the top:\n%s", scr)
		}
	}
	// Once the reader has moved, a resize keeps their pane.
	m := drive(t, start(t, loadEmbedded(t), 60, 20), keys("tab")...)
	m = drive(t, m, tea.WindowSizeMsg{Width: 62, Height: 20})
	if m.Focus() == "Article" {
		t.Fatalf("a resize took the reader back to the article")
	}
}

// The tabs read alike: every list's tab is its glyph and count, the shown
// one adds its name, whichever list is shown.
func TestTabLabelsAreConsistent(t *testing.T) {
	names := map[string]string{"■": "Claims", "▲": "Skeptics", "●": "Counters"}
	label := regexp.MustCompile(`([■▲●])( [A-Za-z]+)? (\d+)`)
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {60, 20}} {
		m := start(t, loadEmbedded(t), sz[0], sz[1])
		if sz[0] < 80 {
			m = drive(t, m, keys("tab")...) // from the article to Claims
		}
		for i := range 3 {
			bar := ansi.Strip(m.tabBar(m.lay.tabs.w))
			got := label.FindAllStringSubmatch(bar, -1)
			if len(got) != 3 {
				t.Fatalf("%dx%d: tab bar %q: want three lists with counts", sz[0], sz[1], bar)
			}
			named := 0
			for _, g := range got {
				if g[2] != "" {
					named++
					if g[2] != " "+names[g[1]] {
						t.Errorf("%dx%d: tab %q: the name is not %q", sz[0], sz[1], g[0], names[g[1]])
					}
				}
			}
			if named != 1 && named != 3 {
				t.Errorf("%dx%d, list %d shown: tab bar %q names %d tabs, want the shown one or all", sz[0], sz[1], i, bar, named)
			}
			m = drive(t, m, keys("tab")...)
		}
	}
}
