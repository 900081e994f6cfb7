// Package detail is the pane that shows the selected node in full: summary,
// kind, speaker, rating and explanation, tags, links with their notes, the
// text rendered with glamour, and its sources as OSC 8 hyperlinks.
package detail

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// KeyMap are the detail pane's bindings.
type KeyMap struct {
	Down, Up, PageDown, PageUp, Top, Bottom key.Binding
}

// DefaultKeyMap scrolls like less.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j/↓", "scroll down")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "scroll up")),
		PageDown: key.NewBinding(key.WithKeys("space", "f", "ctrl+f", "pgdown"), key.WithHelp("space/f/ctrl+f", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("b", "ctrl+b", "pgup"), key.WithHelp("b/ctrl+b", "page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp}, {k.Top, k.Bottom}}
}

type textKey struct {
	node  string
	width int
	style string
}

// renderedMsg is a node text rendered with glamour.
type renderedMsg struct {
	key textKey
	out string
}

// Model is the detail pane.
type Model struct {
	KeyMap  KeyMap
	styles  *theme.Styles
	c       *model.Content
	node    *model.Node
	extra   []string // extra sections (notes) added by the root
	section Section  // an extra section with Markdown (the class view)
	width   int
	height  int
	focused bool
	win     scroll.Window // the lines shown
	cache   map[textKey]string
	shown   map[string]bool // linked nodes listed under Links; nil for all
	memo    *memo
}

// New makes a detail pane.
func New(c *model.Content, styles *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), c: c, styles: styles, cache: map[textKey]string{}, memo: &memo{}}
}

// SetStyles changes the theme and drops rendered texts.
func (m *Model) SetStyles(s *theme.Styles) tea.Cmd {
	m.styles = s
	m.cache = map[textKey]string{}
	return m.ensure()
}

// SetNode shows a node and returns the command that renders its text.
func (m *Model) SetNode(n *model.Node) tea.Cmd {
	if m.node != n {
		m.win.Offset = 0
	}
	m.node = n
	return m.ensure()
}

// SetShownLinks limits the Links section to the linked nodes in ids (those a
// presenter has revealed to a follower); nil lists every link.
func (m *Model) SetShownLinks(ids map[string]bool) { m.shown = ids }

// SetExtra sets extra Markdown-free lines shown under the node (notes).
func (m *Model) SetExtra(lines []string) { m.extra = lines }

// Section is an extra block under the node's header, set by the root (the
// class's distribution and everyone's notes in the class view): Lines,
// already styled, drawn for the pane's width; then Markdown, rendered with
// glamour like the node's text, in a command. Key names the content: the
// pane redraws when it changes.
type Section struct {
	Key      string
	Lines    func(width int) []string
	Markdown string
}

// SetSection sets the extra section (the zero Section removes it) and
// returns the command that renders its Markdown.
func (m *Model) SetSection(sec Section) tea.Cmd {
	m.section = sec
	return m.ensure()
}

// Node is the node shown.
func (m Model) Node() *model.Node { return m.node }

// SetSize sets the inner size and returns a render command if needed.
func (m *Model) SetSize(w, h int) tea.Cmd {
	m.width, m.height = max(w, 0), max(h, 0)
	return m.ensure()
}

func (m *Model) key() textKey {
	return textKey{node: m.node.ID, width: m.width, style: m.styles.Glamour}
}

func (m *Model) sectionKey() textKey {
	return textKey{node: "\x00section " + m.section.Key, width: m.width, style: m.styles.Glamour}
}

func (m *Model) ensure() tea.Cmd {
	if m.node == nil || m.width <= 0 {
		return nil
	}
	var cmds []tea.Cmd
	if strings.TrimSpace(m.node.Text) != "" {
		cmds = append(cmds, m.render(m.key(), m.node.Text))
	}
	if strings.TrimSpace(m.section.Markdown) != "" {
		cmds = append(cmds, m.render(m.sectionKey(), m.section.Markdown))
	}
	return tea.Batch(cmds...)
}

