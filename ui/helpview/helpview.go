// Package helpview is the help overlay (?): every enabled key of the pane or
// overlay under it and of the explorer, one binding a line, generated from
// their KeyMaps, then a legend; it scrolls like less.
package helpview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// KeyMap scrolls and closes the help.
type KeyMap struct {
	Close, Down, Up, PageDown, PageUp, Top, Bottom key.Binding
}

// DefaultKeyMap follows less.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j", "down")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k", "up")),
		PageDown: key.NewBinding(key.WithKeys("space", "pgdown", "f"), key.WithHelp("space", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.PageDown, k.Close} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Close}}
}

// Section is a titled list of key groups.
type Section struct {
	Title  string
	Groups [][]key.Binding
}

// CloseMsg is the intent to close the help.
type CloseMsg struct{}

// Model is the help overlay.
type Model struct {
	KeyMap        KeyMap
	styles        *theme.Styles
	sections      []Section
	legend        string
	lines         []string // built by SetContent at the width
	win           scroll.Window
	width, height int
	intent        tea.Msg
}

// New makes the help.
func New(st *theme.Styles) Model { return Model{KeyMap: DefaultKeyMap(), styles: st} }

// SetStyles changes the theme.
func (m *Model) SetStyles(st *theme.Styles) { m.styles = st; m.build() }

// SetSize sets the inner size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.build() }

// SetContent sets what the help lists: the sections' enabled bindings, then
// the legend, wrapped.
func (m *Model) SetContent(sections []Section, legend string) {
	m.sections, m.legend = sections, legend
	m.build()
}

// Focus shows the help from its top.
func (m *Model) Focus() tea.Cmd { m.win = scroll.Window{}; return nil }

// Blur does nothing: the help has no cursor.
func (m *Model) Blur() {}

// Lines is the whole help, one line a binding.
func (m Model) Lines() []string { return m.lines }

// page is how far a page key scrolls: a line less than shows, so that one
// line stays in view.
func (m Model) page() int { return max(m.height-1, 1) }

// Update scrolls with the keys; Close records a CloseMsg intent.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	km, total, page := m.KeyMap, len(m.lines), m.page()
	d := 0
	switch {
	case key.Matches(k, km.Close):
		m.intent = CloseMsg{}
		return nil
	case key.Matches(k, km.Down):
		d = 1
	case key.Matches(k, km.Up):
		d = -1
	case key.Matches(k, km.PageDown):
		d = page
	case key.Matches(k, km.PageUp):
		d = -page
	case key.Matches(k, km.Top):
		d = -total
	case key.Matches(k, km.Bottom):
		d = total
	}
	m.win.ScrollBy(d, total, page)
	return nil
}

// Intent returns the help's intent since the last call, or nil.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// View shows the lines in view; the last says how many are left below.
func (m Model) View() string {
	w, h := m.width, m.height
	off, end := m.win.Range(len(m.lines), h)
	view := append([]string(nil), m.lines[off:end]...)
	if end < len(m.lines) && h > 0 {
		view[len(view)-1] = m.styles.Faint.Render(ansi.Truncate(fmt.Sprintf("↓ %d more lines: j/k or space/b scroll", len(m.lines)-end), w, "…"))
	}
	return cell.Clip(strings.Join(view, "\n"), w, h)
}

// build lays the sections and the legend out at the width.
func (m *Model) build() {
	w := max(m.width, 1)
	s := m.styles
	keyW := 0
	for _, sec := range m.sections {
		for _, g := range sec.Groups {
			for _, b := range g {
				keyW = max(keyW, ansi.StringWidth(b.Help().Key))
			}
		}
	}
	keyW = min(keyW, max(w/3, 6))
	var out []string
	for _, sec := range m.sections {
		out = append(out, s.Bold.Render(sec.Title))
		for _, g := range sec.Groups {
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
	if m.legend != "" {
		out = append(out, strings.Split(s.Muted.Render(ansi.Wrap(m.legend, w, " ")), "\n")...)
	}
	m.lines = out
}
