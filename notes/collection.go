package notes

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Version is the crux:version of the notes files this build writes. It
// reads them and version 1 files, which held the annotations directly in
// "items" with targets relative to the content folder; those are upgraded in
// memory when read and written in the current form at the next save.
const Version = 2

// Collection is a notes file: every annotation on one article and the ids of
// the nodes the reader has opened. In the file it is a W3C
// AnnotationCollection whose one AnnotationPage ("first") holds the items.
type Collection struct {
	// ID is the collection's IRI, a "urn:uuid:" given when the file is
	// first written (or upgraded) and kept.
	ID string
	// Article is the article's identity (see ArticleIdentity).
	Article string
	Items   []Annotation
	// Read is the sorted list of node ids the reader has opened.
	Read []string
}

// wireCollection is a Collection as the file holds it.
type wireCollection struct {
	Context string    `json:"@context"`
	ID      string    `json:"id,omitempty"`
	Type    string    `json:"type"`
	Version int       `json:"crux:version"`
	Article string    `json:"crux:article,omitempty"`
	Total   *int      `json:"total,omitempty"`
	First   *wirePage `json:"first,omitempty"`
	Last    string    `json:"last,omitempty"`
	// Items is where crux:version 1 kept the annotations.
	Items []Annotation `json:"items,omitempty"`
	Read  []string     `json:"crux:read"`
}

// wirePage is the AnnotationPage that holds the annotations.
type wirePage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	StartIndex int          `json:"startIndex"`
	Items      []Annotation `json:"items"`
}

// TypePage is the type of the page that holds a collection's annotations.
const TypePage = "AnnotationPage"

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
// Decoding is strict: keys must be spelt exactly (no "Type" for "type"),
// dates must be plausible, and every record needs an id, a type and a
// target. A crux:version 1 file is upgraded in memory (see Version).
func Decode(name string, data []byte) (Collection, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		c := newCollection("")
		c.normalize()
		return c, nil
	}
	var w wireCollection
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&w); err != nil {
		return Collection{}, jsonError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, int(dec.InputOffset()))
		return Collection{}, &FileError{Path: name, Line: line, Col: col,
			Problem: "unexpected data after the notes collection", Hint: hintFix}
	}
	if fe := checkKeys(name, data); fe != nil {
		return Collection{}, fe
	}
	switch {
	case w.Version == 0 || w.Type != TypeCollection:
		return Collection{}, &FileError{Path: name,
			Problem: `no crux notes collection found (a JSON object with "type": "AnnotationCollection" and a "crux:version")`, Hint: hintForeign}
	case w.Version > Version:
		return Collection{}, &FileError{Path: name,
			Problem: fmt.Sprintf("crux:version %d is newer than this build reads (%d)", w.Version, Version), Hint: hintNewer}
	case w.Version < 0:
		return Collection{}, &FileError{Path: name,
			Problem: fmt.Sprintf("crux:version %d is not a valid version", w.Version), Hint: hintFix}
	}
	c := Collection{ID: w.ID, Article: w.Article, Read: w.Read}
	prefix := "/items"
	switch {
	case w.Version == 1 && w.First != nil:
		return Collection{}, errAt(name, data, "/first", `a crux:version 1 file keeps its annotations in "items", not in "first"`)
	case w.Version == 1:
		c.Items = w.Items
	case w.Items != nil:
		return Collection{}, errAt(name, data, "/items", `the annotations belong in "first" (an AnnotationPage), not in "items" of the collection`)
	case w.First != nil:
		if w.First.Type != TypePage {
			return Collection{}, errAt(name, data, "/first", fmt.Sprintf(`"first" has type %q; want %q`, w.First.Type, TypePage))
		}
		c.Items, prefix = w.First.Items, "/first/items"
	}
	for i, a := range c.Items {
		if key, p := itemProblem(a); p != "" {
			ptr := fmt.Sprintf("%s/%d", prefix, i)
			if key != "" {
				ptr += "/" + key
			}
			return Collection{}, errAt(name, data, ptr, p)
		}
	}
	c.normalize()
	return c, nil
}

// errAt is a FileError at the value with JSON pointer ptr in data.
func errAt(name string, data []byte, ptr, problem string) *FileError {
	fe := &FileError{Path: name, Problem: ptr + ": " + problem, Hint: hintFix}
	if off, ok := pointerOffset(data, ptr); ok {
		fe.Line, fe.Col = position(data, off)
	}
	return fe
}

