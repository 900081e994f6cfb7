package serve

import (
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/poll"
)

// VoteInterval is the least time between two votes of one viewer that
// reach the poll: a held-down key sends about 30 a second, and the
// presenter's screen need not redraw for each. The last vote always lands.
const VoteInterval = 50 * time.Millisecond

// vote is one answer of a viewer; seq orders a viewer's answers.
type vote struct {
	node   string
	stance poll.Stance
	seq    uint64
}

// identity is who a viewer is for the poll: their public key's fingerprint
// when they logged in with one, so that a viewer who reconnects keeps one
// vote, and otherwise their SSH session.
func identity(sess ssh.Session) string {
	if k := sess.PublicKey(); k != nil {
		return "key:" + gossh.FingerprintSHA256(k)
	}
	return "session:" + sess.Context().SessionID()
}

// voter returns what a viewer's explorer calls to vote. Votes go through a
// one-slot mailbox that keeps the latest, applied at most once per
// VoteInterval, so a viewer cannot flood the poll; the goroutine ends with
// the session. The explorer numbers its votes (Bubble Tea runs each
// command in a goroutine of its own, so two quick keys may call in either
// order): a vote older than one already taken is dropped.
func (s *Server) voter(sess ssh.Session) func(node string, st poll.Stance, seq uint64) {
	if s.cfg.Poll == nil {
		return nil
	}
	who := identity(sess)
	box := make(chan vote, 1)
	go func() {
		var applied uint64
		for {
			select {
			case <-sess.Context().Done():
				return
			case v := <-box:
				if v.seq <= applied {
					continue
				}
				applied = v.seq
				if err := s.cfg.Poll.Vote(who, v.node, v.stance); err != nil && err != poll.ErrClosed {
					s.logf("poll: %v", err)
				}
				select {
				case <-sess.Context().Done():
					return
				case <-time.After(VoteInterval):
				}
			}
		}
	}()
	var mu sync.Mutex // callers take turns at the mailbox
	return func(node string, st poll.Stance, seq uint64) {
		mu.Lock()
		defer mu.Unlock()
		v := vote{node, st, seq}
		select {
		case old := <-box: // keep the later of the waiting vote and this one
			if old.seq > v.seq {
				v = old
			}
		default:
		}
		box <- v // free: only callers send, one at a time
	}
}
