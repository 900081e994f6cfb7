package finder

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/scroll"
	"github.com/crux-news/crux/ui/theme"
)

// JumpMsg is the intent to go to a result: a node, or an article block.
type JumpMsg struct {
	Node  string
	Block int
	// Words are the query's words, for the article to highlight as less
	// does after a search.
	Words []string
}

// CloseMsg is the intent to dismiss the finder.
type CloseMsg struct{}

// resultsMsg carries a finished search; stale generations are dropped.
type resultsMsg struct {
	gen int
	res *Results
}

// KeyMap are the finder's bindings (fzf's).
type KeyMap struct {
	Down, Up, Accept, Close key.Binding
}

// DefaultKeyMap follows fzf.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:   key.NewBinding(key.WithKeys("down", "ctrl+j", "ctrl+n"), key.WithHelp("↓/ctrl+n", "next result")),
		Up:     key.NewBinding(key.WithKeys("up", "ctrl+k", "ctrl+p"), key.WithHelp("↑/ctrl+p", "previous result")),
		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump")),
		Close:  key.NewBinding(key.WithKeys("esc", "ctrl+c", "ctrl+g"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Accept, k.Close} }

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Down, k.Up, k.Accept, k.Close}} }

// Model is the finder.
type Model struct {
	KeyMap  KeyMap
	styles  *theme.Styles
	ix      *Index
	c       *model.Content
	input   textinput.Model
	gen     int
	latest  *atomic.Int64 // the newest search's generation, read by searches running
	shown   int           // generation of the search the results are from
	last    *Results      // the search shown, which a longer query narrows
	results []Result
	cursor  int
	width   int
	height  int
	intent  tea.Msg // JumpMsg or CloseMsg, read by the root with Intent
	// A picker (OpenPicker) has a title of its own and lists only the
	// items keep accepts.
	title string
	keep  func(Item) bool
}

// defaultPlaceholder is the search's placeholder.
const defaultPlaceholder = "search claims, skeptics, counterpoints, article (try  skeptic: h100)"

// Intent returns what the last Update or call asked of the root, or nil,
// and forgets it. The root reads it right after the call: panes return no
// command for an intent, so nothing waits in the message queue.
func (m *Model) Intent() tea.Msg { in := m.intent; m.intent = nil; return in }

// New makes a finder over an index.
func New(c *model.Content, ix *Index, styles *theme.Styles) Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = defaultPlaceholder
	// A steady cursor: blinking redraws the screen twice a second, which
	// costs every SSH viewer bandwidth for nothing.
	st := textinput.DefaultStyles(styles.IsDark)
	st.Cursor.Blink = false
	in.SetStyles(st)
	// No search yet: the index may still be building; Open lists it.
	return Model{KeyMap: DefaultKeyMap(), styles: styles, ix: ix, c: c, input: in, latest: new(atomic.Int64)}
}

// SetStyles changes the theme.
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// Open focuses the input and clears the previous query.
func (m *Model) Open() tea.Cmd {
	m.title, m.keep, m.input.Placeholder = "", nil, defaultPlaceholder
	return m.open()
}

// OpenPicker opens the finder to pick an item that keep accepts (crux
// edit's link target), with its own title and placeholder.
func (m *Model) OpenPicker(title, placeholder string, keep func(Item) bool) tea.Cmd {
	cmd := m.open()
	m.title, m.keep, m.input.Placeholder = title, keep, placeholder
	return cmd
}

// Title is the overlay's title: "Search", or the picker's.
func (m Model) Title() string {
	if m.title != "" {
		return m.title
	}
	return "Search"
}

func (m *Model) open() tea.Cmd {
	m.input.SetValue("")
	m.cursor = 0
	m.last = nil
	m.results = nil
	// Listing every item is a search like any other: in the background, so
	// that opening the finder on a large set never waits for it.
	return tea.Batch(m.Focus(), m.searchCmd())
}

// Focus gives the finder the keys; a blurred finder ignores them.
func (m *Model) Focus() tea.Cmd { return m.input.Focus() }

// Blur takes the keys away, as closing the finder does.
func (m *Model) Blur() { m.input.Blur() }

// Focused reports whether the finder takes keys.
func (m Model) Focused() bool { return m.input.Focused() }

// SetSize sets the overlay's inner size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.input.SetWidth(max(w-4, 1))
}

// Value is the query typed so far.
func (m Model) Value() string { return m.input.Value() }

// Results returns the current results.
func (m Model) Results() []Result { return m.results }

