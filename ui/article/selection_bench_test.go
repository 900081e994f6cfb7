package article

import (
	"fmt"
	"testing"

	"github.com/crux-news/crux/ui/theme"
)

// BenchmarkRenderTextMap is the cost of keeping the text map (crux edit)
// on a whole render of the embedded article, against a render without it.
func BenchmarkRenderTextMap(b *testing.B) {
	c := loadEmbedded(b)
	for _, keep := range []bool{false, true} {
		d := doc{md: c.Article.Markdown, text: c.Article.Text, passages: c.Passages(), blocks: c.Article.Blocks, textMap: keep}
		b.Run(fmt.Sprintf("textMap=%v", keep), func(b *testing.B) {
			for b.Loop() {
				d.renderParts([]part{d.whole()}, nil, 88, "dark")
			}
		})
	}
}

// BenchmarkSelectionFrame is a frame of the article pane after the
// selection moved (every visible line restyled).
func BenchmarkSelectionFrame(b *testing.B) {
	c := loadEmbedded(b)
	st := theme.New(true, false)
	m := New(c, &st, 1)
	m.SetSelectable()
	d := doc{md: m.md, text: m.text, passages: m.passages, blocks: m.blocks, textMap: true}
	m.width, m.height = 88, 40
	m.cur = d.renderParts([]part{d.whole()}, nil, 88, m.styles.Glamour)
	end := 10
	for b.Loop() {
		end = end%2000 + 5
		m.SetSelection(0, end)
		_ = m.View()
	}
}
