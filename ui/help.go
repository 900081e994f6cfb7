package ui

import (
	"strings"

	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/helpview"
	"github.com/crux-news/crux/ui/theme"
)

// The root's glue for the help overlay (ui/helpview): it lists the keys of
// what is under it, generated from the key maps.

// legend explains the glyphs and marks the panes use. The stance signs come
// from theme.StanceGlyph, so that the legend cannot drift from the rows.
var legend = "Kinds: ■ claim, ▲ skeptic position, ● counterpoint. Relations: ⊖ attacks, ⊕ supports. " +
	"In the side panes, \"⊖ attacks →\" means the row attacks the current node, \"⊖ ← attacks\" that the current node attacks the row, " +
	"and \"⊖ attacks ▲\" that the row attacks the skeptic position selected above it. " +
	"✎ marks a node or passage with a note; after it, your stance: " + stanceLegend() + ". " +
	"Search: type words, or start with a scope: claim:, skeptic:, counter:, article:; after a jump the words stay marked in the article until esc. " +
	"Position: the article's bottom border says how far down you are, the detail's whether more is below. " +
	"Mouse: click to focus and select, click again to follow, wheel to scroll. ? or esc closes this help."

// openHelp shows the help from its top.
func (m *Model) openHelp() {
	m.refreshHelp()
	m.help.Focus()
	m.stack.push(layerHelp)
}

// refreshHelp gives the help the bindings of what is under it (the map, or
// the focused pane) and the explorer's own; the update loop calls it after
// every message while the help shows, so it follows focus and enabled keys.
func (m *Model) refreshHelp() {
	title, km := m.keyMapUnder()
	sections := []helpview.Section{{Title: title, Groups: km.FullHelp()}}
	if name, groups := m.editHelp(); name != "" {
		sections = append(sections, helpview.Section{Title: name, Groups: groups})
	}
	// Follow mode's keys (browse, catch up) join help and quit.
	everywhere := m.keys.FullHelp()
	last := len(everywhere) - 1
	everywhere[last] = append(m.fm.KeyMap.ShortHelp(), everywhere[last]...)
	sections = append(sections, helpview.Section{Title: "Everywhere", Groups: everywhere})
	m.help.SetContent(sections, legend+m.classLegend())
}

// stanceLegend names each stance with its sign: "✓ agree, ✗ disagree, …".
func stanceLegend() string {
	parts := make([]string, 0, len(notes.Stances()))
	for _, s := range notes.Stances() {
		parts = append(parts, theme.StanceGlyph(string(s))+" "+string(s))
	}
	return strings.Join(parts, ", ")
}
