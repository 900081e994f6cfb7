package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authorizedKey is one key of an authorized_keys file with where it may
// connect from.
type authorizedKey struct {
	key  gossh.PublicKey
	from []string // from= patterns; any address when empty
}

// harmlessOptions restrict what crux serve never grants anyway (forwarding
// of ports, the agent and X11, ~/.ssh/rc), so accepting them changes
// nothing. "restrict" also forbids a pty, without which a viewer cannot see
// the app; crux serve gives a viewer nothing else, so it is accepted too.
var harmlessOptions = map[string]bool{
	"restrict": true, "no-port-forwarding": true, "no-agent-forwarding": true,
	"no-X11-forwarding": true, "no-user-rc": true, "pty": true,
}

// loadAuthorizedKeys reads an authorized_keys file once, at start. It
// honours from= and accepts the options in harmlessOptions; any other
// option (command=, no-pty, permitopen=, environment=, ...) is an error
// naming its line, as is a line that is not a key: crux serve would
// otherwise let the key in without the restriction its owner wrote.
func loadAuthorizedKeys(path string) ([]authorizedKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	var keys []authorizedKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not a public key (%v); fix or remove the line", path, n, err)
		}
		k := authorizedKey{key: key}
		for _, opt := range options {
			name, value, hasValue := strings.Cut(opt, "=")
			switch {
			case name == "from" && hasValue:
				if k.from, err = fromPatterns(value); err != nil {
					return nil, fmt.Errorf("%s:%d: from=%s: %v", path, n, value, err)
				}
			case harmlessOptions[name] && !hasValue:
			default:
				return nil, fmt.Errorf("%s:%d: option %q is not supported by crux serve, which would let the key in without it; "+
					"remove it, or the key (supported: from=, restrict, pty, no-port-forwarding, no-agent-forwarding, no-X11-forwarding, no-user-rc)",
					path, n, name)
			}
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("authorized keys %s: %w", path, err)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("authorized keys %s: no keys in it; nobody could get in", path)
	}
	return keys, nil
}

// fromPatterns checks a from= list: comma-separated addresses, CIDR blocks
// or address patterns with * and ?, each maybe negated with !.
func fromPatterns(value string) ([]string, error) {
	value = strings.Trim(value, `"`)
	if value == "" {
		return nil, fmt.Errorf("no patterns")
	}
	pats := strings.Split(value, ",")
	for _, p := range pats {
		body := strings.TrimPrefix(p, "!")
		if body == "" {
			return nil, fmt.Errorf("empty pattern")
		}
		if strings.Contains(body, "/") {
			if _, _, err := net.ParseCIDR(body); err != nil {
				return nil, fmt.Errorf("%q is not a CIDR block", body)
			}
		}
	}
	return pats, nil
}

// allows reports whether a client at ip may use the key, as sshd matches
// from= without DNS: a negated pattern that matches refuses, otherwise a
// plain pattern must match. Host names never match an address.
func (k authorizedKey) allows(ip net.IP) bool {
	if len(k.from) == 0 {
		return true
	}
	addr := ip.String()
	ok := false
	for _, p := range k.from {
		body, neg := strings.CutPrefix(p, "!")
		var match bool
		if _, block, err := net.ParseCIDR(body); err == nil {
			match = block.Contains(ip)
		} else {
			match = wildcard(body, addr)
		}
		if match && neg {
			return false
		}
		ok = ok || match
	}
	return ok
}

// wildcard matches s against pattern, where * is any run of characters and
// ? any one character (sshd's match_pattern).
func wildcard(pattern, s string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for i := len(s); i >= 0; i-- {
				if wildcard(pattern[1:], s[i:]) {
					return true
				}
			}
			return false
		case '?':
			if s == "" {
				return false
			}
		default:
			if s == "" || s[0] != pattern[0] {
				return false
			}
		}
		pattern, s = pattern[1:], s[1:]
	}
	return s == ""
}

// keyAuth lets in a key of keys from an address its from= allows.
func keyAuth(keys []authorizedKey) ssh.PublicKeyHandler {
	return func(ctx ssh.Context, key ssh.PublicKey) bool {
		var ip net.IP
		if tcp, ok := ctx.RemoteAddr().(*net.TCPAddr); ok {
			ip = tcp.IP
		}
		for _, k := range keys {
			if ssh.KeysEqual(key, k.key) && ip != nil && k.allows(ip) {
				return true
			}
		}
		return false
	}
}
