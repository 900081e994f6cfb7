// Package cell fits styled text to terminal cells: the one pad, cut and fit
// helper of the UI, on top of charmbracelet/x/ansi (which measures and cuts
// without breaking escape sequences or wide characters).
package cell

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// Width returns l cut or padded with spaces to exactly w cells. A line
// already w cells wide comes back as it is, without copying. A wide
// character that would straddle the edge is cut and its cell padded.
func Width(l string, w int) string {
	lw := ansi.StringWidth(l)
	if lw > w {
		l = ansi.Truncate(l, w, "")
		lw = ansi.StringWidth(l)
	}
	if lw < w {
		return l + strings.Repeat(" ", w-lw)
	}
	return l
}

// Block cuts or pads s to exactly h lines of exactly w cells.
func Block(s string, w, h int) []string {
	out := make([]string, 0, h)
	for l := range strings.SplitSeq(s, "\n") {
		if len(out) == h {
			break
		}
		out = append(out, Width(l, w))
	}
	blank := strings.Repeat(" ", w)
	for len(out) < h {
		out = append(out, blank)
	}
	return out
}

// Clip cuts s to exactly h lines of at most w cells, adding empty lines
// when it is shorter; short lines are not padded.
func Clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Words cuts plain text to at most w cells at a word boundary, ending with
// "…", so that no word is cut in half ("Partly supp…"); a first word longer
// than two thirds of w is cut where it must be.
func Words(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w <= 1 {
		return ansi.Truncate(s, w, "")
	}
	t := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexByte(t, ' '); i > 0 && ansi.StringWidth(t[:i]) >= w/3 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;:·-") + "…"
}

// Hints is h's short help of bindings in at most w cells. ShortHelpView
// drops what does not fit and ends with its "…", except when the "…" would
// not fit either: then it adds the binding anyway, past the width
// (bubbles v2.2.1 shouldAddItem). So fewer bindings are tried until the
// line fits; "" when not even the first does, or when only "…" is left.
func Hints(h help.Model, bindings []key.Binding, w int) string {
	h.SetWidth(max(w, 0))
	for n := len(bindings); n > 0 && w > 4; n-- {
		if s := h.ShortHelpView(bindings[:n]); ansi.StringWidth(s) <= w {
			if strings.TrimSpace(ansi.Strip(s)) == h.Ellipsis {
				return ""
			}
			return s
		}
	}
	return ""
}
