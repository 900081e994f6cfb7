package finder

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

func loadEmbedded(t *testing.T) *model.Content { return gen.LoadEmbedded(t) }

func loadBikes(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFile("../../testdata/bikelanes")
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("bikelanes: %v", fs.Err())
	}
	return c
}

// TestRanking is what a reader searching the two content sets expects at
// the top: the item that holds the query as written, in its title first.
func TestRanking(t *testing.T) {
	for name, tc := range map[string]struct {
		load  func(*testing.T) *model.Content
		query string
		first func(Item) bool // what the first result must be
		max   int             // at most this many results (0: no bound)
	}{
		"embedded skeptic stash": {loadEmbedded, "skeptic: stash", isNode("skeptic-hidden-h100"), 5},
		// The bound grows with the embedded content: 93 nodes give 11
		// results, 4 holding the word and 7 fuzzy (issue 13 added 15 nodes).
		"embedded stash": {loadEmbedded, "stash", isNode("skeptic-hidden-h100"), 12},
		"embedded h100": {loadEmbedded, "h100", func(it Item) bool {
			return it.Node != nil && strings.Contains(it.Node.Summary, "H100")
		}, 0},
		"embedded app store": {loadEmbedded, "article: app store", func(it Item) bool {
			return it.Node == nil && strings.Contains(it.Title, "App Store")
		}, 0},
		"embedded sputnik":    {loadEmbedded, "sputnik", isNode("counter-andreessen"), 5},
		"bikes one year":      {loadBikes, "skeptic: one year", isNode("skeptic-one-year"), 0},
		"bikes five years":    {loadBikes, "five years", isNode("counter-five-years"), 0},
		"bikes parking":       {loadBikes, "parking", isNode("skeptic-parking"), 0},
		"bikes shop":          {loadBikes, "shop", func(it Item) bool { return it.Node == nil && strings.HasPrefix(it.Title, "Shop owners") }, 0},
		"bikes shop in title": {loadBikes, "counter: shop", isNode("counter-footfall"), 0},
	} {
		t.Run(name, func(t *testing.T) {
			ix := NewIndex(tc.load(t))
			res := ix.Search(ParseQuery(tc.query))
			if len(res) == 0 {
				t.Fatalf("%q: no results", tc.query)
			}
			if it := ix.Items()[res[0].Item]; !tc.first(it) {
				t.Fatalf("%q: first result %q (tier %d)", tc.query, it.Title, res[0].Tier)
			}
			if tc.max > 0 && len(res) > tc.max {
				t.Fatalf("%q: %d results, want at most %d", tc.query, len(res), tc.max)
			}
		})
	}
}

func isNode(id string) func(Item) bool {
	return func(it Item) bool { return it.Node != nil && it.Node.ID == id }
}

// TestTitleMatchesRankFirst: on "h100", every node whose summary holds
// H100 comes before every node that holds it only in its text, and those
// before fuzzy matches.
func TestTitleMatchesRankFirst(t *testing.T) {
	ix := NewIndex(loadEmbedded(t))
	res := ix.Search(ParseQuery("h100"))
	seen := map[Tier]int{}
	last := TierTitle
	for i, r := range res {
		it := ix.Items()[r.Item]
		inTitle := strings.Contains(strings.ToLower(it.Title), "h100")
		inText := strings.Contains(strings.ToLower(it.Haystack), "h100")
		switch {
		case inTitle && r.Tier != TierTitle, !inTitle && inText && r.Tier != TierText, !inText && r.Tier < TierTitleFuzzy:
			t.Fatalf("result %d %q: tier %d", i, it.Title, r.Tier)
		}
		if r.Tier < last {
			t.Fatalf("result %d %q: tier %d after tier %d", i, it.Title, r.Tier, last)
		}
		last = r.Tier
		seen[r.Tier]++
	}
	if seen[TierTitle] < 2 || seen[TierText] < 1 {
		t.Fatalf("tiers %v: expected titles and texts holding H100", seen)
	}
}

// TestRowsShowWhy: a result that matched in its text shows a snippet of
// the text around the match after its title; a paragraph whose match lies
// past the row's width shows the stretch around it; one result is "1
// result".
func TestRowsShowWhy(t *testing.T) {
	c := loadEmbedded(t)
	st := theme.New(true, false)
	m := New(c, NewIndex(c), &st)
	show := func(q string) []string {
		m.input.SetValue(q)
		m.shown = m.gen // results are current
		m.results = m.ix.Search(ParseQuery(q))
		m.cursor = 0
		return strings.Split(ansi.Strip(m.View()), "\n")
	}
	for _, w := range []int{150, 78, 48} {
		m.SetSize(w, 40)
		lines := show("h100")
		texts := 0
		for i, r := range m.results {
			if 2+i >= len(lines) || 2+i >= 2+m.listHeight() {
				break
			}
			row := lines[2+i]
			if ansi.StringWidth(row) > w {
				t.Fatalf("width %d: row wider than the finder: %q", w, row)
			}
			if r.Tier != TierTitle && r.Tier != TierText {
				continue
			}
			// The match shows: in the title, or in a snippet after " · ".
			shown := row
			if r.Tier == TierText {
				texts++
				_, after, ok := strings.Cut(row, " · ")
				if !ok {
					t.Fatalf("width %d: text-tier row without a snippet: %q", w, row)
				}
				shown = after
			}
			if !strings.Contains(strings.ToLower(shown), "h100") {
				t.Fatalf("width %d: row does not show the match: %q", w, row)
			}
		}
		if texts == 0 {
			t.Fatalf("width %d: no text-tier row on screen for h100", w)
		}
	}
	m.SetSize(150, 40)
	lines := show("article: app store")
	if lines[1] != "1 result" {
		t.Fatalf("count line %q, want \"1 result\"", lines[1])
	}
	if !strings.Contains(lines[2], "App Store") {
		t.Fatalf("the App Store paragraph's row does not show the match: %q", lines[2])
	}
}

// Issue 14 item 16: a node's Markdown is searched and shown as reader text:
// no "**" or "*" markup in a haystack, and so none in a snippet.
func TestNodeTextIsReaderText(t *testing.T) {
	c := loadEmbedded(t)
	ix := NewIndex(c)
	found := false
	for _, it := range ix.Items() {
		if it.Node == nil {
			continue
		}
		if strings.Contains(it.Node.Text, "**Translation note") {
			found = true
			if strings.Contains(it.Haystack, "**") || !strings.Contains(it.Haystack, "Translation note") {
				t.Fatalf("%s: haystack keeps Markdown: %q", it.Node.ID, it.Haystack)
			}
		}
	}
	if !found {
		t.Fatal("no node text with **Translation note in the embedded content")
	}
}

// TestPreviewIsReaderText: the preview of a node shows its text as reader
// text, without ** or the dashes of a list.
func TestPreviewIsReaderText(t *testing.T) {
	c := loadBikes(t)
	n := c.Nodes()[0]
	n.Text = "Two reasons:\n\n- **cost** is low\n- it is *safe*"
	st := theme.New(true, false)
	m := New(c, NewIndex(c), &st)
	m.SetSize(100, 40)
	got := ansi.Strip(strings.Join(m.preview(Item{Node: n, Block: -1}, 40), "\n"))
	if !strings.Contains(got, "Two reasons: cost is low it is safe") || strings.ContainsAny(got, "*-") {
		t.Fatalf("the preview is not reader text:\n%s", got)
	}
}
