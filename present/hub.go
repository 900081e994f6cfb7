package present

import "sync"

// Hub broadcasts a presenter's State to any number of subscribers. Publish
// never blocks: each subscriber has a one-slot mailbox that always holds the
// latest state it has not read yet, so a slow follower skips intermediate
// states instead of holding up the presenter. The zero Hub is not usable;
// call NewHub.
type Hub struct {
	mu     sync.Mutex
	subs   map[chan State]struct{}
	latest State
	has    bool
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: make(map[chan State]struct{})}
}

// Publish makes s the latest state and offers it to every subscriber.
func (h *Hub) Publish(s State) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.latest, h.has = s, true
	for ch := range h.subs {
		offer(ch, s)
	}
}

// offer replaces whatever ch holds with s. Only Publish and Subscribe send,
// under the hub's lock, so the second select always finds the slot free.
func offer(ch chan State, s State) {
	select {
	case <-ch:
	default:
	}
	select {
	case ch <- s:
	default:
	}
}

// Latest returns the last published state, and false before any Publish.
func (h *Hub) Latest() (State, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.latest, h.has
}

// Subscribe returns a channel that receives the latest state (at once when
// one was published already, then on every change) and a function that
// unsubscribes and closes the channel. Calling it twice is safe.
func (h *Hub) Subscribe() (<-chan State, func()) {
	ch := make(chan State, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	if h.has {
		ch <- h.latest
	}
	h.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.subs, ch)
			close(ch)
			h.mu.Unlock()
		})
	}
}

// Subscribers returns how many subscribers the hub has.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
