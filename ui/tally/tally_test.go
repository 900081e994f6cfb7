package tally

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/theme"
)

func TestLines(t *testing.T) {
	s := poll.Snapshot{Open: true, Counts: poll.Counts{0, 6, 2, 0, 1}, Answered: 9, Viewers: 12, Revealed: true, Moved: poll.Counts{0, 2, -2, 0, 0}}
	for _, w := range []int{20, 40, 80, 200} {
		lines := Lines(theme.New(true, false), s, w)
		if len(lines) != 6 {
			t.Fatalf("width %d: %d lines", w, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is %d wide", w, ansi.Strip(l), ansi.StringWidth(l))
			}
		}
	}
	text := ansi.Strip(strings.Join(Lines(theme.New(true, true), s, 100), "\n"))
	for _, want := range []string{"voting open · results hidden", "✓ agree", "6  67% +2", "2  22% -2", "9 of 12 viewers answered", "± since the last reveal"} {
		if !strings.Contains(text, want) {
			t.Fatalf("no %q in\n%s", want, text)
		}
	}
	// The bar of a stance is as long as its share of the widest bar.
	agree := strings.Count(strings.Split(text, "\n")[1], "█")
	if agree != 50*6/9 {
		t.Fatalf("agree bar %d cells, want %d", agree, 50*6/9)
	}
}
