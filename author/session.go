package author

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/google/renameio/v2"

	"github.com/crux-news/crux/model"
)

// Session is one content set open for editing. Every operation works on a
// copy of the claims, validates the result with model.LoadBytes, and then:
//
//   - when the result has no error, writes claims.json atomically (a
//     temporary file in the same folder, fsync, rename) in the canonical
//     format, so a reader of the file never sees half a write;
//   - when it has errors, keeps the change in the session (so the author can
//     fix it with the next operation) and writes nothing.
//
// An operation that cannot apply at all (an id that names no node, a step
// index out of range) returns an error and changes nothing. Undo and Redo
// step through every change of the session. A Session is not safe for
// concurrent use.
type Session struct {
	path string      // the claims file
	mode fs.FileMode // its permissions, kept on write

	file     *model.File
	data     []byte // canonical bytes of file
	content  *model.Content
	findings model.Findings

	disk  []byte // what the file held when last read or written by us
	clean []byte // the canonical form of disk: the session has no unsaved change when data equals it

	undo, redo []change
}

// change is one step of the undo history: the claims before or after it.
type change struct {
	label string
	data  []byte
}

// Result is what an operation did.
type Result struct {
	// Op says what changed, in words: `added claim "claim-cost"`.
	Op string
	// Findings are the validator's findings for the claims after the
	// operation, errors and warnings, sorted by position. Positions are
	// those of the file as written (or as it would be written).
	Findings model.Findings
	// Written is true when claims.json was written. It is false when the
	// change has errors (see Findings) or changed nothing on disk.
	Written bool
}

// ErrChanged is returned (wrapped) when claims.json changed on disk since
// the session read or wrote it: the session does not overwrite someone
// else's edit. The change stays in the session; Reload discards it.
var ErrChanged = errors.New("claims.json changed on disk since it was opened")

// Open loads the content set at path (a folder holding claims.json, or a
// claims file) for editing. It fails when the file cannot be read or
// decoded (a syntax error, an unknown field); the error then holds the
// loader's findings, one per line. A file that decodes but has other errors
// (a quote not found) opens, with those findings in Findings.
func Open(path string) (*Session, error) {
	claims := path
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		claims = filepath.Join(path, "claims.json")
		if _, err := os.Lstat(claims); err != nil {
			_, fs := model.LoadFile(path) // missing-claims, with the folder's name
			return nil, &FindingsError{Findings: fs}
		}
	}
	s := &Session{path: claims}
	if err := s.read(); err != nil {
		return nil, err
	}
	return s, nil
}

