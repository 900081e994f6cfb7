package cell

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

func TestWidthBlockClip(t *testing.T) {
	red := "\x1b[31mrot\x1b[m"
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{{"abc", 5, "abc  "}, {"abcdef", 3, "abc"}, {"漢字x", 3, "漢 "}, {red, 2, ansi.Truncate(red, 2, "")}, {red, 3, red}} {
		got := Width(tc.in, tc.w)
		if got != tc.want || ansi.StringWidth(got) != tc.w {
			t.Errorf("Width(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
	if got := Block("a\nbcdef\nc\nd", 3, 2); strings.Join(got, "|") != "a  |bcd" {
		t.Errorf("Block = %q", got)
	}
	if got := Block("a", 2, 3); strings.Join(got, "|") != "a |  |  " {
		t.Errorf("Block pads = %q", got)
	}
	if got := Clip("abcdef\nb", 3, 3); got != "abc\nb\n" {
		t.Errorf("Clip = %q", got)
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		s    string
		w    int
		want string
	}{
		{"Partly supported", 20, "Partly supported"},
		{"Partly supported", 14, "Partly…"},
		{"Bike lanes are the cheapest", 16, "Bike lanes are…"},
		{"Supercalifragilistic", 8, "Superca…"},
	} {
		if got := Words(tc.s, tc.w); got != tc.want {
			t.Errorf("Words(%q, %d) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
	}
}

// TestHintsFitTheWidth: Hints never passes the width, where bubbles'
// ShortHelpView alone does (when its "…" does not fit), and shows the
// first binding whenever it fits.
func TestHintsFitTheWidth(t *testing.T) {
	bs := []key.Binding{
		key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add step")),
		key.NewBinding(key.WithKeys("J"), key.WithHelp("J/K", "move")),
		key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
	}
	h := help.New()
	h.ShortSeparator = " · "
	overflows := 0
	for w := 0; w <= 40; w++ {
		got := Hints(h, bs, w)
		if gw := ansi.StringWidth(got); gw > w {
			t.Fatalf("width %d: %q is %d wide", w, ansi.Strip(got), gw)
		}
		if w >= len("a add step") && !strings.HasPrefix(ansi.Strip(got), "a add step") {
			t.Fatalf("width %d: %q lacks the first binding", w, ansi.Strip(got))
		}
		h.SetWidth(w)
		if ansi.StringWidth(h.ShortHelpView(bs)) > w {
			overflows++
		}
	}
	if overflows == 0 {
		t.Fatal("ShortHelpView never passes the width: Hints' loop is no longer needed")
	}
}
