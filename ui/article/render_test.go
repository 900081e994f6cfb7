package article

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

func loadGen(tb testing.TB, s gen.Size) *model.Content {
	c, _ := gen.Load(tb, s)
	return c
}

func loadEmbedded(tb testing.TB) *model.Content { return gen.LoadEmbedded(tb) }

func docOf(c *model.Content) doc {
	return doc{md: c.Article.Markdown, text: c.Article.Text, passages: c.Passages(), blocks: c.Article.Blocks}
}

func plain(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(ansi.Strip(l), " ")
	}
	return out
}

// TestPartsRenderAsWhole renders articles in parts and whole: the same
// lines, and every passage and block on the same line and columns.
func TestPartsRenderAsWhole(t *testing.T) {
	for name, c := range map[string]*model.Content{
		"embedded":  loadEmbedded(t),
		"generated": loadGen(t, gen.Small),
	} {
		t.Run(name, func(t *testing.T) {
			d := docOf(c)
			parts := d.split(2000, 3)
			if len(parts) < 3 {
				t.Fatalf("split into %d parts, want at least 3", len(parts))
			}
			if parts[0].md0 != 0 || parts[len(parts)-1].md1 != len(d.md) {
				t.Fatalf("parts do not cover the article: %+v", parts)
			}
			for i := 1; i < len(parts); i++ {
				if parts[i].md0 != parts[i-1].md1 || parts[i].pass0 != parts[i-1].pass1 || parts[i].block0 != parts[i-1].block1 {
					t.Fatalf("part %d does not follow part %d: %+v %+v", i, i-1, parts[i-1], parts[i])
				}
			}
			whole := render(d.md, d.text, d.passages, d.blocks, 90, "dark")
			split := d.renderParts(parts, nil, 90, "dark")
			wl, sl := plain(whole.lines), plain(split.lines)
			if !slices.Equal(wl, sl) {
				for i := range min(len(wl), len(sl)) {
					if wl[i] != sl[i] {
						t.Fatalf("line %d differs:\nwhole %q\nparts %q", i, wl[i], sl[i])
					}
				}
				t.Fatalf("lines: whole %d, parts %d", len(wl), len(sl))
			}
			if !slices.Equal(whole.first, split.first) {
				t.Errorf("passage lines differ:\nwhole %v\nparts %v", whole.first, split.first)
			}
			if !slices.Equal(whole.blocks, split.blocks) {
				t.Errorf("block lines differ:\nwhole %v\nparts %v", whole.blocks, split.blocks)
			}
			for i := range whole.spans {
				if !slices.Equal(whole.spans[i], split.spans[i]) {
					t.Errorf("line %d: spans differ: whole %v, parts %v", i, whole.spans[i], split.spans[i])
				}
			}
			mapped := 0
			for _, l := range split.first {
				if l >= 0 {
					mapped++
				}
			}
			if mapped != len(d.passages) {
				t.Errorf("%d of %d passages mapped", mapped, len(d.passages))
			}
		})
	}
}

// TestFirstPartMapsItsPassages checks the quick first render: passages in it
// are on the lines that hold their text, the others are not mapped yet.
func TestFirstPartMapsItsPassages(t *testing.T) {
	c := loadGen(t, gen.Small)
	d := docOf(c)
	parts := d.split(4000, 2)
	head := d.renderParts(parts[:1], nil, 100, "dark")
	runes := []rune(d.text)
	in, out := 0, 0
	for i, p := range d.passages {
		l := head.first[i]
		if i >= parts[0].pass1 {
			if l != -1 {
				t.Errorf("passage %d beyond the first part is on line %d", i, l)
			}
			out++
			continue
		}
		in++
		word := strings.Fields(string(runes[p.Start:p.End]))[0]
		if l < 0 || !strings.Contains(ansi.Strip(head.lines[l]), word) {
			t.Errorf("passage %d (%q) maps to line %d, which lacks %q", i, string(runes[p.Start:p.End]), l, word)
		}
	}
	if in == 0 || out == 0 {
		t.Fatalf("first part holds %d passages, the rest %d; want some of each", in, out)
	}
}

// drain runs a render command chain: the first screenful, then the rest.
func drain(t *testing.T, m Model, cmd tea.Cmd) (Model, int) {
	t.Helper()
	msgs := 0
	for cmd != nil {
		msg := cmd()
		msgs++
		m, cmd = m.Update(msg)
	}
	return m, msgs
}

// TestProgressiveStart shows the first screenful, then the whole article
// without moving the view the reader scrolled meanwhile.
func TestProgressiveStart(t *testing.T) {
	c := loadGen(t, gen.Small)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	m.Focus()
	cmd := m.SetSize(100, 30)
	first := cmd()
	m, rest := m.Update(first)
	if !m.Ready() || !m.cur.partial || rest == nil {
		t.Fatalf("after the first message: ready %v, partial %v, rest %v", m.Ready(), m.cur != nil && m.cur.partial, rest != nil)
	}
	headLines := m.Lines()
	if headLines < 30 {
		t.Errorf("first screenful has %d lines, fewer than the pane's 30", headLines)
	}
	if v := m.View(); !strings.Contains(v, "A long report") {
		t.Fatalf("first frame lacks the title:\n%s", v)
	}
	m.ScrollBy(7)
	m, _ = drain(t, m, rest)
	if m.cur.partial || m.Lines() <= headLines {
		t.Fatalf("after the rest: partial %v, %d lines (first screenful %d)", m.cur.partial, m.Lines(), headLines)
	}
	if m.Offset() != 7 {
		t.Errorf("offset = %d after the rest arrived, want 7 (the reader's position)", m.Offset())
	}
}