// read loads the claims file from disk into the session.
func (s *Session) read() error {
	fi, err := os.Stat(s.path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > model.MaxFileSize {
		// The loader says why, without reading a pipe or a huge file.
		_, fs := model.LoadFile(s.path)
		return &FindingsError{Findings: fs}
	}
	s.mode = fi.Mode().Perm()
	raw, err := os.ReadFile(s.path)
	if err != nil {
		return err
	}
	_, fs := model.LoadBytes(s.path, raw)
	if st := Structural(fs); len(st) > 0 {
		return &FindingsError{Findings: st}
	}
	f, err := Decode(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	data, err := Encode(f)
	if err != nil {
		return err
	}
	s.file, s.data, s.disk, s.clean = f, data, raw, data
	s.validate()
	return nil
}

// FindingsError is an error made of loader findings.
type FindingsError struct{ Findings model.Findings }

func (e *FindingsError) Error() string {
	lines := make([]string, len(e.Findings))
	for i, f := range e.Findings {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// Reload discards the session's unsaved change and history and reads the
// file again, e.g. after ErrChanged.
func (s *Session) Reload() error {
	s.undo, s.redo = nil, nil
	return s.read()
}

// Path is the claims file being edited.
func (s *Session) Path() string { return s.path }

// File is the claims as they are in the session (possibly not valid, and
// then not on disk). Callers must not modify it: use the operations.
func (s *Session) File() *model.File { return s.file }

// Content is the loaded content of the session's claims, with resolved
// anchors. It may be nil when the claims do not load at all, and it may
// have errors (see Findings).
func (s *Session) Content() *model.Content { return s.content }

// Findings are the validator's findings for the session's claims.
func (s *Session) Findings() model.Findings { return s.findings }

// Unsaved reports whether the session holds a change that is not on disk,
// because it has errors or its write failed.
func (s *Session) Unsaved() bool { return !bytes.Equal(s.data, s.clean) }

// Wrote reports whether data is what the session last read or wrote, so
// that a file watcher's reload of the session's own write can be ignored
// (and anything else taken with Reload).
func (s *Session) Wrote(data []byte) bool { return bytes.Equal(data, s.disk) }

// Recheck validates the session's claims again against the files beside
// them, keeping its changes and history: after an edit of the article in
// another editor, which can break (or mend) a quote without claims.json
// changing. It reports whether the article or the findings changed.
func (s *Session) Recheck() bool {
	text := func() string {
		if s.content == nil {
			return ""
		}
		return s.content.Article.Text
	}
	before, fs := text(), s.findings
	s.validate()
	return text() != before || !slices.Equal(fs, s.findings)
}

// CanUndo and CanRedo report whether Undo and Redo have a step to take.
func (s *Session) CanUndo() bool { return len(s.undo) > 0 }

// CanRedo reports whether Redo has a step to take.
func (s *Session) CanRedo() bool { return len(s.redo) > 0 }

// Article is the session's article as loaded (for QuoteAnchor, RangeAnchor).
func (s *Session) Article() *model.Article {
	if s.content == nil {
		return nil
	}
	return &s.content.Article
}

// validate runs the loader over the session's bytes.
func (s *Session) validate() {
	s.content, s.findings = model.LoadBytes(s.path, s.data)
}

// apply runs op on a copy of the claims. When op fails nothing changes;
// else the copy becomes the session's claims, the old ones go on the undo
// history, and the result is validated and, if valid, written.
func (s *Session) apply(op func(f *model.File) (string, error)) (Result, error) {
	f, err := Decode(s.data)
	if err != nil {
		return Result{}, err
	}
	label, err := op(f)
	if err != nil {
		return Result{}, err
	}
	data, err := Encode(f)
	if err != nil {
		return Result{}, err
	}
	if bytes.Equal(data, s.data) { // nothing changed: no step in the history
		return s.commit(label)
	}
	s.undo = append(s.undo, change{label: label, data: s.data})
	s.redo = nil
	s.file, s.data = f, data
	return s.commit(label)
}

// commit validates the session's claims and writes them when valid.
func (s *Session) commit(label string) (Result, error) {
	s.validate()
	r := Result{Op: label, Findings: s.findings}
	if s.findings.Errors() > 0 || bytes.Equal(s.data, s.clean) {
		return r, nil
	}
	if err := s.write(); err != nil {
		return r, err
	}
	r.Written = true
	return r, nil
}

// write replaces claims.json with the session's bytes, atomically, unless
// it changed on disk since the session last read or wrote it.
func (s *Session) write() error {
	cur, err := os.ReadFile(s.path)
	if err == nil && !bytes.Equal(cur, s.disk) {
		return fmt.Errorf("%s: %w; your change is kept in the session: reload to take the other edit", s.path, ErrChanged)
	}
	if err := renameio.WriteFile(s.path, s.data, s.mode); err != nil {
		return fmt.Errorf("write %s: %w", s.path, err)
	}
	s.disk, s.clean = s.data, s.data
	return nil
}

// UndoLabel says what Undo would take back ("added claim \"claim-x\""), or
// "" when there is nothing to undo.
func (s *Session) UndoLabel() string { return lastLabel(s.undo) }

// RedoLabel says what Redo would make again, or "".
func (s *Session) RedoLabel() string { return lastLabel(s.redo) }

func lastLabel(h []change) string {
	if len(h) == 0 {
		return ""
	}
	return h[len(h)-1].label
}

// Save writes the session's claims again when they are valid and not on
// disk: after a failed write (a full disk) or after Reload was declined.
func (s *Session) Save() (Result, error) { return s.commit("saved") }

// Undo takes back the last change of the session, and writes the result
// when it is valid.
func (s *Session) Undo() (Result, error) { return s.travel(&s.undo, &s.redo, "undo", "undid") }

// Redo makes again the last change Undo took back.
func (s *Session) Redo() (Result, error) { return s.travel(&s.redo, &s.undo, "redo", "redid") }

// travel pops a change from one history, pushes the current claims on the
// other, and restores the popped claims.
func (s *Session) travel(from, to *[]change, verb, done string) (Result, error) {
	if len(*from) == 0 {
		return Result{}, fmt.Errorf("nothing to %s", verb)
	}
	c := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, change{label: c.label, data: s.data})
	return s.restore(c.data, done+": "+c.label)
}

func (s *Session) restore(data []byte, label string) (Result, error) {
	f, err := Decode(data)
	if err != nil {
		return Result{}, err
	}
	s.file, s.data = f, data
	return s.commit(label)
}

// NodeOf returns the id of the node a finding is about (from its JSON
// pointer, e.g. /nodes/3/anchors/0/exact), or "" when it is about no node.
// Links and tour steps count as the node they start from or show.
func (s *Session) NodeOf(f model.Finding) string { return NodeOf(s.file, f) }

// NodeOf is Session.NodeOf for claims read some other way (a file
// watcher's reload).
func NodeOf(file *model.File, f model.Finding) string {
	parts := strings.Split(f.Pointer, "/")
	if file == nil || len(parts) < 3 {
		return ""
	}
	i, err := strconv.Atoi(parts[2])
	if err != nil || i < 0 {
		return ""
	}
	switch parts[1] {
	case "nodes":
		if i < len(file.Nodes) && file.Nodes[i] != nil {
			return file.Nodes[i].ID
		}
	case "links":
		if i < len(file.Links) {
			return file.Links[i].From
		}
	case "tours":
		if len(parts) >= 5 && parts[3] == "steps" && i < len(file.Tours) {
			if j, err := strconv.Atoi(parts[4]); err == nil && j >= 0 && j < len(file.Tours[i].Steps) {
				return file.Tours[i].Steps[j].Node
			}
		}
	}
	return ""
}
