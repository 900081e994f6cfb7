package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

// TestFirstFrameShowsArticle: given the terminal's size, New lays out and
// starts rendering the article's first screenful, and the first of its
// start-up commands delivers that render, so the frame Bubble Tea draws once
// it arrives shows the article as the article pane of an explorer started
// the usual way shows it; after Init's other commands and the program's
// window size, the whole screen is the same as that explorer's. The 40 kB
// generated article is cut into parts, so its first screenful is a partial
// render.
func TestFirstFrameShowsArticle(t *testing.T) {
	small, _ := gen.Load(t, gen.Small)
	sets := map[string]*model.Content{"embedded": loadEmbedded(t), "bikelanes": loadBikes(t), "generated": small}
	for name, c := range sets {
		for _, sz := range [][2]int{{160, 45}, {100, 30}, {80, 24}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, sz[0], sz[1]), func(t *testing.T) {
				w, h := sz[0], sz[1]
				want := start(t, c, w, h)
				m := New(c, Options{Theme: "dark", Width: w, Height: h})
				if len(m.startCmds) == 0 {
					t.Fatal("New started no render for the known size")
				}
				m = drive(t, m, runCmd(m.startCmds[0])...)
				if !m.ArticleReady() {
					t.Fatal("the first start-up command did not deliver the article's render")
				}
				got, wantArt := m.article.View(), want.article.View()
				if got != wantArt {
					t.Errorf("first frame's article pane differs from a started explorer's:\n%s\n---\n%s", got, wantArt)
				}
				if strings.TrimSpace(ansi.Strip(got)) == "" {
					t.Error("the article pane is blank")
				}
				m = drive(t, m, runCmd(m.Init())...)
				m = drive(t, m, tea.WindowSizeMsg{Width: w, Height: h})
				if a, b := screen(m), screen(want); a != b {
					t.Errorf("after start-up the screen differs from a started explorer's:\n%s\n---\n%s", a, b)
				}
				// And a new size lays out again.
				m = drive(t, m, tea.WindowSizeMsg{Width: w - 10, Height: h - 2})
				want = drive(t, want, tea.WindowSizeMsg{Width: w - 10, Height: h - 2})
				if a, b := screen(m), screen(want); a != b {
					t.Errorf("after a resize the screen differs:\n%s\n---\n%s", a, b)
				}
			})
		}
	}
}
