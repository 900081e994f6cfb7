package notes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Version is the only crux:version of the notes file this build reads and
// writes.
const Version = 1

// Collection is a notes file: every annotation on one article and the ids of
// the nodes the reader has opened.
type Collection struct {
	Context string `json:"@context"`
	Type    string `json:"type"`
	Version int    `json:"crux:version"`
	// Article is the article's identity (see ArticleIdentity).
	Article string       `json:"crux:article,omitempty"`
	Items   []Annotation `json:"items"`
	// Read is the sorted list of node ids the reader has opened.
	Read []string `json:"crux:read"`
}

// FileError is a notes file that crux cannot read: corrupt JSON, a wrong
// crux:version, a record without an id, or an I/O error. crux never writes
// to such a file.
type FileError struct {
	Path    string
	Line    int // 1-based; 0 when unknown
	Col     int // 1-based, in characters; 0 when unknown
	Problem string
	Hint    string // what the user can do
	Err     error  // the underlying error, if any
}

func (e *FileError) Error() string {
	pos := e.Path
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", e.Path, e.Line, max(e.Col, 1))
	}
	msg := pos + ": " + e.Problem
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

func (e *FileError) Unwrap() error { return e.Err }

// The usual advice for a notes file crux cannot read.
const (
	hintFix     = "fix or move the file (crux will not write to it); crux opens your notes read-only until then"
	hintNewer   = "it was written by a newer crux: upgrade crux, or pass --notes FILE to use another file (crux will not write to this one)"
	hintForeign = "this is not a crux notes file: pass --notes FILE to choose another path (crux will not write to this one)"
)

// Decode parses a notes file. name is used in errors only. An empty file is
// an empty collection. Duplicate ids are merged (the newer modified wins).
func Decode(name string, data []byte) (Collection, error) {
	var c Collection
	if len(bytes.TrimSpace(data)) == 0 {
		c = newCollection("")
		c.normalize()
		return c, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&c); err != nil {
		return Collection{}, jsonError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, int(dec.InputOffset()))
		return Collection{}, &FileError{Path: name, Line: line, Col: col,
			Problem: "unexpected data after the notes collection", Hint: hintFix}
	}
	switch {
	case c.Version == 0 || c.Type != TypeCollection:
		return Collection{}, &FileError{Path: name,
			Problem: fmt.Sprintf("no crux:version %d AnnotationCollection found", Version), Hint: hintForeign}
	case c.Version > Version:
		return Collection{}, &FileError{Path: name,
			Problem: fmt.Sprintf("crux:version %d is newer than this build reads (%d)", c.Version, Version), Hint: hintNewer}
	case c.Version < 0:
		return Collection{}, &FileError{Path: name,
			Problem: fmt.Sprintf("crux:version %d is not a valid version", c.Version), Hint: hintFix}
	}
	for i, a := range c.Items {
		if p := itemProblem(a); p != "" {
			return Collection{}, &FileError{Path: name,
				Problem: fmt.Sprintf("/items/%d: %s", i, p), Hint: hintFix}
		}
	}
	c.normalize()
	return c, nil
}

// itemProblem says what makes a record unusable, or "".
func itemProblem(a Annotation) string {
	switch {
	case a.ID == "":
		return "annotation has no id"
	case a.Type != TypeAnnotation:
		return fmt.Sprintf("annotation %s has type %q, want %q", a.ID, a.Type, TypeAnnotation)
	case a.Target.Source == "":
		return fmt.Sprintf("annotation %s has no target source", a.ID)
	case a.Created.IsZero() || a.Modified.IsZero():
		return fmt.Sprintf("annotation %s has no created or modified time", a.ID)
	}
	return ""
}