// render returns the command that renders text as k says, or nil when it
// is cached.
func (m *Model) render(k textKey, text string) tea.Cmd {
	if _, ok := m.cache[k]; ok {
		return nil
	}
	return func() tea.Msg {
		wrap := max(k.width-2, 10)
		tr, err := glamour.NewTermRenderer(theme.Markdown(k.style), glamour.WithWordWrap(wrap))
		out := text
		if err == nil {
			if r, err := tr.Render(text); err == nil {
				out = safe.Unlink(r) // only sources become links
			}
		}
		return renderedMsg{key: k, out: strings.Trim(out, "\n")}
	}
}

// Focus focuses the pane.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }

// Blur blurs the pane.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the pane has focus.
func (m Model) Focused() bool { return m.focused }

// ScrollBy scrolls by n lines.
func (m *Model) ScrollBy(n int) {
	m.win.ScrollBy(n, len(m.lines()), m.height)
}

// Update handles render results and keys when focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case renderedMsg:
		m.cache[msg.key] = msg.out
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.KeyMap.Down):
			m.ScrollBy(1)
		case key.Matches(msg, m.KeyMap.Up):
			m.ScrollBy(-1)
		case key.Matches(msg, m.KeyMap.PageDown):
			m.ScrollBy(max(m.height-1, 1))
		case key.Matches(msg, m.KeyMap.PageUp):
			m.ScrollBy(-max(m.height-1, 1))
		case key.Matches(msg, m.KeyMap.Top):
			m.win.Offset = 0
		case key.Matches(msg, m.KeyMap.Bottom):
			m.ScrollBy(1 << 20)
		}
	}
	return m, nil
}

// memoKey is everything the detail's lines depend on.
type memoKey struct {
	node   *model.Node
	width  int
	styles *theme.Styles
	extra  string
	shown  string
	text   string
	// section is the section's key and its rendered Markdown.
	section, sectionText string
}

// memo keeps the lines of the last frame: building them wraps and styles
// every paragraph, which a frame cannot afford on every key.
type memo struct {
	key   memoKey
	lines []string
}

func (m Model) memoKey() memoKey {
	k := memoKey{node: m.node, width: m.width, styles: m.styles, extra: strings.Join(m.extra, "\n")}
	if m.shown != nil {
		k.shown = fmt.Sprintf("%p/%d", m.shown, len(m.shown))
	}
	if m.node != nil {
		k.text = m.cache[m.key()]
	}
	if m.section.Key != "" || m.section.Lines != nil {
		k.section = m.section.Key
		k.sectionText = m.cache[m.sectionKey()]
	}
	return k
}

// lines returns every line of the detail for the current width.
func (m Model) lines() []string {
	if m.memo == nil {
		return m.build()
	}
	k := m.memoKey()
	if m.memo.lines != nil && m.memo.key == k {
		return m.memo.lines
	}
	lines := m.build()
	for i, l := range lines {
		lines[i] = cell.Width(l, m.width) // once per build: frames need not measure
	}
	m.memo.key, m.memo.lines = k, lines
	return m.memo.lines
}

