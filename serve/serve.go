// Package serve runs crux's audience server: an SSH server (Wish v2 with
// its Bubble Tea middleware) that gives every viewer an explorer following a
// presenter. Viewers are read-only: they get the app and nothing else (no
// shell, exec, subsystem, SFTP or port forwarding), they cannot change the
// presentation, and their number and idle time are limited.
package serve

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/activeterm"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/adrg/xdg"
	gossh "golang.org/x/crypto/ssh"
	"os"
	"reflect"
	"sync"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/present"
)

// Defaults of `crux serve`.
const (
	DefaultListen      = "127.0.0.1:23234"
	DefaultMaxViewers  = 100
	DefaultIdleTimeout = 30 * time.Minute
	DefaultEndGrace    = 2 * time.Second

	DefaultHandshakeTimeout          = 10 * time.Second
	DefaultMaxUnauthenticated        = 64
	DefaultMaxUnauthenticatedPerAddr = 8
)

// Config configures a Server.
type Config struct {
	// Listen is the address to listen on; DefaultListen when empty.
	Listen string
	// MaxViewers is how many viewers may watch at once; DefaultMaxViewers
	// when 0. One more is turned away with a message.
	MaxViewers int
	// IdleTimeout drops a connection with no traffic either way (no key
	// from the viewer and no change from the presenter) for this long;
	// none when 0.
	IdleTimeout time.Duration
	// AuthorizedKeys is an authorized_keys file; when set, only those
	// public keys get in and Passphrase is ignored.
	AuthorizedKeys string
	// Passphrase lets viewers in by password or keyboard-interactive
	// authentication when AuthorizedKeys is empty.
	Passphrase string
	// HostKey is the host key's path, generated on first use; HostKeyPath
	// when empty.
	HostKey string
	// EndGrace is how long a viewer sees that the presenter has ended the
	// talk before its explorer quits (leaving the viewer's terminal as it
	// was) and the session closes; DefaultEndGrace when 0.
	EndGrace time.Duration

	// Content is what viewers explore.
	Content *model.Content
	// Hub carries the presenter's state to every viewer.
	Hub *present.Hub
	// Poll takes the viewers' votes; nil for none.
	Poll *poll.Poll
	// NewViewer builds a viewer's explorer in follow mode, for what the
	// server knows of the viewer's terminal.
	NewViewer func(c *model.Content, env ViewerEnv) tea.Model
	// Follow turns a presenter state into the message the explorer follows
	// (ui.FollowMsg).
	Follow func(present.State) tea.Msg
	// Logf reports connections and refusals; nothing is logged when nil.
	Logf func(format string, args ...any)

	// HandshakeTimeout closes a connection that has not authenticated
	// this long after it was opened; DefaultHandshakeTimeout when 0.
	HandshakeTimeout time.Duration
	// MaxUnauthenticated caps connections not yet authenticated, overall
	// and from one IP address; DefaultMaxUnauthenticated and
	// DefaultMaxUnauthenticatedPerAddr when 0. One more is closed at once.
	MaxUnauthenticated, MaxUnauthenticatedPerAddr int
}

// ViewerEnv is what the server knows of a viewer's terminal beyond its pty
// (whose size and colour support the Bubble Tea middleware handles).
type ViewerEnv struct {
	// NoColor is set when the viewer's ssh client sent a non-empty NO_COLOR
	// (`ssh -o SendEnv=NO_COLOR`); the presenter's own NO_COLOR does not
	// apply to viewers.
	NoColor bool
	// Vote answers the poll of a node as this viewer; nil when the server
	// has no poll. It never blocks.
	// seq numbers the viewer's votes: a vote older than one taken is
	// dropped.
	Vote func(node string, stance poll.Stance, seq uint64)
}

// envOf reads a viewer's environment as its client sent it.
func envOf(sess ssh.Session) ViewerEnv {
	var env ViewerEnv
	for _, kv := range sess.Environ() {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			env.NoColor = true
		}
	}
	return env
}

// Server is the audience SSH server.
type Server struct {
	cfg     Config
	srv     *ssh.Server
	viewers atomic.Int64
	pre     *preauth
	sizes   sync.Map // ssh.Session → chan tea.WindowSizeMsg, from takeSizes

	warnings []string
}

