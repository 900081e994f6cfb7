package presenter

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/ui/cell"
	"github.com/crux-news/crux/ui/theme"
)

// renderKey names one Markdown rendering: the source, the wrap width and the
// glamour style.
type renderKey struct {
	md    string
	width int
	style string
}

// renderedMsg carries a finished glamour rendering back to the cache.
type renderedMsg struct {
	key renderKey
	out string
}

// markdownCache holds glamour output by source, width and style. Rendering
// happens only in renderMarkdown's command, never in View; until a result
// arrives, View shows the Markdown wrapped as plain text.
type markdownCache struct {
	done    map[renderKey]string
	pending map[renderKey]bool
}

func newMarkdownCache() *markdownCache {
	return &markdownCache{done: map[renderKey]string{}, pending: map[renderKey]bool{}}
}

// request returns a command rendering md at width unless it is cached or on
// its way; nil otherwise.
func (c *markdownCache) request(md string, width int, style string) tea.Cmd {
	k := renderKey{md: md, width: width, style: style}
	if strings.TrimSpace(md) == "" || width <= 0 || c.pending[k] {
		return nil
	}
	if _, ok := c.done[k]; ok {
		return nil
	}
	c.pending[k] = true
	return renderMarkdown(k)
}

// store keeps a finished rendering.
func (c *markdownCache) store(msg renderedMsg) {
	delete(c.pending, msg.key)
	c.done[msg.key] = msg.out
}

// lines returns md rendered at width as lines: glamour's output once it is
// cached, plain wrapped text until then.
func (c *markdownCache) lines(md string, width int, style string) []string {
	if strings.TrimSpace(md) == "" {
		return nil
	}
	if out, ok := c.done[renderKey{md: md, width: width, style: style}]; ok {
		return strings.Split(out, "\n")
	}
	return wrap(strings.TrimSpace(md), width)
}

// renderMarkdown renders k.md with glamour in the background. A failing
// renderer falls back to the plain text, so a step never shows nothing.
func renderMarkdown(k renderKey) tea.Cmd {
	return func() tea.Msg {
		tr, err := glamour.NewTermRenderer(theme.Markdown(k.style), glamour.WithWordWrap(k.width))
		out := ""
		if err == nil {
			out, err = tr.Render(k.md)
		}
		if err != nil {
			out = strings.Join(wrap(k.md, k.width), "\n")
		}
		lines := strings.Split(strings.Trim(safe.Unlink(out), "\n"), "\n") // only sources become links
		for i, l := range lines {
			// glamour pads lines to its wrap width; drop the padding so
			// that lines fit and diff cheaply.
			l = strings.TrimRight(l, " ")
			if ansi.StringWidth(l) > k.width {
				l = ansi.Truncate(l, k.width, "")
			}
			lines[i] = l
		}
		return renderedMsg{key: k, out: strings.Join(lines, "\n")}
	}
}

// wrap word-wraps s to width cells, hard-breaking words longer than a line.
func wrap(s string, width int) []string {
	if width <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, width, ""), "\n")
}

// spread puts left and right on one line of width w, right-aligned, dropping
// the right part when both do not fit.
func spread(left, right string, w int, st lipgloss.Style) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if lw+rw+1 > w {
		if rw+1 < w && lw > w-rw-1 {
			left = ansi.Truncate(left, w-rw-1, "…")
			lw = ansi.StringWidth(left)
		} else {
			return st.Render(ansi.Truncate(left, w, "…") + strings.Repeat(" ", max(0, w-lw)))
		}
	}
	return st.Render(left + strings.Repeat(" ", max(1, w-lw-rw)) + right)
}

// tooSmall is the screen of a terminal smaller than minW×minH; quit is the
// key that quits, as its help spells it.
func tooSmall(w, h, minW, minH int, quit key.Binding) string {
	msg := "Terminal too small (" + strconv.Itoa(w) + "×" + strconv.Itoa(h) + "). Enlarge it to at least " + strconv.Itoa(minW) + "×" + strconv.Itoa(minH) + "; " + quit.Help().Key + " quits."
	return cell.Clip(strings.Join(wrap(msg, max(w, 1)), "\n"), max(w, 1), max(h, 1))
}
