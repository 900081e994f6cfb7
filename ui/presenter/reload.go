package presenter

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/present"
)

// Live reload: when the files change on disk the presenter shows the new
// content at the same step (the tour is found again by its id); when they
// do not load, the last good version stays and the footer says why.

func (m Model) watchNext() tea.Cmd {
	if m.opts.Watch == nil {
		return nil
	}
	return m.opts.Watch.Next()
}

// reload handles the watcher's messages; ok is false for any other.
func (m *Model) reload(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case watch.Reloaded:
		c := safe.Content(msg.Content)
		tour, err := present.FindTour(c, m.tour.ID)
		if err != nil {
			m.flash = "the files changed, but " + safe.Line(err.Error()) + "; still showing the last good version"
			return m.watchNext(), true
		}
		m.c, m.text, m.tour = c, []rune(c.Article.Text), tour
		m.state.Step = min(m.state.Step, max(len(tour.Steps)-1, 0))
		m.state.Revealed = 0
		m.md = newMarkdownCache()
		m.flash = "reloaded: the files changed on disk"
		m.publish()
		return tea.Batch(m.watchNext(), m.renderStep()), true
	case watch.Failed:
		m.flash = fmt.Sprintf("the files changed and do not load (%d errors): still showing the last good version", msg.Findings.Errors())
		if len(msg.Findings) > 0 {
			m.flash += "; " + safe.Line(msg.Findings[0].String())
		}
		return m.watchNext(), true
	case watch.Error:
		m.flash = "watching the files stopped: " + safe.Line(msg.Err.Error())
		return nil, true
	}
	return nil, false
}
