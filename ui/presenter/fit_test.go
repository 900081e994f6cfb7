package presenter

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// demoAt is the presenter on the demo tour at w×h.
func demoAt(t *testing.T, w, h int) Model {
	t.Helper()
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("demo content does not load: %v", fs)
	}
	return resize(New(c, Options{Styles: theme.New(true, true)}), w, h)
}

// eachSlide calls f on every step of the demo tour with every number of
// reveals, at the sizes we promise.
func eachSlide(t *testing.T, f func(m Model, w, h int)) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {120, 30}, {200, 50}} {
		m := demoAt(t, size[0], size[1])
		for range m.tour.Steps {
			for {
				f(m, size[0], size[1])
				if m.State().Revealed == len(m.reveals()) {
					break
				}
				m, _ = press(m, "r")
			}
			m, _ = press(m, "space")
		}
	}
}

// A step is shortened only when it does not fit whole, and then it uses
// every row there is: at most one row (a two-line item that could not
// take it) stays empty under it. Earlier the fitting gave up rows, cutting
// the rating with six empty rows below it (60×20, step 2).
func TestPresenterFitUsesEveryRow(t *testing.T) {
	eachSlide(t, func(m Model, w, h int) {
		v := strings.Split(screen(m), "\n")
		if !strings.Contains(screen(m), m.cutNote()) {
			return
		}
		empty := 0
		for i := h - 2; i > 0 && strings.TrimSpace(v[i]) == ""; i-- {
			empty++
		}
		if empty > 1 {
			t.Errorf("%dx%d step %d, %d revealed: shortened with %d empty rows below:\n%s",
				w, h, m.State().Step+1, m.State().Revealed, empty, screen(m))
		}
	})
}

// Whenever a line of the whole step is missing from the screen (cut or left
// out), the slide says so and names z, and z shows that line (item 1: the
// room never misses a reveal, and the presenter knows how to show it).
func TestPresenterSaysWhenShortened(t *testing.T) {
	shortened := 0
	eachSlide(t, func(m Model, w, h int) {
		v := screen(m)
		whole, _ := m.body(1 << 30)
		missing := ""
		for _, l := range whole {
			if l = strings.TrimSpace(ansi.Strip(l)); l != "" && !strings.Contains(v, l) {
				missing = l
				break
			}
		}
		said := strings.Contains(v, "z shows the whole step")
		if (missing != "") != said {
			t.Fatalf("%dx%d step %d, %d revealed: missing %q, says so: %v\n%s",
				w, h, m.State().Step+1, m.State().Revealed, missing, said, v)
		}
		if missing == "" {
			return
		}
		shortened++
		if w >= 60 && !strings.Contains(v, "z show all") {
			t.Errorf("%dx%d step %d: the footer does not offer z:\n%s", w, h, m.State().Step+1, v)
		}
		z, _ := press(m, "z")
		found := false
		for range len(whole) + 5 {
			if strings.Contains(screen(z), missing) {
				found = true
				break
			}
			z, _ = press(z, "down")
		}
		if !found {
			t.Errorf("%dx%d step %d: z never shows %q", w, h, m.State().Step+1, missing)
		}
	})
	if shortened == 0 {
		t.Fatal("no slide was shortened; the test proves nothing")
	}
}

// The node's text gives way first: while any of it is shown, the rating is
// whole, and so is the quoted passage if it is there at all (a passage
// that is left out needs three rows to come back: blank, place, one line).
func TestPresenterTextGivesWayFirst(t *testing.T) {
	eachSlide(t, func(m Model, w, h int) {
		_, n := m.step()
		if n == nil || strings.TrimSpace(n.Text) == "" {
			return
		}
		v := screen(m)
		inner := m.textWidth()
		first := ansi.Strip(wrap(strings.TrimSpace(n.Text), inner)[0])
		if !strings.Contains(v, first[:min(len(first), 20)]) {
			return
		}
		whole, _ := m.body(1 << 30)
		var parts []string
		if n.Rating != nil {
			r := wrap(n.Rating.Label+" — "+n.Rating.Explanation, inner)
			parts = append(parts, r[len(r)-1])
		}
		if p := m.passage(n, inner, maxQuoteLines); len(p) > 0 && strings.Contains(v, "In the article,") {
			parts = append(parts, ansi.Strip(p[len(p)-1]))
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); !strings.Contains(v, p) {
				t.Errorf("%dx%d step %d, %d revealed: text shown but %q cut (%d lines whole):\n%s",
					w, h, m.State().Step+1, m.State().Revealed, p, len(whole), v)
			}
		}
	})
}

// A cut text ends in "…" right after its last word, never on a blank gap
// between paragraphs nor after glamour's padding (60×20, step 1).
func TestCutLinesEndsAfterText(t *testing.T) {
	pad := "\x1b[0m  first para   \x1b[0m"
	got := cutLines([]string{"  a line", pad, "\x1b[0m   \x1b[0m", "  second para"}, 3, 20)
	if len(got) != 2 || ansi.Strip(got[1]) != "  first para…" {
		t.Fatalf("cut = %q", got)
	}
	if got := cutLines([]string{"one", "two"}, 2, 20); len(got) != 2 || got[1] != "two" {
		t.Fatalf("lines that fit were cut: %q", got)
	}
	if got := cutLines([]string{strings.Repeat("x", 30), "y"}, 1, 10); ansi.StringWidth(got[0]) != 10 {
		t.Fatalf("a full line cut to %d cells, want 10: %q", ansi.StringWidth(got[0]), got)
	}
}

// cutLines must not write into the caller's lines: the fit cuts the same
// rating again and again, and each cut used to add one more "…" to it.
func TestCutLinesLeavesItsInputAlone(t *testing.T) {
	ls := []string{"one", "two", "three"}
	for range 3 {
		cutLines(ls, 2, 20)
	}
	if ls[1] != "two" {
		t.Fatalf("cutLines wrote into its input: %q", ls)
	}
	if got := cutLines(ls, 2, 20); got[1] != "two…" {
		t.Fatalf("cut = %q", got)
	}
}

// No line of a slide ends in two ellipses, at any size or reveal.
func TestPresenterNoDoubleEllipsis(t *testing.T) {
	eachSlide(t, func(m Model, w, h int) {
		for _, l := range strings.Split(screen(m), "\n") {
			if strings.Contains(l, "……") {
				t.Fatalf("%dx%d step %d, %d revealed: %q", w, h, m.State().Step+1, m.State().Revealed, l)
			}
		}
	})
}
