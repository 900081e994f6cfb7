// Command ptytime measures whole processes as a reader meets them: it starts
// each command in a pseudo-terminal of a given size, feeds what it writes to
// a terminal emulator (charmbracelet/x/vt, which also answers the queries a
// program sends, such as the background colour), and reports how long the
// command took until a text appeared on the emulated screen (or until it
// exited, when no text is given) and its peak resident set. Several
// commands are run in turns, one round at a time, so that each round is a
// paired comparison on the same machine load; the report gives medians and
// the median of the paired ratios against the first command.
//
//	ptytime -want 'The breakthrough' -runs 10 -cmd './crux' -cmd 'glow -p content/article.md'
//
// Each command runs through /bin/sh -c "exec …", so it may redirect its
// input; the shell is replaced by the command, so timing and memory are the
// command's own.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/charmbracelet/x/xpty"
)

type cmds []string

func (c *cmds) String() string     { return strings.Join(*c, "; ") }
func (c *cmds) Set(s string) error { *c = append(*c, s); return nil }

type config struct {
	cols, rows int
	want       string
	hold       time.Duration
	timeout    time.Duration
}

// sample is one run of one command.
type sample struct {
	elapsed time.Duration // start to the text on screen, or to the exit
	cpu     time.Duration // user and system CPU time, to the exit or the kill
	rssKiB  int64         // peak resident set
}

