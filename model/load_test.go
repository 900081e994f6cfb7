package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadFindings loads one fixture folder per finding code and checks the
// single finding it must produce: code, severity, position and key words.
func TestLoadFindings(t *testing.T) {
	tests := map[string]struct {
		code      string // defaults to the test name
		file      string // file the finding is about, relative to the fixture
		sev       Severity
		line, col int
		pointer   string
		words     []string
	}{
		"syntax":              {line: 8, col: 3, words: []string{"invalid character ']'", "trailing comma"}},
		"syntax-truncated":    {code: "syntax", line: 5, col: 7, words: []string{"truncated"}},
		"dup-key":             {line: 7, col: 44, words: []string{`"kind"`, "twice", "7:25"}},
		"unknown-field":       {line: 7, col: 44, pointer: "/nodes/1/sumary", words: []string{`"sumary"`, `did you mean "summary"`}},
		"missing-field":       {line: 7, col: 5, pointer: "/nodes/1", words: []string{`"summary"`, "required"}},
		"bad-value":           {line: 7, col: 33, pointer: "/nodes/1/kind", words: []string{`"skeptc"`, `did you mean "skeptic"`}},
		"bad-value-date":      {code: "bad-value", line: 4, col: 65, pointer: "/sources/0/published", words: []string{`"2025-02-30"`, "YYYY-MM-DD"}},
		"bad-value-url":       {code: "bad-value", line: 4, col: 59, pointer: "/sources/0/url", words: []string{"javascript:alert(1)", "http or https"}},
		"bad-value-type":      {code: "bad-value", line: 7, col: 55, pointer: "/nodes/1/summary", words: []string{"expected a string", "number"}},
		"bad-value-rating":    {code: "bad-value", line: 7, col: 78, pointer: "/nodes/1/rating", words: []string{"only claims", "skeptic"}},
		"unsupported-version": {line: 2, col: 20, pointer: "/schemaVersion", words: []string{"schemaVersion 2", "schemaVersion 1"}},
		"dup-id":              {line: 7, col: 12, pointer: "/nodes/1/id", words: []string{`"src-a"`, "4:22", "/sources/0/id"}},
		"dangling-ref":        {line: 6, col: 128, pointer: "/nodes/0/sources/0", words: []string{`"src-b"`, `did you mean "src-a"`}},
		"self-link":           {line: 10, col: 39, pointer: "/links/1/to", words: []string{`"claim-a"`, "itself"}},
		"conflicting-link":    {line: 10, col: 60, pointer: "/links/1/type", words: []string{"both supports and attacks", "/links/0", "9:13"}},
		"quote-not-found":     {line: 6, col: 84, pointer: "/nodes/0/anchors/0/exact", words: []string{`"quick brown fax jumps over"`, `closest: "quick brown fox jumps over" at article.md:3`}},
		"quote-ambiguous":     {line: 6, col: 84, pointer: "/nodes/0/anchors/0/exact", words: []string{"2 times", "article.md:3, 5", "prefix or suffix"}},
		"missing-article":     {line: 3, col: 23, pointer: "/article/path", words: []string{`"missing.md"`, filepath.Join("testdata", "missing-article", "missing.md")}},
		"read-error":          {line: 3, col: 23, pointer: "/article/path", words: []string{"not a regular file"}},
		"missing-claims":      {file: ".", words: []string{"no claims.json"}},
		"bad-encoding":        {line: 7, col: 64, words: []string{"invalid UTF-8", "0xff"}},
		"bad-encoding-article": {code: "bad-encoding", file: "article.md", line: 5, col: 6,
			words: []string{"invalid UTF-8", "0xe9"}},
		"too-deep":         {line: 7, col: 89, words: []string{"deeper than 16"}},
		"empty-file":       {words: []string{"empty"}},
		"binary-file":      {line: 3, col: 1, words: []string{"NUL", "binary"}},
		"isolated-node":    {sev: SevWarning, line: 8, col: 12, pointer: "/nodes/2/id", words: []string{`"counter-c"`, "no link"}},
		"summary-too-long": {sev: SevWarning, line: 7, col: 55, pointer: "/nodes/1/summary", words: []string{"82 characters", "80"}},
		"quote-too-short":  {sev: SevWarning, line: 6, col: 84, pointer: "/nodes/0/anchors/0/exact", words: []string{`"lazy dog"`, "12"}},
		"context-mismatch": {sev: SevWarning, line: 6, col: 84, pointer: "/nodes/0/anchors/0/exact", words: []string{"occurs once", "article.md:3"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code := tc.code
			if code == "" {
				code = name
			}
			dir := filepath.Join("testdata", name)
			_, fs := LoadFile(dir)
			if len(fs) != 1 {
				t.Fatalf("want exactly one finding, got %d:\n%s", len(fs), report(fs))
			}
			f := fs[0]
			file := tc.file
			if file == "" {
				file = "claims.json"
			}
			if want := filepath.Join(dir, file); f.Path != want && !(file == "." && f.Path == dir) {
				t.Errorf("path = %q, want %q", f.Path, want)
			}
			if f.Code != code || f.Severity != tc.sev || f.Line != tc.line || f.Col != tc.col || f.Pointer != tc.pointer {
				t.Errorf("got %s\nwant %s[%s] at %d:%d %s", f, tc.sev, code, tc.line, tc.col, tc.pointer)
			}
			for _, w := range tc.words {
				if !strings.Contains(f.Message, w) {
					t.Errorf("message %q lacks %q", f.Message, w)
				}
			}
		})
	}
}

