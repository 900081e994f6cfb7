package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
)

// helpKeyMap scrolls the help overlay, like less.
type helpKeyMap struct {
	Close, Down, Up, PageDown, PageUp, Top, Bottom key.Binding
}

func defaultHelpKeyMap() helpKeyMap {
	return helpKeyMap{
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j", "down")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k", "up")),
		PageDown: key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// helpView is the help overlay's component: a scroll offset over the lines
// the root builds from the key maps.
type helpView struct {
	keys helpKeyMap
	win  scroll.Window // the lines shown
}

func newHelpView() helpView { return helpView{keys: defaultHelpKeyMap()} }

// update scrolls by a key, with page lines to a page and total lines in
// all; it reports whether the key closes the help.
func (h *helpView) update(msg tea.KeyPressMsg, page, total int) (closed bool) {
	k := h.keys
	d := 0
	switch {
	case key.Matches(msg, k.Close):
		return true
	case key.Matches(msg, k.Down):
		d = 1
	case key.Matches(msg, k.Up):
		d = -1
	case key.Matches(msg, k.PageDown):
		d = page
	case key.Matches(msg, k.PageUp):
		d = -page
	case key.Matches(msg, k.Top):
		d = -total
	case key.Matches(msg, k.Bottom):
		d = total
	}
	h.win.ScrollBy(d, total, page)
	return false
}

// helpWidth is the width of the help's lines; helpPage how many a page
// scrolls.
func (m Model) helpWidth() int { return max(m.width-boxChromeW, 1) }
func (m Model) helpPage() int  { return max(m.height-1-boxChromeH-1, 1) }

// openHelp shows the help from its top.
func (m *Model) openHelp() {
	m.help.win = scroll.Window{}
	m.stack.push(layerHelp)
}

func (m Model) helpView(w, h int) string {
	lines := m.helpLines(w)
	off, end := m.help.win.Range(len(lines), h)
	view := lines[off:end]
	if end < len(lines) && h > 0 {
		view[len(view)-1] = m.styles.Faint.Render(ansi.Truncate(fmt.Sprintf("↓ %d more lines: j/k or space/b scroll", len(lines)-end), w, "…"))
	}
	return cell.Clip(strings.Join(view, "\n"), w, h)
}

// helpLines lists every enabled binding, one per line (so nothing is cut at
// any width): those of the pane or overlay under the help, then the global
// ones, then a legend of glyphs and row markers.
func (m Model) helpLines(w int) []string {
	paneName, km := m.keyMapUnder()
	paneGroups := km.FullHelp()
	s := m.styles
	keyW := 0
	_, eg := m.editHelp()
	for _, g := range append(append(paneGroups, eg...), m.keys.FullHelp()...) {
		for _, b := range g {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	keyW = min(keyW, max(w/3, 6))
	var out []string
	section := func(title string, groups [][]key.Binding) {
		out = append(out, s.Bold.Render(title))
		for _, g := range groups {
			for _, b := range g {
				if !b.Enabled() {
					continue
				}
				k := ansi.Truncate(b.Help().Key, keyW, "…")
				k += strings.Repeat(" ", keyW-ansi.StringWidth(k))
				out = append(out, ansi.Truncate("  "+s.Title.Render(k)+"  "+b.Help().Desc, w, "…"))
			}
		}
		out = append(out, "")
	}
	section(paneName, paneGroups)
	if name, groups := m.editHelp(); name != "" {
		section(name, groups)
	}
	section("Everywhere", m.keys.FullHelp())
	legend := "Kinds: ■ claim, ▲ skeptic position, ● counterpoint. Relations: ⊖ attacks, ⊕ supports. " +
		"In the side panes, \"⊖ attacks →\" means the row attacks the current node, \"⊖ ← attacks\" that the current node attacks the row, " +
		"and \"⊖ attacks ▲\" that the row attacks the skeptic position selected above it. " +
		"✎ marks a node or passage with a note; ✓ ✗ ? … after it are your stance. " +
		"Search: type words, or start with a scope: claim:, skeptic:, counter:, article:. " +
		"Mouse: click to focus and select, click again to follow, wheel to scroll. ? or esc closes this help."
	out = append(out, strings.Split(s.Muted.Render(ansi.Wrap(legend, max(w, 1), " ")), "\n")...)
	return out
}
