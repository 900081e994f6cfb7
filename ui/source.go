package ui

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// Opening a node's sources (o) and copying (y, Y), as glow, lazygit and
// fzf users expect: o starts the system's browser on the source of the node
// under the cursor, one source after another on each press; y copies what
// has focus (the passage being read in the article, else that node) and Y
// the source's URL, through OSC 52 (tea.SetClipboard), which reaches the
// reader's own terminal, over SSH too. An SSH viewer's machine cannot be
// reached by a command on the server, so there o shows the URL as an OSC 8
// link instead, for the viewer's terminal to open.

// openedMsg reports the system opener's outcome.
type openedMsg struct {
	num int
	url string
	err error
}

// sourceURLs are the sources of the node under the cursor (cursorNode) that a browser can open, in
// order, with their numbers in the detail's Sources list.
func (m Model) sourceURLs() (nums []int, urls []string) {
	n := m.c.Node(m.cursorNode())
	if n == nil {
		return nil, nil
	}
	for i, id := range n.Sources {
		if src := m.c.Source(id); src != nil && isWebURL(src.URL) {
			nums = append(nums, i+1)
			urls = append(urls, src.URL)
		}
	}
	return nums, urls
}

func isWebURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// nextSource is the source o acts on: the next one of the selected node
// each time, from the first again on another node.
func (m *Model) nextSource() (num int, url string, ok bool) {
	nums, urls := m.sourceURLs()
	if len(urls) == 0 {
		m.nt.status = "this node cites no web source"
		return 0, "", false
	}
	if id := m.cursorNode(); m.src.node != id {
		m.src.node, m.src.i = id, 0
	}
	i := m.src.i % len(urls)
	m.src.i = i + 1
	return nums[i], urls[i], true
}

// openSource opens the selected node's next source; see the file comment.
func (m *Model) openSource() tea.Cmd {
	num, url, ok := m.nextSource()
	if !ok {
		return nil
	}
	more := ""
	if _, urls := m.sourceURLs(); len(urls) > 1 {
		more = " · o: next source"
	}
	if m.opts.Remote {
		// The full URL is the link's target; the text shown may be cut.
		shown := m.shownURL(url, len(more)+5)
		m.nt.status = fmt.Sprintf("[%d] %s%s%s%s", num, ansi.SetHyperlink(url), shown, ansi.ResetHyperlink(), more)
		return nil
	}
	m.nt.status = fmt.Sprintf("opening [%d] %s%s", num, m.shownURL(url, len(more)+12), more)
	open := m.opts.OpenURL
	if open == nil {
		open = systemOpen
	}
	return func() tea.Msg { return openedMsg{num: num, url: url, err: open(url)} }
}

// systemOpen starts the system's opener on a URL without waiting for the
// browser; its output goes nowhere, so it cannot draw over the screen.
func systemOpen(url string) error {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

// shownURL is a URL cut to fit the status line's message (60% of the
// line, see statusLine) beside the words around it, which take around
// cells; the status line cuts what is still over.
func (m *Model) shownURL(url string, around int) string {
	return ansi.Truncate(url, max(m.width*60/100-2-around, 16), "…")
}

// onOpened says which URL no browser opened, and how to copy it instead;
// the opener's error follows when the status line has room for it.
func (m *Model) onOpened(msg openedMsg) {
	if msg.err != nil {
		m.nt.status = fmt.Sprintf("no browser: %s copies [%d] %s",
			m.keys.CopyURL.Help().Key, msg.num, m.shownURL(msg.url, 24))
		if why := " (" + safe.Line(msg.err.Error()) + ")"; ansi.StringWidth(m.nt.status+why) <= m.width*60/100 {
			m.nt.status += why
		}
		m.nt.failed = true
	}
}

// copyFocused copies the passage being read in the article, else the node
// under the cursor (cursorNode) as plain text.
func (m *Model) copyFocused() tea.Cmd {
	if m.focus == focusArticle {
		if start, end, ok := m.article.ReadingPassage(); ok {
			if text := runeSlice(m.c.Article.Text, start, end); text != "" {
				m.nt.status = fmt.Sprintf("copied the passage (%d characters)", len([]rune(text)))
				return tea.SetClipboard(text)
			}
		}
	}
	n := m.c.Node(m.cursorNode())
	if n == nil {
		return nil
	}
	m.nt.status = "copied " + m.nodeLabel(n.ID)
	return tea.SetClipboard(m.nodeText(n))
}

// copyURL copies the source o would open next, and moves on as o does.
func (m *Model) copyURL() tea.Cmd {
	num, url, ok := m.nextSource()
	if !ok {
		return nil
	}
	m.nt.status = fmt.Sprintf("copied [%d] %s", num, m.shownURL(url, 11))
	return tea.SetClipboard(url)
}

// nodeText is a node as plain text: summary, rating, its text as reader
// text and its sources with their URLs.
func (m Model) nodeText(n *model.Node) string {
	var b strings.Builder
	b.WriteString(n.Summary)
	if n.Rating != nil {
		fmt.Fprintf(&b, "\nRating: %s", n.Rating.Label)
		if n.Rating.Explanation != "" {
			b.WriteString(". " + n.Rating.Explanation)
		}
	}
	if text, _ := model.ParseArticle(n.Text); strings.TrimSpace(text) != "" {
		b.WriteString("\n\n" + text)
	}
	for i, id := range n.Sources {
		if src := m.c.Source(id); src != nil {
			fmt.Fprintf(&b, "\n[%d] %s %s", i+1, src.Title, src.URL)
		}
	}
	return b.String()
}

// runeSlice is s's runes from start to end, or "" when out of range.
func runeSlice(s string, start, end int) string {
	r := []rune(s)
	if start < 0 || end > len(r) || start >= end {
		return ""
	}
	return string(r[start:end])
}
