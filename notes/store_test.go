package notes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/model"
)

func openTest(t *testing.T, path string, c *model.Content, reader string) *Store {
	t.Helper()
	s, err := Open(path, WithContent(c), WithReader(reader), WithClock(fixedClock(testStart())))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestNodeNotesPersist(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "sub", "notes.json")
	s := openTest(t, path, c, "Ana")
	must := func(_ Annotation, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetNote("c-drop", "Compared with **which** year? <check>\n\n"))
	must(s.SetStance("c-drop", Disagree))
	must(s.AddTag("c-drop", "base-rate"))
	must(s.AddTag("c-drop", "sources"))
	must(s.AddTag("c-drop", "base-rate"))
	must(s.RemoveTag("c-drop", "sources"))
	if err := s.MarkRead("c-drop"); err != nil {
		t.Fatal(err)
	}

	again := openTest(t, path, c, "Ana")
	got := again.ForNode("c-drop")
	if len(got) != 1 {
		t.Fatalf("ForNode after reopen = %d annotations, want 1", len(got))
	}
	a := got[0]
	if a.Note() != "Compared with **which** year? <check>" || a.Stance() != Disagree || !slices.Equal(a.Tags(), []string{"base-rate"}) {
		t.Errorf("reopened annotation: note %q stance %q tags %q", a.Note(), a.Stance(), a.Tags())
	}
	if a.Motivation != Assessing || a.Creator != NewCreator("Ana") || !strings.HasPrefix(a.ID, "urn:uuid:") {
		t.Errorf("motivation %q creator %+v id %q", a.Motivation, a.Creator, a.ID)
	}
	if a.Target.NodeHash != NodeTextHash(c.Node("c-drop")) || a.Target.Source != "https://news.example/crime-down" ||
		a.Target.Node != "c-drop" || a.Target.Type != TypeSpecificResource || !strings.HasPrefix(a.Target.ID, "urn:uuid:") {
		t.Errorf("target = %+v", a.Target)
	}
	if !a.Modified.After(a.Created) {
		t.Errorf("modified %v not after created %v", a.Modified, a.Created)
	}
	if !again.Read()["c-drop"] || len(again.Read()) != 1 {
		t.Errorf("Read() = %v", again.Read())
	}
	if len(again.ForNode("c-spring")) != 0 {
		t.Errorf("ForNode(c-spring) should be empty")
	}
}