// HostKeyPath is where the host key lives: $XDG_DATA_HOME/crux/ssh_host_ed25519.
func HostKeyPath() (string, error) {
	p, err := xdg.DataFile("crux/ssh_host_ed25519")
	if err != nil {
		return "", fmt.Errorf("host key location: %w", err)
	}
	return p, nil
}

// passphraseAlphabet avoids letters read aloud ambiguously (l, o, i).
const passphraseAlphabet = "abcdefghjkmnpqrstuvwxyz"

// NewPassphrase returns a random passphrase of four groups of four letters
// ("kfwp-merc-tagz-hnvq", about 72 bits), easy to read out to a room.
func NewPassphrase() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("passphrase: %w", err)
	}
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(passphraseAlphabet[int(c)%len(passphraseAlphabet)])
	}
	return sb.String(), nil
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// New builds a server; it does not listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.MaxViewers <= 0 {
		cfg.MaxViewers = DefaultMaxViewers
	}
	if cfg.EndGrace <= 0 {
		cfg.EndGrace = DefaultEndGrace
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.MaxUnauthenticated <= 0 {
		cfg.MaxUnauthenticated = DefaultMaxUnauthenticated
	}
	if cfg.MaxUnauthenticatedPerAddr <= 0 {
		cfg.MaxUnauthenticatedPerAddr = DefaultMaxUnauthenticatedPerAddr
	}
	if cfg.Hub == nil || cfg.NewViewer == nil || cfg.Follow == nil {
		return nil, errors.New("serve: Hub, NewViewer and Follow are required")
	}
	if cfg.HostKey == "" {
		p, err := HostKeyPath()
		if err != nil {
			return nil, err
		}
		cfg.HostKey = p
	}
	s := &Server{cfg: cfg}
	s.pre = newPreauth(cfg.MaxUnauthenticated, cfg.MaxUnauthenticatedPerAddr, s.logf)
	auth, err := s.authOptions()
	if err != nil {
		return nil, err
	}
	opts := append([]ssh.Option{
		wish.WithAddress(cfg.Listen),
		wish.WithVersion("crux"),
		wish.WithHostKeyPath(cfg.HostKey),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMiddleware(
			s.runProgram,
			activeterm.Middleware(),
			s.limit,
			s.takeSizes,
		),
		readOnly,
		s.guard,
	}, auth...)
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w (host key %s)", err, cfg.HostKey)
	}
	s.srv = srv
	if fi, err := os.Stat(cfg.HostKey); err == nil && fi.Mode().Perm()&0o077 != 0 {
		s.warn("the host key %s can be read by other users (mode %04o), who could pose as this server; run: chmod 600 %s",
			cfg.HostKey, fi.Mode().Perm(), cfg.HostKey)
	}
	return s, nil
}

// warn keeps a warning for Warnings and logs it.
func (s *Server) warn(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
	s.logf("warning: "+format, args...)
}

// guard bounds the connections that have not authenticated: they get
// HandshakeTimeout to do it, and at most MaxUnauthenticated of them (and
// MaxUnauthenticatedPerAddr from one address) are open at once.
func (s *Server) guard(srv *ssh.Server) error {
	srv.HandshakeTimeout = s.cfg.HandshakeTimeout
	srv.ConnCallback = s.pre.connCallback
	srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{AuthLogCallback: s.pre.authLog}
	}
	return nil
}

// readOnly allows the app and nothing else: a pty and a shell request start
// it; exec, subsystems (SFTP among them), port forwarding in either
// direction, agent forwarding, X11 and any other channel or global request
// are refused.
func readOnly(srv *ssh.Server) error {
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": guardedSession}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.SessionRequestCallback = func(_ ssh.Session, requestType string) bool {
		return requestType == "shell"
	}
	return nil
}

func (s *Server) authOptions() ([]ssh.Option, error) {
	if s.cfg.AuthorizedKeys != "" {
		keys, err := loadAuthorizedKeys(s.cfg.AuthorizedKeys)
		if err != nil {
			return nil, err
		}
		return []ssh.Option{wish.WithPublicKeyAuth(keyAuth(keys))}, nil
	}
	if s.cfg.Passphrase == "" {
		return nil, errors.New("serve: give an authorized-keys file or a passphrase; refusing to let anyone in unauthenticated")
	}
	want := []byte(s.cfg.Passphrase)
	ok := func(got string) bool { return subtle.ConstantTimeCompare([]byte(got), want) == 1 }
	return []ssh.Option{
		wish.WithPasswordAuth(func(_ ssh.Context, password string) bool { return ok(password) }),
		wish.WithKeyboardInteractiveAuth(func(_ ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
			answers, err := ch("", "crux: this presentation needs the passphrase the presenter shared.", []string{"Passphrase: "}, []bool{false})
			return err == nil && len(answers) == 1 && ok(answers[0])
		}),
	}, nil
}

