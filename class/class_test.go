package class

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// renamed are the claims of the embedded content that the older content
// version knew by another id; removed is a node only the older version had.
var renamed = map[string]string{
	"claim-market-shock": "claim-market-panic",
	"claim-r1-paper":     "claim-paper",
	"claim-sputnik":      "claim-sputnik-moment",
}

const removed = "claim-withdrawn"

// currentContent is the embedded content with formerIds on the renamed
// claims, written to a folder and loaded as any content set is.
func currentContent(t testing.TB) *model.Content {
	t.Helper()
	data, err := content.FS.ReadFile(content.ClaimsFile)
	if err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	done := 0
	for _, n := range f["nodes"].([]any) {
		node := n.(map[string]any)
		if old, ok := renamed[node["id"].(string)]; ok {
			node["formerIds"] = []string{old}
			done++
		}
	}
	if done != len(renamed) {
		t.Fatalf("the embedded content no longer has the claims %v", renamed)
	}
	delete(f, "$schema")
	out, _ := json.MarshalIndent(f, "", "  ")
	dir := t.TempDir()
	article, err := content.FS.ReadFile("article.md")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "article.md"), string(article))
	writeFile(t, filepath.Join(dir, "claims.json"), string(out))
	c, fs := model.LoadFile(dir)
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

func writeFile(t testing.TB, path, data string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// want is what the generator decided, keyed by current node id: the
// expected result, counted independently of the package.
type want struct {
	dist      map[string]*Distribution
	annotated map[string][]string // student -> claim ids in article order
}

func (w *want) record(c *model.Content, student, node string, st notes.Stance) {
	id := c.Node(node).ID
	d := w.dist[id]
	d.Annotated++
	d.add(st)
	d.None-- // every student starts under None
	if c.Node(id).Kind == model.KindClaim && !slices.Contains(w.annotated[student], id) {
		w.annotated[student] = append(w.annotated[student], id)
	}
}

// annotation is a node annotation by name with a stance, a note and tags,
// made at t, on node id (any id: an old one, or one the content lacks).
func annotation(c *model.Content, name, id string, st notes.Stance, note string, tags []string, t time.Time) notes.Annotation {
	n := &model.Node{ID: id}
	if cur := c.Node(id); cur != nil {
		n = &model.Node{ID: id, Summary: cur.Summary, Text: cur.Text}
	}
	a := notes.NewNodeAnnotation(n, notes.NewCreator(name), t)
	if note != "" {
		a.Body = append(a.Body, notes.Body{Type: notes.TypeTextualBody, Purpose: notes.Commenting, Format: notes.FormatMarkdown, Value: note})
	}
	if st != "" {
		a.Body = append(a.Body, notes.Body{Type: notes.TypeTextualBody, Purpose: notes.Assessing, Value: string(st)})
	}
	for _, tag := range tags {
		a.Body = append(a.Body, notes.Body{Type: notes.TypeTextualBody, Purpose: notes.Tagging, Value: tag})
	}
	a.Motivation = notes.Commenting
	if st != "" {
		a.Motivation = notes.Assessing
	}
	return a
}

// encode writes a notes collection as "crux notes export --format json" does.
func encode(t testing.TB, c *model.Content, path string, items []notes.Annotation) string {
	t.Helper()
	data, err := notes.Encode(notes.Collection{Article: notes.ArticleIdentity(c.Article.ArticleMeta, c.Article.Text), Items: items})
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, path, string(data))
}

