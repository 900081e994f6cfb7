package content_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

// load loads the embedded content set and stops the test when it has an
// error finding (the content would be unusable); warnings are left to
// TestEmbeddedContentValidatesClean so the other tests still check their rule.
func load(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("LoadFS(%q): %v", content.ClaimsFile, fs.Err())
	}
	return c
}

func TestEmbeddedContentValidatesClean(t *testing.T) {
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	for _, f := range fs {
		t.Errorf("finding: %s", f)
	}
	if c == nil {
		t.Fatalf("LoadFS(%q) returned no content", content.ClaimsFile)
	}
	if c.Article.Text == "" {
		t.Fatal("article text is empty")
	}
	for _, p := range c.Passages() {
		n := c.Node(p.Node)
		got := string([]rune(c.Article.Text)[p.Start:p.End])
		if want := n.Anchors[p.Index].Exact; got != want {
			t.Errorf("%s anchor %d resolves to %q, want %q", p.Node, p.Index, got, want)
		}
	}
}

func TestEmbeddedContentMinimumCounts(t *testing.T) {
	c := load(t)
	count := map[model.Kind]int{}
	for _, n := range c.Nodes() {
		count[n.Kind]++
	}
	tests := map[string]struct {
		kind model.Kind
		min  int
	}{
		"claims":        {model.KindClaim, 15},
		"skeptics":      {model.KindSkeptic, 8},
		"counterpoints": {model.KindCounterpoint, 15},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if count[tc.kind] < tc.min {
				t.Errorf("%d %s nodes, want at least %d", count[tc.kind], tc.kind, tc.min)
			}
		})
	}
}

func TestEveryClaimIsRatedAndAnchored(t *testing.T) {
	c := load(t)
	for _, n := range c.Claims() {
		if n.Rating == nil || strings.TrimSpace(n.Rating.Label) == "" {
			t.Errorf("claim %s has no rating label", n.ID)
		} else if strings.TrimSpace(n.Rating.Explanation) == "" {
			t.Errorf("claim %s rating %q has no explanation", n.ID, n.Rating.Label)
		}
		if _, ok := n.FirstAnchor(); !ok {
			t.Errorf("claim %s has no resolved anchor", n.ID)
		}
	}
}

func TestEverySkepticAttacksAClaim(t *testing.T) {
	c := load(t)
	for _, n := range c.Nodes() {
		if n.Kind != model.KindSkeptic {
			continue
		}
		ok := false
		for _, l := range c.LinksFrom(n.ID) {
			if to := c.Node(l.To); l.Type == model.Attacks && to != nil && to.Kind == model.KindClaim {
				ok = true
			}
		}
		if !ok {
			t.Errorf("skeptic %s attacks no claim", n.ID)
		}
	}
}

func TestEveryCounterpointIsLinked(t *testing.T) {
	c := load(t)
	for _, n := range c.Nodes() {
		if n.Kind != model.KindCounterpoint {
			continue
		}
		ok := false
		for _, l := range c.LinksFrom(n.ID) {
			to := c.Node(l.To)
			if to == nil {
				continue
			}
			switch {
			case l.Type == model.Attacks && to.Kind == model.KindSkeptic:
				ok = true
			case l.Type == model.Supports && (to.Kind == model.KindClaim || to.Kind == model.KindSkeptic):
				ok = true
			}
		}
		if !ok {
			t.Errorf("counterpoint %s neither attacks a skeptic nor supports a claim or skeptic", n.ID)
		}
	}
}

func TestMainTour(t *testing.T) {
	c := load(t)
	tour, ok := c.Tour("main")
	if !ok {
		t.Fatal(`no tour with id "main"`)
	}
	if n := len(tour.Steps); n < 10 || n > 15 {
		t.Errorf("main tour has %d steps, want 10 to 15", n)
	}
	for i, s := range tour.Steps {
		if c.Node(s.Node) == nil {
			t.Errorf("step %d: node %q does not exist", i, s.Node)
		}
		if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Notes) == "" {
			t.Errorf("step %d (%s): want a title and speaker notes", i, s.Node)
		}
	}
}

func TestCounterpointSourcesAreComplete(t *testing.T) {
	c := load(t)
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for _, n := range c.Nodes() {
		if n.Kind != model.KindCounterpoint {
			continue
		}
		if len(n.Sources) == 0 {
			t.Errorf("counterpoint %s cites no source", n.ID)
		}
		for _, id := range n.Sources {
			s := c.Source(id)
			switch {
			case s == nil:
				t.Errorf("counterpoint %s cites unknown source %q", n.ID, id)
			case s.Title == "" || s.Publisher == "":
				t.Errorf("source %s (cited by %s) needs a title and a publisher", id, n.ID)
			case !date.MatchString(s.Published):
				t.Errorf("source %s (cited by %s) has date %q, want YYYY-MM-DD", id, n.ID, s.Published)
			}
		}
	}
}