// Selected returns the item under the cursor.
func (m Model) Selected() (Item, bool) {
	if m.cursor < 0 || m.cursor >= len(m.results) {
		return Item{}, false
	}
	return m.ix.Items()[m.results[m.cursor].Item], true
}

// searchCmd searches in the background so typing never waits on it. It
// narrows the results on screen when the query grew, and gives up when a
// newer search starts, so that fast typing does not pile up searches.
func (m *Model) searchCmd() tea.Cmd {
	m.gen++
	gen, q, ix, prev, latest := m.gen, m.input.Value(), m.ix, m.last, m.latest
	latest.Store(int64(gen))
	return func() tea.Msg {
		res, ok := ix.search(ParseQuery(q), prev, func() bool { return latest.Load() != int64(gen) })
		if !ok {
			return nil
		}
		return resultsMsg{gen: gen, res: res}
	}
}

// Update handles keys and search results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case resultsMsg:
		if msg.gen != m.gen {
			return m, nil // stale
		}
		m.results, m.shown, m.last = msg.res.List, msg.gen, msg.res
		if m.keep != nil {
			items := m.ix.Items()
			m.results = slices.DeleteFunc(slices.Clone(m.results), func(r Result) bool { return !m.keep(items[r.Item]) })
		}
		m.cursor = 0
		return m, nil
	case tea.KeyPressMsg:
		if !m.Focused() {
			return m, nil
		}
		switch {
		case key.Matches(msg, m.KeyMap.Close):
			m.intent = CloseMsg{}
			return m, nil
		case key.Matches(msg, m.KeyMap.Down):
			m.move(1)
			return m, nil
		case key.Matches(msg, m.KeyMap.Up):
			m.move(-1)
			return m, nil
		case key.Matches(msg, m.KeyMap.Accept):
			it, ok := m.Selected()
			if !ok {
				return m, nil
			}
			j := JumpMsg{Block: it.Block, Words: strings.Fields(ParseQuery(m.input.Value()).Pattern)}
			if it.Node != nil {
				j.Node = it.Node.ID
			}
			m.intent = j
			return m, nil
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		return m, tea.Batch(cmd, m.searchCmd())
	}
	return m, cmd
}

// ScrollBy moves the cursor (mouse wheel).
func (m *Model) ScrollBy(n int) { m.move(n) }

func (m *Model) move(d int) {
	if len(m.results) == 0 {
		return
	}
	m.cursor = max(min(m.cursor+d, len(m.results)-1), 0)
}

// listHeight is how many result rows fit: the rest goes to the input and
// the preview.
func (m Model) listHeight() int {
	return max((m.height-2)/2, 1)
}

// View renders the input, the results and a preview.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.styles
	w := m.width
	lines := []string{ansi.Truncate(m.input.View(), w, "")}
	count := fmt.Sprintf("%d results", len(m.results))
	if len(m.results) == 1 {
		count = "1 result"
	}
	if m.shown != m.gen {
		count += " (searching…)"
	}
	lines = append(lines, s.Faint.Render(ansi.Truncate(count, w, "…")))
	lh := m.listHeight()
	win := scroll.Window{Cursor: m.cursor}
	win.Follow(len(m.results), lh)
	for i := win.Offset; i < len(m.results) && i < win.Offset+lh; i++ {
		lines = append(lines, m.resultLine(i))
	}
	for len(lines) < 2+lh {
		lines = append(lines, "")
	}
	if it, ok := m.Selected(); ok && len(lines) < m.height {
		lines = append(lines, s.Faint.Render(strings.Repeat("─", w)))
		lines = append(lines, m.preview(it, m.height-len(lines))...)
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	return strings.Join(lines, "\n")
}

// snippetMin is the fewest columns a body snippet gets beside its title:
// enough for a few words either side of the match.
const snippetMin = 44

// snippetLead is how many runes of context a snippet or a windowed title
// shows before its first match (at most a quarter of its width).
const snippetLead = 16

