package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/cell"
)

// The status line's hints are the short help of what has the keys: the top
// overlay's key map, or the focused pane's and the explorer's own. They are
// generated from the key maps, so they are true in every mode and a new
// component's keys show by themselves (issue 14 item 14).

// hintKeys is what the status line advertises: the bindings of what has the
// keys, most specific first, and whether "? help" works there.
func (m Model) hintKeys() (bindings []key.Binding, withHelp bool) {
	if ed, ok := m.editHintKeys(); ok {
		if _, open := m.stack.top(); open {
			return ed, false
		}
		return append(ed, m.keys.NextPane, m.keys.Quit), true
	}
	if top, ok := m.stack.top(); ok {
		switch top {
		case layerFinder:
			return m.finder.KeyMap.ShortHelp(), false
		case layerEditor:
			return m.nt.editor.KeyMap.ShortHelp(), false
		case layerTags:
			return m.nt.tags.KeyMap.ShortHelp(), false
		case layerNotes:
			// The notes list leaves q to the explorer (overlayKey).
			return append(m.nt.view.KeyMap.ShortHelp(), m.keys.Quit), false
		case layerHelp:
			return append(m.help.KeyMap.ShortHelp(), m.keys.Quit), false
		case layerMap:
			return append(m.mapv.KeyMap.ShortHelp(), m.keys.Quit), true
		}
	}
	_, km := m.keyMapUnder()
	k := m.keys
	if m.fm.Frozen() && !m.fm.Ended() {
		// Following a presenter, search and history do nothing: do not
		// offer them (follow mode's part of the line says how to browse).
		return []key.Binding{k.NextPane, k.Quit}, true
	}
	return append(km.ShortHelp(), k.Search, k.NextPane, k.Quit, k.Back), true
}

// hintLine renders the hints in at most w cells with bubbles' help, which
// drops what does not fit; "? help" always stays where it works.
func (m Model) hintLine(w int) string {
	st := m.styles.StatusBar
	h := help.New()
	h.ShortSeparator = " · "
	h.Styles = help.Styles{ShortKey: st.Bold(true), ShortDesc: st, ShortSeparator: st, Ellipsis: st}
	bindings, withHelp := m.hintKeys()
	tail := ""
	if withHelp {
		tail = h.ShortHelpView([]key.Binding{m.keys.Help})
	}
	pad := st.Render(" ")
	if w <= 2 {
		return ""
	}
	sep := st.Render(h.ShortSeparator)
	room := w - 2
	if tail != "" {
		room -= ansi.StringWidth(sep + tail)
	}
	body := cell.Hints(h, bindings, room)
	switch {
	case body == "":
		body = tail
	case tail != "":
		body += sep + tail
	}
	return pad + body + pad
}
