package serve

import (
	"net"
	"sync"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// preauth counts connections that have not authenticated yet, overall and
// per IP address, and turns away those beyond the caps, so that silent or
// slow connections cannot use up the server's file descriptors and lock the
// room out (issue 18). A connection stops counting when it authenticates
// or closes; the handshake timeout closes those that do neither.
type preauth struct {
	max, perAddr int
	logf         func(format string, args ...any)

	mu      sync.Mutex
	total   int
	byAddr  map[string]int
	pending map[string]func() // by remote address: stops counting it
	refused int               // turned away since the last one let in
}

func newPreauth(max, perAddr int, logf func(string, ...any)) *preauth {
	return &preauth{max: max, perAddr: perAddr, logf: logf, byAddr: map[string]int{}, pending: map[string]func(){}}
}

// connCallback admits a new connection or closes it.
func (p *preauth) connCallback(_ ssh.Context, conn net.Conn) net.Conn {
	remote := conn.RemoteAddr().String()
	ip := remote
	if host, _, err := net.SplitHostPort(remote); err == nil {
		ip = host
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.total >= p.max || p.byAddr[ip] >= p.perAddr {
		if p.refused == 0 {
			p.logf("refusing connections: %d unauthenticated from %s (cap %d per address), %d in all (cap %d); "+
				"each is closed at once until some authenticate or time out", p.byAddr[ip], ip, p.perAddr, p.total, p.max)
		}
		p.refused++
		return nil
	}
	if p.refused > 0 {
		p.logf("accepting connections again; refused %d while at the cap of unauthenticated connections", p.refused)
		p.refused = 0
	}
	p.total++
	p.byAddr[ip]++
	var once sync.Once
	done := func() {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.total--
			if p.byAddr[ip]--; p.byAddr[ip] <= 0 {
				delete(p.byAddr, ip)
			}
			delete(p.pending, remote)
		})
	}
	p.pending[remote] = done
	return &countedConn{Conn: conn, done: done}
}

// authLog stops counting a connection once it has authenticated.
func (p *preauth) authLog(meta gossh.ConnMetadata, _ string, err error) {
	if err != nil {
		return
	}
	p.mu.Lock()
	done := p.pending[meta.RemoteAddr().String()]
	p.mu.Unlock()
	if done != nil {
		done()
	}
}

// countedConn stops counting when it closes.
type countedConn struct {
	net.Conn
	done func()
}

func (c *countedConn) Close() error {
	c.done()
	return c.Conn.Close()
}

// unauthenticated returns how many connections count.
func (p *preauth) unauthenticated() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.total
}
