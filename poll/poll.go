// Package poll is the live poll of a talk served over SSH: viewers answer
// the presenter's current step with a stance, one vote per viewer and node,
// changeable; the presenter opens and closes voting and chooses when the
// room sees the results. Every change is appended to a JSON Lines log as it
// happens; Report summarises such a log. Identities never leave the poll:
// the log and every result name voters by a pseudonym of this run only.
package poll

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// Stance is a viewer's answer. None withdraws it.
type Stance int

// The stances, numbered as the explorer's keys (1 to 4; 0 withdraws).
const (
	None Stance = iota
	Agree
	Disagree
	Unsure
	NeedsEvidence
	numStances
)

// Stances are the answers, in key order.
var Stances = []Stance{Agree, Disagree, Unsure, NeedsEvidence}

// stanceNames are the stances as logs and reports write them: the notes
// file's stance values, and "withdrawn".
var stanceNames = [numStances]string{"withdrawn", "agree", "disagree", "unsure", "needs-evidence"}

// Name is the stance as the log and the json and csv reports write it.
func (s Stance) Name() string {
	if s < 0 || s >= numStances {
		return fmt.Sprintf("stance(%d)", int(s))
	}
	return stanceNames[s]
}

// String is the stance in words, for screens: "needs evidence".
func (s Stance) String() string { return strings.ReplaceAll(s.Name(), "-", " ") }

// ParseStance is the inverse of Name.
func ParseStance(name string) (Stance, bool) {
	for i, n := range stanceNames {
		if n == name {
			return Stance(i), true
		}
	}
	return None, false
}

// ErrClosed is returned for a vote on a node whose voting is not open.
var ErrClosed = errors.New("voting is not open on this step")

// Counts are votes per stance, indexed by Stance (None unused).
type Counts [numStances]int

// Snapshot is the poll of one step as screens show it.
type Snapshot struct {
	Step     int    `json:"step"`
	Node     string `json:"node"`
	Open     bool   `json:"open,omitempty"`     // viewers may vote
	Shown    bool   `json:"shown,omitempty"`    // viewers see the results
	Counts   Counts `json:"counts"`             // current votes per stance
	Answered int    `json:"answered"`           // viewers with a vote
	Viewers  int    `json:"viewers"`            // viewers connected
	Revealed bool   `json:"revealed,omitempty"` // shown at least once: Moved is meaningful
	Moved    Counts `json:"moved"`              // change per stance since the last reveal
}

// Active reports whether the step has a poll worth showing.
func (s Snapshot) Active() bool { return s.Open || s.Shown || s.Answered > 0 || s.Revealed }

type nodePoll struct {
	step     int
	open     bool
	shown    bool
	votes    map[string]Stance // by pseudonym
	revealed bool
	atReveal Counts
}

func (n *nodePoll) counts() (c Counts, answered int) {
	for _, s := range n.votes {
		c[s]++
	}
	return c, len(n.votes)
}

// Poll is the live poll of one talk. It is safe for concurrent use.
type Poll struct {
	mu      sync.Mutex
	log     *Log
	now     func() time.Time
	nodes   map[string]*nodePoll
	names   map[string]string // identity → pseudonym
	changed chan struct{}
}

// New returns a poll that appends every change to log (none when nil).
func New(log *Log) *Poll {
	return &Poll{log: log, now: time.Now, nodes: map[string]*nodePoll{}, names: map[string]string{}, changed: make(chan struct{}, 1)}
}

// Changed receives a value after any change (one pending at most): the
// presenter's cue to redraw.
func (p *Poll) Changed() <-chan struct{} { return p.changed }

func (p *Poll) node(step int, node string) *nodePoll {
	n := p.nodes[node]
	if n == nil {
		n = &nodePoll{step: step, votes: map[string]Stance{}}
		p.nodes[node] = n
	}
	return n
}

// record logs e and signals the change; the caller holds p.mu, so that
// the log is in the order of the changes.
func (p *Poll) record(e Event) error {
	select {
	case p.changed <- struct{}{}:
	default:
	}
	if p.log == nil {
		return nil
	}
	e.Time = p.now().UTC()
	return p.log.Append(e)
}

// SetOpen opens or closes voting on the node of step.
func (p *Poll) SetOpen(step int, node string, open bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.node(step, node)
	if n.open == open {
		return nil
	}
	n.open = open
	kind := "close"
	if open {
		kind = "open"
	}
	return p.record(Event{Kind: kind, Step: step, Node: node})
}

// CloseAll closes voting wherever it is open, in step order, as the talk
// ends, so that the log says where voting stopped.
func (p *Poll) CloseAll() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	nodes := make([]string, 0, len(p.nodes))
	for node, n := range p.nodes {
		if n.open {
			nodes = append(nodes, node)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return p.nodes[nodes[i]].step < p.nodes[nodes[j]].step })
	var errs []error
	for _, node := range nodes {
		n := p.nodes[node]
		n.open = false
		errs = append(errs, p.record(Event{Kind: "close", Step: n.step, Node: node}))
	}
	return errors.Join(errs...)
}

// SetShown shows the results to the viewers, or hides them. Showing is a
// reveal: movement is counted from it.
func (p *Poll) SetShown(step int, node string, shown bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.node(step, node)
	if n.shown == shown {
		return nil
	}
	n.shown = shown
	kind := "hide"
	if shown {
		kind = "show"
		n.revealed = true
		n.atReveal, _ = n.counts()
	}
	return p.record(Event{Kind: kind, Step: step, Node: node})
}

// Vote records identity's stance on node (None withdraws it). Identities
// stay inside the poll; results and the log use a pseudonym.
func (p *Poll) Vote(identity, node string, s Stance) error {
	if s < None || s >= numStances {
		return fmt.Errorf("no stance %d", int(s))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := p.nodes[node]
	if n == nil || !n.open {
		return ErrClosed
	}
	name, ok := p.names[identity]
	if !ok {
		name = fmt.Sprintf("v%d", len(p.names)+1)
		p.names[identity] = name
	}
	old, had := n.votes[name]
	if s == None {
		if !had {
			return nil
		}
		delete(n.votes, name)
	} else {
		if had && old == s {
			return nil
		}
		n.votes[name] = s
	}
	return p.record(Event{Kind: "vote", Step: n.step, Node: node, Voter: name, Stance: s.Name()})
}

// Snapshot is the poll of step's node, with viewers connected viewers.
func (p *Poll) Snapshot(step int, node string, viewers int) Snapshot {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := Snapshot{Step: step, Node: node, Viewers: viewers}
	n := p.nodes[node]
	if n == nil {
		return s
	}
	s.Open, s.Shown, s.Revealed = n.open, n.shown, n.revealed
	s.Counts, s.Answered = n.counts()
	if n.revealed {
		for i := range s.Counts {
			s.Moved[i] = s.Counts[i] - n.atReveal[i]
		}
	}
	return s
}
