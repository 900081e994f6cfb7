package serve

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/present"
)

// refusalRow is a row of the security table in docs/presenting.md:
// | `request` (...) | refused |
var refusalRow = regexp.MustCompile("(?m)^\\s*\\| `([^`]+)`[^|]*\\| (.+?) \\|$")

// TestSecurityDocs checks every request docs/presenting.md says is
// refused, by sending it to a server, and that the documented limits are
// the defaults.
func TestSecurityDocs(t *testing.T) {
	doc, err := os.ReadFile("../docs/presenting.md")
	if err != nil {
		t.Fatal(err)
	}
	sec := string(doc)
	i := strings.Index(sec, "### Security")
	if i < 0 {
		t.Fatal("docs/presenting.md has no security section")
	}
	sec = sec[i:]
	sec = sec[:strings.Index(sec[1:], "\n### ")+1]

	_, addr, _ := guarded(t, present.NewHub(), nil)
	client, err := dial(t, addr, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	session := func() *gossh.Session {
		s, err := client.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	request := func(typ string, payload []byte) error {
		ok, err := session().SendRequest(typ, true, payload)
		if err == nil && ok {
			return fmt.Errorf("%s accepted", typ)
		}
		return nil
	}
	probes := map[string]func() error{
		"exec": func() error {
			if out, err := session().CombinedOutput("cat /etc/passwd"); err == nil {
				return fmt.Errorf("exec ran: %q", out)
			}
			return nil
		},
		"subsystem": func() error {
			if err := session().RequestSubsystem("sftp"); err == nil {
				return fmt.Errorf("sftp accepted")
			}
			return nil
		},
		"direct-tcpip": func() error {
			if c, err := client.Dial("tcp", addr); err == nil {
				c.Close()
				return fmt.Errorf("local forwarding accepted")
			}
			return nil
		},
		"tcpip-forward": func() error {
			if ln, err := client.Listen("tcp", "127.0.0.1:0"); err == nil {
				ln.Close()
				return fmt.Errorf("remote forwarding accepted")
			}
			return nil
		},
		"direct-streamlocal@openssh.com": func() error {
			if ch, _, err := client.OpenChannel("direct-streamlocal@openssh.com", gossh.Marshal(struct {
				Path, Reserved string
				Port           uint32
			}{"/tmp/x.sock", "", 0})); err == nil {
				ch.Close()
				return fmt.Errorf("unix socket forwarding accepted")
			}
			return nil
		},
		"x11-req": func() error {
			return request("x11-req", gossh.Marshal(struct {
				Single        bool
				Proto, Cookie string
				Screen        uint32
			}{false, "MIT-MAGIC-COOKIE-1", "00", 0}))
		},
		"auth-agent-req@openssh.com": func() error { return request("auth-agent-req@openssh.com", nil) },
		"shell": func() error {
			s := session()
			var out bytes.Buffer
			s.Stdout = &out
			if err := s.Shell(); err != nil {
				return nil
			}
			done := make(chan error, 1)
			go func() { done <- s.Wait() }()
			select {
			case err := <-done:
				if err == nil {
					return fmt.Errorf("a shell without a pty ended well: %q", out.String())
				}
				return nil
			case <-time.After(10 * time.Second):
				return fmt.Errorf("a shell without a pty is still open")
			}
		},
	}
	seen := map[string]bool{}
	for _, m := range refusalRow.FindAllStringSubmatch(sec, -1) {
		name, answer := m[1], m[2]
		if name == "Request" {
			continue
		}
		seen[name] = true
		probe, ok := probes[name]
		if !ok {
			t.Errorf("docs say %s gets %q, but no test checks it", name, answer)
			continue
		}
		if err := probe(); err != nil {
			t.Errorf("docs say %s gets %q: %v", name, answer, err)
		}
	}
	for name := range probes {
		if !seen[name] {
			t.Errorf("%s is refused, but the security section's table does not say so", name)
		}
	}
	for _, want := range []string{
		fmt.Sprintf("%d s to authenticate", int(DefaultHandshakeTimeout.Seconds())),
		fmt.Sprintf("At\n  most %d connections may be unauthenticated at once, and at most %d from one\n  address",
			DefaultMaxUnauthenticated, DefaultMaxUnauthenticatedPerAddr),
		fmt.Sprintf("(default %d)", DefaultMaxViewers),
		fmt.Sprintf("larger\n  than %d×%d is drawn in its top-left %d×%d", MaxWidth, MaxHeight, MaxWidth, MaxHeight),
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("the security section does not say %q", want)
		}
	}
}
