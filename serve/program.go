package serve

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// The largest window a viewer's explorer is drawn in; a bigger one is drawn
// in this much of it. Drawing a 2,000×1,000 screen takes seconds of CPU for
// every frame (FuzzSessionRequests), so one viewer could starve the room.
const (
	MaxWidth  = 500
	MaxHeight = 250
)

// clampSize is a viewer's window size as the explorer is told it.
func clampSize(w, h int) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(max(w, 0), MaxWidth), Height: min(max(h, 0), MaxHeight)}
}

// takeSizes is the first middleware: from the moment the app's session
// starts, it takes every window change as it comes, until the session's
// requests end, keeping only the latest size for runProgram, even when the
// viewer is turned away and no app runs (charm.land/ssh would otherwise
// block on the next window change for good).
func (s *Server) takeSizes(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		_, winch, ok := sess.Pty()
		if !ok {
			next(sess)
			return
		}
		latest := make(chan tea.WindowSizeMsg, 1)
		go func() {
			for w := range winch { // closed when the session's requests end
				select {
				case <-latest:
				default:
				}
				latest <- clampSize(w.Width, w.Height)
			}
		}()
		s.sizes.Store(sess, latest)
		defer s.sizes.Delete(sess)
		next(sess)
	}
}

// runProgram is the last middleware: it runs the viewer's explorer on the
// session and keeps it in the size of the viewer's window. It takes the
// place of wish's bubbletea middleware, whose window-change loop waits
// for the program to take each size in turn and stops at the end of the
// program, after which the session's next window change blocks
// charm.land/ssh's request loop for good. Here takeSizes keeps the latest
// size, and a goroutine hands it to the program when it is ready for it.
func (s *Server) runProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		latest, ok := s.sizes.Load(sess)
		if !ok {
			next(sess)
			return
		}
		p := s.program(sess)
		ctx, cancel := context.WithCancel(sess.Context())
		go func() {
			for {
				select {
				case <-ctx.Done():
					p.Quit()
					return
				case m := <-latest.(chan tea.WindowSizeMsg):
					p.Send(m) // returns once the program has ended
				}
			}
		}()
		if _, err := p.Run(); err != nil {
			s.logf("viewer %s: %v", sess.RemoteAddr(), err)
		}
		p.Kill()
		cancel()
		next(sess)
	}
}
