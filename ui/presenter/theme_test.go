package presenter

import (
	"image/color"
	"regexp"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/ui/theme"
)

// colourSGR matches an SGR sequence that sets a foreground or background
// colour (bold and reverse video are allowed under NO_COLOR).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]*[;:])*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:[;:][0-9]*)*m`)

var (
	lightBg = tea.BackgroundColorMsg{Color: color.White}
	darkBg  = tea.BackgroundColorMsg{Color: color.Black}
)

// rendersIn reports whether cmd renders Markdown in glamour style.
func rendersIn(cmd tea.Cmd, style string) bool {
	for _, msg := range runBatch(cmd) {
		if r, ok := msg.(renderedMsg); ok && r.key.style == style {
			return true
		}
	}
	return false
}

// TestPresenterAutoTheme: with --theme auto the presenter follows the
// terminal's background, renders the step's Markdown again in the matching
// style, and keeps NO_COLOR; a fixed theme ignores the background.
func TestPresenterAutoTheme(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		m, _, _ := newTest(t, Options{Styles: theme.New(true, noColor), AutoTheme: true})
		tm, cmd := m.Update(lightBg)
		m = tm.(Model)
		if m.st.IsDark || m.st.NoColor != noColor {
			t.Fatalf("no color %v, light background: styles dark %v, no color %v", noColor, m.st.IsDark, m.st.NoColor)
		}
		// Without colour glamour's style is the same on either background.
		if want := theme.New(false, noColor).Glamour; !noColor && !rendersIn(cmd, want) {
			t.Fatalf("no color %v: the step was not rendered again in %q", noColor, want)
		}
		if view := m.View().Content; noColor && colourSGR.MatchString(view) {
			t.Fatalf("NO_COLOR, light background: the screen has colour:\n%q", view)
		} else if !noColor && !colourSGR.MatchString(view) {
			t.Fatalf("colour, light background: the screen has none:\n%q", view)
		}
		tm, _ = m.Update(darkBg)
		if !tm.(Model).st.IsDark {
			t.Fatalf("no color %v: dark background after light: still light", noColor)
		}
	}
	m, _, _ := newTest(t, Options{Styles: theme.New(true, false)})
	tm, cmd := m.Update(lightBg)
	if !tm.(Model).st.IsDark || cmd != nil {
		t.Fatal("a fixed dark theme switched to light")
	}
}

// TestNotesAutoTheme is TestPresenterAutoTheme for the notes view.
func TestNotesAutoTheme(t *testing.T) {
	for _, auto := range []bool{true, false} {
		n := NewNotes(fixture(), NotesOptions{Styles: theme.New(true, true), AutoTheme: auto})
		tm, _ := n.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		tm, _ = tm.Update(lightBg)
		got := tm.(Notes).st
		if got.IsDark == auto || !got.NoColor {
			t.Fatalf("auto %v, light background: styles dark %v, no color %v", auto, got.IsDark, got.NoColor)
		}
	}
}
