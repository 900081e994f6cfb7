package cli

import (
	"math"
	"runtime/debug"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

// readyModel is a root model whose article is shown or not.
type readyModel struct{ ready bool }

func (readyModel) Init() tea.Cmd                         { return nil }
func (m readyModel) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }
func (readyModel) View() tea.View                        { return tea.NewView("") }
func (m readyModel) ArticleReady() bool                  { return m.ready }

// gcPercent reads the collector's setting without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestStartupGC: the collector's pacing is off from the start until the
// article shows or the reader acts, then back as it was; GOGC in the
// environment leaves it alone.
func TestStartupGC(t *testing.T) {
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("embedded content: %v", fs.Err())
	}
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before); debug.SetMemoryLimit(math.MaxInt64) })
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")

	for _, tc := range []struct {
		name string
		m    tea.Model
		msgs []tea.Msg
	}{
		{"article shown", readyModel{ready: true}, []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}}},
		{"a key", readyModel{}, []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}, tea.KeyPressMsg{Code: 'j'}}},
		{"a click", readyModel{}, []tea.Msg{tea.MouseClickMsg{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(100)
			filter := restoreGCWhenShown(startupGC(c), 0)
			if got := gcPercent(); got != -1 {
				t.Fatalf("during start-up GC percent = %d, want -1 (off)", got)
			}
			for i, msg := range tc.msgs {
				if got := filter(tc.m, msg); got != msg {
					t.Errorf("the filter changed %T", msg)
				}
				want := -1
				if i == len(tc.msgs)-1 {
					want = 100
				}
				if got := gcPercent(); got != want {
					t.Errorf("after %T: GC percent = %d, want %d", msg, got, want)
				}
			}
		})
	}
	// With a delay, showing the article turns the pacing back on only
	// after it, so that the frame showing the article is drawn first; a key
	// still turns it on at once.
	t.Run("article shown, delayed", func(t *testing.T) {
		debug.SetGCPercent(100)
		filter := restoreGCWhenShown(startupGC(c), time.Hour)
		filter(readyModel{ready: true}, tea.WindowSizeMsg{Width: 80, Height: 24})
		if got := gcPercent(); got != -1 {
			t.Fatalf("right after the article shows, GC percent = %d, want -1 until the frame is drawn", got)
		}
		filter(readyModel{ready: true}, tea.KeyPressMsg{Code: 'j'})
		if got := gcPercent(); got != 100 {
			t.Errorf("after a key, GC percent = %d, want 100", got)
		}
	})
	t.Run("article shown, after the delay", func(t *testing.T) {
		debug.SetGCPercent(100)
		filter := restoreGCWhenShown(startupGC(c), time.Millisecond)
		filter(readyModel{ready: true}, tea.WindowSizeMsg{Width: 80, Height: 24})
		deadline := time.Now().Add(10 * time.Second)
		for gcPercent() != 100 {
			if time.Now().After(deadline) {
				t.Fatal("GC pacing still off 10 s after the article showed")
			}
			time.Sleep(time.Millisecond)
		}
	})
	t.Run("GOGC set", func(t *testing.T) {
		debug.SetGCPercent(100)
		t.Setenv("GOGC", "200")
		startupGC(c)
		if got := gcPercent(); got != 100 {
			t.Errorf("GC percent = %d with GOGC set, want it untouched (100)", got)
		}
	})
}
