package notes

import (
	"errors"
	"strings"
	"testing"
)

// Decoding is strict, and every message names the place and says what was
// expected in a user's words, never a Go type.
func TestDecodeIsStrict(t *testing.T) {
	const item = `{"id": "urn:x:a", "type": "Annotation", "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z", "target": {"source": "x"}}`
	coll := func(items string) string {
		return "{\n  \"type\": \"AnnotationCollection\",\n  \"crux:version\": 1,\n  \"items\": [\n    " + items + "\n  ]\n}\n"
	}
	tests := map[string]struct {
		data      string
		line, col int
		want      []string
	}{
		"mixed-case key": {
			data: coll(strings.Replace(item, `"type"`, `"tYpe"`, 1)),
			line: 5, col: 23, want: []string{`key "tYpe" in /items/0 should be spelt "type"`},
		},
		"mixed-case created": {
			data: coll(strings.Replace(item, `"created"`, `"CreAted"`, 1)),
			line: 5, col: 45, want: []string{`"CreAted"`, `"created"`},
		},
		"long s folds to s": { // encoding/json would read it as "source"
			data: coll(strings.Replace(item, `"source"`, `"ſource"`, 1)),
			line: 5, col: 127, want: []string{`should be spelt "source"`},
		},
		"well-formed": {data: coll(item)},
		"mixed-case collection key": {
			data: `{"Type": "AnnotationCollection", "crux:version": 1}`,
			line: 1, col: 2, want: []string{`"Type" at the top level should be spelt "type"`},
		},
		"year 0000": {
			data: coll(strings.ReplaceAll(item, "2025-01-01", "0000-01-01")),
			line: 5, col: 45, want: []string{"/items/0/created", "0000-01-01T00:00:00Z is not a plausible date", "like 2025-03-10T09:00:00Z"},
		},
		"year 1900": {
			data: coll(strings.Replace(item, `"modified": "2025`, `"modified": "1900`, 1)),
			line: 5, col: 80, want: []string{"/items/0/modified: annotation urn:x:a: modified time 1900-01-01T00:00:00Z is not a plausible date"},
		},
		"not a date": {
			data: coll(strings.Replace(item, `"2025-01-01T00:00:00Z"`, `"yesterday"`, 1)),
			line: 5, col: 56, want: []string{`the date "yesterday" is not an RFC 3339 time`},
		},
		"array instead of a collection": {
			data: "[]", line: 1, col: 1,
			want: []string{`the file holds a list; want a notes collection (an object with "type": "AnnotationCollection")`},
		},
		"text instead of a version": {
			data: `{"type": "AnnotationCollection", "crux:version": "2"}`, line: 1, col: 50,
			want: []string{`"crux:version" holds text; want a whole number`},
		},
		"object instead of items": {
			data: `{"type": "AnnotationCollection", "crux:version": 1, "items": {}}`, line: 1, col: 62,
			want: []string{`"items" holds an object; want a list`},
		},
		"relative annotation id": {
			data: coll(strings.Replace(item, `"urn:x:a"`, `"a"`, 1)),
			line: 5, col: 6, want: []string{`the annotation id "a" is not an absolute IRI`},
		},
		"version 2 items outside the page": {
			data: `{"type": "AnnotationCollection", "crux:version": 2, "items": []}`, line: 1, col: 53,
			want: []string{`belong in "first"`},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Decode("n.json", []byte(tc.data))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Decode = %v, want a *FileError", err)
			}
			if fe.Line != tc.line || (tc.col != 0 && fe.Col != tc.col) {
				t.Errorf("at %d:%d, want %d:%d: %v", fe.Line, fe.Col, tc.line, tc.col, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
			for _, goName := range []string{"notes.", "[]", "int", "string", "time.Time", "struct", "map["} {
				if strings.Contains(fe.Problem, goName) && !strings.Contains(tc.data, goName) {
					t.Errorf("message shows the Go name %q: %v", goName, err)
				}
			}
		})
	}
}
