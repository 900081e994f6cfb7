package notes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/crux-news/crux/model"
)

// The W3C Web Annotation test suite (github.com/w3c/web-annotation-tests,
// vendored with its licence in testdata/w3c; see testdata/w3c/README.md)
// checks a description with JSON Schema (draft-04) assertion files. A
// ".test" file lists the assertions; each names one schema that the
// description must pass ("expectedResult": "valid"). Every assertion in
// annotationMusts, collectionMusts and pageMusts is a "must".
const w3cDir = "testdata/w3c"

// w3cSuite is the compiled assertions of one ".test" file.
type w3cSuite struct {
	name       string
	assertions []w3cAssertion
}

type w3cAssertion struct {
	file, errorMessage string
	schema             *jsonschema.Schema
}

// loadW3CSuite compiles the assertions listed in the .test file at rel.
// Assertion and definition files refer to each other by bare file names
// ("id.json#/definitions/…"), so all are added under one base URL, as the
// W3C harness serves them.
func loadW3CSuite(t *testing.T, rel string) w3cSuite {
	t.Helper()
	var test struct {
		Assertions []any `json:"assertions"`
	}
	readJSON(t, filepath.Join(w3cDir, rel), &test)
	c := jsonschema.NewCompiler()
	c.AssertFormat() // the harness (ajv) checks formats such as "uri" and "date-time"
	const base = "https://w3c.test/"
	defs, err := filepath.Glob(filepath.Join(w3cDir, "definitions", "*.json"))
	if err != nil || len(defs) == 0 {
		t.Fatalf("no W3C definitions: %v", err)
	}
	for _, d := range defs {
		addResource(t, c, base+filepath.Base(d), d)
	}
	s := w3cSuite{name: rel}
	for _, a := range test.Assertions {
		file, ok := a.(string)
		if !ok {
			t.Fatalf("%s: assertion %v is not a file name; this test runs plain lists only", rel, a)
		}
		var meta struct {
			AssertionType  string `json:"assertionType"`
			ExpectedResult string `json:"expectedResult"`
			ErrorMessage   string `json:"errorMessage"`
		}
		readJSON(t, filepath.Join(w3cDir, file), &meta)
		if meta.AssertionType != "must" || meta.ExpectedResult != "valid" {
			t.Fatalf("%s: %s is a %q assertion expecting %q; this test runs musts expecting valid", rel, file, meta.AssertionType, meta.ExpectedResult)
		}
		u := base + path.Base(file)
		addResource(t, c, u, filepath.Join(w3cDir, file))
		sch, err := c.Compile(u)
		if err != nil {
			t.Fatalf("%s: compile %s: %v", rel, file, err)
		}
		s.assertions = append(s.assertions, w3cAssertion{file: file, errorMessage: meta.ErrorMessage, schema: sch})
	}
	return s
}