func (s *Server) logf(format string, args ...any) {
	if s.cfg.Logf != nil {
		s.cfg.Logf(format, args...)
	}
}

// limit turns away viewers beyond MaxViewers with a message saying why.
func (s *Server) limit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if n := s.viewers.Add(1); n > int64(s.cfg.MaxViewers) {
			s.viewers.Add(-1)
			s.logf("refused %s: already %d viewers", sess.RemoteAddr(), s.cfg.MaxViewers)
			wish.Fatalf(sess, "crux: this presentation is full: it already has %d viewers, the most it takes. Try again later.\r\n", s.cfg.MaxViewers)
			return
		}
		// The seat is free when the handler returns or the connection ends,
		// whichever comes first, whatever state the explorer is in.
		release := sync.OnceFunc(func() { s.viewers.Add(-1) })
		defer release()
		stop := context.AfterFunc(sess.Context(), release)
		defer stop()
		s.logf("viewer %s@%s joined", sess.User(), sess.RemoteAddr())
		next(sess)
		if st, ok := s.cfg.Hub.Latest(); ok && st.Ended {
			// The explorer has quit and restored the terminal; say why.
			wish.Println(sess, "crux: the presenter has ended the talk. Thank you for following.")
		}
		s.logf("viewer %s@%s left", sess.User(), sess.RemoteAddr())
	}
}

// program builds a viewer's explorer and keeps it following the presenter
// until the session ends, or until EndGrace after the presenter ends the
// talk, when the explorer quits. A slow viewer only ever misses
// intermediate states (the hub keeps the latest), so it never holds up the
// others.
func (s *Server) program(sess ssh.Session) *tea.Program {
	env := envOf(sess)
	env.Vote = s.voter(sess)
	opts := bm.MakeOptions(sess)
	if pty, _, ok := sess.Pty(); ok { // the last size given counts
		size := clampSize(pty.Window.Width, pty.Window.Height)
		opts = append(opts, tea.WithWindowSize(size.Width, size.Height))
	}
	p := tea.NewProgram(s.cfg.NewViewer(s.cfg.Content, env), opts...)
	states, unsubscribe := s.cfg.Hub.Subscribe()
	go func() {
		defer unsubscribe()
		var last tea.Msg
		for {
			select {
			case <-sess.Context().Done():
				return
			case st, ok := <-states:
				if !ok {
					return
				}
				// A vote changes the presenter's state but, while the results
				// are hidden, not what the viewers see: skip what they have.
				msg := s.cfg.Follow(st)
				if last != nil && reflect.TypeOf(msg).Comparable() && msg == last {
					continue
				}
				last = msg
				p.Send(msg)
				if st.Ended {
					select {
					case <-sess.Context().Done():
					case <-time.After(s.cfg.EndGrace):
						p.Quit()
					}
					return
				}
				// With the results shown, every vote of the room is a new
				// state; the hub keeps the latest, so pausing here bounds each
				// viewer's updates without losing the last one.
				select {
				case <-sess.Context().Done():
					return
				case <-time.After(FollowInterval):
				}
			}
		}
	}()
	return p
}

// Warnings are what New found risky but not fatal (a host key others can
// read), for the caller to show before the presenter starts.
func (s *Server) Warnings() []string { return s.warnings }

// FollowInterval is the least time between two presenter states a viewer's
// explorer is given; states in between are skipped (the latest counts).
const FollowInterval = 30 * time.Millisecond

// Viewers returns how many viewers are connected.
func (s *Server) Viewers() int { return int(s.viewers.Load()) }

// Serve serves viewers on ln until Close.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Close disconnects every viewer and stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Shutdown stops accepting viewers and waits for the connected ones to
// leave (EndGrace after the presenter published an ended state), or for ctx
// to end.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }
