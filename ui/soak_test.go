package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/article"
	"github.com/crux-news/crux/ui/detail"
	"github.com/crux-news/crux/ui/finder"
	"github.com/crux-news/crux/ui/followmode"
	"github.com/crux-news/crux/ui/nodelist"
)

// defaultSoakSeed is the soak's seed unless CRUX_SOAK_SEED gives another.
const defaultSoakSeed = 20260707

// soakSeed returns the seed to use and says how to replay it.
func soakSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(defaultSoakSeed)
	if s := os.Getenv("CRUX_SOAK_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CRUX_SOAK_SEED=%q: want an unsigned integer", s)
		}
		seed = v
	}
	t.Logf("soak seed %d (replay: CRUX_SOAK_SEED=%d go test ./ui -run %s)", seed, seed, t.Name())
	return seed
}

// helper is any key map with help, from which the soak takes its keys.
type helper interface{ FullHelp() [][]key.Binding }

// soakKeys are the keys of every key map, as key presses.
func soakKeys() []tea.KeyPressMsg {
	maps := []helper{DefaultKeyMap(), article.DefaultKeyMap(), detail.DefaultKeyMap(), finder.DefaultKeyMap(), nodelist.DefaultKeyMap(), followmode.DefaultKeyMap()}
	seen := map[string]bool{}
	var out []tea.KeyPressMsg
	for _, m := range maps {
		for _, col := range m.FullHelp() {
			for _, b := range col {
				for _, k := range b.Keys() {
					if k == "q" || k == "ctrl+c" || seen[k] {
						continue // quitting would end the soak; q is still typed into the finder
					}
					seen[k] = true
					out = append(out, keyPress(k))
				}
			}
		}
	}
	return out
}

// keyPress turns a key name as key bindings spell it ("ctrl+o", "pgdown",
// "G") into a key press.
func keyPress(s string) tea.KeyPressMsg {
	var mod tea.KeyMod
	parts := strings.Split(s, "+")
	name := parts[len(parts)-1]
	if s == "+" || strings.HasSuffix(s, "++") {
		name = "+"
		parts = strings.Split(strings.TrimSuffix(s, "+"), "+")
	}
	for _, p := range parts[:len(parts)-1] {
		switch p {
		case "ctrl":
			mod |= tea.ModCtrl
		case "alt":
			mod |= tea.ModAlt
		case "shift":
			mod |= tea.ModShift
		}
	}
	codes := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"space": tea.KeySpace, "delete": tea.KeyDelete,
	}
	if c, ok := codes[name]; ok {
		k := tea.KeyPressMsg{Code: c, Mod: mod}
		if c == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)[0]
	k := tea.KeyPressMsg{Code: r, Mod: mod}
	if mod&(tea.ModCtrl|tea.ModAlt) == 0 {
		k.Text = string(r)
	}
	return k
}

// soakRunes are typed at random: letters (every single-letter binding of
// any pane, present or future), digits, punctuation, wide and combining
// characters and controls.
var soakRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 /:?[]{}#@!-_.,;'\"`~+=*&^%$" +
	"éüßøλЖ中文字日本🙂́\u200b\u202e\u009b\x1b\x07\x00\x7f")

// soakPaste is random pasted text with escape sequences in it.
func soakPaste(rng *rand.Rand) string {
	parts := []string{"skeptic: ", "claim:", "h100", "cost", "\x1b]0;pwned\x07", "\x1b[2J", "\x1b]52;c;aGk=\x07",
		"\u009b2J", "\u202e", "\n", "\t", "\r\n", "中文", strings.Repeat("x", 300)}
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}

// async runs commands as a program would: in the background, their
// results fed back between events. Results of quick commands (list
// selections, finder jumps) come back at once so that most of a run
// replays exactly; renders and timers land later.
type async struct {
	mu       sync.Mutex
	results  []tea.Msg
	inflight int
	dropped  int
}

const maxInflight = 256

func (a *async) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	a.mu.Lock()
	if a.inflight >= maxInflight {
		a.dropped++
		a.mu.Unlock()
		return
	}
	a.inflight++
	a.mu.Unlock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		msg := cmd()
		a.mu.Lock()
		a.inflight--
		a.mu.Unlock()
		switch msg := msg.(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				a.run(c)
			}
		default:
			a.mu.Lock()
			a.results = append(a.results, msg)
			a.mu.Unlock()
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Millisecond):
	}
}

// take returns the results that arrived.
func (a *async) take() []tea.Msg {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := a.results
	a.results = nil
	return out
}

