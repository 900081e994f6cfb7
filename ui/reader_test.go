package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
