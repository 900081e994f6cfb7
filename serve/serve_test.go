package serve

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui"
)

const testPass = "abcd-efgh-jkmn-pqrs"

// bikes loads the bikelanes content set; its tour "main" has five steps.
func bikes(t testing.TB) (*model.Content, model.Tour) {
	t.Helper()
	c, fs := model.LoadFile("../testdata/bikelanes")
	if err := fs.Err(); err != nil || c == nil {
		t.Fatalf("bikelanes: %v", err)
	}
	tour, err := present.FindTour(c, "main")
	if err != nil {
		t.Fatal(err)
	}
	return c, tour
}

// stepID is the node of step i of the tour, which a following viewer's
// detail pane names in its header: the stable string a screen is matched on.
func stepID(tour model.Tour, i int) string { return tour.Steps[i%len(tour.Steps)].Node }

// startServer runs a server on 127.0.0.1:0 whose viewers get the real
// explorer in follow mode on the bikelanes content, and returns its address.
func startServer(t testing.TB, hub *present.Hub, maxViewers int) (*Server, string) {
	t.Helper()
	c, tour := bikes(t)
	s, err := New(Config{
		Listen:     "127.0.0.1:0",
		MaxViewers: maxViewers,
		Passphrase: testPass,
		HostKey:    filepath.Join(t.TempDir(), "host_ed25519"),
		EndGrace:   300 * time.Millisecond,
		Content:    c,
		Hub:        hub,
		NewViewer: func(c *model.Content, env ViewerEnv) tea.Model {
			return ptr(ui.New(c, ui.Options{Follow: true, Theme: "dark", NoColor: env.NoColor}))
		},
		Follow: func(st present.State) tea.Msg {
			return ui.FollowMsg{Tour: tour.Title, Step: st.Step, Steps: len(tour.Steps), Node: stepID(tour, st.Step),
				Revealed: st.Revealed, Blank: st.Blank, Ended: st.Ended}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Close() })
	return s, ln.Addr().String()
}

func dial(t testing.TB, addr, pass string) (*gossh.Client, error) {
	t.Helper()
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "viewer",
		Auth:            []gossh.AuthMethod{gossh.Password(pass)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// viewer is one connected ssh client with a pty. Its output goes through a
// terminal emulator, so that what is checked is the screen the viewer sees,
// not the renderer's diff of it; the emulator's answers to the app's
// terminal queries go back as the viewer's input, as a real terminal's do.
type viewer struct {
	client *gossh.Client
	sess   *gossh.Session

	inMu  sync.Mutex
	stdin io.WriteCloser

	mu      sync.Mutex
	term    *vt.Emulator
	raw     bytes.Buffer // everything received, for messages sent before or instead of the app
	last    time.Time    // when output last arrived
	changed chan struct{}
}

func (v *viewer) Write(p []byte) (int, error) {
	v.mu.Lock()
	v.raw.Write(p)
	_, _ = v.term.Write(p)
	v.last = time.Now()
	v.mu.Unlock()
	select {
	case v.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

// answer forwards the emulator's replies to the server.
func (v *viewer) answer() {
	buf := make([]byte, 256)
	for {
		n, err := v.term.Read(buf)
		if n > 0 {
			v.inMu.Lock()
			_, werr := v.stdin.Write(buf[:n])
			v.inMu.Unlock()
			if werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// press types keys as the viewer.
func (v *viewer) press(t testing.TB, keys string) {
	t.Helper()
	v.inMu.Lock()
	defer v.inMu.Unlock()
	if _, err := v.stdin.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
}

// screen is the viewer's screen as text.
func (v *viewer) screen() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.term.String()
}

// waitFor waits until the viewer's screen satisfies ok, for at most d.
func (v *viewer) waitFor(ok func(screen string) bool, d time.Duration) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		if ok(v.screen()) {
			return true
		}
		select {
		case <-v.changed:
		case <-deadline.C:
			return ok(v.screen())
		}
	}
}

// settle waits until no viewer has received output for quiet (their
// explorers have finished their first renderings), for at most d.
func settle(t testing.TB, vs []*viewer, quiet, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		var last time.Time
		for _, v := range vs {
			v.mu.Lock()
			if v.last.After(last) {
				last = v.last
			}
			v.mu.Unlock()
		}
		if time.Since(last) >= quiet {
			return
		}
		time.Sleep(quiet / 4)
	}
	t.Fatalf("the viewers' screens did not settle within %v", d)
}

// shows is a screen test: the screen contains every s.
func shows(ss ...string) func(string) bool {
	return func(screen string) bool {
		for _, s := range ss {
			if !strings.Contains(screen, s) {
				return false
			}
		}
		return true
	}
}

// String is everything the viewer received, without escape sequences.
func (v *viewer) String() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return ansi.Strip(v.raw.String())
}

func connect(t testing.TB, addr string, w, h int, env ...string) *viewer {
	t.Helper()
	c, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	return open(t, c, w, h, env...)
}

// open starts the app on a new session of c in a w×h pty.
func open(t testing.TB, c *gossh.Client, w, h int, env ...string) *viewer {
	t.Helper()
	t.Cleanup(func() { _ = c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	v := &viewer{client: c, sess: sess, term: vt.NewEmulator(w, h), changed: make(chan struct{}, 1)}
	t.Cleanup(func() { _ = v.term.Close() })
	sess.Stdout = v
	sess.Stderr = v
	if v.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	go v.answer()
	for i := 0; i+1 < len(env); i += 2 {
		if err := sess.Setenv(env[i], env[i+1]); err != nil {
			t.Fatalf("setenv %s: %v", env[i], err)
		}
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	return v
}

// TestViewersFollowPresenter connects 20 viewers with ptys of different
// sizes to the real explorer: a presenter's step reaches every screen within
// a second, a browsing viewer stays where it is until it catches up.
func TestViewersFollowPresenter(t *testing.T) {
	_, tour := bikes(t)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main", Step: 0})
	_, addr := startServer(t, hub, 0)

	const n = 20
	vs := make([]*viewer, n)
	for i := range vs {
		vs[i] = connect(t, addr, 80+4*i, 24+i%6)
	}
	for i, v := range vs {
		if !v.waitFor(shows(stepID(tour, 0), "following presenter"), 20*time.Second) {
			t.Fatalf("viewer %d never showed step 1 (%s):\n%s", i, stepID(tour, 0), v.screen())
		}
	}
	settle(t, vs, 300*time.Millisecond, 20*time.Second)

	// A step reaches every screen within a second. The machine may be busy
	// with other work (go test runs packages in parallel), so of three step
	// changes one must make it within a second, and every one within ten.
	var took []time.Duration
	for try := range 3 {
		from, to := try%2, (try+1)%2 // 0 → 1, 1 → 0, 0 → 1
		start := time.Now()
		hub.Publish(present.State{TourID: "main", Step: to})
		for i, v := range vs {
			if !v.waitFor(shows(stepID(tour, to)), 10*time.Second) {
				t.Fatalf("viewer %d never showed step %d (%s):\n%s", i, to+1, stepID(tour, to), v.screen())
			}
		}
		took = append(took, time.Since(start))
		for i, v := range vs {
			if strings.Contains(v.screen(), stepID(tour, from)) {
				t.Fatalf("viewer %d still shows step %d (%s):\n%s", i, from+1, stepID(tour, from), v.screen())
			}
		}
		if took[try] < time.Second {
			break
		}
		settle(t, vs, 300*time.Millisecond, 20*time.Second)
	}
	t.Logf("step changes reached %d viewers in %v", n, took)
	if slices.Min(took) >= time.Second {
		t.Fatalf("no step change reached all %d viewers within a second: %v", n, took)
	}
	if len(took)%2 == 0 { // the last change went back to step 1
		hub.Publish(present.State{TourID: "main", Step: 1})
		for i, v := range vs {
			if !v.waitFor(shows(stepID(tour, 1)), 10*time.Second) {
				t.Fatalf("viewer %d never showed step 2:\n%s", i, v.screen())
			}
		}
	}

	// Viewer 0 browses: the presenter's next step does not move it until it
	// catches up; everyone else follows.
	vs[0].press(t, "f")
	if !vs[0].waitFor(shows("browsing"), 5*time.Second) {
		t.Fatalf("viewer 0 did not switch to browsing:\n%s", vs[0].screen())
	}
	hub.Publish(present.State{TourID: "main", Step: 2})
	for i, v := range vs[1:] {
		if !v.waitFor(shows(stepID(tour, 2)), 10*time.Second) {
			t.Fatalf("viewer %d did not follow to step 3 (%s):\n%s", i+1, stepID(tour, 2), v.screen())
		}
	}
	// The browsing viewer learns where the presenter is, and stays put.
	if !vs[0].waitFor(shows("presenter at 3/5"), 5*time.Second) {
		t.Fatalf("the browsing viewer was not told the presenter moved on:\n%s", vs[0].screen())
	}
	if scr := vs[0].screen(); !strings.Contains(scr, stepID(tour, 1)) || strings.Contains(scr, stepID(tour, 2)) {
		t.Fatalf("the browsing viewer was moved by the presenter:\n%s", scr)
	}
	vs[0].press(t, "c")
	if !vs[0].waitFor(shows(stepID(tour, 2), "following presenter"), 5*time.Second) {
		t.Fatalf("viewer 0 did not catch up with step 3 (%s):\n%s", stepID(tour, 2), vs[0].screen())
	}

	// The presenter blanks the screen, then ends the talk.
	hub.Publish(present.State{TourID: "main", Step: 2, Blank: true})
	for i, v := range vs {
		if !v.waitFor(shows("The presenter has blanked the screen."), 5*time.Second) {
			t.Fatalf("viewer %d was not blanked:\n%s", i, v.screen())
		}
	}
	hub.Publish(present.State{TourID: "main", Step: 2, Ended: true})
	for i, v := range vs {
		if !v.waitFor(shows("The presenter has ended the talk."), 5*time.Second) {
			t.Fatalf("viewer %d was not told the talk ended:\n%s", i, v.screen())
		}
	}
	// Then each explorer quits: the session ends, the viewer's terminal is
	// back on its main screen, and the last line says why.
	for i, v := range vs {
		done := make(chan error, 1)
		go func() { done <- v.sess.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("viewer %d: session ended with %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("viewer %d: session still open after the talk ended", i)
		}
		v.mu.Lock()
		alt := v.term.IsAltScreen()
		v.mu.Unlock()
		if alt || !strings.Contains(v.screen(), "crux: the presenter has ended the talk.") {
			t.Fatalf("viewer %d after the end: alt screen %v, screen:\n%s", i, alt, v.screen())
		}
	}
}

// colourSGR matches an SGR sequence that sets a foreground or background
// colour.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]*[;:])*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:[;:][0-9]*)*m`)

// TestViewerNoColor: a viewer whose ssh client sends NO_COLOR gets no
// colour; the others do.
func TestViewerNoColor(t *testing.T) {
	_, tour := bikes(t)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	_, addr := startServer(t, hub, 0)
	plain := connect(t, addr, 100, 26, "NO_COLOR", "1")
	colour := connect(t, addr, 100, 26)
	for name, v := range map[string]*viewer{"NO_COLOR": plain, "colour": colour} {
		if !v.waitFor(shows(stepID(tour, 0)), 10*time.Second) {
			t.Fatalf("%s viewer not served:\n%s", name, v.screen())
		}
	}
	settle(t, []*viewer{plain, colour}, 200*time.Millisecond, 10*time.Second)
	raw := func(v *viewer) string {
		v.mu.Lock()
		defer v.mu.Unlock()
		return v.raw.String()
	}
	if m := colourSGR.FindString(raw(plain)); m != "" {
		t.Fatalf("the NO_COLOR viewer got colour %q", m)
	}
	if !colourSGR.MatchString(raw(colour)) {
		t.Fatal("the other viewer got no colour")
	}
}

func TestReadOnly(t *testing.T) {
	hub := present.NewHub()
	_, addr := startServer(t, hub, 0)
	c, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := sess.CombinedOutput("cat /etc/passwd"); err == nil {
		t.Fatalf("exec accepted; output %q", out)
	}
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Fatal("sftp subsystem accepted")
	}
	if conn, err := c.Dial("tcp", addr); err == nil {
		conn.Close()
		t.Fatal("local port forwarding accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Fatal("remote port forwarding accepted")
	}
	// A shell without a pty is refused with a message. About 1 run in 20
	// the message does not reach the client before the channel closes
	// (cause not yet found), so the refusal must hold every time and the
	// message must arrive at least once in three tries.
	said := false
	for range 3 {
		sess, err = c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		sess.Stdout = &out
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		if err := sess.Wait(); err == nil || strings.Contains(out.String(), "following presenter") {
			t.Fatalf("shell without a pty was served: err %v, output %q", err, out.String())
		}
		said = said || strings.Contains(out.String(), "Requires an active PTY")
	}
	if !said {
		t.Fatal("a shell without a pty was refused without saying why")
	}
	if _, err := dial(t, addr, "wrong"); err == nil {
		t.Fatal("a wrong passphrase got in")
	}
}

func TestKeyboardInteractive(t *testing.T) {
	_, addr := startServer(t, present.NewHub(), 0)
	answer := func(pass string) gossh.AuthMethod {
		return gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			out := make([]string, len(qs))
			for i := range out {
				out[i] = pass
			}
			return out, nil
		})
	}
	for pass, want := range map[string]bool{testPass: true, "nope": false} {
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "v", Auth: []gossh.AuthMethod{answer(pass)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if (err == nil) != want {
			t.Errorf("keyboard-interactive with %q: err = %v", pass, err)
		}
		if c != nil {
			c.Close()
		}
	}
}

func TestMaxViewers(t *testing.T) {
	_, tour := bikes(t)
	for _, limit := range []int{3, 100} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			hub := present.NewHub()
			hub.Publish(present.State{TourID: "main"})
			s, addr := startServer(t, hub, limit)
			vs := make([]*viewer, limit)
			for i := range vs {
				vs[i] = connect(t, addr, 80, 24)
			}
			for i, v := range vs {
				if !v.waitFor(shows(stepID(tour, 0)), 60*time.Second) {
					t.Fatalf("viewer %d of %d not served:\n%s", i+1, limit, v.screen())
				}
			}
			if got := s.Viewers(); got != limit {
				t.Fatalf("Viewers() = %d, want %d", got, limit)
			}
			extra := connect(t, addr, 80, 24)
			err := extra.sess.Wait()
			want := fmt.Sprintf("this presentation is full: it already has %d viewers", limit)
			if err == nil || !strings.Contains(extra.String(), want) {
				t.Fatalf("viewer %d: err %v, output %q; want a refusal", limit+1, err, extra)
			}
			if strings.Contains(extra.String(), "following presenter") {
				t.Fatal("the refused viewer saw the presentation")
			}
			// Once someone leaves, there is room again.
			_ = vs[0].client.Close()
			deadline := time.Now().Add(5 * time.Second)
			for s.Viewers() >= limit && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if again := connect(t, addr, 80, 24); !again.waitFor(shows(stepID(tour, 0)), 10*time.Second) {
				t.Fatalf("no room after a viewer left:\n%s", again.screen())
			}
		})
	}
}

func TestHelpers(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:23234": true, "localhost:1": true, "[::1]:22": true,
		"0.0.0.0:23234": false, ":23234": false, "192.168.1.5:22": false, "nonsense": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
	a, err := NewPassphrase()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewPassphrase()
	if a == b || len(a) != 19 || strings.Count(a, "-") != 3 || strings.ContainsAny(a, "ilo") {
		t.Fatalf("passphrases %q, %q", a, b)
	}
	if _, err := New(Config{Hub: present.NewHub(), NewViewer: func(*model.Content, ViewerEnv) tea.Model { return nil }, Follow: func(present.State) tea.Msg { return nil }, HostKey: filepath.Join(t.TempDir(), "k")}); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Fatalf("no auth configured: err = %v", err)
	}
}

// BenchmarkStepTo100Viewers measures how long a presenter's step change
// takes to be drawn on the screens of 100 viewers, each running the real
// explorer over SSH on loopback: from Publish until every viewer's emulated
// terminal shows the new step's node.
func BenchmarkStepTo100Viewers(b *testing.B) {
	_, tour := bikes(b)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	_, addr := startServer(b, hub, 100)
	vs := make([]*viewer, 100)
	for i := range vs {
		vs[i] = connect(b, addr, 80+i%3*20, 24+i%4)
	}
	for i, v := range vs {
		if !v.waitFor(shows(stepID(tour, 0)), 60*time.Second) {
			b.Fatalf("viewer %d not served:\n%s", i, v.screen())
		}
	}
	settle(b, vs, 300*time.Millisecond, 60*time.Second)
	step := 0
	var worst time.Duration
	b.ResetTimer()
	for b.Loop() {
		step++
		start := time.Now()
		hub.Publish(present.State{TourID: "main", Step: step % len(tour.Steps)})
		for i, v := range vs {
			if !v.waitFor(shows(stepID(tour, step)), 10*time.Second) {
				b.Fatalf("viewer %d never showed step %d (%s):\n%s", i, step%len(tour.Steps)+1, stepID(tour, step), v.screen())
			}
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
}
