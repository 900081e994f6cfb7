package scroll

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"
)

func TestWindow(t *testing.T) {
	var w Window
	w.ScrollBy(5, 10, 4)
	if w.Offset != 5 {
		t.Fatalf("offset %d", w.Offset)
	}
	w.ScrollBy(5, 10, 4)
	if w.Offset != 6 {
		t.Fatalf("past the end: offset %d, want 6", w.Offset)
	}
	w.ScrollBy(-20, 10, 4)
	if w.Offset != 0 {
		t.Fatalf("past the top: offset %d", w.Offset)
	}
	if !w.MoveCursor(7, 10, 4) || w.Cursor != 7 || w.Offset != 4 {
		t.Fatalf("cursor 7: %+v, want offset 4", w)
	}
	if w.MoveCursor(12, 10, 4); w.Cursor != 9 || w.Offset != 6 {
		t.Fatalf("cursor past the end: %+v", w)
	}
	if w.MoveCursor(9, 10, 4) {
		t.Fatal("a move onto the cursor reported a move")
	}
	if w.MoveCursor(2, 10, 4); w.Offset != 2 {
		t.Fatalf("cursor above: %+v", w)
	}
	if from, to := (Window{Offset: 8}).Range(10, 4); from != 6 || to != 10 {
		t.Fatalf("range %d..%d", from, to)
	}
	if from, to := (Window{Offset: 3}).Range(2, 4); from != 0 || to != 2 {
		t.Fatalf("short range %d..%d", from, to)
	}
}

// frameLines is a long styled text at an exact width, as the panes hold it.
func frameLines(n, w int) []string {
	out := make([]string, n)
	for i := range out {
		l := fmt.Sprintf("\x1b[1mline %d\x1b[m %s", i, strings.Repeat("word ", w))
		out[i] = ansi.Truncate(l, w, "")
	}
	return out
}

// BenchmarkFrame compares a frame of a scrolling pane drawn by bubbles'
// viewport with one cut by a Window (the reason for this package).
func BenchmarkFrame(b *testing.B) {
	const n, w, h = 20000, 80, 40
	lines := frameLines(n, w)
	b.Run("viewport", func(b *testing.B) {
		vp := viewport.New(viewport.WithWidth(w), viewport.WithHeight(h))
		vp.SetContentLines(lines)
		for b.Loop() {
			vp.ScrollDown(1)
			if vp.AtBottom() {
				vp.GotoTop()
			}
			_ = vp.View()
		}
	})
	b.Run("window", func(b *testing.B) {
		var win Window
		for b.Loop() {
			win.ScrollBy(1, n, h)
			if win.Offset == n-h {
				win.Offset = 0
			}
			from, to := win.Range(n, h)
			_ = strings.Join(lines[from:to], "\n")
		}
	})
}
