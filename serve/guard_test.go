package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui"
)

// guarded starts a server like startServer with cfg's guard settings
// (timeouts, caps, keys) and a log kept for the test to read.
func guarded(t testing.TB, hub *present.Hub, edit func(*Config)) (*Server, string, *testLog) {
	t.Helper()
	c, tour := bikes(t)
	lg := &testLog{}
	cfg := Config{
		Listen:     "127.0.0.1:0",
		Passphrase: testPass,
		HostKey:    filepath.Join(t.TempDir(), "host_ed25519"),
		EndGrace:   300 * time.Millisecond,
		Content:    c,
		Hub:        hub,
		Logf:       lg.logf,
		NewViewer: func(c *model.Content, env ViewerEnv) tea.Model {
			return ptr(ui.New(c, ui.Options{Follow: true, Theme: "dark", NoColor: env.NoColor}))
		},
		Follow: func(st present.State) tea.Msg {
			return ui.FollowMsg{Tour: tour.Title, Step: st.Step, Steps: len(tour.Steps), Node: stepID(tour, st.Step),
				Revealed: st.Revealed, Blank: st.Blank, Ended: st.Ended}
		},
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Close() })
	return s, ln.Addr().String(), lg
}

// slowResize is an explorer that takes resizeCost to lay out each new
// window size, as a big screen on a busy machine does: what makes a storm
// of window changes that reaches the program one by one wedge a session.
type slowResize struct{ tea.Model }

const resizeCost = 30 * time.Millisecond

func (m slowResize) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		time.Sleep(resizeCost)
	}
	var cmd tea.Cmd
	m.Model, cmd = m.Model.Update(msg)
	return m, cmd
}

// slowly makes a server's viewers slowResize explorers.
func slowly(c *Config) {
	next := c.NewViewer
	c.NewViewer = func(c *model.Content, env ViewerEnv) tea.Model { return slowResize{next(c, env)} }
}

type testLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLog) logf(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *testLog) has(sub string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// waitViewers waits until the server counts want viewers, for at most d.
func waitViewers(t testing.TB, s *Server, want int, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for s.Viewers() != want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := s.Viewers(); got != want {
		t.Fatalf("Viewers() = %d after %v, want %d", got, d, want)
	}
}

// windowChange is the payload of a "window-change" request (RFC 4254 6.7).
func windowChange(w, h int) []byte {
	return gossh.Marshal(struct{ W, H, PW, PH uint32 }{uint32(w), uint32(h), 0, 0})
}

// storm sends n window changes as fast as the client can, none waiting
// for a reply, and stops early when stop is closed or sending fails.
func storm(sess *gossh.Session, n int, stop <-chan struct{}) {
	for i := range n {
		select {
		case <-stop:
			return
		default:
		}
		if _, err := sess.SendRequest("window-change", false, windowChange(80+i%2*220, 24+i%2*76)); err != nil {
			return
		}
	}
}

// TestWindowChangeStorm: a burst of 1,000 window changes does not wedge the
// session. The last one is answered, the viewer still follows the
// presenter in the latest size, and when the client dies its seat is free.
func TestWindowChangeStorm(t *testing.T) {
	_, tour := bikes(t)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	s, addr, _ := guarded(t, hub, slowly)
	v := connect(t, addr, 100, 30)
	if !v.waitFor(shows(stepID(tour, 0)), 20*time.Second) {
		t.Fatalf("viewer not served:\n%s", v.screen())
	}
	start := time.Now()
	storm(v.sess, 1000, nil)
	answered := make(chan error, 1)
	go func() {
		ok, err := v.sess.SendRequest("window-change", true, windowChange(90, 28))
		if err == nil && !ok {
			err = fmt.Errorf("refused")
		}
		answered <- err
	}()
	select {
	case err := <-answered:
		if err != nil {
			t.Fatalf("the last window change: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the window change after a storm of 1,000 was not answered within 5 s: the session is wedged")
	}
	t.Logf("1,000 window changes and the last answered in %v", time.Since(start))
	hub.Publish(present.State{TourID: "main", Step: 1})
	if !v.waitFor(shows(stepID(tour, 1)), 5*time.Second) {
		t.Fatalf("after the storm the viewer no longer follows:\n%s", v.screen())
	}
	_ = v.client.Close()
	waitViewers(t, s, 0, 5*time.Second)
}

// TestSeatsFreedMidStorm: clients killed in the middle of a window-change
// storm leave no seat taken.
func TestSeatsFreedMidStorm(t *testing.T) {
	_, tour := bikes(t)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	s, addr, _ := guarded(t, hub, slowly)
	const n = 8
	vs := make([]*viewer, n)
	for i := range vs {
		vs[i] = connect(t, addr, 80, 24)
	}
	for i, v := range vs {
		if !v.waitFor(shows(stepID(tour, 0)), 30*time.Second) {
			t.Fatalf("viewer %d not served:\n%s", i, v.screen())
		}
	}
	waitViewers(t, s, n, 10*time.Second)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, v := range vs {
		wg.Go(func() { storm(v.sess, 5000, stop) })
	}
	time.Sleep(500 * time.Millisecond)
	for _, v := range vs {
		_ = v.client.Conn.Close() // the client dies: its TCP connection goes
	}
	close(stop)
	wg.Wait()
	waitViewers(t, s, 0, 5*time.Second)
}

// stall is a viewer's output that takes the first bytes, then blocks until
// released, as a client that stops reading does.
type stall struct {
	n       int
	release chan struct{}
}

func (w *stall) Write(p []byte) (int, error) {
	w.n += len(p)
	if w.n > 4096 {
		<-w.release
	}
	return len(p), nil
}

// TestIdleTimeoutAfterStorm: a client that storms and then stops reading
// altogether is hung up on after the idle timeout, and its seat is freed.
func TestIdleTimeoutAfterStorm(t *testing.T) {
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	s, addr, _ := guarded(t, hub, func(c *Config) { c.IdleTimeout = time.Second; slowly(c) })
	out := &stall{release: make(chan struct{})}
	defer close(out.release)
	_, sess := rawShell(t, addr, 80, 24, out)
	waitViewers(t, s, 1, 10*time.Second)
	storm(sess, 1000, nil)
	waitViewers(t, s, 0, 5*time.Second)
}

// rawConns opens n TCP connections from local address from (a loopback
// address) that never send a byte.
func rawConns(t testing.TB, addr, from string, n int) []net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	cs := make([]net.Conn, 0, n)
	for range n {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("dial from %s: %v", from, err)
		}
		t.Cleanup(func() { _ = c.Close() })
		cs = append(cs, c)
	}
	return cs
}

// closedWithin reports whether the server closes c within d (reading until
// EOF, past the server's version line).
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c)
	return err == nil // EOF: closed by the server; a timeout is an error
}

// TestHandshakeTimeout: a connection that never sends a byte is closed
// after the handshake timeout.
func TestHandshakeTimeout(t *testing.T) {
	s, addr, _ := guarded(t, present.NewHub(), func(c *Config) { c.HandshakeTimeout = 500 * time.Millisecond })
	cs := rawConns(t, addr, "127.0.0.1", 5)
	start := time.Now()
	for i, c := range cs {
		if !closedWithin(c, 5*time.Second) {
			t.Fatalf("silent connection %d still open after %v", i, time.Since(start))
		}
	}
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Fatalf("silent connections closed after %v, before the handshake timeout", took)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.pre.unauthenticated() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := s.pre.unauthenticated(); n != 0 {
		t.Fatalf("%d connections still count as unauthenticated after they were closed", n)
	}
	// An authenticated viewer does not count.
	c, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n := s.pre.unauthenticated(); n != 0 {
		t.Fatalf("an authenticated connection counts as unauthenticated (%d)", n)
	}
}

