// Package scroll is the UI's one scroll position: which of a pane's lines
// show, and a cursor kept in view. Every pane and overlay that scrolls (the
// article, the detail, the node lists, the finder's results, the notes list,
// the map, the help) keeps a Window and asks it; none does its own sums.
//
// Why not bubbles' viewport: a viewport owns its content and draws it. Its
// View cuts, pads and styles every visible line through lipgloss on every
// frame, while the panes here hand the frame lines that are already styled
// at exactly the pane's width and cached (the article's, the lists' rows,
// the detail's). Measured with BenchmarkFrame (20,000 styled lines at 80
// columns, 40 rows, one line scrolled per frame; 2-core Xeon): viewport
// SetContentLines once, then View 1.19 ms a frame; a Window and a join of
// the lines it shows 8 µs, about 150 times less, where a keystroke's whole
// frame has about 1 ms (docs/performance.md). The
// article also needs its own line -> passage map for marks and clicks,
// which a viewport does not expose. So the panes keep their lines and share
// this small position type instead.
package scroll

// Window is a scroll position over n lines shown h at a time: Offset is the
// first line shown, Cursor the selected line of a list (unused by panes
// that only scroll).
type Window struct {
	Offset int
	Cursor int
}

// Clamp keeps Offset within [0, n-h].
func (w *Window) Clamp(n, h int) {
	w.Offset = max(min(w.Offset, n-h), 0)
}

// ScrollBy moves Offset by d lines, clamped.
func (w *Window) ScrollBy(d, n, h int) {
	w.Offset += d
	w.Clamp(n, h)
}

// Follow scrolls as little as needed for Cursor to show, then clamps.
func (w *Window) Follow(n, h int) {
	if h <= 0 {
		return
	}
	if w.Cursor < w.Offset {
		w.Offset = w.Cursor
	}
	if w.Cursor >= w.Offset+h {
		w.Offset = w.Cursor - h + 1
	}
	w.Clamp(n, h)
}

// MoveCursor puts Cursor on line i, kept within [0, n-1], and follows it. It
// reports whether the cursor moved.
func (w *Window) MoveCursor(i, n, h int) bool {
	if n == 0 {
		return false
	}
	i = max(min(i, n-1), 0)
	if i == w.Cursor {
		return false
	}
	w.Cursor = i
	w.Follow(n, h)
	return true
}

// Range is the lines shown: from Offset (clamped) to at most h lines on.
func (w Window) Range(n, h int) (from, to int) {
	from = max(min(w.Offset, n-h), 0)
	return from, min(from+max(h, 0), n)
}