func TestFileIsStablePrettyJSON(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	if _, err := s.SetNote("c-spring", "a <b> & c"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("c-drop", "second"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"s-base", "c-drop"} {
		if err := s.MarkRead(id); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"id\": \"urn:uuid:",
		"\",\n  \"type\": \"AnnotationCollection\",\n  \"crux:version\": 2,\n",
		"\"total\": 2,\n  \"first\": {\n    \"id\": \"urn:uuid:",
		"\"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [\n",
		"\"crux:article\": \"https://news.example/crime-down\"",
		"\"crux:read\": [\n    \"c-drop\",\n    \"s-base\"\n  ]\n}\n",
		"a <b> & c",
		"\"created\": \"2025-03-10T09:00:00Z\"",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("notes file lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "c-spring") > strings.Index(text, "\"crux:node\": \"c-drop\"") {
		t.Errorf("items not sorted by created time:\n%s", text)
	}
	coll, err := Decode(path, data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Encode(coll)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("decode+encode changed the file:\n%s\nvs\n%s", again, data)
	}
}

func TestEmptyNodeAnnotationIsRemoved(t *testing.T) {
	c := newContent(t, fixtureNodes())
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), c, "Ana")
	if _, err := s.SetNote("c-drop", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance("c-drop", Unsure); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("c-drop", ""); err != nil {
		t.Fatal(err)
	}
	if got := s.ForNode("c-drop"); len(got) != 1 || got[0].Stance() != Unsure || got[0].Note() != "" {
		t.Fatalf("after clearing the note: %+v", got)
	}
	a, err := s.SetStance("c-drop", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "" || len(s.All()) != 0 {
		t.Errorf("empty annotation kept: returned %+v, all %d", a, len(s.All()))
	}
	if _, err := s.SetStance("c-drop", "maybe"); err == nil {
		t.Error("SetStance accepted an unknown stance")
	}
	if _, err := s.SetNote("nope", "x"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("SetNote on a missing node: %v", err)
	}
}

func TestHelpersNeedContent(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "notes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("c-drop", "x"); !errors.Is(err, ErrNoContent) {
		t.Errorf("SetNote without content: %v", err)
	}
	if _, err := s.AnnotatePassage("a", "", "", 0, 1, "x"); !errors.Is(err, ErrNoContent) {
		t.Errorf("AnnotatePassage without content: %v", err)
	}
}

func TestTwoStoresOnOneFileMerge(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	ana := openTest(t, path, c, "Ana")
	ben := openTest(t, path, c, "Ben") // opened before Ana writes anything
	if _, err := ana.SetNote("c-drop", "Ana's note"); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.SetNote("c-drop", "Ben's note"); err != nil {
		t.Fatal(err)
	}
	if err := ben.MarkRead("s-base"); err != nil {
		t.Fatal(err)
	}
	if err := ana.MarkRead("c-drop"); err != nil {
		t.Fatal(err)
	}
	if err := ana.Reload(); err != nil {
		t.Fatal(err)
	}
	got := ana.ForNode("c-drop")
	if len(got) != 2 {
		t.Fatalf("ForNode = %d annotations, want Ana's and Ben's", len(got))
	}
	if r := ana.Read(); !r["s-base"] || !r["c-drop"] {
		t.Errorf("read ids not merged: %v", r)
	}
	// A delete by one store is not undone by the other's next save.
	if err := ana.Delete(got[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.AddTag("c-spring", "later"); err != nil {
		t.Fatal(err)
	}
	if err := ben.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, ok := ben.Get(got[0].ID); ok {
		t.Error("deleted annotation came back")
	}
	if len(ben.All()) != 2 {
		t.Errorf("All = %d, want 2", len(ben.All()))
	}
}

func TestPutNewerModifiedWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	s, err := Open(path, WithReader("Ana"))
	if err != nil {
		t.Fatal(err)
	}
	base := Annotation{ID: "urn:uuid:1", Target: Target{Source: "claims.json#x"},
		Created: testStart(), Modified: testStart().Add(time.Hour)}
	base.setBody(Commenting, "new")
	if err := s.Put(base); err != nil {
		t.Fatal(err)
	}
	old := base.clone()
	old.Modified = testStart()
	old.setBody(Commenting, "old")
	if err := s.Put(old); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Get("urn:uuid:1"); a.Note() != "new" {
		t.Errorf("older Put replaced a newer note: %q", a.Note())
	}
	if err := s.Put(Annotation{ID: "urn:uuid:2"}); err == nil {
		t.Error("Put accepted an annotation without a target")
	}
}

func TestAnnotatePassage(t *testing.T) {
	c := newContent(t, fixtureNodes())
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), c, "Ana")
	start := strings.Index(articleText, "2020 had a spike") // ASCII: bytes are runes
	end := start + len("2020 had a spike")
	a, err := s.AnnotatePassage("2020 had a spike", "unusual: ", ".", start, end, "Source?")
	if err != nil {
		t.Fatal(err)
	}
	if q, ok := a.Quote(); !ok || q.Start != start || q.End != end || a.Target.Source != "https://news.example/crime-down" || a.Target.Type != TypeSpecificResource {
		t.Errorf("passage target = %+v", a.Target)
	}
	b, err := s.AnnotatePassage("2020 had a spike", "unusual: ", ".", start, end, "Which source?")
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != a.ID || len(s.All()) != 1 || b.Note() != "Which source?" {
		t.Errorf("re-annotating the same passage: %+v, %d notes", b, len(s.All()))
	}
	if got := s.ForPassage(end-1, end+5); len(got) != 1 {
		t.Errorf("ForPassage(overlapping end) = %d", len(got))
	}
	if got := s.ForPassage(start, start); len(got) != 1 {
		t.Errorf("ForPassage(start, start) = %d", len(got))
	}
	if got := s.ForPassage(end, end+5); len(got) != 0 {
		t.Errorf("ForPassage(after the passage) = %d", len(got))
	}
	if got := s.ForPassage(0, 50); len(got) != 0 {
		t.Errorf("ForPassage(0,50) = %d", len(got))
	}
	if _, err := s.AnnotatePassage("", "", "", 0, 0, "x"); err == nil {
		t.Error("empty quote accepted")
	}
}

