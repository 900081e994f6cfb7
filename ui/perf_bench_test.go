package ui

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

// The explorer's performance benchmarks: first frame, one keystroke, and the
// peak memory of a start. Their figures are in README.md ("Performance") and
// docs/performance.md, with the commands that reproduce them.

// loadGenerated writes a generated set into a temporary folder and loads it.
func loadGenerated(tb testing.TB, s gen.Size) (*model.Content, string) { return gen.Load(tb, s) }

// program runs commands the way Bubble Tea does: each in its own goroutine,
// their messages delivered to Update one at a time in arrival order.
type program struct {
	m       Model
	msgs    chan tea.Msg
	pending int
}

func newProgram(m Model) *program {
	return &program{m: m, msgs: make(chan tea.Msg, 64)}
}

func (p *program) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	p.pending++
	go func() {
		defer func() { p.msgs <- nil }()
		p.deliver(cmd())
	}()
}

// deliver flattens batches (sequences are rare here and run in order).
func (p *program) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			if c != nil {
				p.deliver(c())
			}
		}
	case tea.QuitMsg:
	default:
		p.msgs <- msg
	}
}

func (p *program) update(msg tea.Msg) {
	next, cmd := p.m.Update(msg)
	p.m = *next.(*Model)
	p.run(cmd)
}

// until processes messages until done reports true or nothing is pending.
func (p *program) until(tb testing.TB, done func(Model) bool) {
	tb.Helper()
	timeout := time.After(time.Minute)
	for !done(p.m) && p.pending > 0 {
		select {
		case msg := <-p.msgs:
			if msg == nil {
				p.pending--
				continue
			}
			p.update(msg)
		case <-timeout:
			tb.Fatal("the explorer did not settle within a minute")
		}
	}
}

func (p *program) settle(tb testing.TB) { p.until(tb, func(Model) bool { return false }) }

// firstFrame is a start as the binary does it: load (when claims is not
// empty), New, the window size, then messages until the article shows, and
// the first View. It returns the program with the rest still running.
func firstFrame(tb testing.TB, c *model.Content, claims string, w, h int) (*program, string) {
	tb.Helper()
	if claims != "" {
		var fs model.Findings
		c, fs = model.LoadFile(claims)
		if c == nil || fs.Errors() > 0 {
			tb.Fatalf("load: %v", fs.Err())
		}
	}
	p := newProgram(New(c, Options{Theme: "dark"}))
	p.run(p.m.Init())
	p.update(tea.WindowSizeMsg{Width: w, Height: h})
	p.until(tb, Model.ArticleReady)
	return p, p.m.View().Content
}

// BenchmarkFirstFrame measures load, New, the first (visible) article render
// and the first View, on the embedded content and on 10k nodes + 1 MB. The
// background render of the rest is drained outside the timer.
func BenchmarkFirstFrame(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := loadEmbedded(b)
			p, v := firstFrame(b, c, "", 160, 45)
			if !strings.Contains(v, "DeepSeek") {
				b.Fatalf("first frame lacks the article:\n%s", v)
			}
			b.StopTimer()
			p.settle(b)
			b.StartTimer()
		}
	})
	b.Run("10k-1MB", func(b *testing.B) {
		_, claims := loadGenerated(b, gen.Large)
		b.ReportAllocs()
		for b.Loop() {
			p, v := firstFrame(b, nil, claims, 160, 45)
			if !strings.Contains(v, "A long report") {
				b.Fatalf("first frame lacks the article:\n%s", v)
			}
			b.StopTimer()
			p.settle(b)
			b.StartTimer()
		}
	})
}

// BenchmarkFullRender is the whole start until every command has finished:
// the complete article render in the background (the first frame shows
// long before).
func BenchmarkFullRender(b *testing.B) {
	_, claims := loadGenerated(b, gen.Large)
	b.ReportAllocs()
	for b.Loop() {
		p, _ := firstFrame(b, nil, claims, 160, 45)
		p.settle(b)
		if p.m.article.Lines() < 10_000 {
			b.Fatalf("article has %d lines after the full render", p.m.article.Lines())
		}
	}
}

// BenchmarkKeystroke is one key's Update and View once everything is
// rendered: scrolling the article (j, k) and walking the claims list (j, k,
// which selects a node and highlights its passage; the detail pane's render
// command it returns is not run).
func BenchmarkKeystroke(b *testing.B) {
	sets := []struct {
		name string
		c    func(b *testing.B) *model.Content
	}{
		{"embedded", func(b *testing.B) *model.Content { return loadEmbedded(b) }},
		{"10k-1MB", func(b *testing.B) *model.Content { c, _ := loadGenerated(b, gen.Large); return c }},
	}
	for _, set := range sets {
		c := set.c(b)
		for _, pane := range []struct {
			name  string
			focus focus
		}{{"article-scroll", focusArticle}, {"claims-next", focusClaims}} {
			p, _ := firstFrame(b, c, "", 160, 45)
			p.settle(b)
			m := p.m
			m.focus = pane.focus
			m.applyFocus()
			ks := keys("j", "j", "k")
			b.Run(set.name+"/"+pane.name+"/update", func(b *testing.B) {
				b.ReportAllocs()
				done := gen.Meter(b)
				i := 0
				for b.Loop() {
					next, _ := m.Update(ks[i%len(ks)])
					m = *next.(*Model)
					i++
				}
				done(i)
			})
			b.Run(set.name+"/"+pane.name+"/update+view", func(b *testing.B) {
				b.ReportAllocs()
				done := gen.Meter(b)
				i := 0
				for b.Loop() {
					next, _ := m.Update(ks[i%len(ks)])
					m = *next.(*Model)
					if v := m.View(); v.Content == "" {
						b.Fatal("empty view")
					}
					i++
				}
				done(i)
			})
		}
	}
}

// peakChildEnv names the content a child benchmark process starts on.
const peakChildEnv = "CRUX_PEAK_CLAIMS"

// BenchmarkStartSettled is a start that runs until every command is done: the
// child process BenchmarkStartPeakRSS measures. Run alone, it measures its
// own generated 10k-node, 1 MB set.
func BenchmarkStartSettled(b *testing.B) {
	claims := os.Getenv(peakChildEnv)
	if claims == "" {
		_, claims = loadGenerated(b, gen.Large)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, _ := firstFrame(b, nil, claims, 160, 45)
		p.settle(b)
		if !p.m.ArticleReady() {
			b.Fatal("article not rendered")
		}
	}
}

// BenchmarkStartPeakRSS reports the peak resident set size (getrusage's
// ru_maxrss of a child process) of starting the explorer on 10k nodes +
// 1 MB: load, New, the first frame and the complete background render.
func BenchmarkStartPeakRSS(b *testing.B) {
	_, claims := loadGenerated(b, gen.Large)
	var peak int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^BenchmarkStartSettled$", "-test.benchtime=1x")
		cmd.Env = append(os.Environ(), peakChildEnv+"="+claims)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			b.Fatal("no rusage on this platform")
		}
		peak = max(peak, ru.Maxrss) // kilobytes on Linux
	}
	b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
}

// TestGeneratedStartShowsArticle starts the explorer on a small generated
// set through the same path the benchmarks use.
func TestGeneratedStartShowsArticle(t *testing.T) {
	_, claims := loadGenerated(t, gen.Small)
	p, v := firstFrame(t, nil, claims, 160, 45)
	mustContain(t, v, "A long report")
	p.settle(t)
	if n := p.m.article.Lines(); n < 100 {
		t.Errorf("article has %d lines, want the whole article", n)
	}
}