func addResource(t *testing.T, c *jsonschema.Compiler, url, file string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// failures returns the assertions doc (decoded JSON) does not pass.
func (s w3cSuite) failures(doc any) []string {
	var out []string
	for _, a := range s.assertions {
		if err := a.schema.Validate(doc); err != nil {
			out = append(out, fmt.Sprintf("%s: %s\n%v", a.file, a.errorMessage, err))
		}
	}
	return out
}

// w3cSuites compiles the three must suites once per test.
type w3cSuites struct{ annotation, collection, page w3cSuite }

func loadW3C(t *testing.T) w3cSuites {
	s := w3cSuites{
		annotation: loadW3CSuite(t, "annotations/annotationMusts.test"),
		collection: loadW3CSuite(t, "collections/collectionMusts.test"),
		page:       loadW3CSuite(t, "collections/pages/pageMusts.test"),
	}
	if n := len(s.annotation.assertions) + len(s.collection.assertions) + len(s.page.assertions); n != 54+10+15 {
		t.Fatalf("%d W3C must assertions, want 79", n)
	}
	return s
}

// check returns every must assertion that a notes file or export (data)
// fails: the collection and page musts on the whole, the annotation musts
// on each item of its page.
func (s w3cSuites) check(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	fails := append(s.collection.failures(doc), s.page.failures(doc)...)
	var items []any
	if m, ok := doc.(map[string]any); ok {
		if first, ok := m["first"].(map[string]any); ok {
			items, _ = first["items"].([]any)
		}
		if old, ok := m["items"].([]any); ok {
			items = append(items, old...)
		}
	}
	if len(items) == 0 {
		fails = append(fails, "no annotations to check")
	}
	for i, it := range items {
		for _, f := range s.annotation.failures(it) {
			fails = append(fails, fmt.Sprintf("item %d: %s", i, f))
		}
	}
	return fails
}

// Notes files and `crux notes export --format json` pass every MUST of the
// W3C Web Annotation tests: for an article with a URL and one without, and
// for a crux:version 1 file once upgraded.
func TestNotesPassW3CMusts(t *testing.T) {
	w3c := loadW3C(t)
	noURL := func(t testing.TB) *model.Content {
		c := newContent(t, fixtureNodes())
		c.Article.URL = ""
		return c
	}
	for name, content := range map[string]func(testing.TB) *model.Content{
		"article with a URL": func(t testing.TB) *model.Content { return newContent(t, fixtureNodes()) },
		"article without":    noURL,
	} {
		t.Run(name, func(t *testing.T) {
			c := content(t)
			s := goldenNotes(t, c)
			file, err := os.ReadFile(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			var export bytes.Buffer
			if err := ExportJSON(&export, s.Collection()); err != nil {
				t.Fatal(err)
			}
			for what, data := range map[string][]byte{"notes file": file, "export": export.Bytes()} {
				for _, f := range w3c.check(t, data) {
					t.Errorf("%s fails %s", what, f)
				}
			}
			want := "https://news.example/crime-down"
			if c.Article.URL == "" {
				want = ArticleIRI(ArticleIdentity(c.Article.ArticleMeta, c.Article.Text))
				if !strings.HasPrefix(want, "urn:uuid:") {
					t.Errorf("article IRI without a URL = %q", want)
				}
			}
			if !bytes.Contains(file, []byte(`"source": "`+want+`"`)) {
				t.Errorf("targets do not name %s as their source:\n%s", want, file)
			}
		})
	}

	t.Run("version 1 file", func(t *testing.T) {
		old := filepath.Join("testdata", "import-sample.json") // written by crux:version 1
		data, err := os.ReadFile(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(w3c.check(t, data)) == 0 {
			t.Fatal("the version 1 fixture passes the W3C musts; it no longer tests the upgrade")
		}
		// The same notes in the current form, as checked in: they pass, and
		// the old file reads as the same records.
		current, err := os.ReadFile(filepath.Join("testdata", "import-sample-v2.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range w3c.check(t, current) {
			t.Errorf("import-sample-v2.json fails %s", f)
		}
		v1, err1 := Decode("v1", data)
		v2, err2 := Decode("v2", current)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(v1.Items, v2.Items) {
			t.Errorf("version 1 and 2 files read differently (%v, %v):\n%+v\n%+v", err1, err2, v1.Items, v2.Items)
		}
		path := filepath.Join(t.TempDir(), "notes.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c := newContent(t, fixtureNodes())
		s := openTest(t, path, c, "Ana")
		if n := len(s.All()); n != 2 {
			t.Fatalf("version 1 file: %d notes, want 2", n)
		}
		var export bytes.Buffer
		if err := ExportJSON(&export, s.Collection()); err != nil {
			t.Fatal(err)
		}
		for _, f := range w3c.check(t, export.Bytes()) {
			t.Errorf("export of a version 1 file fails %s", f)
		}
		assertFile(t, path, string(data)) // reading never rewrites
		if _, err := s.SetNote("c-spring", "A new note upgrades the file."); err != nil {
			t.Fatal(err)
		}
		upgraded, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range w3c.check(t, upgraded) {
			t.Errorf("version 1 file after a save fails %s", f)
		}
		if !bytes.Contains(upgraded, []byte(`"crux:version": 2`)) || !bytes.Contains(upgraded, []byte(`"crux:node": "c-drop"`)) {
			t.Errorf("not upgraded:\n%s", upgraded)
		}
		again := openTest(t, path, c, "Ana")
		if len(again.All()) != 3 || len(again.ForNode("c-drop")) != 1 {
			t.Errorf("upgraded file: %d notes, %d on c-drop", len(again.All()), len(again.ForNode("c-drop")))
		}
	})
}

// The checks have teeth: each way crux's output used to break the W3C
// model fails them.
func TestW3CChecksCatchBrokenOutput(t *testing.T) {
	w3c := loadW3C(t)
	s := goldenNotes(t, newContent(t, fixtureNodes()))
	good, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if f := w3c.check(t, good); len(f) != 0 {
		t.Fatalf("the good file fails: %v", f)
	}
	breaks := map[string]struct {
		edit func(m map[string]any)
		want string
	}{
		"relative target source": {func(m map[string]any) {
			item(m, 0)["target"] = map[string]any{"source": "claims.json#c-drop"}
		}, "3.2-targetObjectsRecognized"},
		"collection without id": {func(m map[string]any) { delete(m, "id") }, "5.1-collectionIdValidated"},
		"items outside a page": {func(m map[string]any) {
			m["items"] = m["first"].(map[string]any)["items"]
			delete(m, "first")
			delete(m, "last")
		}, "5.1-collectionFirstValidated"},
		"page without id": {func(m map[string]any) {
			delete(m["first"].(map[string]any), "id")
		}, "5.2-pageIdValidated"},
		"annotation id not an IRI": {func(m map[string]any) { item(m, 0)["id"] = "note 1" }, "3.1-annotationIdValidated"},
		"bad selector": {func(m map[string]any) {
			item(m, 0)["target"].(map[string]any)["selector"] = []any{map[string]any{"type": "TextQuoteSelector"}}
		}, "4.2.4-textQuoteSelectorValid"},
		"created without a time zone": {func(m map[string]any) { item(m, 0)["created"] = "2025-03-10T09:00:00" }, "3.3.1-annotationCreatedValidated"},
	}
	for name, b := range breaks {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(good, &m); err != nil {
				t.Fatal(err)
			}
			b.edit(m)
			data, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			fails := w3c.check(t, data)
			if !strings.Contains(strings.Join(fails, "\n"), b.want) {
				t.Errorf("%s not caught by %s; failures: %v", name, b.want, fails)
			}
		})
	}
}

func item(m map[string]any, i int) map[string]any {
	return m["first"].(map[string]any)["items"].([]any)[i].(map[string]any)
}