// TestUnauthenticatedCaps: silent connections beyond the per-address cap,
// and beyond the overall cap, are closed at once with a log line saying
// why; a real viewer still gets in once they are gone.
func TestUnauthenticatedCaps(t *testing.T) {
	_, tour := bikes(t)
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	s, addr, lg := guarded(t, hub, func(c *Config) {
		c.MaxUnauthenticated = 6
		c.MaxUnauthenticatedPerAddr = 3
	})
	// The server takes connections in goroutines of their own: wait until
	// it counts those opened so far before opening one more.
	counted := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for s.pre.unauthenticated() != n && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if got := s.pre.unauthenticated(); got != n {
			t.Fatalf("%d unauthenticated connections counted, want %d", got, n)
		}
	}
	a := rawConns(t, addr, "127.0.0.2", 3)
	counted(3)
	extra := rawConns(t, addr, "127.0.0.2", 1)[0]
	if !closedWithin(extra, 3*time.Second) {
		t.Fatal("a 4th silent connection from one address was kept")
	}
	if !lg.has("127.0.0.2") || !lg.has("unauthenticated") {
		t.Fatalf("no log line about the per-address cap:\n%s", lg)
	}
	b := rawConns(t, addr, "127.0.0.3", 3)
	counted(6)
	over := rawConns(t, addr, "127.0.0.4", 1)[0]
	if !closedWithin(over, 3*time.Second) {
		t.Fatal("a 7th silent connection was kept past the overall cap")
	}
	// The ones within the caps are held (until the handshake timeout).
	for _, c := range append(a, b...) {
		if closedWithin(c, 200*time.Millisecond) {
			t.Fatal("a silent connection within the caps was closed at once")
		}
	}
	if _, err := dial(t, addr, testPass); err == nil {
		t.Fatal("a viewer got past the overall cap")
	}
	for _, c := range append(a, b...) {
		_ = c.Close()
	}
	time.Sleep(100 * time.Millisecond)
	v := connect(t, addr, 80, 24)
	if !v.waitFor(shows(stepID(tour, 0)), 20*time.Second) {
		t.Fatalf("no viewer got in after the flood:\n%s", v.screen())
	}
}

// TestAgentForwardingRefused: auth-agent-req@openssh.com is answered no.
func TestAgentForwardingRefused(t *testing.T) {
	_, addr, _ := guarded(t, present.NewHub(), nil)
	c, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	ok, err := sess.SendRequest("auth-agent-req@openssh.com", true, nil)
	if err != nil || ok {
		t.Fatalf("agent forwarding: ok %v, err %v; want refused", ok, err)
	}
}

func newKey(t testing.TB) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
}

