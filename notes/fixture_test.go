package notes

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// articleText is the reader text of the test article.
const articleText = "Crime rates fell by 40 percent last year, the minister said.\n\n" +
	"Critics say the base year was unusual: 2020 had a spike.\n\n" +
	"Police data also changed how thefts are counted.\n\n" +
	"The minister said rates fell again this spring."

// fixtureNodes returns fresh nodes for the test content; tests may edit them
// before calling newContent.
func fixtureNodes() []*model.Node {
	return []*model.Node{
		// c-spring comes first in the file but later in the article.
		{ID: "c-spring", Kind: model.KindClaim, Summary: "Rates fell again this spring", Speaker: "The minister",
			Anchors: []model.Anchor{{Exact: "rates fell again this spring"}}},
		{ID: "c-drop", Kind: model.KindClaim, Summary: "Crime fell 40% last year", Text: "The headline claim.",
			Speaker: "The minister", Anchors: []model.Anchor{{Exact: "Crime rates fell by 40 percent last year"}},
			Rating: &model.Rating{Label: "Misleading", Explanation: "2020 was an unusual year."}},
		{ID: "s-base", Kind: model.KindSkeptic, Summary: "The base year was unusual",
			Anchors: []model.Anchor{{Exact: "the base year was unusual"}}},
		{ID: "k-count", Kind: model.KindCounterpoint, Summary: "Counting rules changed",
			Anchors: []model.Anchor{{Exact: "changed how thefts are counted"}}},
	}
}

// newContent builds a content set from nodes, resolving each anchor in
// articleText the way the loader does (rune offsets, -1 when absent).
func newContent(t testing.TB, nodes []*model.Node) *model.Content {
	t.Helper()
	for _, n := range nodes {
		for i, a := range n.Anchors {
			a.Start, a.End = -1, -1
			if b := strings.Index(articleText, a.Exact); b >= 0 {
				a.Start = utf8.RuneCountInString(articleText[:b])
				a.End = a.Start + utf8.RuneCountInString(a.Exact)
			}
			n.Anchors[i] = a
		}
	}
	meta := model.ArticleMeta{Path: "article.md", Title: "Crime is down", Publisher: "The Daily Test",
		Published: "2025-01-28", URL: "https://news.example/crime-down"}
	f := &model.File{SchemaVersion: model.SchemaVersion, Article: meta, Nodes: nodes}
	return model.NewContent("testdata/claims.json", f, model.Article{ArticleMeta: meta, File: "article.md", Text: articleText})
}

// fixedClock returns a clock that starts at start and advances one minute
// per call.
func fixedClock(start time.Time) func() time.Time {
	t := start.Add(-time.Minute)
	return func() time.Time {
		t = t.Add(time.Minute)
		return t
	}
}

func testStart() time.Time { return time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC) }
