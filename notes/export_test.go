package notes

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"github.com/crux-news/crux/model"
)

// goldenNotes builds a store with notes of every kind: two readers, a
// passage, an edited node and an orphan.
func goldenNotes(t *testing.T, c *model.Content) *Store {
	t.Helper()
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), c, "Ana")
	must := func(_ Annotation, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SetNote("c-spring", "Too early to tell:\n\n- one season\n- no comparison"))
	must(s.SetStance("c-spring", NeedsEvidence))
	must(s.SetNote("c-drop", "Compared with **which** year?"))
	must(s.SetStance("c-drop", Disagree))
	must(s.AddTag("c-drop", "base-rate"))
	must(s.AddTag("c-drop", "statistics"))
	must(s.SetStance("s-base", Agree))
	must(s.AddTag("k-count", "method"))
	must(s.AnnotatePassage("2020 had a spike", "unusual: ", ".",
		strings.Index(articleText, "2020"), strings.Index(articleText, "2020")+16, "Check the 2019 figure."))

	teacher := NewNodeAnnotation(c.Node("c-drop"), NewCreator("Ms. Ortiz"), testStart().Add(24*time.Hour))
	teacher.setBody(Commenting, "Good question. Look at table 2.")
	edited := NewNodeAnnotation(c.Node("s-base"), NewCreator("Ana"), testStart().Add(time.Hour))
	edited.Target.NodeHash = strings.Repeat("0", 64) // written against older text
	edited.setBody(Commenting, "Written before the skeptic position was reworded.")
	orphan := Annotation{Target: Target{Source: "claims.json#c-removed"}, Creator: NewCreator("Ana"),
		Created: testStart().Add(2 * time.Hour), Modified: testStart().Add(2 * time.Hour)}
	orphan.setBody(Commenting, "This claim was removed.")
	gone := NewPassageAnnotation("article.md", Quote{Exact: "a sentence that was cut", Start: 10, End: 33},
		"Where did this go?", NewCreator("Ana"), testStart().Add(3*time.Hour))
	for _, a := range []Annotation{teacher, edited, orphan, gone} {
		if err := s.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestExportMarkdownGolden(t *testing.T) {
	c := newContent(t, fixtureNodes())
	s := goldenNotes(t, c)
	var buf bytes.Buffer
	if err := ExportMarkdown(&buf, s.All(), c, "Ana", time.Date(2025, 3, 12, 18, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "export.md.golden")
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Markdown export differs from %s (UPDATE_GOLDEN=1 to accept):\n%s", golden, buf.String())
	}
	// Every note text appears: nothing is dropped from the hand-in.
	for _, a := range s.All() {
		if n := a.Note(); n != "" && !strings.Contains(buf.String(), strings.TrimSpace(n)) {
			t.Errorf("export lacks note %q", n)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	c := newContent(t, fixtureNodes())
	src := goldenNotes(t, c)
	var buf bytes.Buffer
	if err := ExportJSON(&buf, src.Collection()); err != nil {
		t.Fatal(err)
	}
	exported := filepath.Join(t.TempDir(), "ana.json")
	if err := os.WriteFile(exported, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	dst, err := Open(filepath.Join(t.TempDir(), "class.json"), WithReader("Ben"), WithContent(c))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.SetNote("c-drop", "Ben's own note"); err != nil {
		t.Fatal(err)
	}
	r, err := dst.Import(exported)
	if err != nil {
		t.Fatal(err)
	}
	n := len(src.All())
	if r != (MergeResult{Added: n}) {
		t.Errorf("first import = %+v, want %d added", r, n)
	}
	var imported []Annotation
	for _, a := range dst.All() {
		if a.Creator.Name != "Ben" {
			imported = append(imported, a)
		}
	}
	if !reflect.DeepEqual(imported, src.All()) {
		t.Errorf("imported notes differ from the exported ones:\n%+v\n%+v", imported, src.All())
	}
	if len(dst.All()) != n+1 {
		t.Errorf("Ben's note lost: %d notes", len(dst.All()))
	}
	if dst.Read()["c-drop"] {
		t.Error("import merged the other reader's read list")
	}

	if r, err := dst.Import(exported); err != nil || r != (MergeResult{Kept: n}) {
		t.Errorf("second import = %+v, %v; want %d kept", r, err, n)
	}

	// A newer version of one note replaces, an older one never does.
	coll := src.Collection()
	coll.Items[0].Modified = coll.Items[0].Modified.Add(time.Hour)
	coll.Items[0].setBody(Commenting, "revised")
	coll.Items[1].Modified = coll.Items[1].Modified.Add(-time.Hour)
	coll.Items[1].setBody(Commenting, "stale")
	data, err := Encode(coll)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exported, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := dst.Import(exported); err != nil || r != (MergeResult{Updated: 1, Kept: n - 1}) {
		t.Errorf("third import = %+v, %v", r, err)
	}
	if a, _ := dst.Get(coll.Items[0].ID); a.Note() != "revised" {
		t.Errorf("newer note not taken: %q", a.Note())
	}
	if a, _ := dst.Get(coll.Items[1].ID); a.Note() == "stale" {
		t.Error("older note replaced a newer one")
	}

	if _, err := dst.Import(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("import of a missing file succeeded")
	}
	before, err := os.ReadFile(dst.Path())
	if err != nil {
		t.Fatal(err)
	}
	_, err = dst.Import(filepath.Join("testdata", "conflicted.json"))
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 4 || !strings.Contains(err.Error(), "your notes were not changed") {
		t.Errorf("import of a conflicted file: %v", err)
	}
	assertFile(t, dst.Path(), string(before))
}

func TestDefaultPath(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	withURL := model.ArticleMeta{Path: "a.md", Title: "T", URL: "https://news.example/x/y?z=1"}
	moved := withURL
	moved.Path = "/tmp/elsewhere/article.md"
	titled := model.ArticleMeta{Title: "Crime is down", Published: "2025-01-28"}
	bare := model.ArticleMeta{Path: "a.md"}

	p1, err := DefaultPath(withURL, "text")
	if err != nil {
		t.Fatal(err)
	}
	if dir := filepath.Join(data, "crux", "notes"); filepath.Dir(p1) != dir || !strings.HasPrefix(filepath.Base(p1), "news-example-x-y-") {
		t.Errorf("DefaultPath = %s, want a news-example-x-y-… file in %s", p1, dir)
	}
	if p2, _ := DefaultPath(moved, "other text"); p2 != p1 {
		t.Errorf("path depends on where the article sits: %s vs %s", p2, p1)
	}
	p3, _ := DefaultPath(titled, "text")
	p4, _ := DefaultPath(bare, "text one")
	p5, _ := DefaultPath(bare, "text two")
	if !strings.HasPrefix(filepath.Base(p3), "crime-is-down-2025-01-28-") || p4 == p5 || p3 == p1 {
		t.Errorf("keys: %s %s %s", p3, p4, p5)
	}
	if _, err := DefaultPath(model.ArticleMeta{}, ""); err == nil {
		t.Error("DefaultPath of nothing succeeded")
	}
	if got := ArticleIdentity(bare, "x"); !strings.HasPrefix(got, "sha256:") {
		t.Errorf("ArticleIdentity without URL or title = %q", got)
	}
}

// The hand-in quotes each passage once, says how many claims are annotated,
// puts the content's rating next to the stance, and counts only written
// notes as notes.
func TestExportMarkdownHandIn(t *testing.T) {
	nodes := append(fixtureNodes(), &model.Node{ID: "c-extra", Kind: model.KindClaim, Summary: "Police numbers rose"})
	c := newContent(t, nodes)
	s := openTest(t, filepath.Join(t.TempDir(), "notes.json"), c, "Ana")
	for _, err := range []error{
		second(s.SetStance("c-drop", Disagree)), // a stance alone: annotated, no note
		second(s.SetStance("c-spring", NeedsEvidence)),
		second(s.SetNote("c-spring", "Only one season.")),
		second(s.AnnotatePassage("2020 had a spike", "unusual: ", ".", strings.Index(articleText, "2020"),
			strings.Index(articleText, "2020")+16, "Check 2019.")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := ExportMarkdown(&buf, s.All(), c, "Ana", testStart()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"- Coverage: 2 of 3 claims annotated\n",
		"- Notes: 2 written: 1 on a node, 1 on a passage, 0 orphaned\n",
		"- Stances: 1 disagree, 1 needs-evidence\n",
		"**Stance:** disagree · **Content rating:** Misleading\n",
		"**Stance:** needs-evidence\n",
		"### Passage 1 (paragraph 2)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hand-in lacks %q:\n%s", want, out)
		}
	}
	for _, passage := range []string{"2020 had a spike", "rates fell again this spring"} {
		if n := strings.Count(strings.ToLower(out), passage); n != 1 {
			t.Errorf("%q appears %d times, want once:\n%s", passage, n, out)
		}
	}
	if strings.Contains(out, "need evidence") || strings.Contains(out, "needs evidence") {
		t.Errorf("the needs-evidence stance is spelt two ways:\n%s", out)
	}
	// crux notes export's summary counts as the hand-in does: a stance
	// alone is an annotation, not a note.
	if got, want := Tally(s.All()), "3 annotations (2 notes, 2 stances)"; got != want {
		t.Errorf("Tally = %q, want %q", got, want)
	}
}

func second[T any](_ T, err error) error { return err }

// Giving an article a URL (or fixing its title) changes its identity; the
// notes made under the old one must still be found through
// formerIdentities, and a notes file under the new identity wins.
func TestDefaultPathFollowsFormerIdentities(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	before := model.ArticleMeta{Title: "Old title", Published: "2025-01-28"}
	old, err := DefaultPath(before, "text")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	after := model.ArticleMeta{Title: "New title", Published: "2025-01-28", URL: "https://news.example/a",
		FormerIdentities: []string{"https://gone.example/nothing", "Old title (2025-01-28)"}}
	if got, _ := DefaultPath(after, "text"); got != old {
		t.Errorf("with formerIdentities: %s, want the old file %s", got, old)
	}
	without := after
	without.FormerIdentities = nil
	fresh, _ := DefaultPath(without, "text")
	if fresh == old {
		t.Fatal("the new identity names the old file: the test proves nothing")
	}
	if err := os.WriteFile(fresh, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := DefaultPath(after, "text"); got != fresh {
		t.Errorf("a file under the current identity exists: got %s, want %s", got, fresh)
	}
}
