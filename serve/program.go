package serve

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// runProgram is the last middleware: it runs the viewer's explorer on the
// session and keeps it in the size of the viewer's window. It takes the
// place of wish's bubbletea middleware, whose window-change loop waits
// for the program to take each size in turn and stops at the end of the
// program, after which the session's next window change blocks
// charm.land/ssh's request loop for good. Here one goroutine takes every
// window change as it comes until the session's requests end, keeping only
// the latest size, and another hands the latest to the program when it is
// ready for it.
func (s *Server) runProgram(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		_, winch, ok := sess.Pty()
		if !ok {
			next(sess)
			return
		}
		p := s.program(sess)
		latest := make(chan tea.WindowSizeMsg, 1)
		go func() {
			for w := range winch { // closed when the session's requests end
				select {
				case <-latest:
				default:
				}
				latest <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}
			}
		}()
		ctx, cancel := context.WithCancel(sess.Context())
		go func() {
			for {
				select {
				case <-ctx.Done():
					p.Quit()
					return
				case m := <-latest:
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
