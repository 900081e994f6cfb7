// Package watch reloads a content set when its files change, for people who
// edit claims.json or article.md in their own editor beside crux. It
// watches the folders holding the claims file and the article (editors
// that save by writing a new file and renaming it over the old one replace
// the file, so watching the file itself would lose track), waits until the
// writes settle, reloads through the model's loader, and delivers either
// the new content or the loader's findings. Delivery is a tea.Cmd, so a
// Bubble Tea model gets one message per reload:
//
//	func (m model) Init() tea.Cmd { return m.watcher.Next() }
//	case watch.Reloaded: m.content = msg.Content; return m, m.watcher.Next()
//	case watch.Failed:   m.findings = msg.Findings; return m, m.watcher.Next()
package watch

import (
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/crux-news/crux/model"
)

// DefaultDebounce is how long the files must be quiet before a reload.
const DefaultDebounce = 150 * time.Millisecond

// Reloaded is delivered when the files changed and load with no error.
// Findings holds the warnings.
type Reloaded struct {
	Content  *model.Content
	Findings model.Findings
	// Claims is claims.json as read for this reload, so that an editor can
	// tell its own writes (author.Session.Wrote) from someone else's.
	Claims []byte
}

// Failed is delivered when the files changed but do not load: Findings
// holds the errors (and warnings) to show, e.g. a quote an article edit
// broke. The content shown before stays usable.
type Failed struct {
	Findings model.Findings
	Claims   []byte // as in Reloaded
}

// Error is delivered when the file system watch itself fails (the folder
// was removed, too many watches). Watching may have stopped.
type Error struct{ Err error }

// Watcher watches one content set. Close it when done.
type Watcher struct {
	claims   string // absolute path of claims.json
	debounce time.Duration
	fw       *fsnotify.Watcher
	out      chan tea.Msg // holds at most the latest undelivered message
	done     chan struct{}
	once     sync.Once
	seed     maphash.Seed

	// Owned by the loop goroutine.
	article string             // absolute path of the article, "" until known
	dirs    map[string]bool    // watched folders
	last    map[string]version // the files at the last reload
}

// version tells a file's contents apart from others without keeping them:
// keeping the bytes of the 10k set's files held 4.3 MB for the whole
// session (pprof heap profile of a held start). maphash is seeded for the
// process and fast (0.4 ms for those 4.3 MB against 2.4 ms for SHA-256, go
// test -bench on this machine); a change it misses would need a 64-bit
// collision.
type version struct {
	sum    uint64
	exists bool
}

// Start watches the content set at path: a folder holding claims.json or
// a claims file. debounce <= 0 means DefaultDebounce. The article watched is
// the one the claims name, followed when article.path changes.
func Start(path string, debounce time.Duration) (*Watcher, error) {
	return start(path, nil, debounce)
}

// StartLoaded is Start for a content set the caller has just loaded from
// path: c names the article to watch, so the set is not loaded a second
// time (at 10k nodes + 1 MB that load was 130-330 CPU-ms of the
// explorer's start, internal/gen/ptytime).
func StartLoaded(path string, c *model.Content, debounce time.Duration) (*Watcher, error) {
	return start(path, c, debounce)
}

func start(path string, c *model.Content, debounce time.Duration) (*Watcher, error) {
	claims, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(claims); err == nil && fi.IsDir() {
		claims = filepath.Join(claims, "claims.json")
	}
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", path, err)
	}
	w := &Watcher{claims: claims, debounce: debounce, fw: fw,
		out: make(chan tea.Msg, 1), done: make(chan struct{}), dirs: map[string]bool{}, last: map[string]version{}, seed: maphash.MakeSeed()}
	if err := w.watchDir(filepath.Dir(claims)); err != nil {
		fw.Close()
		return nil, err
	}
	if c == nil {
		c, _ = model.LoadFile(claims)
	}
	if c != nil {
		w.follow(c.Article.File)
	}
	w.snapshot()
	go w.loop()
	return w, nil
}

// Next returns a command that waits for the next reload and returns its
// message (Reloaded, Failed or Error), or nil once the watcher is closed.
// Call it again after each message.
func (w *Watcher) Next() tea.Cmd {
	return func() tea.Msg {
		select {
		case m := <-w.out:
			return m
		case <-w.done:
			return nil
		}
	}
}

// Close stops watching. Pending Next commands return nil.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fw.Close()
	})
	return err
}

func (w *Watcher) watchDir(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.fw.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w.dirs[dir] = true
	return nil
}

// follow starts watching the article's folder too.
func (w *Watcher) follow(article string) {
	if article == "" {
		return
	}
	if abs, err := filepath.Abs(article); err == nil {
		w.article = abs
		if err := w.watchDir(filepath.Dir(abs)); err != nil {
			w.send(Error{Err: err})
		}
	}
}

func (w *Watcher) relevant(name string) bool {
	name = filepath.Clean(name)
	return name == w.claims || (w.article != "" && name == w.article)
}

func (w *Watcher) loop() {
	var fire <-chan time.Time
	var timer *time.Timer
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if timer == nil {
				timer = time.NewTimer(w.debounce)
			} else {
				timer.Reset(w.debounce)
			}
			fire = timer.C
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			w.send(Error{Err: err})
		case <-fire:
			fire = nil
			w.reload()
		}
	}
}

// snapshot records the files' versions; it reports whether they changed,
// and returns the claims file's bytes as read (nil when unreadable).
func (w *Watcher) snapshot() (changed bool, claims []byte) {
	for _, p := range []string{w.claims, w.article} {
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		v := version{sum: maphash.Bytes(w.seed, b), exists: err == nil}
		if err != nil {
			b = nil
		}
		if old, ok := w.last[p]; !ok || old != v {
			changed = true
		}
		w.last[p] = v
		if p == w.claims {
			claims = b
		}
	}
	return changed, claims
}

// reload loads the content again when a file's bytes changed (an editor
// that rewrites a file unchanged causes no reload).
func (w *Watcher) reload() {
	changed, claims := w.snapshot()
	if !changed {
		return
	}
	c, fs := model.LoadFile(w.claims)
	if c != nil && c.Article.File != "" {
		if abs, _ := filepath.Abs(c.Article.File); abs != w.article {
			w.follow(c.Article.File)
			_, claims = w.snapshot()
		}
	}
	if fs.Errors() > 0 || c == nil {
		w.send(Failed{Findings: fs, Claims: claims})
		return
	}
	w.send(Reloaded{Content: c, Findings: fs, Claims: claims})
}

// send delivers m, replacing an undelivered older message: a slow reader
// gets the latest state, never a queue of stale ones.
func (w *Watcher) send(m tea.Msg) {
	for {
		select {
		case w.out <- m:
			return
		case <-w.done:
			return
		default:
			select {
			case <-w.out:
			default:
			}
		}
	}
}
