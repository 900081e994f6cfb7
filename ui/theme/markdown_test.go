package theme

import (
	"regexp"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// TestNoColorMarkdownReadsAsText: under NO_COLOR the Markdown is styled
// text, not its markers (glamour's "notty" writes "# Title", "**bold**"),
// with bold kept and no colour; glamour's dark style is left as it was.
func TestNoColorMarkdownReadsAsText(t *testing.T) {
	dark := *styles.DarkStyleConfig.H1.BackgroundColor
	md := "# The title\n\nSome **bold** and *slanted* words.\n\n## Costs\n\n- one item\n\n```go\nx := 1\n```\n"
	tr, err := glamour.NewTermRenderer(Markdown(New(true, true).Glamour), glamour.WithWordWrap(60))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tr.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, marker := range []string{"# The title", "**bold**", "*slanted*"} {
		if strings.Contains(plain, marker) {
			t.Errorf("NO_COLOR Markdown shows the marker %q:\n%s", marker, plain)
		}
	}
	for _, text := range []string{"The title", "Some bold and slanted words.", "• one item", "x := 1"} {
		if !strings.Contains(plain, text) {
			t.Errorf("NO_COLOR Markdown lacks %q:\n%s", text, plain)
		}
	}
	if !strings.Contains(out, "\x1b[1m") {
		t.Errorf("NO_COLOR Markdown has no bold:\n%q", out)
	}
	if c := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`).FindString(out); c != "" {
		t.Errorf("NO_COLOR Markdown has the colour code %q:\n%q", c, out)
	}
	if styles.DarkStyleConfig.H1.BackgroundColor == nil || *styles.DarkStyleConfig.H1.BackgroundColor != dark || styles.DarkStyleConfig.CodeBlock.Chroma == nil {
		t.Error("making the NO_COLOR style changed glamour's dark style")
	}
}
