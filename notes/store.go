package notes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"github.com/google/renameio/v2"

	"github.com/crux-news/crux/model"
)

// ErrReadOnly is returned by every mutation of a read-only store.
var ErrReadOnly = errors.New("notes are open read-only: nothing was saved")

// ErrNoContent is returned by the node and passage helpers of a store opened
// without WithContent: they need the content to find the node or article.
var ErrNoContent = errors.New("notes: the store was opened without content (WithContent)")

// Option configures a Store.
type Option func(*config)

type config struct {
	creator Creator
	content *model.Content
	now     func() time.Time
}

// WithReader sets the reader's name, the creator of the notes this store
// writes. The default is "reader".
func WithReader(name string) Option {
	return func(c *config) { c.creator = NewCreator(name) }
}

// WithContent gives the store the content the notes are about. The node and
// passage helpers (SetNote, AnnotatePassage, …) need it; ForNode, ForPassage
// and Read use it to follow formerIds and re-anchor passages. SetContent
// replaces it when the content changes.
func WithContent(c *model.Content) Option {
	return func(cfg *config) { cfg.content = c }
}

// WithClock sets the clock used for created and modified times (tests).
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// Store is the notes file of one article. Its methods are safe for
// concurrent use. Every mutation is saved before it returns: under an
// exclusive lock on "<file>.lock" the file is re-read, the change applied to
// what is on disk, and the file atomically replaced. Queries answer from the
// state of the last load or save; call Reload to see other processes' notes.
//
// Queries never wait for disk I/O: mutations run one at a time, doing their
// locking, reading and writing without holding the lock that queries take,
// which they hold only to install the saved collection. A query made while
// a mutation is saving sees the state from before it. To apply mutations in
// a given order without waiting for each, use a Queue.
type Store struct {
	// ioMu serialises mutations: it is held across the file lock, the read
	// and the write. Take it before mu, never while holding mu.
	ioMu sync.Mutex
	// mu guards problem, coll and gen; it is never held during I/O.
	mu       sync.RWMutex
	path     string
	cfg      config
	readOnly bool // set before the store is shared, then never changed
	// roReason is why a read-only store's file may not be written (it is
	// read-only, or its folder is), or nil; set with readOnly.
	roReason error
	problem  error
	coll     Collection
	gen      uint64 // counts installs by mutations, so Reload keeps newer state
}

// Open opens the notes file at path for reading and writing. A missing file
// is an empty collection, created at the first change. A file that cannot
// be read returns a *FileError (naming the file, line:col for JSON errors,
// and what to do); the file is left untouched.
//
// A notes file its owner made read-only (no write permission, or a folder
// crux may not write) is a *FileError too: crux must not replace it by
// renaming a new file over it. Open it with OpenReadOnly instead.
func Open(path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	coll, err := readCollection(path, true)
	if err != nil {
		return nil, err
	}
	if err := writeProblem(path); err != nil {
		return nil, err
	}
	s.setColl(coll)
	return s, nil
}

// OpenReadOnly opens the notes file at path without ever writing to it:
// every mutation returns ErrReadOnly. The store is never nil. When the file
// cannot be read, err is the *FileError, the store holds no notes, and
// Problem returns the same error, so the UI can run and show why.
func OpenReadOnly(path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	s.readOnly = true
	coll, err := readCollection(path, true)
	if err != nil {
		s.problem = err
		coll = newCollection("")
	}
	// A file that reads fine but may not be written is no error here (it
	// exports and shows as usual), but Problem says why nothing is saved.
	s.roReason = writeProblem(path)
	s.setColl(coll)
	return s, err
}

func newStore(path string, opts []Option) *Store {
	cfg := config{creator: NewCreator(""), now: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	return &Store{path: path, cfg: cfg}
}

// setColl installs a freshly read or saved collection, made safe for the
// terminal (see terminalSafe). Must hold s.mu for writing or be called
// before the store is shared.
func (s *Store) setColl(c Collection) {
	if c.Article == "" && s.cfg.content != nil {
		c.Article = ArticleIdentity(s.cfg.content.Article.ArticleMeta, s.cfg.content.Article.Text)
	}
	c.terminalSafe() // the one place notes are made safe to show
	s.coll = c
}

// Path returns the notes file's path.
func (s *Store) Path() string { return s.path }

// Creator returns the reader this store writes notes as.
func (s *Store) Creator() Creator { return s.cfg.creator }

// ReadOnly reports whether mutations are refused.
func (s *Store) ReadOnly() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.readOnly
}

