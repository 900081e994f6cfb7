package poll

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Event is one line of a poll log.
type Event struct {
	Time   time.Time `json:"t"`
	Kind   string    `json:"event"` // open, close, show, hide or vote
	Step   int       `json:"step"`  // 0-based tour step
	Node   string    `json:"node"`
	Voter  string    `json:"voter,omitempty"`  // pseudonym of this run ("v3"); votes only
	Stance string    `json:"stance,omitempty"` // votes only; "withdrawn" withdraws
}

// Log appends events to a JSON Lines file, one write and one fsync per
// event, so that a crash loses at most the event being written.
type Log struct {
	mu   sync.Mutex
	f    *os.File
	path string
}

// OpenLog opens path for appending, creating it (0600) and its folder.
func OpenLog(path string) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("poll log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("poll log: %w", err)
	}
	return &Log{f: f, path: path}, nil
}

// Path is the log's file.
func (l *Log) Path() string { return l.path }

// Append writes e as one line and syncs it to disk.
func (l *Log) Append(e Event) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("poll log %s: %w", l.path, err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("poll log %s: %w", l.path, err)
	}
	return nil
}

// Close closes the file.
func (l *Log) Close() error { return l.f.Close() }

// ReadLog reads a poll log. A line that is not an event is an error naming
// the line, except a last line without its newline (the event in flight
// when the server stopped), which is skipped.
func ReadLog(r io.Reader, name string) ([]Event, error) {
	var events []Event
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			var e Event
			if jerr := json.Unmarshal(line, &e); jerr != nil || e.Kind == "" {
				if err == io.EOF { // torn last line
					return events, nil
				}
				return nil, fmt.Errorf("%s:%d: not a poll event: want a JSON object with \"event\", \"step\" and \"node\", one per line", name, n)
			}
			events = append(events, e)
		}
		if err == io.EOF {
			return events, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}