func main() {
	var c config
	var list cmds
	runs := flag.Int("runs", 10, "rounds (each command runs once per round)")
	warm := flag.Int("warmup", 1, "rounds run first and not counted")
	verbose := flag.Bool("v", false, "print every run")
	flag.IntVar(&c.cols, "cols", 160, "terminal columns")
	flag.IntVar(&c.rows, "rows", 45, "terminal rows")
	flag.StringVar(&c.want, "want", "", "text to wait for on the screen (empty: wait for the command to exit)")
	flag.DurationVar(&c.hold, "hold", 0, "keep the command running this long after the text shows (its background work counts in the peak RSS)")
	flag.DurationVar(&c.timeout, "timeout", 20*time.Second, "give up on a run after this long")
	flag.Var(&list, "cmd", "command to measure (repeat; the first is the reference for ratios)")
	flag.Parse()
	if len(list) == 0 {
		fmt.Fprintln(os.Stderr, "ptytime: give at least one -cmd")
		os.Exit(2)
	}
	got := make([][]sample, len(list))
	for round := -*warm; round < *runs; round++ {
		for i, cmd := range list {
			s, err := run(c, cmd)
			if err != nil {
				fmt.Fprintf(os.Stderr, "ptytime: %s: %v\n", cmd, err)
				os.Exit(1)
			}
			if round < 0 {
				continue
			}
			if *verbose {
				fmt.Printf("run %d  %-40s %8.1f ms %8.1f cpu-ms %7.1f MiB\n", round, cmd, ms(s.elapsed), ms(s.cpu), mib(s.rssKiB))
			}
			got[i] = append(got[i], s)
		}
	}
	report(os.Stdout, c, list, got)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mib(kib int64) float64      { return float64(kib) / 1024 }

// run starts cmd in a fresh pseudo-terminal and emulator and measures it.
func run(c config, cmd string) (sample, error) {
	pty, err := xpty.NewPty(c.cols, c.rows)
	if err != nil {
		return sample{}, err
	}
	defer pty.Close()
	term := vt.NewEmulator(c.cols, c.rows)
	// A dark terminal, as a reader's usually is: answer the background
	// colour query as a real terminal does.
	term.SetDefaultBackgroundColor(color.RGBA{0x1e, 0x1e, 0x1e, 0xff})
	defer term.Close()
	go func() { _, _ = io.Copy(pty, term) }() // the emulator's replies to queries

	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	p := exec.Command("/bin/sh", "-c", "exec "+cmd)
	p.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor", fmt.Sprintf("COLUMNS=%d", c.cols), fmt.Sprintf("LINES=%d", c.rows))
	// Its own session with the pseudo-terminal as its controlling
	// terminal, as a shell in a terminal window starts it (/dev/tty works).
	p.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	seen := make(chan time.Time, 1)
	start := time.Now()
	if err := pty.Start(p); err != nil {
		return sample{}, err
	}
	go watch(pty, term, c.want, seen)
	exited := make(chan error, 1)
	go func() { exited <- p.Wait() }()

	var end time.Time
	waitErr := error(nil)
	done := false
	if c.want == "" {
		select {
		case waitErr = <-exited:
			end, done = time.Now(), true
		case <-ctx.Done():
		}
	} else {
		select {
		case end = <-seen:
		case waitErr = <-exited:
			done = true
			select { // the text may have been the last thing written
			case end = <-seen:
			case <-time.After(200 * time.Millisecond):
			}
		case <-ctx.Done():
		}
	}
	if end.IsZero() {
		kill(p)
		if !done {
			<-exited
		}
		if c.want != "" {
			return sample{}, fmt.Errorf("%q never showed on the %dx%d screen (exit: %v); the screen:\n%s", c.want, c.cols, c.rows, waitErr, term.String())
		}
		return sample{}, fmt.Errorf("did not exit within %v", c.timeout)
	}
	if !done {
		if c.hold > 0 {
			select {
			case <-exited:
				done = true
			case <-time.After(c.hold):
			}
		}
		if !done {
			kill(p)
			<-exited
		}
	} else if c.want == "" && waitErr != nil {
		return sample{}, fmt.Errorf("exit: %v", waitErr)
	}
	s := sample{elapsed: end.Sub(start)}
	if ru, ok := p.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rssKiB = ru.Maxrss // KiB on Linux
		s.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return s, nil
}

// kill ends the command and whatever it started (glow's pager): it leads
// its own session and process group.
func kill(p *exec.Cmd) {
	if p.Process != nil {
		_ = syscall.Kill(-p.Process.Pid, syscall.SIGKILL)
		_ = p.Process.Kill()
	}
}

// watch feeds the terminal's output to the emulator and reports the first
// moment the screen holds want.
func watch(r io.Reader, term *vt.Emulator, want string, seen chan<- time.Time) {
	buf := make([]byte, 64<<10)
	wanted := want != ""
	for {
		n, err := r.Read(buf)
		if n > 0 {
			_, _ = term.Write(buf[:n])
			// Only a chunk that could have drawn the text (it holds the
			// text's first byte) is worth searching the screen for.
			if wanted && bytes.IndexByte(buf[:n], want[0]) >= 0 && strings.Contains(term.String(), want) {
				seen <- time.Now()
				wanted = false
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return
			}
			return
		}
	}
}

func report(w io.Writer, c config, list []string, got [][]sample) {
	what := "to exit"
	if c.want != "" {
		what = fmt.Sprintf("to %q on a %dx%d screen", c.want, c.cols, c.rows)
	}
	fmt.Fprintf(w, "time %s, %d paired rounds; medians (min–max); cpu: user+system CPU time of the process\n", what, len(got[0]))
	for i, cmd := range list {
		t, r := collect(got[i], func(s sample) float64 { return ms(s.elapsed) }), collect(got[i], func(s sample) float64 { return mib(s.rssKiB) })
		cpu := collect(got[i], func(s sample) float64 { return ms(s.cpu) })
		fmt.Fprintf(w, "  [%d] %-52s %8.1f ms (%.1f–%.1f)  cpu %7.1f ms  peak RSS %6.1f MiB\n", i+1, cmd, median(t), t[0], t[len(t)-1], median(cpu), median(r))
	}
	for i := 1; i < len(list); i++ {
		ratio := func(f func(sample) float64) []float64 {
			out := make([]float64, len(got[0]))
			for k := range out {
				out[k] = f(got[0][k]) / f(got[i][k])
			}
			slices.Sort(out)
			return out
		}
		rt := ratio(func(s sample) float64 { return ms(s.elapsed) })
		rc := ratio(func(s sample) float64 { return ms(s.cpu) })
		rr := ratio(func(s sample) float64 { return mib(s.rssKiB) })
		fmt.Fprintf(w, "  [1] %s / [%d] %s, median of paired ratios: %.2fx time (%.2f–%.2f), %.2fx cpu (%.2f–%.2f), %.2fx peak RSS\n",
			short(list[0]), i+1, short(list[i]), median(rt), rt[0], rt[len(rt)-1], median(rc), rc[0], rc[len(rc)-1], median(rr))
	}
}

// short names a command by its program's base name, past a leading "env"
// and its VAR=value settings.
func short(cmd string) string {
	f := strings.Fields(cmd)
	for len(f) > 1 && (f[0] == "env" || strings.Contains(f[0], "=")) {
		f = f[1:]
	}
	if len(f) > 0 {
		return filepath.Base(f[0])
	}
	return cmd
}

// collect returns f of each sample, sorted.
func collect(s []sample, f func(sample) float64) []float64 {
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = f(x)
	}
	slices.Sort(out)
	return out
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Sorted(slices.Values(v))
	if n := len(v); n%2 == 1 {
		return v[n/2]
	} else {
		return (v[n/2-1] + v[n/2]) / 2
	}
}