// generate writes 30 hand-ins: 26 students (s01…s26), a second file by
// s01 (an older copy of one of her notes and one new note), one student
// (s28) whose notes are on the older content version, and 2 corrupt files
// (s29, s30). It returns the paths and what the class should be.
func generate(t testing.TB, c *model.Content, dir string) ([]string, *want) {
	rng := rand.New(rand.NewPCG(17, 2026))
	w := &want{dist: make(map[string]*Distribution), annotated: make(map[string][]string)}
	const class = 27
	for _, n := range c.Nodes() {
		w.dist[n.ID] = &Distribution{Students: class, None: class}
	}
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	stances := append(notes.Stances(), "") // "" is a note without a stance
	nodes := c.Nodes()
	var paths []string
	var s01First []notes.Annotation
	for i := 1; i <= 26; i++ {
		name := fmt.Sprintf("s%02d", i)
		var items []notes.Annotation
		for j, n := range nodes {
			if rng.IntN(10) >= 4 { // about 40% of the nodes
				continue
			}
			st := stances[rng.IntN(len(stances))]
			note := ""
			if st == "" || rng.IntN(2) == 0 {
				note = fmt.Sprintf("%s on %s:\n\nwhy, line two", name, n.ID)
			}
			items = append(items, annotation(c, name, n.ID, st, note, nil, start.Add(time.Duration(i*100+j)*time.Minute)))
			w.record(c, name, n.ID, st)
		}
		if i == 2 {
			passage := c.Passages()[0]
			text := []rune(c.Article.Text)[passage.Start:passage.End]
			items = append(items, notes.NewPassageAnnotation("", notes.Quote{Exact: string(text), Start: passage.Start, End: passage.End},
				"a passage note", notes.NewCreator(name), start))
		}
		if i == 1 {
			s01First = items
		}
		paths = append(paths, encode(t, c, filepath.Join(dir, name+".json"), items))
	}

	// s01's second file: an older version of her first note, with another
	// stance (her newer edit must win), and a note on a claim she had not
	// annotated (it must count).
	older := s01First[0]
	older.Body = []notes.Body{{Type: notes.TypeTextualBody, Purpose: notes.Commenting, Format: notes.FormatMarkdown, Value: "stale copy"},
		{Type: notes.TypeTextualBody, Purpose: notes.Assessing, Value: string(otherStance(older.Stance()))}}
	older.Modified = older.Created
	s01First[0].Modified = older.Created.Add(time.Hour)
	encode(t, c, paths[0], s01First) // her first file, with the later edit
	var extra string
	for _, n := range c.Claims() {
		if !slices.Contains(w.annotated["s01"], n.ID) {
			extra = n.ID
			break
		}
	}
	late := annotation(c, "s01", extra, notes.Agree, "", []string{"late"}, start.Add(1000*time.Hour))
	w.record(c, "s01", extra, notes.Agree)
	paths = append(paths, encode(t, c, filepath.Join(dir, "s01-second.json"), []notes.Annotation{older, late}))

	// s28 annotated the older version: three claims by their old ids (one
	// edited since), one node that is gone, a passage that is gone, and one
	// node whose id did not change.
	var old []notes.Annotation
	at := start.Add(2000 * time.Hour)
	for cur, was := range sortedMap(renamed) {
		a := annotation(c, "s28", was, notes.Disagree, "old version note", nil, at)
		if cur == "claim-sputnik" {
			a.Target.NodeHash = strings.Repeat("0", 64) // its text changed since
		}
		old = append(old, a)
		w.record(c, "s28", cur, notes.Disagree)
	}
	old = append(old, annotation(c, "s28", removed, notes.Agree, "on a claim that was withdrawn", []string{"gone"}, at))
	old = append(old, notes.NewPassageAnnotation("", notes.Quote{Exact: "a sentence the editors cut", Start: 5, End: 31},
		"cut passage", notes.NewCreator("s28"), at.Add(time.Minute)))
	old = append(old, annotation(c, "s28", "claim-censorship", notes.NeedsEvidence, "", nil, at))
	w.record(c, "s28", "claim-censorship", notes.NeedsEvidence)
	paths = append(paths, encode(t, c, filepath.Join(dir, "s28-old-version.json"), old))

	// Two corrupt hand-ins.
	good, err := os.ReadFile(paths[3])
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths,
		writeFile(t, filepath.Join(dir, "s29.json"), string(good[:len(good)/2])),
		writeFile(t, filepath.Join(dir, "s30.json"), strings.Replace(string(good), `"crux:version": 2`, `"crux:version": 99`, 1)))
	if len(paths) != 30 {
		t.Fatalf("generated %d files, want 30", len(paths))
	}
	// Claims in article order, as the report lists them.
	for s, ids := range w.annotated {
		slices.SortFunc(ids, func(a, b string) int {
			return slices.Index(c.Claims(), c.Node(a)) - slices.Index(c.Claims(), c.Node(b))
		})
		w.annotated[s] = ids
	}
	return paths, w
}

