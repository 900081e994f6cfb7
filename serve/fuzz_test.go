package serve

import (
	"encoding/binary"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui"
)

var (
	fuzzOnce   sync.Once
	fuzzServer *Server
	fuzzAddr   string
)

// fuzzTarget is one server shared by every fuzz input, as a real server
// serves one viewer after another.
func fuzzTarget(t *testing.T) (*Server, string) {
	fuzzOnce.Do(func() {
		c, tour := bikes(t)
		hub := present.NewHub()
		hub.Publish(present.State{TourID: "main"})
		dir, err := os.MkdirTemp("", "crux-fuzz-serve")
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(Config{Listen: "127.0.0.1:0", Passphrase: testPass, HostKey: filepath.Join(dir, "host"), Content: c, Hub: hub,
			NewViewer: func(c *model.Content, env ViewerEnv) tea.Model {
				return ptr(ui.New(c, ui.Options{Follow: true, Theme: "dark", NoColor: true}))
			},
			Follow: func(st present.State) tea.Msg {
				return ui.FollowMsg{Tour: tour.Title, Step: st.Step, Steps: len(tour.Steps), Node: stepID(tour, st.Step)}
			}})
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = s.Serve(ln) }()
		fuzzServer, fuzzAddr = s, ln.Addr().String()
	})
	return fuzzServer, fuzzAddr
}

// ptyReq is a well-formed "pty-req" payload (RFC 4254 6.2).
func ptyReq(term string, w, h uint32) []byte {
	return gossh.Marshal(struct {
		Term   string
		W, H   uint32
		PW, PH uint32
		Modes  string
	}{term, w, h, 0, 0, ""})
}

// FuzzSessionRequests sends a session a pty request and a run of window
// changes, any bytes at all, before and after its shell starts: the server
// answers a well-formed window change at the end, and once the client
// leaves its seat is free.
func FuzzSessionRequests(f *testing.F) {
	f.Add(ptyReq("xterm-256color", 80, 24), windowChange(100, 30), uint16(3), false)
	f.Add(ptyReq("xterm", 0, 0), windowChange(0, 0), uint16(1000), true)
	f.Add(ptyReq("vt100", 1<<31, 1<<31), windowChange(1<<30, 1<<30), uint16(50), false)
	f.Add([]byte{}, []byte{0, 0, 0, 1}, uint16(20), true)
	f.Add(ptyReq("", 65535, 65535), []byte("garbage"), uint16(200), false)
	f.Fuzz(sessionRequests)
}

// sessionRequests is FuzzSessionRequests' check of one input.
func sessionRequests(t *testing.T, pty, change []byte, repeat uint16, shellFirst bool) {
	s, addr := fuzzTarget(t)
	// The handshake is bounded too, so that a server that stops answering
	// fails the input instead of hanging the fuzzer.
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	cc, chans, reqs, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{User: "fuzz",
		Auth: []gossh.AuthMethod{gossh.Password(testPass)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatalf("handshake: %v (viewers %d, unauthenticated %d)", err, s.Viewers(), s.pre.unauthenticated())
	}
	_ = conn.SetDeadline(time.Time{})
	c := gossh.NewClient(cc, chans, reqs)
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	// Sizes from the fuzzer are capped so that one input cannot ask the
	// app for a screen of billions of cells; the cap is what an ssh
	// client could send in a real burst.
	if len(change) == 16 {
		w, h := binary.BigEndian.Uint32(change[0:4])%2000, binary.BigEndian.Uint32(change[4:8])%1000
		binary.BigEndian.PutUint32(change[0:4], w)
		binary.BigEndian.PutUint32(change[4:8], h)
	}
	if len(pty) >= 4 {
		if n := int(binary.BigEndian.Uint32(pty[0:4])); n+12 <= len(pty) && n >= 0 {
			binary.BigEndian.PutUint32(pty[4+n:8+n], binary.BigEndian.Uint32(pty[4+n:8+n])%2000)
			binary.BigEndian.PutUint32(pty[8+n:12+n], binary.BigEndian.Uint32(pty[8+n:12+n])%1000)
		}
	}
	storm := func() {
		for range int(repeat % 2000) {
			if _, err := sess.SendRequest("window-change", false, change); err != nil {
				return
			}
		}
	}
	// ask sends a request and waits a bounded time for its answer.
	ask := func(typ string, payload []byte) {
		t.Helper()
		answered := make(chan error, 1)
		go func() {
			_, err := sess.SendRequest(typ, true, payload)
			answered <- err
		}()
		select {
		case err := <-answered:
			if err != nil && err.Error() != "EOF" {
				t.Fatalf("%s: %v", typ, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s was never answered: the session is wedged", typ)
		}
	}
	ask("pty-req", pty)
	if shellFirst {
		ask("shell", nil)
		storm()
	} else {
		storm()
		ask("shell", nil)
	}
	ask("window-change", windowChange(90, 28))
	_ = c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for s.Viewers() != 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := s.Viewers(); n != 0 {
		t.Fatalf("%d seats still taken after the client left", n)
	}
}

func TestSessionRequestsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		pty := make([]byte, rng.IntN(60))
		for j := range pty {
			pty[j] = byte(rng.IntN(256))
		}
		if i%2 == 0 {
			pty = ptyReq("xterm", rng.Uint32(), rng.Uint32())
		}
		change := windowChange(rng.IntN(3000), rng.IntN(3000))
		if i%3 == 0 {
			change = change[:rng.IntN(len(change))]
		}
		t.Logf("input %d: pty %x change %x", i, pty, change)
		sessionRequests(t, pty, change, uint16(rng.IntN(1000)), i%4 == 0)
	}
}
