package article

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/internal/safe"
)

// TestDropRepeatedStylesKeepsCells renders articles with glamour as the
// pane does and reads every line, as written and with the repeated styles
// dropped, into cells with ultraviolet (the library Bubble Tea draws
// with): the same characters, styles and links in every cell, and far
// fewer bytes.
func TestDropRepeatedStylesKeepsCells(t *testing.T) {
	articles := map[string]string{
		"embedded":  loadEmbedded(t).Article.Markdown,
		"generated": loadGen(t, gen.Small).Article.Markdown,
		"hand-made": "# T\n\nSome *em* and **strong** and `code` and [a link](https://example.org).\n\n" +
			"> quoted *text*\n\n- one\n- two **bold**\n\n```go\nfunc main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	}
	for name, md := range articles {
		for _, style := range []string{"dark", "light"} {
			for _, width := range []int{30, 88, 160} {
				tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width-2*glamourMargin))
				if err != nil {
					t.Fatal(err)
				}
				out, err := tr.Render(md)
				if err != nil {
					t.Fatal(err)
				}
				before, after := 0, 0
				for i, l := range strings.Split(safe.Unlink(out), "\n") {
					got := dropRepeatedStyles(l)
					before, after = before+len(l), after+len(got)
					want := uv.NewStyledString(l).Lines(ansi.GraphemeWidth)
					if have := uv.NewStyledString(got).Lines(ansi.GraphemeWidth); !reflect.DeepEqual(have, want) {
						t.Fatalf("%s, %s, %d columns, line %d: the cells differ\nwritten %q\nnow     %q", name, style, width, i, l, got)
					}
				}
				if name != "hand-made" && after > before*6/10 {
					t.Errorf("%s, %s, %d columns: %d bytes of lines, %d after; want at least 40 %% fewer", name, style, width, before, after)
				}
			}
		}
	}
}
