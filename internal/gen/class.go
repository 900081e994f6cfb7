package gen

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// HandIn is one annotation of a generated class: who, on what node, with
// what stance and note.
type HandIn struct {
	Student, Node string
	Stance        notes.Stance
	Note          string
}

// SmallClass is three students' notes on the embedded content: on
// claim-market-shock 2 agree and 1 disagrees (all 3 annotated), on
// claim-r1-paper 1 agrees, 1 disagrees and Chloe did not annotate it, on
// claim-modest-chips 1 each agrees, disagrees, is unsure.
var SmallClass = []HandIn{
	{"Ana Silva", "claim-market-shock", notes.Agree, "The **Nasdaq** fell 3.1% that day."},
	{"Ana Silva", "claim-r1-paper", notes.Disagree, ""},
	{"Ana Silva", "claim-modest-chips", notes.Agree, ""},
	{"Ben Okoro", "claim-market-shock", notes.Disagree, "A one-day fall is not a *shock wave*."},
	{"Ben Okoro", "claim-r1-paper", notes.Agree, ""},
	{"Ben Okoro", "claim-modest-chips", notes.Disagree, ""},
	{"Chloe Martin", "claim-market-shock", notes.Agree, ""},
	{"Chloe Martin", "claim-modest-chips", notes.Unsure, "Which chips, and how many?"},
}

// WriteClass writes one hand-in per student of ins into dir, as
// "crux notes export --format json" does, in the order the students come,
// and returns their paths.
func WriteClass(tb testing.TB, c *model.Content, dir string, ins []HandIn) []string {
	tb.Helper()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var order []string
	by := map[string][]notes.Annotation{}
	for i, in := range ins {
		n := c.Node(in.Node)
		if n == nil {
			tb.Fatalf("the content has no node %q", in.Node)
		}
		a := notes.NewNodeAnnotation(n, notes.NewCreator(in.Student), at.Add(time.Duration(i)*time.Minute))
		a.Motivation = notes.Assessing
		a.Body = append(a.Body, notes.Body{Type: notes.TypeTextualBody, Purpose: notes.Assessing, Value: string(in.Stance)})
		if in.Note != "" {
			a.Body = append(a.Body, notes.Body{Type: notes.TypeTextualBody, Purpose: notes.Commenting, Format: notes.FormatMarkdown, Value: in.Note})
		}
		if _, ok := by[in.Student]; !ok {
			order = append(order, in.Student)
		}
		by[in.Student] = append(by[in.Student], a)
	}
	identity := notes.ArticleIdentity(c.Article.ArticleMeta, c.Article.Text)
	var paths []string
	for i, s := range order {
		data, err := notes.Encode(notes.Collection{Article: identity, Items: by[s]})
		if err != nil {
			tb.Fatal(err)
		}
		p := filepath.Join(dir, string(rune('a'+i))+".json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