// Problem returns the error that made the notes file unreadable at the last
// open, reload or save, else, for a store opened read-only, why its file
// may not be written (a *FileError), or nil.
func (s *Store) Problem() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.problem == nil && s.roReason != nil {
		return s.roReason
	}
	return s.problem
}

// Reload re-reads the file (taking no lock: saves replace it atomically).
// On error the previous notes stay visible and the error is returned. When
// a mutation of this store saves while Reload reads, the saved state, which
// is at least as new, is kept.
func (s *Store) Reload() error {
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	coll, err := readCollection(s.path, true)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen != gen {
		return err
	}
	if err != nil {
		s.problem = err
		return err
	}
	s.problem = nil
	s.setColl(coll)
	return nil
}

// Collection returns a copy of the whole collection, for ExportJSON.
func (s *Store) Collection() Collection {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.coll
	c.Items = cloneAll(s.coll.Items)
	c.Read = slices.Clone(s.coll.Read)
	return c
}

// All returns every annotation, by created time then id.
func (s *Store) All() []Annotation {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return cloneAll(s.coll.Items)
}

func cloneAll(items []Annotation) []Annotation {
	out := make([]Annotation, len(items))
	for i, a := range items {
		out[i] = a.clone()
	}
	return out
}

// Get returns the annotation with id.
func (s *Store) Get(id string) (Annotation, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, a := range s.coll.Items {
		if a.ID == id {
			return a.clone(), true
		}
	}
	return Annotation{}, false
}

// ForNode returns every annotation (of every creator) on node id, following
// formerIds when the store has content, by created time.
func (s *Store) ForNode(id string) []Annotation {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Annotation
	for _, a := range s.coll.Items {
		if s.onNode(a, id) {
			out = append(out, a.clone())
		}
	}
	return out
}

// onNode reports whether a annotates the node id (or the node id became).
func (s *Store) onNode(a Annotation, id string) bool {
	aid, ok := a.NodeID()
	if !ok {
		return false
	}
	if aid == id {
		return true
	}
	if c := s.cfg.content; c != nil {
		n := c.Node(id)
		return n != nil && c.Node(aid) == n
	}
	return false
}

// ForPassage returns the passage annotations whose passage overlaps the rune
// range [start, end) of the article text (an empty range matches passages
// that contain start). With content, passages are re-anchored first and
// orphaned ones never match.
func (s *Store) ForPassage(start, end int) []Annotation {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Annotation
	for _, a := range s.coll.Items {
		q, ok := a.Quote()
		if !ok {
			continue
		}
		ps, pe := q.Start, q.End
		if c := s.cfg.content; c != nil {
			r := Resolve(a, c)
			if r.Status == AnchorOrphaned {
				continue
			}
			ps, pe = r.Start, r.End
		}
		if ps < 0 {
			continue
		}
		if (start < end && ps < end && start < pe) || (start == end && ps <= start && start < pe) {
			out = append(out, a.clone())
		}
	}
	return out
}

// Read returns the set of node ids the reader has opened. With content,
// former ids are reported under the node's current id.
func (s *Store) Read() map[string]bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]bool, len(s.coll.Read))
	for _, id := range s.coll.Read {
		if c := s.cfg.content; c != nil {
			if n := c.Node(id); n != nil {
				id = n.ID
			}
		}
		out[id] = true
	}
	return out
}

// errNoChange tells mutate that nothing needs writing.
var errNoChange = errors.New("no change")

