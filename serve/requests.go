package serve

import (
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// agentRequest asks the server to forward the client's SSH agent.
const agentRequest = "auth-agent-req@openssh.com"

// maxQueuedRequests bounds the session requests other than window changes
// that wait for the session to take them; any more are refused.
const maxQueuedRequests = 16

// guardedSession is the "session" channel handler: charm.land/ssh's own,
// fed through filterRequests.
func guardedSession(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{newChan}, ctx)
}

// filteredChannel hands the session handler its requests through
// filterRequests.
type filteredChannel struct{ gossh.NewChannel }

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	return ch, filterRequests(reqs), nil
}

// filterRequests passes a session's requests on in order, except that it
// refuses agent forwarding (charm.land/ssh says yes to it) and never lets a
// window change wait behind another: a window change still waiting when
// the next arrives is answered and replaced, so only the latest size is
// ever delivered. Window changes before the shell request wait for it:
// charm.land/ssh hands each to the app, which only starts with the shell.
// It always takes the next request at once, which is what keeps the
// connection alive: golang.org/x/crypto/ssh stops reading the whole
// connection (channel data, window adjustments, even its end) while a
// channel's 16-request queue is full, and charm.land/ssh takes a window
// change only when the app has taken the one before. A burst of 1,000 of
// them behind a busy app used to wedge the session, and a dead client's
// seat stayed taken (issue 18); one window change before the shell wedged
// the session for good (FuzzSessionRequests).
func filterRequests(in <-chan *gossh.Request) <-chan *gossh.Request {
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		var queue []*gossh.Request
		var held *gossh.Request // the latest window change before the shell
		started := false
		for {
			var send chan<- *gossh.Request
			var next *gossh.Request
			if len(queue) > 0 {
				send, next = out, queue[0]
			}
			select {
			case req, ok := <-in:
				if !ok {
					// The channel is gone: what still waits cannot be answered.
					return
				}
				last := len(queue) - 1
				switch {
				case req.Type == agentRequest:
					_ = req.Reply(false, nil)
				case req.Type == "window-change" && !started:
					if held != nil {
						_ = held.Reply(true, nil)
					}
					held = req
				case req.Type == "window-change" && last >= 0 && queue[last].Type == "window-change":
					_ = queue[last].Reply(true, nil)
					queue[last] = req
				case len(queue) >= maxQueuedRequests:
					_ = req.Reply(false, nil)
				default:
					queue = append(queue, req)
					if req.Type == "shell" && !started {
						started = true
						if held != nil {
							queue, held = append(queue, held), nil
						}
					}
				}
			case send <- next:
				queue[0] = nil
				queue = queue[1:]
			}
		}
	}()
	return out
}
