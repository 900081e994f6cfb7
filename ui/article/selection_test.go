package article

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/theme"
)

// TestTextMapRoundTrips: every shown rune of the embedded article is found
// again at its own cell, at several widths.
func TestTextMapRoundTrips(t *testing.T) {
	c := loadEmbedded(t)
	text := []rune(c.Article.Text)
	for _, w := range []int{40, 88, 150} {
		d := doc{md: c.Article.Markdown, text: c.Article.Text, passages: c.Passages(), blocks: c.Article.Blocks, textMap: true}
		tm := TextMap{d.renderParts([]part{d.whole()}, nil, w, "dark")}
		shown := 0
		for i, r := range text {
			if unicode.IsSpace(r) || tm.r.at[i] < 0 {
				continue
			}
			shown++
			line, col, ok := tm.Cell(i)
			if !ok {
				t.Fatalf("width %d: rune %d %q has no cell", w, i, r)
			}
			if got := tm.RuneAt(line, col); got != i {
				t.Fatalf("width %d: rune %d %q at %d:%d maps back to %d", w, i, r, line, col, got)
			}
		}
		if shown < len(text)*7/10 {
			t.Fatalf("width %d: only %d of %d runes shown", w, shown, len(text))
		}
	}
}

// TestSelectionCoversTheSelectedText: the cells marked on each line read
// the selected words, in order.
func TestSelectionCoversTheSelectedText(t *testing.T) {
	c := loadEmbedded(t)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	m.SetSelectable()
	d := doc{md: m.md, text: m.text, passages: m.passages, blocks: m.blocks, textMap: true}
	m.width, m.height = 70, 40
	m.cur = d.renderParts([]part{d.whole()}, nil, 70, m.styles.Glamour)
	text := []rune(c.Article.Text)
	start := strings.Index(c.Article.Text, "DeepSeek")
	start = len([]rune(c.Article.Text[:start]))
	end := start + 300
	for end < len(text) && !unicode.IsSpace(text[end]) {
		end++
	}
	m.SetSelection(start, end)
	spans := m.selectionSpans()
	var got []string
	for li := 0; li < len(m.cur.lines); li++ {
		if sp, ok := spans[li]; ok {
			got = append(got, ansi.Cut(m.cur.lines[li], sp[0], sp[1]))
		}
	}
	want := strings.Join(strings.Fields(string(text[start:end])), " ")
	if g := strings.Join(strings.Fields(ansi.Strip(strings.Join(got, " "))), " "); g != want {
		t.Fatalf("the selection marks\n%q\nwant\n%q", g, want)
	}
}
