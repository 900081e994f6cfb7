package authoring

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// SelectKeyMap are the keys of the passage selection, like vim's visual
// mode: the moving end goes by word, sentence or line.
type SelectKeyMap struct {
	WordNext, WordPrev, SentenceNext, SentencePrev, LineDown, LineUp key.Binding
	OtherEnd, Confirm, Reanchor, Cancel                              key.Binding
}

// DefaultSelectKeyMap follows vim.
func DefaultSelectKeyMap() SelectKeyMap {
	return SelectKeyMap{
		WordNext:     key.NewBinding(key.WithKeys("w", "right", "l"), key.WithHelp("w", "a word further")),
		WordPrev:     key.NewBinding(key.WithKeys("b", "left", "h"), key.WithHelp("b", "a word back")),
		SentenceNext: key.NewBinding(key.WithKeys(")"), key.WithHelp(")", "a sentence further")),
		SentencePrev: key.NewBinding(key.WithKeys("("), key.WithHelp("(", "a sentence back")),
		LineDown:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("j", "a line down")),
		LineUp:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k", "a line up")),
		OtherEnd:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "move the other end")),
		Confirm:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new node on the passage")),
		Reanchor:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "move the selected node's passage here")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (k SelectKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.WordNext, k.SentenceNext, k.LineDown, k.OtherEnd, k.Confirm, k.Reanchor, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k SelectKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.WordNext, k.WordPrev, k.SentenceNext, k.SentencePrev},
		{k.LineDown, k.LineUp, k.OtherEnd},
		{k.Confirm, k.Reanchor, k.Cancel},
	}
}

// Layout is where the article's runes are on screen, for moving by line:
// the article pane's text map (article.TextMap).
type Layout interface {
	Cell(off int) (line, col int, ok bool)
	RuneAt(line, col int) int
}

// SelectedMsg is the intent to use the runes [Start, End) of the article
// text as a passage: of a new node, or, with Reanchor, of the selected node
// (in place of its broken quote, to fix it).
type SelectedMsg struct {
	Start, End int
	Reanchor   bool
}

// CancelMsg is the intent to close the top authoring component with no
// change.
type CancelMsg struct{}

// Selection selects a passage of the article text.
type Selection struct {
	KeyMap     SelectKeyMap
	text       []rune
	start, end int
	moveStart  bool // o: the start moves
	layout     Layout
	intent     tea.Msg
}

// NewSelection makes a selection over the article's reader text.
func NewSelection(text string) Selection {
	return Selection{KeyMap: DefaultSelectKeyMap(), text: []rune(text)}
}

// Intent returns what the last Update asked of the root, and forgets it.
func (s *Selection) Intent() tea.Msg { in := s.intent; s.intent = nil; return in }

// Begin selects the word at or after rune at.
func (s *Selection) Begin(at int) {
	s.start, s.end = wordAt(s.text, at)
	s.moveStart = false
}

// Drag selects from the word at rune from to the word at rune to, in
// either order (a mouse drag).
func (s *Selection) Drag(from, to int) {
	a0, a1 := wordAt(s.text, from)
	b0, b1 := wordAt(s.text, to)
	s.start, s.end = min(a0, b0), max(a1, b1)
}

// Range is the selection, runes [start, end).
func (s Selection) Range() (int, int) { return s.start, s.end }

// SetLayout gives the selection the article's layout on screen.
func (s *Selection) SetLayout(l Layout) { s.layout = l }

// Update moves an end of the selection by a key.
func (s Selection) Update(msg tea.Msg) (Selection, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	km, t := s.KeyMap, s.text
	switch {
	case key.Matches(k, km.Confirm):
		if s.end > s.start {
			s.intent = SelectedMsg{Start: s.start, End: s.end}
		}
	case key.Matches(k, km.Reanchor):
		if s.end > s.start {
			s.intent = SelectedMsg{Start: s.start, End: s.end, Reanchor: true}
		}
	case key.Matches(k, km.Cancel):
		s.intent = CancelMsg{}
	case key.Matches(k, km.OtherEnd):
		s.moveStart = !s.moveStart
	case s.moveStart:
		s.moveStartBy(k)
	case key.Matches(k, km.WordNext):
		s.end = nextWordEnd(t, s.end)
	case key.Matches(k, km.WordPrev):
		s.end = max(prevWordEnd(t, s.end), nextWordEnd(t, s.start))
	case key.Matches(k, km.SentenceNext):
		s.end = nextSentenceEnd(t, s.end)
	case key.Matches(k, km.SentencePrev):
		s.end = max(prevSentenceEnd(t, s.end), nextWordEnd(t, s.start))
	case key.Matches(k, km.LineDown):
		s.end = max(s.lineMove(s.end-1, 1, true), s.end)
	case key.Matches(k, km.LineUp):
		s.end = max(s.lineMove(s.end-1, -1, true), nextWordEnd(t, s.start))
	}
	return s, nil
}

// moveStartBy moves the start, keeping at least a word selected.
func (s *Selection) moveStartBy(k tea.KeyPressMsg) {
	km, t := s.KeyMap, s.text
	switch {
	case key.Matches(k, km.WordNext):
		s.start = nextWordStart(t, s.start)
	case key.Matches(k, km.WordPrev):
		s.start = prevWordStart(t, s.start)
	case key.Matches(k, km.SentenceNext):
		s.start = sentenceStartAfter(t, nextSentenceEnd(t, s.start))
	case key.Matches(k, km.SentencePrev):
		s.start = sentenceStartAfter(t, prevSentenceEnd(t, max(s.start-1, 0)))
	case key.Matches(k, km.LineDown):
		s.start = s.lineMove(s.start, 1, false)
	case key.Matches(k, km.LineUp):
		s.start = s.lineMove(s.start, -1, false)
	}
	if s.start >= s.end {
		s.end = nextWordEnd(t, s.start)
	}
}

// lineMove is the word end (or start) below or above rune off on screen.
func (s Selection) lineMove(off, d int, toEnd bool) int {
	if s.layout == nil {
		return off
	}
	line, col, ok := s.layout.Cell(off)
	if !ok {
		return off
	}
	r := s.layout.RuneAt(line+d, col)
	if r < 0 {
		if d > 0 {
			return len(s.text)
		}
		return 0
	}
	if toEnd {
		_, e := wordAt(s.text, r)
		return e
	}
	b, _ := wordAt(s.text, r)
	return b
}

// Text is the selected text with runs of white space as one space.
func (s Selection) Text() string {
	return strings.Join(strings.Fields(string(s.text[s.start:s.end])), " ")
}

// View is a one-line summary of the selection for the status line.
func (s Selection) View(width int) string {
	words := len(strings.Fields(string(s.text[s.start:s.end])))
	head := "selecting " + Plural(words, "word") + " "
	if s.moveStart {
		head = "selecting " + Plural(words, "word") + " (o: the start moves) "
	}
	return ansi.Truncate(head+"“"+s.Text()+"”", max(width, 0), "…")
}