func report(fs Findings) string {
	var b bytes.Buffer
	WriteReport(&b, fs)
	return b.String()
}

// TestLoadClean checks the fixtures that must load without any finding and
// that the loaded content is indexed.
func TestLoadClean(t *testing.T) {
	for _, dir := range []string{"clean", "minimal"} {
		t.Run(dir, func(t *testing.T) {
			c, fs := LoadFile(filepath.Join("testdata", dir))
			if len(fs) != 0 {
				t.Fatalf("want no findings, got:\n%s", report(fs))
			}
			if c == nil {
				t.Fatal("content is nil")
			}
			for _, n := range c.Nodes() {
				for _, a := range n.Anchors {
					if !a.Resolved() {
						t.Errorf("%s: anchor %q unresolved", n.ID, a.Exact)
						continue
					}
					got := NormalizeQuote(string([]rune(c.Article.Text)[a.Start:a.End]))
					if got != NormalizeQuote(a.Exact) {
						t.Errorf("%s: anchor resolves to %q, want %q", n.ID, got, a.Exact)
					}
				}
			}
		})
	}
	c, _ := LoadFile(filepath.Join("testdata", "clean", "claims.json"))
	if c == nil || c.Node("claim-cheap-training") == nil || c.Node("claim-cheap-training").ID != "claim-cheap" {
		t.Error("former id does not lead to the renamed node")
	}
	if got := len(c.Passages()); got != 2 {
		t.Errorf("passages = %d, want 2", got)
	}
}