// TestAuthorizedKeysOptions: from= is honoured, restrict is accepted (crux
// refuses all it restricts but the terminal), any other option refuses the
// file at start naming its line.
func TestAuthorizedKeysOptions(t *testing.T) {
	elsewhere, elsewhereLine := newKey(t)
	here, hereLine := newKey(t)
	plain, plainLine := newKey(t)
	negated, negatedLine := newKey(t)
	dir := t.TempDir()
	keys := filepath.Join(dir, "authorized_keys")
	file := "# the room\n" +
		`from="10.9.9.9",restrict ` + elsewhereLine + "\n" +
		`restrict,from="10.0.0.0/8,127.0.0.*" ` + hereLine + "\n" +
		plainLine + " laptop\n" +
		`from="127.*,!127.0.0.1" ` + negatedLine + "\n"
	if err := os.WriteFile(keys, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	hub := present.NewHub()
	_, addr, _ := guarded(t, hub, func(c *Config) { c.AuthorizedKeys = keys; c.Passphrase = "" })
	for name, tc := range map[string]struct {
		key  gossh.Signer
		want bool
	}{"from elsewhere": {elsewhere, false}, "from here": {here, true}, "no options": {plain, true}, "negated": {negated, false}} {
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "v", Auth: []gossh.AuthMethod{gossh.PublicKeys(tc.key)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
		if (err == nil) != tc.want {
			t.Errorf("%s: err = %v, want in = %v", name, err, tc.want)
		}
		if c != nil {
			c.Close()
		}
	}

	for _, bad := range []struct{ line, want string }{
		{`command="/bin/sh" ` + plainLine, `line 2: option "command"`},
		{`no-pty ` + plainLine, `line 2: option "no-pty"`},
		{`from="" ` + plainLine, `line 2: from=`},
		{`from="10.0.0.0/99" ` + plainLine, `line 2: from=`},
		{`ssh-ed25519 AAAAnotbase64`, `line 2:`},
	} {
		if err := os.WriteFile(keys, []byte("# ok\n"+bad.line+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := New(Config{AuthorizedKeys: keys, Hub: hub, HostKey: filepath.Join(dir, "k"),
			NewViewer: func(*model.Content, ViewerEnv) tea.Model { return nil }, Follow: func(present.State) tea.Msg { return nil }})
		if err == nil || !strings.Contains(err.Error(), keys+":"+strings.TrimPrefix(bad.want, "line ")) && !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err = %v; want it to name %s", bad.line, err, bad.want)
		}
	}
}

// TestHostKeyPermissions: a host key readable by others is used with a
// warning that says what to do; a 0600 one without.
func TestHostKeyPermissions(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "host")
	mk := func() *Server {
		s, err := New(Config{Passphrase: testPass, Hub: present.NewHub(), HostKey: key,
			NewViewer: func(*model.Content, ViewerEnv) tea.Model { return nil }, Follow: func(present.State) tea.Msg { return nil }})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if w := mk().Warnings(); len(w) != 0 {
		t.Fatalf("a fresh host key warned: %q", w)
	}
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	w := mk().Warnings()
	if len(w) != 1 || !strings.Contains(w[0], key) || !strings.Contains(w[0], "chmod 600") {
		t.Fatalf("a 0644 host key: warnings %q", w)
	}
}

// TestSeatFreedStalledClientKilled: a client that stops reading, storms
// and dies leaves no seat taken, with no idle timeout to help.
func TestSeatFreedStalledClientKilled(t *testing.T) {
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	s, addr, _ := guarded(t, hub, nil)
	out := &stall{release: make(chan struct{})}
	defer close(out.release)
	c, sess := rawShell(t, addr, 80, 24, out)
	waitViewers(t, s, 1, 10*time.Second)
	done := make(chan struct{})
	go func() { storm(sess, 5000, nil); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Error("the server stopped taking window changes from a client that stopped reading")
	}
	_ = c.Conn.Close()
	waitViewers(t, s, 0, 10*time.Second)
}

// TestStormAtStart: a client that never answers the terminal's queries
// and storms as soon as its shell starts, in every theme, then dies,
// leaves no seat taken.
func TestStormAtStart(t *testing.T) {
	for _, theme := range []string{"auto", "dark"} {
		t.Run(theme, func(t *testing.T) {
			hub := present.NewHub()
			hub.Publish(present.State{TourID: "main"})
			s, addr, _ := guarded(t, hub, func(c *Config) {
				c.NewViewer = func(c *model.Content, env ViewerEnv) tea.Model {
					return ptr(ui.New(c, ui.Options{Follow: true, Theme: theme}))
				}
			})
			c, sess := rawShell(t, addr, 80, 24, io.Discard)
			storm(sess, 1000, nil)
			answered := make(chan bool, 1)
			go func() {
				ok, _ := sess.SendRequest("window-change", true, windowChange(90, 28))
				answered <- ok
			}()
			select {
			case <-answered:
			case <-time.After(10 * time.Second):
				t.Error("the window change after a storm at start was never answered")
			}
			_ = c.Conn.Close()
			waitViewers(t, s, 0, 10*time.Second)
		})
	}
}

// sizeRecorder is an app that reports the window sizes it is given.
type sizeRecorder struct{ sizes chan<- tea.WindowSizeMsg }

func (r sizeRecorder) Init() tea.Cmd { return nil }
func (r sizeRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(tea.WindowSizeMsg); ok {
		r.sizes <- m
	}
	return r, nil
}
func (r sizeRecorder) View() tea.View { return tea.NewView("x") }

// TestHugeWindowClamped: a viewer's app is never told a window larger than
// MaxWidth×MaxHeight, at start or after a window change.
func TestHugeWindowClamped(t *testing.T) {
	sizes := make(chan tea.WindowSizeMsg, 100)
	_, addr, _ := guarded(t, present.NewHub(), func(c *Config) {
		c.NewViewer = func(*model.Content, ViewerEnv) tea.Model { return sizeRecorder{sizes} }
	})
	_, sess := rawShell(t, addr, 5000, 3000, io.Discard)
	next := func() tea.WindowSizeMsg {
		t.Helper()
		select {
		case m := <-sizes:
			return m
		case <-time.After(10 * time.Second):
			t.Fatal("the app was told no window size")
		}
		return tea.WindowSizeMsg{}
	}
	if m := next(); m.Width != MaxWidth || m.Height != MaxHeight {
		t.Fatalf("a 5000×3000 pty: the app was told %d×%d, want %d×%d", m.Width, m.Height, MaxWidth, MaxHeight)
	}
	for _, want := range []tea.WindowSizeMsg{{Width: 120, Height: 40}, {Width: MaxWidth, Height: MaxHeight}} {
		w, h := want.Width, want.Height
		if w == MaxWidth {
			w, h = 9000, 9000
		}
		if _, err := sess.SendRequest("window-change", true, windowChange(w, h)); err != nil {
			t.Fatal(err)
		}
		for m := next(); m != want; m = next() {
			if m.Width > MaxWidth || m.Height > MaxHeight {
				t.Fatalf("a %d×%d window: the app was told %d×%d", w, h, m.Width, m.Height)
			}
		}
	}
}

// rawShell starts the app on a new connection in a w×h pty, without a
// terminal emulator: out gets what the server sends.
func rawShell(t testing.TB, addr string, w, h int, out io.Writer) (*gossh.Client, *gossh.Session) {
	t.Helper()
	c, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stdout = out
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return c, sess
}

// stepCounter is an app that counts the presenter states it is given and
// keeps the last.
type stepCounter struct {
	got  *atomic.Int64
	last *atomic.Int64
}

type stepMsg int

func (c stepCounter) Init() tea.Cmd { return nil }
func (c stepCounter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m, ok := msg.(stepMsg); ok {
		c.got.Add(1)
		c.last.Store(int64(m))
	}
	return c, nil
}
func (c stepCounter) View() tea.View { return tea.NewView("x") }

// TestFollowThrottled: a presenter state per millisecond (a room voting
// with the results shown) reaches a viewer at most once per
// FollowInterval, and the last state always arrives.
func TestFollowThrottled(t *testing.T) {
	var got, last atomic.Int64
	hub := present.NewHub()
	hub.Publish(present.State{TourID: "main"})
	_, addr, _ := guarded(t, hub, func(c *Config) {
		c.NewViewer = func(*model.Content, ViewerEnv) tea.Model { return stepCounter{&got, &last} }
		c.Follow = func(st present.State) tea.Msg { return stepMsg(st.Step) }
	})
	rawShell(t, addr, 80, 24, io.Discard)
	deadline := time.Now().Add(10 * time.Second)
	for got.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	const states = 500
	for i := 1; i <= states; i++ {
		hub.Publish(present.State{TourID: "main", Step: i})
		time.Sleep(time.Millisecond)
	}
	took := time.Since(start)
	for last.Load() != states && time.Now().Before(deadline.Add(10*time.Second)) {
		time.Sleep(5 * time.Millisecond)
	}
	if last.Load() != states {
		t.Fatalf("the last state never arrived: last %d", last.Load())
	}
	if limit := int64(took/FollowInterval) + 3; got.Load() > limit {
		t.Fatalf("%d states in %v reached the viewer %d times, want at most %d", states, took, got.Load(), limit)
	}
	t.Logf("%d states in %v reached the viewer %d times", states, took, got.Load())
}