func (m Model) resultLine(i int) string {
	s := m.styles
	r := m.results[i]
	it := m.ix.Items()[r.Item]
	label := s.Muted.Render("¶ article")
	if it.Node != nil {
		label = s.KindLabel(it.Node.Kind)
	}
	prefix := "  "
	if i == m.cursor {
		prefix = s.Cursor.Render("▸") + " "
	}
	head := prefix + label + " "
	avail := max(m.width-lipgloss.Width(head), 0)
	set := make(map[int]bool, len(r.Matched))
	inTitle, inBody := -1, -1 // first matched index in the title, in the body
	for _, x := range r.Matched {
		set[x] = true
		switch {
		case x < len(it.Title):
			if inTitle < 0 || x < inTitle {
				inTitle = x
			}
		case x < len(it.Haystack):
			if inBody < 0 || x < inBody {
				inBody = x
			}
		}
	}
	if inBody < 0 || inTitle >= 0 {
		// The match is in the title: show it, from a little before the
		// match when it would be cut off (a long paragraph).
		from := 0
		if inTitle >= 0 && ansi.StringWidth(it.Title[:inTitle]) > avail*2/3 {
			from = excerptStart(it.Title, 0, inTitle, avail)
		}
		return ansi.Truncate(head+excerpt(it.Title, from, avail, set, s.Match, nil), m.width, "…")
	}
	// The match is in the body (speaker, tags or text): the title, then a
	// muted snippet around the match, so the reader sees why it is here.
	tw := min(lipgloss.Width(it.Title), max(avail-snippetMin-3, avail/2))
	title := ansi.Truncate(it.Title, tw, "…")
	from := excerptStart(it.Haystack, len(it.Title), inBody, avail-lipgloss.Width(title)-3)
	snip := excerpt(it.Haystack, from, avail, set, s.Match, &s.Muted)
	return ansi.Truncate(head+title+s.Faint.Render(" · ")+snip, m.width, "…")
}

// excerptStart is where an excerpt of text, cols columns wide, showing
// the rune at byte index at begins: at a word a little before it, or
// earlier when the text ends before the excerpt is full; not before lo
// (where the " · " that separates a node's fields is skipped).
func excerptStart(text string, lo, at, cols int) int {
	// The text may end early: then show more of what comes before.
	lead := max(min(snippetLead, cols/4), cols-1-ansi.StringWidth(text[at:]))
	from, n := at, 0
	for from > lo && n < lead {
		_, size := utf8.DecodeLastRuneInString(text[lo:from])
		from -= size
		n++
	}
	if from > lo {
		// Start at a word: after the nearest space before from, unless
		// that word is the match itself.
		if sp := strings.IndexByte(text[from:at], ' '); sp >= 0 {
			return from + sp + 1
		}
		return from
	}
	t := strings.TrimLeft(text[lo:], " ·")
	return min(len(text)-len(t), at)
}

// excerpt renders at most cols runes of text from byte index from, in
// plain (unstyled when nil), with the runes at the byte indexes in set in
// hi, after an ellipsis when it does not start at the beginning of text.
func excerpt(text string, from, cols int, set map[int]bool, hi lipgloss.Style, plain *lipgloss.Style) string {
	var b strings.Builder
	write := func(t string) {
		if plain != nil {
			t = plain.Render(t)
		}
		b.WriteString(t)
	}
	if from > 0 {
		write("…")
		cols--
	}
	to, n := from, 0 // the end of cols runes: at least cols columns
	for to < len(text) && n < cols {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
		n++
	}
	run := from // start of the plain run being gathered
	for i, r := range text[from:to] {
		i += from
		if set[i] {
			if i > run {
				write(text[run:i])
			}
			b.WriteString(hi.Render(string(r)))
			run = i + utf8.RuneLen(r)
		}
	}
	if to > run {
		write(text[run:to])
	}
	if to < len(text) {
		write("…") // cut short; the caller's truncation keeps it when it fits
	}
	return b.String()
}

func (m Model) preview(it Item, h int) []string {
	s := m.styles
	var text string
	if it.Node != nil {
		n := it.Node
		text = n.Summary
		if n.Speaker != "" {
			text += "\nSpeaker: " + n.Speaker
		}
		if n.Rating != nil {
			text += "\nRating: " + n.Rating.Label
		}
		if n.Text != "" {
			// The reader text, as the index searches it (readerTexts),
			// and with list markers too: one node's text (about 14 µs).
			plain, _ := model.ParseArticle(n.Text)
			text += "\n\n" + flatten(plain)
		}
	} else {
		line := 0
		if it.Block >= 0 && it.Block < len(m.c.Article.Blocks) {
			line = m.c.Article.Blocks[it.Block].Line
		}
		text = fmt.Sprintf("article line %d\n\n%s", line, it.Title)
	}
	var out []string
	for _, l := range strings.Split(ansi.Wrap(text, max(m.width, 1), " "), "\n") {
		if len(out) >= h {
			break
		}
		out = append(out, s.Muted.Render(ansi.Truncate(l, m.width, "…")))
	}
	return out
}

// Item returns the item a result points at.
func (m Model) Item(r Result) Item { return m.ix.Items()[r.Item] }
