// Package finder is the fuzzy finder overlay: it searches every node's
// summary, text, speaker and tags and the article's paragraphs with
// sahilm/fuzzy, highlights matched characters, previews the selected result
// and jumps to it.
package finder

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/sahilm/fuzzy"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// Item is one searchable thing: a node or an article paragraph.
type Item struct {
	Node  *model.Node // nil for a paragraph
	Block int         // article block index for a paragraph, else -1
	Title string      // the line shown in the results
	// Haystack is what the pattern is matched against; it starts with Title
	// so that matched indexes inside Title can be highlighted.
	Haystack string
}

// Index is the searchable corpus, built once per content set.
type Index struct {
	Items []Item
}

// NewIndex builds the corpus from the content.
func NewIndex(c *model.Content) *Index {
	ix := &Index{}
	for _, n := range c.Nodes() {
		if n == nil {
			continue
		}
		hay := n.Summary + " · " + n.Speaker + " · " + strings.Join(n.Tags, " ") + " · " + flatten(n.Text)
		ix.Items = append(ix.Items, Item{Node: n, Block: -1, Title: n.Summary, Haystack: hay})
	}
	runes := []rune(c.Article.Text)
	for i, b := range c.Article.Blocks {
		if b.Start < 0 || b.End > len(runes) || b.Start >= b.End {
			continue
		}
		text := flatten(string(runes[b.Start:b.End]))
		ix.Items = append(ix.Items, Item{Block: i, Title: text, Haystack: text})
	}
	return ix
}

func flatten(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Result is a match: the item and the matched byte indexes of its haystack.
type Result struct {
	Item    int
	Matched []int
	Score   int
}

// Search runs a query over the index. An empty pattern lists every item in
// scope in index order.
func (ix *Index) Search(q Query) []Result {
	var cand []int
	for i, it := range ix.Items {
		k := model.Kind("")
		if it.Node != nil {
			k = it.Node.Kind
		}
		if q.Admits(k, it.Node == nil) {
			cand = append(cand, i)
		}
	}
	if q.Pattern == "" {
		out := make([]Result, len(cand))
		for i, c := range cand {
			out[i] = Result{Item: c}
		}
		return out
	}
	matches := fuzzy.FindFrom(q.Pattern, source{ix, cand})
	out := make([]Result, len(matches))
	for i, mt := range matches {
		out[i] = Result{Item: cand[mt.Index], Matched: mt.MatchedIndexes, Score: mt.Score}
	}
	return out
}

type source struct {
	ix   *Index
	cand []int
}

func (s source) String(i int) string { return s.ix.Items[s.cand[i]].Haystack }
func (s source) Len() int            { return len(s.cand) }

// JumpMsg asks the root to go to a result: a node, or an article block.
type JumpMsg struct {
	Node  string
	Block int
}

// CloseMsg says the finder was dismissed.
type CloseMsg struct{}

// resultsMsg carries a finished search; stale generations are dropped.
type resultsMsg struct {
	gen     int
	query   string
	results []Result
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
	styles  theme.Styles
	ix      *Index
	c       *model.Content
	input   textinput.Model
	gen     int
	shown   string // query the results are for
	results []Result
	cursor  int
	offset  int
	width   int
	height  int
}

// New makes a finder over an index.
func New(c *model.Content, ix *Index, styles theme.Styles) Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search claims, skeptics, counterpoints, article (try  skeptic: h100)"
	// A steady cursor: blinking redraws the screen twice a second, which
	// costs every SSH viewer bandwidth for nothing.
	st := textinput.DefaultStyles(styles.IsDark)
	st.Cursor.Blink = false
	in.SetStyles(st)
	m := Model{KeyMap: DefaultKeyMap(), styles: styles, ix: ix, c: c, input: in}
	m.results = ix.Search(Query{})
	return m
}

// SetStyles changes the theme.
func (m *Model) SetStyles(s theme.Styles) { m.styles = s }

// Open focuses the input and clears the previous query.
func (m *Model) Open() tea.Cmd {
	m.input.SetValue("")
	m.cursor, m.offset = 0, 0
	m.shown = ""
	m.results = m.ix.Search(Query{})
	return m.input.Focus()
}

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
	return m.ix.Items[m.results[m.cursor].Item], true
}

// searchCmd searches in the background so typing never waits on it.
func (m *Model) searchCmd() tea.Cmd {
	m.gen++
	gen, q, ix := m.gen, m.input.Value(), m.ix
	return func() tea.Msg {
		return resultsMsg{gen: gen, query: q, results: ix.Search(ParseQuery(q))}
	}
}

// Update handles keys and search results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case resultsMsg:
		if msg.gen != m.gen {
			return m, nil // stale
		}
		m.results, m.shown = msg.results, msg.query
		m.cursor, m.offset = 0, 0
		return m, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.KeyMap.Close):
			return m, func() tea.Msg { return CloseMsg{} }
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
			j := JumpMsg{Block: it.Block}
			if it.Node != nil {
				j.Node = it.Node.ID
			}
			return m, func() tea.Msg { return j }
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
	if m.shown != m.input.Value() {
		count += " (searching…)"
	}
	lines = append(lines, s.Faint.Render(ansi.Truncate(count, w, "…")))
	lh := m.listHeight()
	off := 0
	if m.cursor >= lh {
		off = m.cursor - lh + 1
	}
	for i := off; i < len(m.results) && i < off+lh; i++ {
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

func (m Model) resultLine(i int) string {
	s := m.styles
	r := m.results[i]
	it := m.ix.Items[r.Item]
	label := s.Muted.Render("¶ article")
	if it.Node != nil {
		label = s.KindLabel(it.Node.Kind)
	}
	title := highlight(it.Title, r.Matched, s.Match)
	prefix := "  "
	if i == m.cursor {
		prefix = s.Cursor.Render("▸") + " "
	}
	return ansi.Truncate(prefix+label+" "+title, m.width, "…")
}

// highlight styles the runes of title at matched byte indexes.
func highlight(title string, matched []int, st lipgloss.Style) string {
	if len(matched) == 0 {
		return title
	}
	set := make(map[int]bool, len(matched))
	for _, i := range matched {
		if i < len(title) {
			set[i] = true
		}
	}
	var b strings.Builder
	for i, r := range title {
		if set[i] {
			b.WriteString(st.Render(string(r)))
		} else {
			b.WriteRune(r)
		}
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
			text += "\n\n" + flatten(n.Text)
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
func (m Model) Item(r Result) Item { return m.ix.Items[r.Item] }
