// Package author is crux's authoring engine: it opens a content set for
// editing, applies operations to its claims graph (add, edit, rename and
// delete nodes; links; sources; tours), validates every change with the
// model's loader at once, and writes claims.json atomically, in one
// canonical format, only when it is valid. Undo and redo cover a whole
// session. The shell commands (crux node, link, source, tour, fmt) and the
// explorer's authoring mode are built on it.
package author

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/crux-news/crux/model"
)

// The canonical format of claims.json is what encoding/json writes for
// model.File with two-space indentation and no HTML escaping: keys in the
// order of the struct fields (the order docs/claims-format.md lists them),
// one key or array element per line, and a final newline. Each node, link
// and step is its own block of lines, so changing one node changes only
// that node's lines in a diff. It is the format of the embedded
// content/claims.json, which loads and saves byte for byte.

// Encode writes f in the canonical format. Empty required lists (nodes,
// a tour's steps) are written as [] rather than null.
func Encode(f *model.File) ([]byte, error) {
	g := *f
	if g.Nodes == nil {
		g.Nodes = []*model.Node{}
	}
	if slices.ContainsFunc(g.Tours, func(t model.Tour) bool { return t.Steps == nil }) {
		g.Tours = slices.Clone(g.Tours)
		for i := range g.Tours {
			if g.Tours[i].Steps == nil {
				g.Tours[i].Steps = []model.TourStep{}
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&g); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Decode reads claims data strictly: an unknown field, a value of the wrong
// type or trailing data is an error, so that nothing in the file is lost
// when it is written again. Duplicate keys are caught by the loader, which
// callers run first (see Format).
func Decode(data []byte) (*model.File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f model.File
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the claims object")
	}
	return &f, nil
}

// structural are the finding codes that mean the file cannot be decoded
// into the format without losing or guessing something.
var structural = map[string]bool{
	"syntax": true, "dup-key": true, "unknown-field": true, "too-deep": true, "too-large": true,
	"bad-encoding": true, "binary-file": true, "empty-file": true, "read-error": true,
	"missing-claims": true, "unsupported-version": true,
}

// Structural returns the findings that stop a file from being rewritten:
// syntax errors, duplicate or unknown keys, unreadable files. Other errors
// (a quote not found, a dangling reference) do not stop formatting.
func Structural(fs model.Findings) model.Findings {
	var out model.Findings
	for _, f := range fs {
		if f.Severity == model.SevError && structural[f.Code] {
			out = append(out, f)
		}
	}
	return out
}

// Format returns data, the claims file at path, in the canonical format.
// It fails with the loader's findings when the file has structural errors,
// and checks that the result decodes to the same value, so formatting never
// drops or changes content.
func Format(path string, data []byte) ([]byte, model.Findings, error) {
	_, fs := model.LoadBytes(path, data)
	if s := Structural(fs); len(s) > 0 {
		return nil, s, fmt.Errorf("%s: cannot format a file with %s", path, plural(len(s), "structural error"))
	}
	f, err := Decode(data)
	if err != nil {
		return nil, fs, fmt.Errorf("%s: cannot format: %w", path, err)
	}
	out, err := Encode(f)
	if err != nil {
		return nil, fs, err
	}
	g, err := Decode(out)
	if err != nil {
		return nil, fs, fmt.Errorf("%s: formatting would not read back (%v); nothing was written", path, err)
	}
	if again, _ := Encode(g); !bytes.Equal(again, out) {
		return nil, fs, fmt.Errorf("%s: formatting is not stable; nothing was written", path)
	}
	return out, fs, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
