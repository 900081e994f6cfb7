// Package authoring is crux edit's part of the explorer: the components
// that select a passage, fill a node's form, pick a link, confirm a delete,
// list the validator's findings and arrange tours, and the Editor that
// applies their changes to an author.Session in commands, in order.
package authoring

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// Snapshot is the session as a change left it, for the UI to read without
// touching the session (which the Editor's worker owns).
type Snapshot struct {
	File     *model.File    // the claims in the session (never modified)
	Content  *model.Content // loaded; nil when they do not load
	Findings model.Findings
	NodeOf   []string // the node each finding concerns, or ""
	Unsaved  bool     // the session holds a change not on disk (it has errors)
	Undo     string   // what undo would take back, or ""
	Redo     string
}

// Valid reports whether the snapshot has no error (and so is on disk).
func (s Snapshot) Valid() bool { return s.Content != nil && s.Findings.Errors() == 0 }

// Showable reports whether the panes can show the snapshot: it loads, and
// its errors, if any, are ones the author fixes in the app (a quote no
// longer in the article, a dangling link), not ones that stop the explorer
// (author.Unshowable).
func (s Snapshot) Showable() bool { return author.Showable(s.Content, s.Findings) }

// DoneMsg reports a change applied by the Editor: what it did (Op), an
// error when it could not apply, and the session after it.
type DoneMsg struct {
	Op      string
	Err     error
	Written bool
	Snap    Snapshot
	// Focus is the node to show after the change, or "".
	Focus string
	// Quiet is true for a reload of the session's own write: nothing
	// changed for the reader.
	Quiet bool
	// Change is true for the result of Do (not of a reload).
	Change bool
}

// NewestNode as the focus of a change shows the node last added (whose id
// the session makes).
const NewestNode = "\x00newest"

// Op is one change to the session.
type Op func(s *author.Session) (author.Result, error)

// Editor applies changes to a session one at a time, in the order they were
// given, on a worker goroutine: each change validates and writes a file,
// which is not done in Update. A change's command returns its DoneMsg.
type Editor struct {
	s    *author.Session
	mu   sync.Mutex
	cond *sync.Cond
	jobs []func()
	done bool
	idle chan struct{} // closed when the worker has stopped
	busy int           // jobs queued or running
}

// NewEditor starts the worker for s. Close stops it.
func NewEditor(s *author.Session) *Editor {
	e := &Editor{s: s, idle: make(chan struct{})}
	e.cond = sync.NewCond(&e.mu)
	go e.work()
	return e
}

// Snapshot reads the session; call it only before the first change.
func (e *Editor) Snapshot() Snapshot { return snapshot(e.s) }

func snapshot(s *author.Session) Snapshot {
	fs := s.Findings()
	of := make([]string, len(fs))
	for i, f := range fs {
		of[i] = s.NodeOf(f)
	}
	return Snapshot{File: s.File(), Content: s.Content(), Findings: fs, NodeOf: of,
		Unsaved: s.Unsaved(), Undo: s.UndoLabel(), Redo: s.RedoLabel()}
}

func (e *Editor) work() {
	defer close(e.idle)
	for {
		e.mu.Lock()
		for len(e.jobs) == 0 && !e.done {
			e.cond.Wait()
		}
		if len(e.jobs) == 0 {
			e.mu.Unlock()
			return
		}
		j := e.jobs[0]
		e.jobs = e.jobs[1:]
		e.mu.Unlock()
		j()
		e.mu.Lock()
		e.busy--
		e.cond.Broadcast()
		e.mu.Unlock()
	}
}

// Do queues op now (so changes apply in the order they were made) and
// returns the command that waits for it. focus is the node to show after.
func (e *Editor) Do(op Op, focus string) tea.Cmd {
	return e.queue(func(s *author.Session) DoneMsg {
		r, err := op(s)
		return DoneMsg{Op: r.Op, Err: err, Written: r.Written, Focus: focus, Change: true}
	})
}

// Reloaded queues the check of a file watcher's reload: when claims is the
// session's own write, the session's claims are checked again against the
// article (which another editor may have changed), keeping the session's
// changes, and nothing happens when nothing changed (Quiet); else the
// session takes the file as it is now (someone else edited it).
func (e *Editor) Reloaded(claims []byte) tea.Cmd {
	return e.queue(func(s *author.Session) DoneMsg {
		if claims != nil && s.Wrote(claims) {
			if !s.Recheck() {
				return DoneMsg{Quiet: true}
			}
			return DoneMsg{Op: "reloaded: the article changed on disk"}
		}
		err := s.Reload()
		return DoneMsg{Op: "reloaded: the files changed on disk", Err: err}
	})
}

func (e *Editor) queue(job func(s *author.Session) DoneMsg) tea.Cmd {
	res := make(chan DoneMsg, 1)
	e.mu.Lock()
	if e.done {
		e.mu.Unlock()
		return nil
	}
	e.busy++
	e.jobs = append(e.jobs, func() {
		m := job(e.s)
		m.Snap = snapshot(e.s)
		if m.Focus == NewestNode {
			m.Focus = ""
			if ns := m.Snap.File.Nodes; m.Err == nil && len(ns) > 0 && ns[len(ns)-1] != nil {
				m.Focus = ns[len(ns)-1].ID
			}
		}
		res <- m
	})
	e.cond.Broadcast()
	e.mu.Unlock()
	return func() tea.Msg { return <-res }
}

// Wait returns once every change queued so far has been applied.
func (e *Editor) Wait() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for e.busy > 0 {
		e.cond.Wait()
	}
}

// Close waits for the queued changes and stops the worker.
func (e *Editor) Close() {
	e.mu.Lock()
	e.done = true
	e.cond.Broadcast()
	e.mu.Unlock()
	<-e.idle
}

// FindingsOf is a snapshot of the findings of a file watcher's reload, each
// with the node it concerns, for the findings panel of an explorer with no
// session.
func FindingsOf(claims []byte, fs model.Findings) Snapshot {
	of := make([]string, len(fs))
	if f, err := author.Decode(claims); err == nil {
		for i, x := range fs {
			of[i] = author.NodeOf(f, x)
		}
	}
	return Snapshot{Findings: fs, NodeOf: of}
}