// sortedMap iterates m in key order.
func sortedMap(m map[string]string) func(func(string, string) bool) {
	return func(yield func(string, string) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

func otherStance(s notes.Stance) notes.Stance {
	if s == notes.Disagree {
		return notes.Agree
	}
	return notes.Disagree
}

func TestThirtyGeneratedStudents(t *testing.T) {
	c := currentContent(t)
	paths, w := generate(t, c, t.TempDir())
	cl := Load(c, paths)

	// The two corrupt files are skipped, by name, with line and column.
	if len(cl.Skipped) != 2 {
		t.Fatalf("skipped %d files, want 2: %v", len(cl.Skipped), cl.Skipped)
	}
	for i, words := range [][]string{{"s29.json:", "ends in the middle", "fresh export"}, {"s30.json", "crux:version 99"}} {
		var fe *notes.FileError
		if !errors.As(cl.Skipped[i].Err, &fe) {
			t.Fatalf("skipped %s: %T, want a *notes.FileError", cl.Skipped[i].Path, cl.Skipped[i].Err)
		}
		for _, word := range words {
			if !strings.Contains(cl.Skipped[i].Err.Error(), word) {
				t.Errorf("skipped %d: %q lacks %q", i, cl.Skipped[i].Err, word)
			}
		}
	}
	if fe := new(notes.FileError); !errors.As(cl.Skipped[0].Err, &fe) || fe.Line == 0 || fe.Col == 0 {
		t.Errorf("the truncated file has no line:col: %v", cl.Skipped[0].Err)
	}
	if len(cl.Files) != 28 {
		t.Fatalf("read %d files, want 28", len(cl.Files))
	}

	// 27 students: s01…s26 and s28; s01 once for her two files.
	var names []string
	for _, s := range cl.Students {
		names = append(names, s.Name)
	}
	wantNames := []string{}
	for i := 1; i <= 26; i++ {
		wantNames = append(wantNames, fmt.Sprintf("s%02d", i))
	}
	wantNames = append(wantNames, "s28")
	if !slices.Equal(names, wantNames) {
		t.Fatalf("students %v, want %v", names, wantNames)
	}
	if got := cl.Student("s01").Files; len(got) != 2 {
		t.Errorf("s01's files: %v, want both", got)
	}

	// Exact distributions on every node.
	for _, n := range c.Nodes() {
		got, exp := cl.Distribution(n.ID), *w.dist[n.ID]
		exp.Students = len(wantNames)
		if got != exp {
			t.Errorf("%s: distribution %+v, want %+v", n.ID, got, exp)
		}
		if got != cl.Distributions()[n.ID] {
			t.Errorf("%s: Distributions() disagrees with Distribution()", n.ID)
		}
		if sum := got.Agree + got.Disagree + got.Unsure + got.NeedsEvidence + got.None; sum != got.Students {
			t.Errorf("%s: counts add up to %d, not %d", n.ID, sum, got.Students)
		}
	}
	// Old ids reach the same node.
	for cur, was := range renamed {
		if cl.Distribution(was) != cl.Distribution(cur) || cl.Node(was) != cl.Node(cur) {
			t.Errorf("%s does not follow formerIds to %s", was, cur)
		}
	}

	// Coverage: exactly the claims each student annotated, the rest missing.
	for _, s := range cl.Students {
		if !slices.Equal(s.Annotated, w.annotated[s.Name]) {
			t.Errorf("%s annotated %v, want %v", s.Name, s.Annotated, w.annotated[s.Name])
		}
		if len(s.Annotated)+len(s.Missing) != len(c.Claims()) {
			t.Errorf("%s: %d annotated + %d missing != %d claims", s.Name, len(s.Annotated), len(s.Missing), len(c.Claims()))
		}
		for _, id := range s.Missing {
			if slices.Contains(s.Annotated, id) {
				t.Errorf("%s: %s both annotated and missing", s.Name, id)
			}
		}
	}

	// s01's newer edit wins over her older copy: the exact distributions
	// above hold her newer stance, and the copy's note is nowhere.
	for _, r := range cl.Nodes() {
		if e := entryOf(r, "s01"); e != nil && slices.Contains(e.Notes, "stale copy") {
			t.Errorf("%s: s01's older copy was kept: %+v", r.Node.ID, e)
		}
	}

	// The older version's file: 3 renamed, 1 edited, 2 orphans.
	f := cl.Files[27]
	if f.Path != paths[27] || f.Renamed != 3 || f.Edited != 1 || f.Orphaned != 2 || f.OtherArticle {
		t.Errorf("old-version file: %+v", f)
	}
	if len(cl.Orphans) != 2 || cl.Orphans[0].Node != removed || cl.Orphans[0].Stance != notes.Agree ||
		cl.Orphans[1].Quote != "a sentence the editors cut" || cl.Orphans[1].Student != "s28" {
		t.Errorf("orphans: %+v", cl.Orphans)
	}
	if s := cl.Student("s28"); s.Orphaned != 2 || cl.Stance("s28", "claim-paper") != notes.Disagree {
		t.Errorf("s28: %+v", s)
	}
	if e := entryOf(cl.Node("claim-sputnik"), "s28"); e == nil || !e.Edited {
		t.Errorf("s28 on claim-sputnik: %+v, want edited", e)
	}
	if s := cl.Student("s02"); s.Passages != 1 {
		t.Errorf("s02 has %d passage notes, want 1", s.Passages)
	}
}

func entryOf(r *NodeReport, student string) *Entry {
	for i := range r.Entries {
		if r.Entries[i].Student == student {
			return &r.Entries[i]
		}
	}
	return nil
}