// build builds every line of the detail for the current width.
func (m Model) build() []string {
	n := m.node
	if n == nil || m.width <= 0 {
		return []string{m.styles.Muted.Render("Nothing selected.")}
	}
	s := m.styles
	w := m.width
	var out []string
	add := func(str string) {
		for _, l := range strings.Split(str, "\n") {
			out = append(out, ansi.Truncate(l, w, "…"))
		}
	}
	wrap := func(str string, st lipgloss.Style) {
		add(st.Render(ansi.Wrap(str, w, " ")))
	}
	add(s.KindLabel(n.Kind) + s.Faint.Render("  "+n.ID))
	wrap(n.Summary, s.Bold)
	// The root's section lines (the class's distribution) come right under
	// the summary: they are what the class view is for, and they must show
	// without scrolling in a narrow side column. Its Markdown (everyone's
	// notes) comes before the node's text, after the reader's own notes.
	if m.section.Lines != nil {
		out = append(out, "")
		for _, l := range m.section.Lines(w) {
			add(l)
		}
		out = append(out, "")
	}
	if n.Speaker != "" {
		wrap("Speaker: "+n.Speaker, s.Muted)
	}
	if n.Rating != nil {
		wrap("Rating: "+n.Rating.Label, s.RatingStyle(n.Rating.Label))
		if n.Rating.Explanation != "" {
			wrap(n.Rating.Explanation, s.Muted)
		}
	}
	if len(n.Tags) > 0 {
		wrap("Tags: #"+strings.Join(n.Tags, " #"), s.Muted)
	}
	if len(m.extra) > 0 {
		// The reader's notes come before the long text: they are what a
		// student looks for first.
		out = append(out, "")
		for _, l := range m.extra {
			wrap(l, s.Title)
		}
	}
	if sec := m.section; strings.TrimSpace(sec.Markdown) != "" {
		out = append(out, "")
		if r, ok := m.cache[m.sectionKey()]; ok {
			add(r)
		} else {
			wrap(sec.Markdown, s.Muted)
		}
	}
	if strings.TrimSpace(n.Text) != "" {
		out = append(out, "")
		if r, ok := m.cache[m.key()]; ok {
			add(r)
		} else {
			wrap(n.Text, s.Muted)
		}
	}
	if nb := m.c.Neighbors(n.ID); len(nb) > 0 {
		out = append(out, "", s.Bold.Render("Links"))
		hidden := 0
		for _, x := range nb {
			if m.shown != nil && !m.shown[x.Node.ID] {
				hidden++
				continue
			}
			verb := string(x.Link.Type)
			line := ""
			if x.Outgoing {
				line = fmt.Sprintf("%s this %s %s %s", theme.RelationGlyph(x.Link.Type), verb, theme.Glyph(x.Node.Kind), x.Node.Summary)
			} else {
				line = fmt.Sprintf("%s %s %s %s this", theme.RelationGlyph(x.Link.Type), theme.Glyph(x.Node.Kind), x.Node.Summary, verb)
			}
			wrap(line, s.RelationStyle(x.Link.Type))
			if x.Link.Note != "" {
				wrap("  note: "+x.Link.Note, s.Muted)
			}
		}
		if hidden > 0 {
			wrap(fmt.Sprintf("%d more not revealed yet", hidden), s.Faint)
		}
	}
	if len(n.Sources) > 0 {
		out = append(out, "", s.Bold.Render("Sources"))
		for i, id := range n.Sources {
			src := m.c.Source(id)
			if src == nil {
				continue
			}
			meta := strings.Join(nonEmpty(src.Publisher, src.Published), ", ")
			wrap(fmt.Sprintf("[%d] %s (%s)", i+1, src.Title, meta), s.Muted)
			if src.URL != "" {
				// One line per URL, never wrapped inside the box (a mouse
				// selection across lines picks up the border): cut with …
				// when too long, while the link's target, o and Y keep it
				// whole. Only http(s) URLs become links.
				l := s.Link.Render(ansi.Truncate(src.URL, max(w-4, 8), "…"))
				if isWebURL(src.URL) {
					l = ansi.SetHyperlink(src.URL) + l + ansi.ResetHyperlink()
				}
				out = append(out, "    "+l)
			}
		}
	}
	return out
}

func isWebURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// Position says whether the detail scrolls and where it is: "" when it all
// fits, else "↓ more" while there is more below or "end" at the bottom,
// with the last line shown of how many.
func (m Model) Position() string {
	n := len(m.lines())
	if m.height <= 0 || n <= m.height {
		return ""
	}
	_, to := m.win.Range(n, m.height)
	if to >= n {
		return fmt.Sprintf("end %d/%d", to, n)
	}
	return fmt.Sprintf("↓ more %d/%d", to, n)
}

// View renders the visible part.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	all := m.lines()
	from, to := m.win.Range(len(all), m.height)
	view := all[from:to]
	if m.memo != nil && len(view) < m.height {
		// Fill the pane, so that View is exactly width x height.
		view = append(append([]string(nil), view...), slices.Repeat([]string{strings.Repeat(" ", m.width)}, m.height-len(view))...)
	}
	return strings.Join(view, "\n")
}

// ExactWidth reports whether View returns exactly height lines of exactly
// width cells.
func (m Model) ExactWidth() bool { return m.memo != nil && m.width > 0 && m.height > 0 }

// Height is the pane's height in lines.
func (m Model) Height() int { return m.height }
