package notes

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
// and Read use it to follow formerIds and re-anchor passages.
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
	problem  error
	coll     Collection
	gen      uint64 // counts installs by mutations, so Reload keeps newer state
}

// Open opens the notes file at path for reading and writing. A missing file
// is an empty collection, created at the first change. A file that cannot
// be read returns a *FileError (naming the file, line:col for JSON errors,
// and what to do); the file is left untouched.
func Open(path string, opts ...Option) (*Store, error) {
	s := newStore(path, opts)
	coll, err := readCollection(path, true)
	if err != nil {
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

// readCollection reads and decodes the notes file; a missing file is an
// empty collection when missingOK.
func readCollection(path string, missingOK bool) (Collection, error) {
	data, err := readFile(path)
	switch {
	case err == nil:
		return Decode(path, data)
	case errors.Is(err, errNotRegular):
		return Collection{}, &FileError{Path: path, Problem: "not a regular file (a directory, device or pipe)",
			Hint: "pass --notes FILE naming a notes file", Err: err}
	case errors.Is(err, errTooLarge):
		return Collection{}, &FileError{Path: path, Problem: fmt.Sprintf("file is larger than the %d MiB limit", MaxFileSize>>20),
			Hint: "this is not a notes file crux wrote; pass --notes FILE to use another file", Err: err}
	case missingOK && errors.Is(err, fs.ErrNotExist):
		return newCollection(""), nil
	case errors.Is(err, fs.ErrNotExist):
		return Collection{}, &FileError{Path: path, Problem: "no such file", Hint: "check the path", Err: err}
	default:
		return Collection{}, &FileError{Path: path, Problem: "cannot read the notes file: " + err.Error(),
			Hint: "check its permissions, or pass --notes FILE to use another file (crux will not write to this one)", Err: err}
	}
}

// MaxFileSize is the largest notes file crux reads, the limit of content
// files too.
const MaxFileSize = model.MaxFileSize

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("file too large")
)

// readFile reads a notes file of at most MaxFileSize bytes. It checks the
// file is a regular one first, so that a named pipe or a device cannot
// block crux or fill its memory.
func readFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if fi.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, errTooLarge
	}
	return data, nil
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
// open, reload or save, or nil.
func (s *Store) Problem() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
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
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save notes %s: %w", s.path, err)
	}
	lock := flock.New(s.path+".lock", flock.SetPermissions(0o644))
	// A blocking lock: the kernel queues waiters fairly, and holders keep it
	// only for one read and one write.
	if err := lock.Lock(); err != nil {
		return fmt.Errorf("save notes: lock %s: %w", lock.Path(), err)
	}
	defer func() { _ = lock.Close() }()

	removeStaleTemps(dir, filepath.Base(s.path))
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
	if err := renameio.WriteFile(s.path, data, 0o644, renameio.WithTempDir(dir)); err != nil {
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

// removeStaleTemps deletes the temporary files ".<base><digits>" that
// renameio leaves when a save is killed before its rename. Call it only
// under the file lock: then no save of this file is in progress.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // cleaning is best effort; the save reports real I/O errors
	}
	prefix := "." + base
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || !e.Type().IsRegular() || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer func() { _ = d.Close() }()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
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
	if p := itemProblem(a); p != "" {
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
	if c := s.cfg.content; c != nil {
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

// SetNote sets the reader's Markdown note on node id; an empty text removes
// the note. It returns the saved annotation (zero when the reader's
// annotation became empty and was deleted).
func (s *Store) SetNote(nodeID, text string) (Annotation, error) {
	text = strings.TrimRight(text, " \t\r\n")
	return s.editNode(nodeID, func(a *Annotation) error {
		if text == "" {
			a.setBody(Commenting)
		} else {
			a.setBody(Commenting, text)
		}
		return nil
	})
}

// SetStance sets the reader's stance on node id; "" removes it.
func (s *Store) SetStance(nodeID string, st Stance) (Annotation, error) {
	if st != "" && !st.Valid() {
		return Annotation{}, fmt.Errorf("notes: unknown stance %q (want agree, disagree, unsure or needs-evidence)", st)
	}
	return s.editNode(nodeID, func(a *Annotation) error {
		if st == "" {
			a.setBody(Assessing)
		} else {
			a.setBody(Assessing, string(st))
		}
		return nil
	})
}

// AddTag adds a tag to the reader's annotation of node id (once).
func (s *Store) AddTag(nodeID, tag string) (Annotation, error) {
	tag = strings.TrimSpace(tag)
	if tag == "" {
		return Annotation{}, errors.New("notes: add tag: the tag is empty")
	}
	return s.editNode(nodeID, func(a *Annotation) error {
		tags := a.Tags()
		if !slices.Contains(tags, tag) {
			a.setBody(Tagging, append(tags, tag)...)
		}
		return nil
	})
}

// RemoveTag removes a tag from the reader's annotation of node id.
func (s *Store) RemoveTag(nodeID, tag string) (Annotation, error) {
	tag = strings.TrimSpace(tag)
	return s.editNode(nodeID, func(a *Annotation) error {
		a.setBody(Tagging, slices.DeleteFunc(a.Tags(), func(t string) bool { return t == tag })...)
		return nil
	})
}

// editNode applies edit to the reader's annotation of node id (creating it),
// re-targets it at the node's current id and text hash, and saves it. An
// annotation left without bodies is deleted.
func (s *Store) editNode(nodeID string, edit func(*Annotation) error) (Annotation, error) {
	c := s.cfg.content
	if c == nil {
		return Annotation{}, ErrNoContent
	}
	n := c.Node(nodeID)
	if n == nil {
		return Annotation{}, fmt.Errorf("notes: no node %q in %s", nodeID, c.Path)
	}
	var saved Annotation
	err := s.mutate(func(coll *Collection) error {
		i := s.mineOnNode(coll, n.ID)
		var a Annotation
		if i >= 0 {
			a = coll.Items[i].clone()
		} else {
			a = NewNodeAnnotation(n, s.cfg.creator, s.now())
		}
		before := a.clone()
		if err := edit(&a); err != nil {
			return err
		}
		if slices.Equal(a.Body, before.Body) {
			if i >= 0 {
				saved = before
			}
			return errNoChange
		}
		a.Target = Target{Source: NodeSourcePrefix + n.ID, NodeHash: NodeTextHash(n)}
		a.Modified = later(s.now(), before.Modified)
		switch {
		case a.Empty() && i >= 0:
			coll.Items = slices.Delete(coll.Items, i, i+1)
		case a.Empty():
			return errNoChange
		case i >= 0:
			coll.Items[i] = a
			saved = a
		default:
			coll.Items = append(coll.Items, a)
			saved = a
		}
		return nil
	})
	return saved.clone(), err
}

// mineOnNode returns the index of the reader's most recently modified
// annotation on node id in coll, or -1.
func (s *Store) mineOnNode(coll *Collection, id string) int {
	best := -1
	for i, a := range coll.Items {
		if a.Creator.ID != s.cfg.creator.ID || !s.onNode(a, id) {
			continue
		}
		if best < 0 || a.Modified.After(coll.Items[best].Modified) {
			best = i
		}
	}
	return best
}

// AnnotatePassage saves the reader's note on a passage of the article: the
// quote exact with its prefix and suffix, at rune offsets [start, end) of
// the article text. When the reader already annotated the same quote at the
// same position, that annotation's note is replaced; an empty note makes a
// highlight.
func (s *Store) AnnotatePassage(exact, prefix, suffix string, start, end int, note string) (Annotation, error) {
	c := s.cfg.content
	if c == nil {
		return Annotation{}, ErrNoContent
	}
	if exact == "" {
		return Annotation{}, errors.New("notes: annotate passage: the quote is empty")
	}
	if start < 0 || end < start {
		return Annotation{}, fmt.Errorf("notes: annotate passage: bad range [%d, %d)", start, end)
	}
	note = strings.TrimRight(note, " \t\r\n")
	q := Quote{Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end}
	var saved Annotation
	err := s.mutate(func(coll *Collection) error {
		for i, a := range coll.Items {
			old, ok := a.Quote()
			if !ok || a.Creator.ID != s.cfg.creator.ID || old.Exact != exact || old.Start != start {
				continue
			}
			if a.Note() == note {
				saved = a
				return errNoChange
			}
			if note == "" {
				a.setBody(Commenting)
			} else {
				a.setBody(Commenting, note)
			}
			a.Modified = later(s.now(), a.Modified)
			coll.Items[i] = a
			saved = a
			return nil
		}
		saved = NewPassageAnnotation(c.Article.Path, q, note, s.cfg.creator, s.now())
		coll.Items = append(coll.Items, saved)
		return nil
	})
	return saved.clone(), err
}

// Import merges the annotations of another notes file into this one, by id:
// new ids are added, a newer modified time replaces, and nothing is dropped.
// Creators are kept, so the UI can show whose notes are whose. The other
// file's read list is not merged (it is the other reader's progress).
func (s *Store) Import(path string) (MergeResult, error) {
	other, err := readCollection(path, false)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			cp := *fe
			cp.Hint = "fix that file and import it again; your notes were not changed"
			return MergeResult{}, &cp
		}
		return MergeResult{}, err
	}
	var r MergeResult
	err = s.mutate(func(c *Collection) error {
		r = c.merge(other.Items)
		if r.Added+r.Updated == 0 {
			return errNoChange
		}
		return nil
	})
	return r, err
}
