package model

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaFindings loads a file with one of each structural mistake and
// checks the finding each schema error becomes: code, position, pointer
// and the words of its message.
func TestSchemaFindings(t *testing.T) {
	_, fs := LoadFile(filepath.Join("testdata", "schema-errors"))
	want := []struct{ at, code, ptr, words string }{
		{"2:20", "bad-value", "/schemaVersion", `must be an integer, found a string ("1")`},
		{"3:23", "bad-value", "/article/path", "article path is empty"},
		{"3:41", "bad-value", "/article/published", `date "2025-13-01" must be a real date`},
		{"3:62", "bad-value", "/article/url", `url "https://" must be an absolute http or https URL`},
		{"4:22", "bad-value", "/sources/0/id", `id "S" must match ^[a-z][a-z0-9-]{1,62}$`},
		{"4:36", "bad-value", "/sources/0/title", "expected a string, found a number"},
		{"4:39", "unknown-field", "/sources/0/extra", `unknown field "extra" in a source (known fields: id, published, publisher, title, url)`},
		{"4:52", "bad-value", "/sources/1", "a source must be an object, found a string"},
		{"6:51", "bad-value", "/nodes/0/summary", "summary is empty"},
		{"6:68", "missing-field", "/nodes/0/anchors", "a claim needs at least one anchor"},
		{"7:31", "bad-value", "/nodes/1/kind", `kind 7 is not one of "claim", "skeptic", "counterpoint"`},
		{"7:58", "bad-value", "/nodes/1/tags", "expected an array, found a string"},
		{"7:73", "bad-value", "/nodes/1/rating", "only claims carry a rating; remove it, or make this node a claim"},
		{"7:83", "bad-value", "/nodes/1/rating/label", "rating label is empty"},
		{"8:70", "bad-value", "/nodes/2/rating", "this node is a skeptic"},
		{"8:138", "unknown-field", "/nodes/2/anchors/0/prfix", `in an anchor (did you mean "prefix"?)`},
		{"9:78", "bad-value", "/nodes/3/anchors/0/exact", "exact is empty"},
		{"9:98", "bad-value", "/nodes/3/formerIds/0", `id "Bad" must match`},
		{"11:60", "bad-value", "/links/0/type", `link type "support" is not one of "supports", "attacks" (did you mean "supports"?)`},
		{"11:72", "missing-field", "/links/1", `a link has no "type" field, which is required`},
		{"12:20", "bad-value", "/tours/0/id", `id "t" must match`},
		{"12:69", "unknown-field", "/tours/0/steps/0/x", `in a tour step (known fields: node, notes, title)`},
		{"13:3", "unknown-field", "/extra", "in the claims file"},
	}
	got := map[string]Finding{}
	for _, f := range fs {
		got[fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Code, f.Pointer)] = f
	}
	for _, w := range want {
		f, ok := got[w.at+" "+w.code+" "+w.ptr]
		if !ok {
			t.Errorf("no %s %s at %s in:\n%s", w.code, w.ptr, w.at, report(fs))
			continue
		}
		if !strings.Contains(f.Message, w.words) {
			t.Errorf("%s: message %q lacks %q", w.ptr, f.Message, w.words)
		}
	}
	// One isolated-node warning besides; nothing else.
	if fs.Errors() != len(want) || fs.Warnings() != 1 {
		t.Errorf("%d errors, %d warnings; want %d, 1:\n%s", fs.Errors(), fs.Warnings(), len(want), report(fs))
	}
}