// wait lets the commands in flight finish for up to d.
func (a *async) wait(d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		a.mu.Lock()
		n := a.inflight
		a.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// soak sends n random events to a fresh explorer on c and checks after
// each one that nothing panicked, the screen fits the terminal and the
// selected node exists.
func soak(t *testing.T, c *model.Content, opts Options, seed uint64, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	keys := soakKeys()
	ids := make([]string, 0, len(c.Nodes()))
	for _, nd := range c.Nodes() {
		ids = append(ids, nd.ID)
	}
	var (
		m       = New(c, opts)
		w, h    = 120, 40
		a       = &async{}
		history []string // the last events, for the failure message
		step    int
	)
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d, event %d of %d: %s\nlast events:\n  %s", seed, step, n, fmt.Sprintf(format, args...),
			strings.Join(history, "\n  "))
	}
	send := func(msg tea.Msg) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				fail("panic on %s: %v\n%s", describe(msg), r, debug.Stack())
			}
		}()
		next, cmd := m.Update(msg)
		m = *next.(*Model)
		a.run(cmd)
	}
	send(tea.WindowSizeMsg{Width: w, Height: h})
	for step = 1; step <= n; step++ {
		var msg tea.Msg
		switch p := rng.IntN(100); {
		case p < 45:
			msg = keys[rng.IntN(len(keys))]
		case p < 65:
			r := soakRunes[rng.IntN(len([]rune(string(soakRunes))))]
			msg = tea.KeyPressMsg{Code: r, Text: string(r)}
		case p < 75:
			x, y := rng.IntN(w+4)-2, rng.IntN(h+4)-2
			switch rng.IntN(4) {
			case 0:
				msg = tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
			case 1:
				msg = tea.MouseReleaseMsg{X: x, Y: y, Button: tea.MouseLeft}
			case 2:
				msg = tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelUp}
			default:
				msg = tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelDown}
			}
		case p < 80:
			msg = tea.PasteMsg{Content: soakPaste(rng)}
		case p < 82:
			// Sizes are biased to small and common terminals, where most
			// layout edges are, and to keep the soak quick; one in five is
			// anything up to 300x100.
			switch rng.IntN(10) {
			case 0, 1, 2: // tiny
				w, h = 1+rng.IntN(30), 1+rng.IntN(8)
			case 3, 4: // at the layout thresholds
				w, h = []int{29, 30, 31, 79, 80, 81, 119, 120, 121}[rng.IntN(9)], []int{7, 8, 9, 23, 24, 25}[rng.IntN(6)]
			case 5, 6, 7: // common terminals
				sz := [][2]int{{80, 24}, {100, 30}, {120, 40}, {160, 45}, {60, 20}}[rng.IntN(5)]
				w, h = sz[0], sz[1]
			default: // anything up to 300x100
				w, h = 1+rng.IntN(300), 1+rng.IntN(100)
			}
			msg = tea.WindowSizeMsg{Width: w, Height: h}
		case p < 96:
			f := FollowMsg{Tour: "tour", Steps: 5, Step: rng.IntN(7) - 1, Revealed: rng.IntN(6) - 1,
				Blank: rng.IntN(5) == 0, Ended: rng.IntN(10) == 0}
			if len(ids) > 0 && rng.IntN(8) > 0 {
				f.Node = ids[rng.IntN(len(ids))]
			} else {
				f.Node = "no-such-node"
			}
			msg = f
		default:
			// Let background work land: renders finish, timers fire.
			a.wait(time.Duration(rng.IntN(20)) * time.Millisecond)
			msg = nil
		}
		if msg != nil {
			history = append(history, describe(msg))
			if len(history) > 12 {
				history = history[1:]
			}
			send(msg)
		}
		for _, r := range a.take() {
			send(r)
		}
		check(t, m, c, w, h, fail)
	}
	a.wait(3 * time.Second)
	for _, r := range a.take() {
		send(r)
	}
	check(t, m, c, w, h, fail)
	t.Logf("%d events at %dx%d last; %d background results dropped (more than %d in flight)", n, w, h, a.dropped, maxInflight)
}

// check asserts the soak's invariants on the current model.
func check(t *testing.T, m Model, c *model.Content, w, h int, fail func(string, ...any)) {
	t.Helper()
	var v tea.View
	func() {
		defer func() {
			if r := recover(); r != nil {
				fail("panic in View: %v\n%s", r, debug.Stack())
			}
		}()
		v = m.View()
	}()
	lines := strings.Split(v.Content, "\n")
	if len(lines) != h {
		fail("view has %d lines on a %dx%d terminal", len(lines), w, h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			fail("view line %d is %d cells wide on a %dx%d terminal: %q", i, lw, w, h, l)
		}
	}
	if len(c.Nodes()) > 0 {
		if m.Selected() == "" || c.Node(m.Selected()) == nil {
			fail("selected node %q does not exist", m.Selected())
		}
		if c.Node(m.Current()) == nil {
			fail("current node %q does not exist", m.Current())
		}
	}
}

// describe is a short, readable form of an event for failure messages.
func describe(msg tea.Msg) string {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return fmt.Sprintf("key %q", msg.String())
	case tea.PasteMsg:
		return fmt.Sprintf("paste %q", msg.Content)
	case tea.WindowSizeMsg:
		return fmt.Sprintf("resize %dx%d", msg.Width, msg.Height)
	case FollowMsg:
		return fmt.Sprintf("follow %+v", msg)
	case fmt.Stringer:
		return fmt.Sprintf("%T %s", msg, msg)
	}
	return fmt.Sprintf("%T", msg)
}

// soakEvents is the number of random events per content set: 20,000 on
// each (40,000 in all); 2,000 with -short; CRUX_SOAK_EVENTS for a longer
// soak.
func soakEvents(t *testing.T) int {
	t.Helper()
	if s := os.Getenv("CRUX_SOAK_EVENTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2 {
			t.Fatalf("CRUX_SOAK_EVENTS=%q: want a number of events", s)
		}
		return n
	}
	if testing.Short() {
		return 2000
	}
	return 20000
}

func TestSoakEmbedded(t *testing.T) {
	t.Parallel()
	seed := soakSeed(t)
	c := loadEmbedded(t)
	n := soakEvents(t)
	soak(t, c, Options{Theme: "dark"}, seed, n/2)
	soak(t, c, Options{Theme: "light", NoColor: true, Follow: true}, seed+1, n-n/2)
}

func TestSoakGenerated(t *testing.T) {
	t.Parallel()
	seed := soakSeed(t)
	dir := t.TempDir()
	claims, err := gen.Write(dir, gen.Size{Nodes: 600, ArticleBytes: 120_000, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	c, fs := model.LoadFile(claims)
	if err := fs.Err(); err != nil || c == nil {
		t.Fatalf("generated set: %v", err)
	}
	n := soakEvents(t)
	soak(t, c, Options{Theme: "dark"}, seed+2, n/2)
	soak(t, c, Options{Theme: "dark", Follow: true}, seed+3, n-n/2)
}
