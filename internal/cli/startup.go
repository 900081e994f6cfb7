package cli

import (
	"os"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
)

// startupGC sets the memory limit for c (limitMemory) and turns the
// collector's pacing off until the returned function is called, so that
// the start-up (sanitising, ui.New, the first render, Bubble Tea's start)
// is collected only if the heap reaches that limit, which lies above the
// content's live heap by construction. Collections by heap growth took
// about a tenth of the embedded start's CPU (perf record, 15 kHz: 16 % of
// samples in gcBgMarkWorker, init included); GOGC=off cut the launch to
// first words from 60 to 48 CPU-ms (internal/gen/ptytime, paired runs).
// GOGC or GOMEMLIMIT in the environment leave the runtime as they say.
func startupGC(c *model.Content) (restore func()) {
	limitMemory(c)
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	return sync.OnceFunc(func() { debug.SetGCPercent(old) })
}

// restoreGCWhenShown is a Bubble Tea filter that calls restore once the
// reader presses a key or clicks, or after the explorer shows the article
// (a terminal too small for the article never shows it): after the given
// time, for the frame that shows it is drawn first. Turned on as the
// article showed, the collector started a cycle at once (the heap was far
// past its goal) and its marking and assists delayed that frame: a start
// with GOGC=off throughout showed the first words 8 ms (15 %) sooner
// (internal/gen/ptytime, 15 paired rounds).
func restoreGCWhenShown(restore func(), after time.Duration) func(tea.Model, tea.Msg) tea.Msg {
	var shown sync.Once
	return func(m tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseMsg:
			restore()
		}
		if r, ok := m.(interface{ ArticleReady() bool }); ok && r.ArticleReady() {
			shown.Do(func() {
				if after <= 0 {
					restore()
					return
				}
				time.AfterFunc(after, restore)
			})
		}
		return msg
	}
}