func TestUnreadableFileIsNeverWritten(t *testing.T) {
	tests := map[string]struct {
		data      string
		line, col int
		problem   string
	}{
		"syntax error": {
			data: "{\n  \"type\": \"AnnotationCollection\",\n  \"crux:version\": 1,\n  \"items\": [\n    {\"id\": \"x\",}\n  ]\n}\n",
			line: 5, col: 16, problem: "invalid JSON",
		},
		"truncated": {
			data: "{\n  \"type\": \"AnnotationCollection\",\n  \"items\": [",
			line: 3, col: 13, problem: "ends in the middle",
		},
		"wrong type": {
			data: "{\n  \"type\": \"AnnotationCollection\",\n  \"crux:version\": \"one\"\n}\n",
			line: 3, col: 19, problem: "crux:version",
		},
		"newer version": {
			data:    `{"type": "AnnotationCollection", "crux:version": 3, "first": {"type": "AnnotationPage", "items": []}}`,
			problem: "newer than this build",
		},
		"not a notes file": {
			data:    `{"nodes": []}`,
			problem: "no crux notes collection found",
		},
		"record without id": {
			data: `{"type": "AnnotationCollection", "crux:version": 1, "items": [{"type": "Annotation"}]}`,
			line: 1, col: 64, problem: "/items/0: the annotation has no id",
		},
		"trailing data": {
			data: "{\"type\": \"AnnotationCollection\", \"crux:version\": 1}\n}",
			line: 2, col: 1, problem: "unexpected data",
		},
		"conflict markers": {
			data: "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n",
			line: 1, col: 1, problem: "invalid JSON",
		},
	}
	c := newContent(t, fixtureNodes())
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.json")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path, WithContent(c))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Open error = %v, want *FileError", err)
			}
			if fe.Path != path || fe.Line != tc.line || fe.Col != tc.col || !strings.Contains(fe.Problem, tc.problem) {
				t.Errorf("FileError = %+v, want line %d col %d problem ~%q", fe, tc.line, tc.col, tc.problem)
			}
			if !strings.Contains(err.Error(), "crux will not write to") || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("message gives no file or recovery advice: %v", err)
			}
			ro, roErr := OpenReadOnly(path, WithContent(c))
			if roErr == nil || ro == nil || !ro.ReadOnly() || ro.Problem() == nil {
				t.Fatalf("OpenReadOnly = %v, %v", ro, roErr)
			}
			if _, err := ro.SetNote("c-drop", "x"); !errors.Is(err, ErrReadOnly) {
				t.Errorf("read-only SetNote: %v", err)
			}
			if err := ro.MarkRead("c-drop"); !errors.Is(err, ErrReadOnly) {
				t.Errorf("read-only MarkRead: %v", err)
			}
			assertFile(t, path, tc.data)
		})
	}
}

func TestFileBrokenAfterOpenIsNotOverwritten(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	if _, err := s.SetNote("c-drop", "kept"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	broken := string(data[:len(data)/2]) // as if a hand edit went wrong
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = s.SetNote("c-spring", "new")
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line == 0 {
		t.Fatalf("save over a broken file: %v", err)
	}
	assertFile(t, path, broken)
	if s.Problem() == nil {
		t.Error("Problem() is nil after a failed save")
	}
	if err := s.Reload(); err == nil || len(s.All()) != 1 {
		t.Errorf("Reload of a broken file: err %v, %d notes still shown", err, len(s.All()))
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("file changed:\n got %q\nwant %q", got, want)
	}
}

func TestEmptyFileIsEmptyCollection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil || len(s.All()) != 0 {
		t.Fatalf("Open(empty) = %v, %v", s, err)
	}
}
