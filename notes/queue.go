package notes

import (
	"errors"
	"sync"
)

// ErrQueueClosed is the result of an operation given to a Queue after Close:
// the operation was not applied.
var ErrQueueClosed = errors.New("notes: the save queue is closed (crux is quitting): the change was not saved")

// Queue applies changes to a Store one at a time, in the order they were
// given, on a single background goroutine. It lets a UI save without
// blocking its event loop while keeping two quick edits of the same note in
// order (a mutex alone is not first-in first-out), and lets the program wait
// for the last saves before it exits.
//
// Use one Queue per Store for all its mutations; queries can go to the
// Store directly. A Queue's methods are safe for concurrent use.
type Queue struct {
	s    *Store
	mu   sync.Mutex
	cond *sync.Cond // signalled when pending grows or closed is set
	// pending is the unbounded first-in first-out list of jobs not yet
	// started; the worker owns a job once it has taken it off.
	pending []job
	closed  bool
	first   error         // first error an operation returned
	done    chan struct{} // closed when the worker has stopped
}

type job struct {
	op  func(*Store) error
	res chan error
}

// NewQueue starts the worker goroutine that applies operations to s. Call
// Close to stop it.
func NewQueue(s *Store) *Queue {
	q := &Queue{s: s, done: make(chan struct{})}
	q.cond = sync.NewCond(&q.mu)
	go q.work()
	return q
}

// Do enqueues op without blocking and returns a channel that receives op's
// result once op has run (it is buffered: nobody has to read it). Operations
// run strictly in the order Do was called, each after the previous one has
// returned. After Close, op is not run and the channel receives
// ErrQueueClosed; a nil op receives an error too.
func (q *Queue) Do(op func(*Store) error) <-chan error {
	res := make(chan error, 1)
	if op == nil {
		res <- errors.New("notes: queue: nil operation")
		return res
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		res <- ErrQueueClosed
		return res
	}
	q.pending = append(q.pending, job{op: op, res: res})
	q.cond.Signal()
	return res
}

// Close stops accepting operations, waits until every operation already
// given to Do has finished, and returns the first error any operation
// returned, or nil. Calling it again waits likewise and returns the same.
func (q *Queue) Close() error {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
	<-q.done
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.first
}

// work runs the queued operations in order until the queue is closed and
// empty.
func (q *Queue) work() {
	defer close(q.done)
	for {
		q.mu.Lock()
		for len(q.pending) == 0 && !q.closed {
			q.cond.Wait()
		}
		if len(q.pending) == 0 {
			q.mu.Unlock()
			return
		}
		j := q.pending[0]
		q.pending[0] = job{} // let the op's closure be collected
		q.pending = q.pending[1:]
		if len(q.pending) == 0 {
			q.pending = nil // release the backing array after a burst
		}
		q.mu.Unlock()

		err := j.op(q.s)
		if err != nil {
			q.mu.Lock()
			if q.first == nil {
				q.first = err
			}
			q.mu.Unlock()
		}
		j.res <- err
	}
}
