package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/content"
)

// startupGC turns the collector's pacing off until the returned function
// is called, with a soft memory limit of 48 MiB and 16 bytes per byte of
// the content's files (size, known before they are read; limitMemory
// refines it once they are), so that the start-up (the load, sanitising,
// ui.New, the first render, Bubble Tea's start) is collected only if the
// heap reaches that limit. Collections by heap growth took about a tenth of
// the embedded start's CPU (perf record, 15 kHz: 16 % of samples in
// gcBgMarkWorker, init included); GOGC=off cut the launch to first words
// from 60 to 48 CPU-ms, and pausing before the load rather than after it a
// further 10 % of CPU (internal/gen/ptytime, paired runs). GOGC or
// GOMEMLIMIT in the environment leave the runtime as they say.
func startupGC(size int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(48<<20 + 16*size)
	old := debug.SetGCPercent(-1)
	return sync.OnceFunc(func() { debug.SetGCPercent(old) })
}

// contentSize is the size of the claims file that arg names (the
// embedded one when arg is empty), or 0 when it cannot be read (the load
// then says why).
func contentSize(arg string) int64 {
	var (
		fi  fs.FileInfo
		err error
	)
	if arg == "" {
		fi, err = fs.Stat(content.FS, content.ClaimsFile)
	} else if fi, err = os.Stat(arg); err == nil && fi.IsDir() {
		fi, err = os.Stat(filepath.Join(arg, "claims.json"))
	}
	if err != nil {
		return 0
	}
	return fi.Size()
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
