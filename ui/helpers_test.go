package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

func loadEmbedded(tb testing.TB) *model.Content { return gen.LoadEmbedded(tb) }

func loadBikes(tb testing.TB) *model.Content {
	tb.Helper()
	c, fs := model.LoadFile("../testdata/bikelanes")
	if err := fs.Err(); err != nil || c == nil {
		tb.Fatalf("bikelanes: %v", err)
	}
	return c
}

// runCmd executes a command and the batches inside it, dropping commands that
// do not return quickly (cursor blinks and other timers).
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(5 * time.Second):
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case tea.QuitMsg:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// drive sends messages to the model and feeds every resulting message back,
// as a program would, until nothing is left.
func drive(tb testing.TB, m Model, msgs ...tea.Msg) Model {
	tb.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			tb.Fatal("message loop did not settle")
		}
		msg := queue[0]
		queue = queue[1:]
		next, cmd := m.Update(msg)
		m = *next.(*Model)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// keys turns a readable key list into key messages: "j", "tab",
// "shift+tab", "enter", "esc", "backspace", or literal text.
func keys(ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		switch k {
		case "tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab})
		case "shift+tab":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		case "enter":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEscape})
		case "backspace":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyBackspace})
		case "ctrl+o", "ctrl+s", "ctrl+c", "ctrl+p", "ctrl+n", "ctrl+f", "ctrl+b":
			out = append(out, tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl})
		case "space":
			out = append(out, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		case "down":
			out = append(out, tea.KeyPressMsg{Code: tea.KeyDown})
		default:
			for _, r := range k {
				out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
	return out
}

// start builds the explorer at a size and lets the first render finish.
func start(tb testing.TB, c *model.Content, w, h int) Model {
	tb.Helper()
	return boot(tb, New(c, Options{Theme: "dark"}), w, h)
}

// boot runs Init's commands and the first window size, as a program does.
func boot(tb testing.TB, m Model, w, h int) Model {
	tb.Helper()
	m = drive(tb, m, runCmd(m.Init())...)
	return drive(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
}

func screen(m Model) string { return m.render() }

func mustContain(tb testing.TB, s, sub string) {
	tb.Helper()
	if !strings.Contains(s, sub) {
		tb.Fatalf("screen does not contain %q:\n%s", sub, s)
	}
}

// ptr is the explorer as Bubble Tea runs it: the model's methods take a
// pointer.
func ptr(m Model) *Model { return &m }