// TestResizeKeepsOldRender: after a resize the old render stays on screen,
// never a blank or "rendering" screen, until the new one is ready.
func TestResizeKeepsOldRender(t *testing.T) {
	c := loadGen(t, gen.Small)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	m, _ = drain(t, m, m.SetSize(100, 30))
	m.Select(c.Claims()[0].ID) // selected at the top, then scrolled away from
	m.ScrollBy(40)
	block := m.blockAt(m.win.Offset)
	before := m.View()
	cmd := m.SetSize(70, 30)
	if cmd == nil {
		t.Fatal("no render asked for the new width")
	}
	during := m.View()
	if strings.Contains(during, "rendering") || strings.TrimSpace(ansi.Strip(during)) == "" {
		t.Fatalf("during the resize the pane shows:\n%s", during)
	}
	// The old render, cut to the new width, is what shows.
	var cut []string
	for _, l := range strings.Split(before, "\n") {
		cut = append(cut, ansi.Strip(ansi.Truncate(l, 70, "")))
	}
	oldCut := strings.Join(cut, "\n")
	if ansi.Strip(during) != oldCut {
		t.Errorf("during the resize the pane changed:\nbefore\n%s\nduring\n%s", ansi.Strip(before), ansi.Strip(during))
	}
	// The first screenful of the new width does not replace a view deep in
	// the article.
	first := cmd()
	m, rest := m.Update(first)
	if ansi.Strip(m.View()) != oldCut {
		t.Errorf("the first screenful replaced a view deep in the article:\n%s", ansi.Strip(m.View()))
	}
	m, _ = drain(t, m, rest)
	if m.cur.width != 70 {
		t.Fatalf("render width %d after the resize, want 70", m.cur.width)
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if w := ansi.StringWidth(l); w > 70 {
			t.Fatalf("line of %d cells after the resize: %q", w, l)
		}
	}
	if ansi.Strip(m.View()) == ansi.Strip(before) {
		t.Error("the view did not change to the new width")
	}
	// The reading position is kept: the block at the top of the view.
	if got := m.blockAt(m.win.Offset); got != block || m.win.Offset != m.cur.blocks[block] {
		t.Errorf("after the resize the view starts in block %d (line %d), want block %d at its first line %d", got, m.win.Offset, block, m.cur.blocks[block])
	}
}

// TestPrimeHoldsTheRestBack: Prime's command delivers the first screenful
// (the render started when Prime was called), and the whole article's
// render it carries starts no sooner than restAfter later, so that the
// frame showing the first screenful is drawn first. A timer never fires
// early, so the lower bound cannot flake.
func TestPrimeHoldsTheRestBack(t *testing.T) {
	c := loadGen(t, gen.Small)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	const hold = 40 * time.Millisecond
	cmd := m.Prime(100, 30, hold)
	if m.Ready() {
		t.Fatal("Prime showed a render before its command delivered it")
	}
	m, rest := m.Update(cmd())
	if !m.Ready() || !m.cur.partial || rest == nil {
		t.Fatalf("after Prime's message: ready %v, partial %v, rest %v", m.Ready(), m.cur != nil && m.cur.partial, rest != nil)
	}
	t0 := time.Now()
	msg := rest()
	if waited := time.Since(t0); waited < hold {
		t.Errorf("the rest was rendered %v after the first screenful, before the %v hold", waited, hold)
	}
	m, _ = m.Update(msg)
	if m.cur.partial {
		t.Error("after the rest the render is still partial")
	}
}

// TestPrimePanicReachesItsCommand: a panic in Prime's render, which runs in
// a goroutine of its own, is raised again by Prime's command, where Bubble
// Tea recovers it and restores the terminal, instead of ending the process
// with the terminal in raw mode.
func TestPrimePanicReachesItsCommand(t *testing.T) {
	old := primeRender
	t.Cleanup(func() { primeRender = old })
	primeRender = func(doc, int, int, int, int, string) renderedMsg { panic("glamour broke") }
	c := loadEmbedded(t)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	cmd := m.Prime(100, 30, 0)
	defer func() {
		if r := recover(); r != "glamour broke" {
			t.Errorf("the command recovered %v, want the render's panic", r)
		}
	}()
	cmd()
	t.Error("the command returned instead of raising the render's panic")
}

// TestBottomOnFirstScreenfulGoesToTheEnd: G pressed while only the first
// screenful is rendered goes to the end of the whole article once it
// arrives (it used to stop at the end of the first screenful), and a key
// after G cancels that.
func TestBottomOnFirstScreenfulGoesToTheEnd(t *testing.T) {
	c := loadGen(t, gen.Small)
	st := theme.New(true, false)
	for _, then := range []string{"", "k"} {
		m := New(c, &st, 1)
		m.Focus()
		m, rest := m.Update(m.SetSize(100, 30)())
		if !m.cur.partial {
			t.Fatal("the first message is not a first screenful")
		}
		m, _ = m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
		if then != "" {
			m, _ = m.Update(tea.KeyPressMsg{Code: 'k', Text: "k"})
		}
		headEnd := m.Offset()
		m, _ = drain(t, m, rest)
		atEnd := m.Offset() == m.Lines()-30
		if then == "" && !atEnd {
			t.Errorf("G, then the whole render: offset %d of %d lines, want the end (%d)", m.Offset(), m.Lines(), m.Lines()-30)
		}
		if then != "" && m.Offset() != headEnd {
			t.Errorf("G k, then the whole render: offset %d, want %d (where the reader was)", m.Offset(), headEnd)
		}
	}
}