// TestLoadFS loads the clean fixture from an in-memory file system.
func TestLoadFS(t *testing.T) {
	claims, err := os.ReadFile(filepath.Join("testdata", "clean", "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	art, err := os.ReadFile(filepath.Join("testdata", "clean", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"set/claims.json": {Data: claims},
		"set/article.md":  {Data: art},
		"bad/claims.json": {Data: []byte(`{"schemaVersion": 1, "article": {"path": "../../x.md"}, "nodes": []}`)},
	}
	for _, name := range []string{"set/claims.json", "set"} {
		c, fs := LoadFS(fsys, name)
		if len(fs) != 0 || c == nil {
			t.Fatalf("LoadFS(%q): content %v, findings:\n%s", name, c != nil, report(fs))
		}
		if c.Path != "set/claims.json" || c.Article.File != "set/article.md" {
			t.Errorf("paths = %q, %q", c.Path, c.Article.File)
		}
	}
	c, fs := LoadFS(fsys, "bad/claims.json")
	if c == nil || fs.Errors() != 1 || fs[0].Code != "read-error" {
		t.Errorf("article outside the file system: want one read-error, got:\n%s", report(fs))
	}
	if _, fs := LoadFS(fsys, "none/claims.json"); len(fs) != 1 || fs[0].Code != "read-error" || !strings.Contains(fs[0].Message, "check the path") {
		t.Errorf("missing claims file: got:\n%s", report(fs))
	}
}

// TestLoadHostileFiles covers files that cannot be made as fixtures: a
// symlink loop, a file over the size limit, a missing path and a pipe.
func TestLoadHostileFiles(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.json")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big", "claims.json")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size check must happen before reading.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := map[string]struct {
		path  string
		code  string
		words []string
	}{
		"symlink loop": {loop, "read-error", []string{"symlink loop"}},
		"too large":    {big, "too-large", []string{"32 MiB"}},
		"big dir":      {filepath.Dir(big), "too-large", []string{"32 MiB"}},
		"missing":      {filepath.Join(dir, "nope.json"), "read-error", []string{"no such file", "check the path"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, fs := LoadFile(tc.path)
			if c != nil || len(fs) != 1 || fs[0].Code != tc.code {
				t.Fatalf("want one %s finding and no content, got:\n%s", tc.code, report(fs))
			}
			if !strings.HasPrefix(fs[0].String(), fs[0].Path+": error["+tc.code+"]") {
				t.Errorf("finding does not start with the file name: %s", fs[0])
			}
			for _, w := range tc.words {
				if !strings.Contains(fs[0].Message, w) {
					t.Errorf("message %q lacks %q", fs[0].Message, w)
				}
			}
		})
	}
}

// TestLoadCollectsAll checks that one file with many mistakes reports each
// of them, sorted by position.
func TestLoadCollectsAll(t *testing.T) {
	dir := t.TempDir()
	claims := `{
  "schemaVersion": 1,
  "article": {"path": "article.md", "published": "28-01-2025"},
  "nodes": [
    {"id": "Bad_ID", "kind": "claim", "summary": "S"},
    {"id": "skeptic-a", "kind": "skeptic", "sumary": "S"}
  ],
  "links": [{"from": "skeptic-a", "to": "nobody", "type": "refutes"}]
}`
	write(t, filepath.Join(dir, "claims.json"), claims)
	write(t, filepath.Join(dir, "article.md"), "Some text.\n")
	c, fs := LoadFile(dir)
	if c == nil {
		t.Fatal("content is nil for a decodable file")
	}
	want := []string{
		"3:50 bad-value",     // date
		"5:12 bad-value",     // id pattern
		"5:5 missing-field",  // claim without anchors
		"5:12 isolated-node", // Bad_ID is linked nowhere
		"6:44 unknown-field", // sumary
		"6:5 missing-field",  // summary
		"8:41 dangling-ref",  // nobody
		"8:59 bad-value",     // refutes
	}
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Col, f.Code))
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %q in findings:\n%s", w, report(fs))
		}
	}
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Line > fs[i].Line || fs[i-1].Line == fs[i].Line && fs[i-1].Col > fs[i].Col {
			t.Errorf("findings not sorted at %d:\n%s", i, report(fs))
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteReport checks the per-finding lines and the summary line.
func TestWriteReport(t *testing.T) {
	fs := Findings{
		{Path: "c/claims.json", Line: 2, Col: 3, Severity: SevError, Code: "syntax", Message: "bad"},
		{Path: "c/claims.json", Line: 4, Col: 1, Severity: SevError, Code: "dup-id", Pointer: "/nodes/1/id", Message: "dup"},
		{Path: "c/claims.json", Line: 5, Col: 1, Severity: SevWarning, Code: "isolated-node", Pointer: "/nodes/2/id", Message: "alone"},
	}
	var b bytes.Buffer
	WriteReport(&b, fs)
	want := "c/claims.json:2:3: error[syntax]: bad\n" +
		"c/claims.json:4:1: error[dup-id] /nodes/1/id: dup\n" +
		"c/claims.json:5:1: warning[isolated-node] /nodes/2/id: alone\n" +
		"c/claims.json: 2 errors, 1 warning\n"
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	WriteReportFor(&b, "c/claims.json", nil)
	if got := b.String(); got != "c/claims.json: ok, 0 errors, 0 warnings\n" {
		t.Errorf("clean report = %q", got)
	}
}
