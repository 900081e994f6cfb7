package author

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/crux-news/crux/model"
)

// copySet copies a content folder (claims.json and article.md) to a temp dir.
func copySet(t *testing.T, from string) string { return copySetTB(t, from) }

func copySetTB(t testing.TB, from string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"claims.json", "article.md"} {
		b, err := os.ReadFile(filepath.Join(from, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const article = `# Bike lanes

The council says the new lanes cut cycling injuries by forty percent in a year.

Shop owners say the lanes cost them customers. The council says the lanes cost little.

Cyclists say the lanes cost little. A survey found most shoppers arrive on foot.
`

// newSet writes a content set with the article above and no nodes.
func newSet(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "article.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := Encode(&model.File{SchemaVersion: 1, Article: model.ArticleMeta{Path: "article.md", Title: "Bike lanes"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "claims.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func open(t *testing.T, dir string) *Session {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func disk(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mustValid fails unless the file on disk loads with no error.
func mustValid(t *testing.T, dir string) *model.Content {
	t.Helper()
	c, fs := model.LoadFile(dir)
	if fs.Errors() > 0 {
		t.Fatalf("file on disk has errors:\n%v", fs)
	}
	return c
}

func TestEmbeddedContentRoundTripsByteForByte(t *testing.T) {
	for _, p := range []string{"../content/claims.json", "../testdata/bikelanes/claims.json", "../model/testdata/clean/claims.json"} {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out, fs, err := Format(p, raw)
		if err != nil {
			t.Fatalf("%s: %v %v", p, err, fs)
		}
		if p == "../content/claims.json" && !bytes.Equal(out, raw) {
			t.Fatalf("%s does not save byte for byte:\n%s", p, firstDiff(string(raw), string(out)))
		}
		again, _, err := Format(p, out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("%s: fmt is not idempotent: %v\n%s", p, err, firstDiff(string(out), string(again)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ: " + itoa(len(al)) + " and " + itoa(len(bl)) + " lines"
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestFormatRewritesAnyLayoutAndRefusesBrokenFiles(t *testing.T) {
	dir := copySet(t, "../model/testdata/clean")
	p := filepath.Join(dir, "claims.json")
	raw, _ := os.ReadFile(p)
	out, _, err := Format(p, raw)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(out, raw) {
		t.Fatal("the hand-laid-out clean fixture should change when formatted")
	}
	// Same value after formatting.
	a, _ := Decode(raw)
	b, _ := Decode(out)
	ea, _ := Encode(a)
	eb, _ := Encode(b)
	if !bytes.Equal(ea, eb) {
		t.Fatal("formatting changed the content")
	}
	for name, bad := range map[string]string{
		"syntax":        `{"schemaVersion": 1,}`,
		"unknown-field": `{"schemaVersion": 1, "article": {"path": "article.md"}, "nodes": [], "extra": 1}`,
		"dup-key":       `{"schemaVersion": 1, "schemaVersion": 1, "article": {"path": "article.md"}, "nodes": []}`,
	} {
		_, fs, err := Format(p, []byte(bad))
		if err == nil {
			t.Errorf("%s: formatted a broken file", name)
			continue
		}
		if len(fs) == 0 || fs[0].Code != name {
			t.Errorf("%s: findings %v", name, fs)
		}
	}
}

func TestAddNodeWritesOnlyWhenValidAndKeepsInvalidChange(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	an, err := s.QuoteAnchor("cut cycling injuries by forty percent", 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.AddNode(model.Node{Kind: model.KindClaim, Summary: "Lanes cut injuries by 40%", Anchors: []model.Anchor{an},
		Rating: &model.Rating{Label: "Unverified"}, Tags: []string{"safety"}})
	if err != nil || !r.Written || r.Findings.Errors() != 0 {
		t.Fatalf("add: %+v %v", r, err)
	}
	c := mustValid(t, dir)
	if n := c.Node("claim-lanes-cut-injuries-40"); n == nil || !n.Anchors[0].Resolved() {
		t.Fatalf("node not written or anchor unresolved: %v", c.Nodes())
	}
	before := disk(t, dir)
	// A claim with no anchor is invalid: kept in the session, not written.
	r, err = s.AddNode(model.Node{ID: "claim-bare", Kind: model.KindClaim, Summary: "No passage"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Written || r.Findings.Errors() == 0 || !s.Unsaved() {
		t.Fatalf("invalid change: %+v", r)
	}
	if disk(t, dir) != before {
		t.Fatal("an invalid change reached the disk")
	}
	var f model.Finding
	for _, x := range r.Findings {
		if x.Severity == model.SevError {
			f = x
		}
	}
	if got := s.NodeOf(f); got != "claim-bare" {
		t.Fatalf("NodeOf(%v) = %q", f, got)
	}
	// Fixing it with the next operation writes both.
	an2, err := s.QuoteAnchor("A survey found most shoppers arrive on foot", 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err = s.EditNode("claim-bare", func(n *model.Node) error { n.Anchors = []model.Anchor{an2}; return nil })
	if err != nil || !r.Written {
		t.Fatalf("fix: %+v %v", r, err)
	}
	if mustValid(t, dir).Node("claim-bare") == nil {
		t.Fatal("fixed node not on disk")
	}
}

func TestRenameDeleteLinksToursUndoRedo(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	an, _ := s.QuoteAnchor("cut cycling injuries by forty percent", 0)
	must := func(r Result, err error) Result {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if r.Findings.Errors() > 0 {
			t.Fatalf("%s: %v", r.Op, r.Findings)
		}
		return r
	}
	must(s.AddNode(model.Node{ID: "claim-a", Kind: model.KindClaim, Summary: "A", Anchors: []model.Anchor{an}}))
	must(s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"}))
	must(s.AddNode(model.Node{ID: "counter-c", Kind: model.KindCounterpoint, Summary: "C"}))
	must(s.AddLink(model.Link{From: "skeptic-b", To: "claim-a", Type: model.Attacks, Note: "why"}))
	must(s.AddLink(model.Link{From: "counter-c", To: "skeptic-b", Type: model.Attacks}))
	must(s.NewTour("main", "Main"))
	must(s.AddStep("main", 99, model.TourStep{Node: "claim-a"}))
	must(s.AddStep("main", 99, model.TourStep{Node: "skeptic-b"}))
	must(s.AddStep("main", -1, model.TourStep{Node: "counter-c", Title: "first"}))
	must(s.MoveStep("main", 0, 2))
	must(s.EditStep("main", 0, "Start", "Ask the room"))
	must(s.RenameNode("claim-a", "claim-lanes"))
	c := mustValid(t, dir)
	n := c.Node("claim-a")
	if n == nil || n.ID != "claim-lanes" || n.FormerIDs[0] != "claim-a" {
		t.Fatalf("rename: %+v", n)
	}
	if c.LinksTo("claim-lanes")[0].From != "skeptic-b" {
		t.Fatal("link not renamed")
	}
	tour, _ := c.Tour("main")
	if got := []string{tour.Steps[0].Node, tour.Steps[1].Node, tour.Steps[2].Node}; strings.Join(got, " ") != "claim-lanes skeptic-b counter-c" || tour.Steps[0].Title != "Start" {
		t.Fatalf("tour: %+v", tour.Steps)
	}
	r := must(s.DeleteNode("skeptic-b"))
	if r.Op != `deleted skeptic "skeptic-b", 2 links and 1 tour step` {
		t.Fatalf("op: %q", r.Op)
	}
	c = mustValid(t, dir)
	if c.Node("skeptic-b") != nil || len(c.File.Links) != 0 {
		t.Fatal("delete left the node or its links")
	}
	afterDelete := disk(t, dir)
	must(s.Undo())
	if mustValid(t, dir).Node("skeptic-b") == nil {
		t.Fatal("undo did not bring the node back")
	}
	must(s.Redo())
	if disk(t, dir) != afterDelete {
		t.Fatal("redo differs from the change")
	}
	for s.CanUndo() {
		must(s.Undo())
	}
	if len(mustValid(t, dir).Nodes()) != 0 {
		t.Fatal("undoing everything should leave no node")
	}
}

func TestOperationsThatCannotApplyChangeNothing(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	before := disk(t, dir)
	for name, op := range map[string]func() (Result, error){
		"edit":   func() (Result, error) { return s.EditNode("claim-x", func(*model.Node) error { return nil }) },
		"rename": func() (Result, error) { return s.RenameNode("claim-x", "claim-y") },
		"delete": func() (Result, error) { return s.DeleteNode("claim-x") },
		"unlink": func() (Result, error) { return s.RemoveLink("a", "b") },
		"step":   func() (Result, error) { return s.AddStep("", 0, model.TourStep{Node: "a"}) },
	} {
		if _, err := op(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if s.CanUndo() || disk(t, dir) != before {
		t.Fatal("a failed operation changed the session or the file")
	}
}

func TestWriteRefusesToOverwriteAnotherEdit(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	other := strings.Replace(disk(t, dir), "Bike lanes", "Bike lanes (edited)", 1)
	if err := os.WriteFile(filepath.Join(dir, "claims.json"), []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v", err)
	}
	if disk(t, dir) != other {
		t.Fatal("the other edit was overwritten")
	}
	if err := s.Reload(); err != nil || s.File().Article.Title != "Bike lanes (edited)" {
		t.Fatalf("reload: %v", err)
	}
}

func TestChangingOneNodeChangesOnlyItsLines(t *testing.T) {
	dir := copySet(t, "../content")
	before := strings.Split(disk(t, dir), "\n")
	s := open(t, dir)
	id := s.File().Nodes[3].ID
	if _, err := s.EditNode(id, func(n *model.Node) error { n.Summary += " (edited)"; return nil }); err != nil {
		t.Fatal(err)
	}
	after := strings.Split(disk(t, dir), "\n")
	if len(after) != len(before) {
		t.Fatalf("line count changed: %d to %d", len(before), len(after))
	}
	changed := 0
	for i := range before {
		if before[i] != after[i] {
			changed++
			if !strings.Contains(after[i], "(edited)") {
				t.Errorf("line %d changed: %q", i+1, after[i])
			}
		}
	}
	if changed != 1 {
		t.Fatalf("%d lines changed, want 1", changed)
	}
}

func TestOpenFailsClearly(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "missing-claims") {
		t.Fatalf("empty folder: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "claims.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "read-error") {
		t.Fatalf("fifo: %v", err)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "claims.json"), []byte(`{"schemaVersion": 1,`), 0o644)
	_, err := Open(bad)
	var fe *FindingsError
	if !errors.As(err, &fe) || fe.Findings[0].Code != "syntax" || fe.Findings[0].Line != 1 {
		t.Fatalf("syntax error: %v", err)
	}
	// A set whose article is missing opens (to be fixed), but nothing can be quoted.
	gone := newSet(t)
	os.Remove(filepath.Join(gone, "article.md"))
	s, err := Open(gone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.QuoteAnchor("anything at all", 0); err == nil || !strings.Contains(err.Error(), "the article could not be read") {
		t.Fatalf("quote without article: %v", err)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"claim The barrier will close about 12 times a year": "claim-barrier-close-about-12",
		"src 2024 report: “Roads” & the city’s plan":         "src-2024-report-roads-city",
		"counter A":                        "counter",
		"12 34":                            "",
		"The Économie of it":               "the-economie",
		strings.Repeat("verylongword ", 9): "verylongword-verylongword-verylongword-verylongwor",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHistoryLabelsAndSave(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	if s.UndoLabel() != "" || s.RedoLabel() != "" {
		t.Fatal("labels on a fresh session")
	}
	if _, err := s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"}); err != nil {
		t.Fatal(err)
	}
	if got := s.UndoLabel(); got != `added skeptic "skeptic-b"` {
		t.Fatalf("undo label %q", got)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := s.RedoLabel(); got != `added skeptic "skeptic-b"` || s.UndoLabel() != "" {
		t.Fatalf("redo label %q", got)
	}
	// A write that failed is retried by Save. (A read-only folder does not
	// stop root, so the file is made a folder for a moment instead.)
	claims := filepath.Join(dir, "claims.json")
	before := disk(t, dir)
	if err := os.Remove(claims); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(claims, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(); err == nil || !s.Unsaved() {
		t.Fatalf("write over a folder: %v", err)
	}
	os.Remove(claims)
	if err := os.WriteFile(claims, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Save(); err != nil || s.Unsaved() || mustValid(t, dir).Node("skeptic-b") == nil {
		t.Fatalf("save: %+v %v", r, err)
	}
}

func TestAnEditThatChangesNothingIsNoHistoryStep(t *testing.T) {
	s := open(t, newSet(t))
	if _, err := s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"}); err != nil {
		t.Fatal(err)
	}
	r, err := s.EditNode("skeptic-b", func(n *model.Node) error { n.Summary = "B"; return nil })
	if err != nil || r.Written {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := s.Undo(); err != nil || s.CanUndo() {
		t.Fatalf("one undo should take back the add: %v", err)
	}
}

func TestWroteTellsOwnWritesFromOthers(t *testing.T) {
	dir := newSet(t)
	s := open(t, dir)
	if !s.Wrote([]byte(disk(t, dir))) {
		t.Fatal("the file as opened")
	}
	if _, err := s.AddNode(model.Node{ID: "skeptic-b", Kind: model.KindSkeptic, Summary: "B"}); err != nil {
		t.Fatal(err)
	}
	if !s.Wrote([]byte(disk(t, dir))) || s.Wrote([]byte(disk(t, dir)+" ")) {
		t.Fatal("own write not recognised, or another taken for it")
	}
}
