package theme

import (
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/notes"
)

// Each stance has its own one-cell glyph, none of them the … that marks
// cut text (issue 14, item 17).
func TestStanceGlyphs(t *testing.T) {
	seen := map[string]notes.Stance{}
	for _, s := range notes.Stances() {
		g := StanceGlyph(string(s))
		if g == "…" || g == " " || ansi.StringWidth(g) != 1 {
			t.Errorf("%s: glyph %q is cut text, blank or not one cell", s, g)
		}
		if o, ok := seen[g]; ok {
			t.Errorf("%s and %s share the glyph %q", s, o, g)
		}
		seen[g] = s
	}
}