// itemProblem says what makes a record unusable, or "", and the key it is
// about ("" for the record as a whole).
func itemProblem(a Annotation) (key, problem string) {
	switch {
	case a.ID == "":
		return "", "the annotation has no id"
	case !isAbsIRI(a.ID):
		return "id", fmt.Sprintf("the annotation id %q is not an absolute IRI (crux writes ids like urn:uuid:…)", a.ID)
	case a.Type != TypeAnnotation:
		return "type", fmt.Sprintf("annotation %s has type %q; want %q", a.ID, a.Type, TypeAnnotation)
	case a.Target.Source == "" && a.Target.Node == "":
		return "target", fmt.Sprintf("annotation %s has no target source", a.ID)
	case a.Created.IsZero() || a.Modified.IsZero():
		return "", fmt.Sprintf("annotation %s has no created or modified time", a.ID)
	}
	for _, t := range []struct {
		what string
		at   time.Time
	}{{"created", a.Created}, {"modified", a.Modified}} {
		if y := t.at.UTC().Year(); y < minYear || y > maxYear {
			return t.what, fmt.Sprintf("annotation %s: %s time %s is not a plausible date (want a year from %d to %d, like %s)",
				a.ID, t.what, t.at.UTC().Format(time.RFC3339), minYear, maxYear, exampleTime)
		}
	}
	return "", ""
}

// The years a created or modified time may have: none before computers
// kept notes, none a time.Time cannot write back as RFC 3339.
const (
	minYear     = 1970
	maxYear     = 9999
	exampleTime = "2025-03-10T09:00:00Z"
)

// jsonError turns an encoding/json error into a FileError with line:col.
func jsonError(name string, data []byte, err error) error {
	fe := &FileError{Path: name, Problem: "invalid JSON: " + err.Error(), Hint: hintFix, Err: err}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		tim *time.ParseError
	)
	switch {
	case errors.As(err, &syn):
		fe.Line, fe.Col = position(data, int(syn.Offset)-1)
		fe.Problem = "invalid JSON: " + syn.Error()
	case errors.As(err, &typ):
		fe.Line, fe.Col = position(data, valueStart(data, int(typ.Offset)))
		field := "the file"
		if typ.Field != "" {
			field = strconv.Quote(typ.Field)
		}
		fe.Problem = fmt.Sprintf("%s holds %s; want %s", field, jsonKind(typ.Value), wantKind(typ.Type))
	case errors.As(err, &tim):
		if i := bytes.Index(data, []byte(`"`+tim.Value+`"`)); i >= 0 {
			fe.Line, fe.Col = position(data, i)
		}
		fe.Problem = fmt.Sprintf("the date %q is not an RFC 3339 time (like %s)", tim.Value, exampleTime)
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
	return Collection{Article: article, Items: []Annotation{}, Read: []string{}}
}

// normalize sorts, deduplicates and upgrades the collection so that
// encoding is stable: decoding what Encode wrote gives the same records.
func (c *Collection) normalize() {
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
		// An empty list is written as none, so it reads back as nil.
		if len(a.Body) == 0 {
			a.Body = nil
		}
		if len(a.Target.Selector) == 0 {
			a.Target.Selector = nil
		}
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
	c.upgrade()
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

// Encode returns the canonical bytes of a collection, in the current
// crux:version: a W3C AnnotationCollection whose one AnnotationPage holds
// the records sorted by created time then id, the sorted read ids, 2-space
// indent, no HTML escaping, and a trailing newline.
func Encode(c Collection) ([]byte, error) {
	c.Items = slices.Clone(c.Items)
	c.Read = slices.Clone(c.Read)
	c.normalize()
	total := len(c.Items)
	page := pageID(c.ID)
	w := wireCollection{Context: AnnoContext, ID: c.ID, Type: TypeCollection, Version: Version,
		Article: c.Article, Total: &total, Last: page, Read: c.Read,
		First: &wirePage{ID: page, Type: TypePage, Items: c.Items}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
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

// jsonKind names the kind of a JSON value as encoding/json reports it
// ("array", "number 1.5") in a user's words.
func jsonKind(v string) string {
	switch kind, _, _ := strings.Cut(v, " "); kind {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "number":
		return "a number"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	}
	return v
}

// wantKind says what JSON value a Go type is read from, in a user's words:
// never a Go type name.
func wantKind(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[time.Time]():
		return "a date (text like " + exampleTime + ")"
	case reflect.TypeFor[wireCollection]():
		return `a notes collection (an object with "type": "AnnotationCollection")`
	case reflect.TypeFor[wirePage]():
		return `an annotation page (an object with "type": "AnnotationPage")`
	case reflect.TypeFor[Annotation]():
		return `an annotation (an object with "type": "Annotation")`
	}
	switch t.Kind() {
	case reflect.Pointer:
		return wantKind(t.Elem())
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	}
	return "another kind of value"
}