// jsonError turns an encoding/json error into a FileError with line:col.
func jsonError(name string, data []byte, err error) error {
	fe := &FileError{Path: name, Problem: "invalid JSON: " + err.Error(), Hint: hintFix, Err: err}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		fe.Line, fe.Col = position(data, int(syn.Offset)-1)
		fe.Problem = "invalid JSON: " + syn.Error()
	case errors.As(err, &typ):
		fe.Line, fe.Col = position(data, valueStart(data, int(typ.Offset)))
		field := typ.Field
		if field == "" {
			field = "the collection"
		}
		fe.Problem = fmt.Sprintf("invalid JSON: %s holds a %s, want %s", field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		fe.Line, fe.Col = position(data, len(data))
		fe.Problem = "invalid JSON: the file ends in the middle of a value"
	}
	if bytes.Contains(data, []byte("\n<<<<<<< ")) || bytes.HasPrefix(data, []byte("<<<<<<< ")) {
		fe.Hint = "the file holds git conflict markers: resolve the conflict (keep both sides' items), then reopen; crux will not write to it until then"
	}
	return fe
}

// valueStart returns the offset where the JSON value ending at byte end
// starts, when it is a string; else the offset of its last byte.
func valueStart(data []byte, end int) int {
	end = min(end, len(data))
	if end < 2 || data[end-1] != '"' {
		return end - 1
	}
	for i := end - 2; i >= 0; i-- {
		if data[i] != '"' {
			continue
		}
		bs := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			return i
		}
	}
	return end - 1
}

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

func newCollection(article string) Collection {
	return Collection{Context: AnnoContext, Type: TypeCollection, Version: Version, Article: article,
		Items: []Annotation{}, Read: []string{}}
}

// normalize sorts and deduplicates the collection so that encoding is stable.
func (c *Collection) normalize() {
	c.Context, c.Type, c.Version = AnnoContext, TypeCollection, Version
	byID := make(map[string]Annotation, len(c.Items))
	for _, a := range c.Items {
		if old, ok := byID[a.ID]; ok && old.Modified.After(a.Modified) {
			continue
		}
		byID[a.ID] = a
	}
	items := make([]Annotation, 0, len(byID))
	for _, a := range byID {
		a.Created, a.Modified = a.Created.UTC(), a.Modified.UTC()
		items = append(items, a)
	}
	sortItems(items)
	c.Items = items
	read := make([]string, 0, len(c.Read))
	for _, id := range c.Read {
		if id = strings.TrimSpace(id); id != "" {
			read = append(read, id)
		}
	}
	slices.Sort(read)
	c.Read = slices.Compact(read)
}

// sortItems orders annotations by created time, then id.
func sortItems(items []Annotation) {
	slices.SortFunc(items, func(a, b Annotation) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// Encode returns the canonical bytes of a collection: sorted items (by
// created, then id) and read ids, 2-space indent, no HTML escaping, and a
// trailing newline.
func Encode(c Collection) ([]byte, error) {
	c.Items = slices.Clone(c.Items)
	c.normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("encode notes: %w", err)
	}
	return buf.Bytes(), nil
}

// ExportJSON writes c as a W3C AnnotationCollection in the canonical form.
func ExportJSON(w io.Writer, c Collection) error {
	data, err := Encode(c)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	return nil
}

// MergeResult counts what a merge did.
type MergeResult struct {
	Added   int // annotations that were new
	Updated int // annotations replaced by a newer version
	Kept    int // annotations already present in the same or a newer version
}

// merge adds each incoming annotation to c by id: a new id is added, a newer
// modified time replaces, anything else is kept as it was. Nothing is
// dropped.
func (c *Collection) merge(incoming []Annotation) MergeResult {
	var r MergeResult
	index := make(map[string]int, len(c.Items))
	for i, a := range c.Items {
		index[a.ID] = i
	}
	for _, a := range incoming {
		i, ok := index[a.ID]
		switch {
		case !ok:
			index[a.ID] = len(c.Items)
			c.Items = append(c.Items, a.clone())
			r.Added++
		case a.Modified.After(c.Items[i].Modified):
			c.Items[i] = a.clone()
			r.Updated++
		default:
			r.Kept++
		}
	}
	return r
}
