package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// hostilePayloads are the sequences testdata/hostile carries, as they would
// appear after a raw ESC (or as C1 controls) if they leaked.
var hostilePayloads = []string{
	"\x1b]0;pwned", "\x1b]2;pwned", "\x1b]52;", "\x1b]8;;https://evil", "\x1b]8;id=",
	"\x1b[2J", "\x1b[?1049l", "\x1b[6n", "\x1bP+q", "\x1b_G", "\x1bc",
	"\u009b", "\u009d", "\u202e", "\u2066",
}

func loadHostile(tb testing.TB) *model.Content {
	tb.Helper()
	c, fs := model.LoadFile("../testdata/hostile")
	if err := fs.Err(); err != nil || c == nil {
		tb.Fatalf("hostile content set: %v", err)
	}
	return c
}

// sourceLinks allows OSC 8 links to the http(s) URLs of c's sources, as the
// explorer shows them.
func sourceLinks(c *model.Content) func(string) bool {
	ok := map[string]bool{}
	for _, s := range c.File.Sources {
		u := safe.Line(s.URL)
		if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			ok[u] = true
		}
	}
	return func(u string) bool { return ok[u] }
}

// auditScreen fails when s, a screen about to be written to the terminal,
// holds an escape sequence or control character that is not crux's own.
func auditScreen(tb testing.TB, where, s string, link func(string) bool) {
	tb.Helper()
	for _, p := range hostilePayloads {
		if i := strings.Index(s, p); i >= 0 {
			tb.Fatalf("%s: hostile payload %q reached the screen at byte %d:\n%s", where, p, i, s)
		}
	}
	if err := safe.Audit(s, link); err != nil {
		tb.Fatalf("%s: %v\n%s", where, err, s)
	}
}

// TestHostileContentNeverReachesTheTerminal walks every node of the hostile
// content set through every pane, the finder and the help at several sizes,
// and checks each screen and the window title.
func TestHostileContentNeverReachesTheTerminal(t *testing.T) {
	c := loadHostile(t)
	link := sourceLinks(c)
	sizes := [][2]int{{160, 45}, {100, 30}, {60, 20}, {30, 8}, {12, 4}}
	if testing.Short() {
		sizes = sizes[:3]
	}
	placeholders := false
	for _, sz := range sizes {
		m := start(t, c, sz[0], sz[1])
		check := func(where string, m Model) {
			t.Helper()
			where = fmt.Sprintf("%dx%d %s", sz[0], sz[1], where)
			v := m.View()
			auditScreen(t, where, v.Content, link)
			if strings.ContainsAny(v.WindowTitle, "\x1b\x07\u009b\u009d") || safe.Audit(v.WindowTitle, nil) != nil {
				t.Fatalf("%s: window title %q carries control characters", where, v.WindowTitle)
			}
			if strings.Contains(v.Content, "␛]0;pwned-title") {
				placeholders = true
			}
		}
		check("start", m)
		for _, n := range c.Nodes() {
			mm := m
			mm = drive(t, mm, runCmd(mm.open(n.ID))...)
			for f := range numFocus {
				mm.focus = f
				mm.applyFocus()
				check(n.ID+" "+f.String(), mm)
				if f == focusDetail || f == focusArticle {
					bottom := drive(t, mm, keys("G")...)
					check(n.ID+" "+f.String()+" bottom", bottom)
				}
			}
		}
		for _, q := range []string{"pwned", "skeptic: ␛", "article: payload", "claim: summary", "\x1b]0;typed\x07"} {
			mm := drive(t, m, keys("/")...)
			mm = drive(t, mm, tea.PasteMsg{Content: q})
			check("finder "+q, mm)
			mm = drive(t, mm, keys("down", "enter")...)
			check("after finder "+q, mm)
		}
		check("help", drive(t, m, keys("?")...))
		for i := 0; i < len(c.Nodes()); i++ {
			m = drive(t, m, keys("n")...)
			check(fmt.Sprintf("passage %d", i), m)
		}
	}
	if !placeholders {
		t.Fatal("no screen showed the title payload as the placeholder ␛]0;pwned-title")
	}
}

// TestMegabyteLinesRender opens content with a 1 MB paragraph and a 1 MB
// summary: the explorer renders it, every screen fits, and it stays quick.
func TestMegabyteLinesRender(t *testing.T) {
	c := loadBikes(t)
	long := strings.Repeat("word ", 200_000) // 1 MB
	f := *c.File
	f.Nodes = append([]*model.Node(nil), c.File.Nodes...)
	n0 := *f.Nodes[0]
	n0.Summary = long
	n0.Text = long
	f.Nodes[0] = &n0
	md := c.Article.Markdown + "\n\n" + long + "\n"
	text, blocks := model.ParseArticle(md)
	art := model.Article{ArticleMeta: c.Article.ArticleMeta, Markdown: md, Text: text, Blocks: blocks}
	big := model.NewContent(c.Path, &f, art)
	for _, sz := range [][2]int{{160, 45}, {60, 20}} {
		t0 := time.Now()
		m := start(t, big, sz[0], sz[1])
		m = drive(t, m, keys("G", "tab", "tab", "tab", "tab", "G")...)
		v := screen(m)
		assertFits(t, v, sz[0], sz[1])
		if d := time.Since(t0); d > 20*time.Second {
			t.Fatalf("%dx%d: rendering megabyte lines took %v", sz[0], sz[1], d)
		}
		t.Logf("%dx%d: %v", sz[0], sz[1], time.Since(t0))
	}
}

// assertFits fails when a screen is not exactly h lines of at most w cells.
func assertFits(tb testing.TB, s string, w, h int) {
	tb.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		tb.Fatalf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			tb.Fatalf("line %d is %d cells wide, more than %d: %q", i, lw, w, l)
		}
	}
}

// TestHostileNotesNeverReachTheTerminal shows notes whose text, tags and
// author carry escape sequences (as an imported classmate's file could) in
// the detail pane, the notes view and the status line.
func TestHostileNotesNeverReachTheTerminal(t *testing.T) {
	c := loadHostile(t)
	const evil = "\x1b]0;pwned-note\x07 \x1b]52;c;aGk=\x07 \x1b[2J \u009b2J \u202eevil"
	store, err := notes.Open(filepath.Join(t.TempDir(), "notes.json"), notes.WithContent(c), notes.WithReader("Eve "+evil))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range c.Nodes() {
		if _, err := store.SetNote(n.ID, "note "+evil+"\n\nsecond line "+evil); err != nil {
			t.Fatal(err)
		}
		if _, err := store.AddTag(n.ID, "tag"+evil); err != nil {
			t.Fatal(err)
		}
	}
	link := sourceLinks(c)
	m := New(c, Options{Theme: "dark", Notes: store})
	m = drive(t, m, tea.WindowSizeMsg{Width: 160, Height: 45})
	shown := false
	for _, n := range c.Nodes() {
		mm := drive(t, m, runCmd(m.open(n.ID))...)
		v := mm.View().Content
		auditScreen(t, "notes on "+n.ID, v, link)
		shown = shown || strings.Contains(v, "␛]0;pwned-note␇")
	}
	for _, ks := range [][]string{{"v"}, {"v", "j", "j"}, {"a"}, {"t"}} {
		mm := drive(t, m, keys(ks...)...)
		auditScreen(t, fmt.Sprintf("keys %q", ks), mm.View().Content, link)
	}
	if !shown {
		t.Fatal("no screen showed the note with its placeholders")
	}
}