// mutate applies fn to the collection on disk under the file lock and saves
// the result atomically. When the file on disk cannot be read, nothing is
// written and its *FileError is returned. It holds s.ioMu throughout and
// s.mu only to record the outcome, so queries never wait for the disk.
func (s *Store) mutate(fn func(*Collection) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.ioMu.Lock()
	defer s.ioMu.Unlock()
	// A symbolic link stays one: the file it names is the one replaced,
	// with the temporary file beside it, under that file's lock.
	target, err := saveTarget(s.path)
	if err == nil {
		err = writeProblem(s.path)
	}
	if err != nil {
		s.mu.Lock()
		s.problem = err
		s.mu.Unlock()
		return err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save notes %s: %w", s.path, err)
	}
	lock := flock.New(target+".lock", flock.SetPermissions(0o644))
	// A blocking lock: the kernel queues waiters fairly, and holders keep it
	// only for one read and one write.
	if err := lock.Lock(); err != nil {
		return fmt.Errorf("save notes: lock %s: %w", lock.Path(), err)
	}
	defer func() { _ = lock.Close() }()

	removeStaleTemps(dir, filepath.Base(target))
	coll, err := readCollection(s.path, true)
	s.mu.Lock()
	if err != nil {
		s.problem = err
	} else {
		s.problem = nil
		if coll.Article == "" {
			coll.Article = s.coll.Article
		}
	}
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if err := fn(&coll); err != nil {
		if errors.Is(err, errNoChange) {
			s.install(coll)
			return nil
		}
		return err
	}
	data, err := Encode(coll)
	if err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil {
		perm = fi.Mode().Perm() // a 0600 file stays private
	}
	if err := renameio.WriteFile(target, data, perm, renameio.WithTempDir(dir)); err != nil {
		return fmt.Errorf("save notes %s: %w", s.path, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("save notes %s: %w", s.path, err)
	}
	coll.normalize()
	s.install(coll)
	return nil
}

// install makes the collection a mutation read or saved the one queries
// answer from.
func (s *Store) install(c Collection) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setColl(c)
	s.gen++
}

// now returns the store's clock time, normalised for storage.
func (s *Store) now() time.Time { return stamp(s.cfg.now()) }

// later returns now, or just after prev when the clock has not moved past
// it, so that every edit has a newer modified time than the one it replaces.
func later(now, prev time.Time) time.Time {
	if now.After(prev) {
		return now
	}
	return prev.Add(time.Millisecond)
}

// Put saves a: added when its id is new, else it replaces the stored one
// unless that one has a newer modified time (the newer wins; a tie goes to
// a). Missing @context, type, id, created or modified are filled in.
func (s *Store) Put(a Annotation) error {
	a = a.clone()
	now := s.now()
	if a.Context == "" {
		a.Context = AnnoContext
	}
	if a.Type == "" {
		a.Type = TypeAnnotation
	}
	if a.ID == "" {
		a.ID = NewID()
	}
	if a.Created.IsZero() {
		a.Created = now
	}
	if a.Modified.IsZero() {
		a.Modified = now
	}
	a.Created, a.Modified = stamp(a.Created), stamp(a.Modified)
	if _, p := itemProblem(a); p != "" {
		return fmt.Errorf("notes: put: %s", p)
	}
	return s.mutate(func(c *Collection) error {
		for i, old := range c.Items {
			if old.ID == a.ID {
				if old.Modified.After(a.Modified) {
					return errNoChange
				}
				c.Items[i] = a
				return nil
			}
		}
		c.Items = append(c.Items, a)
		return nil
	})
}

// Delete removes the annotation with id. Deleting an id that is not there
// is not an error.
func (s *Store) Delete(id string) error {
	return s.mutate(func(c *Collection) error {
		i := slices.IndexFunc(c.Items, func(a Annotation) bool { return a.ID == id })
		if i < 0 {
			return errNoChange
		}
		c.Items = slices.Delete(c.Items, i, i+1)
		return nil
	})
}

// MarkRead records that the reader opened node id (its current id when the
// store has content). Already-read nodes cost no write.
func (s *Store) MarkRead(nodeID string) error {
	if c := s.content(); c != nil {
		if n := c.Node(nodeID); n != nil {
			nodeID = n.ID
		}
	}
	if nodeID == "" {
		return errors.New("notes: mark read: empty node id")
	}
	s.mu.RLock()
	_, done := slices.BinarySearch(s.coll.Read, nodeID)
	s.mu.RUnlock()
	if done {
		return nil
	}
	return s.mutate(func(c *Collection) error {
		if slices.Contains(c.Read, nodeID) {
			return errNoChange
		}
		c.Read = append(c.Read, nodeID)
		return nil
	})
}
