package presentlink

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/adrg/xdg"

	"github.com/crux-news/crux/present"
)

// linkWriteTimeout bounds one write to a notes follower, so that a stuck
// follower is dropped instead of piling up.
const linkWriteTimeout = 2 * time.Second

// SocketPath returns the Unix socket a presenter of a content set listens
// on: $XDG_RUNTIME_DIR/crux/present-<hash>.sock, where hash is derived from
// contentKey, the absolute path of the claims file (or a fixed name for the
// embedded content). Presenter and notes view find the same path without
// configuration.
func SocketPath(contentKey string) (string, error) {
	sum := sha256.Sum256([]byte(contentKey))
	p, err := xdg.RuntimeFile("crux/present-" + hex.EncodeToString(sum[:8]) + ".sock")
	if err != nil {
		return "", fmt.Errorf("presenter socket: %w", err)
	}
	return p, nil
}

// Link serves a Hub's states on a Unix socket as JSON lines, one State per
// line, for `crux present --notes` followers.
type Link struct {
	ln   net.Listener
	path string
	hub  *present.Hub

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// ErrPresenting means another presenter already serves the socket.
var ErrPresenting = errors.New("another crux present is already presenting this content")

// Listen starts serving hub on the Unix socket at path. A socket file left
// behind by a presenter that crashed is removed; a live one is an
// ErrPresenting error.
func Listen(path string, hub *present.Hub) (*Link, error) {
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		_ = c.Close()
		return nil, fmt.Errorf("%s: %w (quit it first, or use --notes to follow it)", path, ErrPresenting)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("remove stale presenter socket: %w", err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("presenter socket: %w", err)
	}
	l := &Link{ln: ln, path: path, hub: hub, conns: make(map[net.Conn]struct{})}
	l.wg.Add(1)
	go l.accept()
	return l, nil
}

func (l *Link) accept() {
	defer l.wg.Done()
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			_ = c.Close()
			return
		}
		l.conns[c] = struct{}{}
		l.wg.Add(1)
		l.mu.Unlock()
		go l.serve(c)
	}
}

// serve writes every state of the hub to c until c fails or the link closes.
func (l *Link) serve(c net.Conn) {
	defer l.wg.Done()
	states, unsubscribe := l.hub.Subscribe()
	defer unsubscribe()
	done := make(chan struct{})
	go func() {
		// A follower sends nothing; a read returns when it hangs up.
		_, _ = c.Read(make([]byte, 1))
		close(done)
	}()
	defer func() {
		l.mu.Lock()
		delete(l.conns, c)
		l.mu.Unlock()
		_ = c.Close()
	}()
	enc := json.NewEncoder(c)
	for {
		select {
		case <-done:
			return
		case s, ok := <-states:
			if !ok {
				return
			}
			_ = c.SetWriteDeadline(time.Now().Add(linkWriteTimeout))
			if err := enc.Encode(s); err != nil {
				return
			}
		}
	}
}

// Close stops listening, hangs up on every follower and removes the socket.
func (l *Link) Close() error {
	l.mu.Lock()
	l.closed = true
	for c := range l.conns {
		_ = c.Close()
	}
	l.mu.Unlock()
	err := l.ln.Close()
	l.wg.Wait()
	if rerr := os.Remove(l.path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
		err = rerr
	}
	return err
}

// Event is what a follower learns: whether it is connected to a presenter,
// and the presenter's latest state when HasState.
type Event struct {
	Connected bool
	HasState  bool
	State     present.State
}

// Follow connects to the presenter socket at path and reports its states on
// the returned channel until ctx ends, when the channel is closed. When no
// presenter is listening, or it goes away, Follow reports Connected false
// once and retries every retry until one comes (back).
func Follow(ctx context.Context, path string, retry time.Duration) <-chan Event {
	out := make(chan Event, 16)
	go func() {
		defer close(out)
		send := func(e Event) bool {
			select {
			case out <- e:
				return true
			case <-ctx.Done():
				return false
			}
		}
		connected := true // so that the first failure is reported
		var d net.Dialer
		for ctx.Err() == nil {
			c, err := d.DialContext(ctx, "unix", path)
			if err != nil {
				if connected {
					connected = false
					if !send(Event{}) {
						return
					}
				}
				select {
				case <-ctx.Done():
					return
				case <-time.After(retry):
				}
				continue
			}
			connected = true
			if !send(Event{Connected: true}) || !readStates(ctx, c, send) {
				_ = c.Close()
				return
			}
			_ = c.Close()
			connected = false
			if !send(Event{}) {
				return
			}
		}
	}()
	return out
}

// readStates forwards each JSON line read from c until c ends; it returns
// false when the follower should stop (ctx done).
func readStates(ctx context.Context, c net.Conn, send func(Event) bool) bool {
	stop := context.AfterFunc(ctx, func() { _ = c.Close() })
	defer stop()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		var s present.State
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			continue // a line from a newer crux; wait for the next one
		}
		if !send(Event{Connected: true, HasState: true, State: s}) {
			return false
		}
	}
	return ctx.Err() == nil
}
