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
		"claims":        {model.KindClaim, 34},
		"skeptics":      {model.KindSkeptic, 12},
		"counterpoints": {model.KindCounterpoint, 45},
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
			// A counterpoint answers a skeptic, backs a claim or skeptic, or
			// is the pushback a real person made against a claim.
			switch {
			case l.Type == model.Attacks && (to.Kind == model.KindSkeptic || to.Kind == model.KindClaim):
				ok = true
			case l.Type == model.Supports && (to.Kind == model.KindClaim || to.Kind == model.KindSkeptic):
				ok = true
			}
		}
		if !ok {
			t.Errorf("counterpoint %s neither attacks a skeptic or claim nor supports a claim or skeptic", n.ID)
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
	at := map[string]int{}
	core := 0
	for i, s := range tour.Steps {
		if c.Node(s.Node) == nil {
			t.Errorf("step %d: node %q does not exist", i, s.Node)
		}
		if strings.TrimSpace(s.Title) == "" || strings.TrimSpace(s.Notes) == "" {
			t.Errorf("step %d (%s): want a title and speaker notes", i, s.Node)
		}
		at[s.Node] = i
		// The format has no "core" field: a core stop says so at the start
		// of its notes, and only core stops ask the room a question, so a
		// 12-minute talk has a handful of discussion points, not nine.
		isCore := strings.HasPrefix(s.Notes, "**Core stop.**")
		if isCore {
			core++
		}
		if strings.Contains(s.Notes, "**Ask") && !isCore {
			t.Errorf("step %d (%s) asks the room a question but is not a core stop", i, s.Node)
		}
	}
	if core < 3 || core > 4 {
		t.Errorf("main tour has %d core stops, want 3 or 4", core)
	}
	// The talk walks the argument: the column's thesis, the spending dogma,
	// the cost, the Nature paper, the chip suspicion, the RL method, export
	// controls.
	for _, id := range []string{"claim-breakthrough-real", "claim-compute-dogma", "counter-v3-report-scope",
		"counter-nature-294k", "skeptic-wang-50k", "counter-reuters-h100-fewer", "counter-r1-zero-rl",
		"claim-export-controls-question"} {
		if _, ok := at[id]; !ok {
			t.Errorf("main tour has no stop at %s", id)
		}
	}
	// The cost is explained before the chips are suspected.
	if at["counter-v3-report-scope"] > at["skeptic-wang-50k"] || at["counter-nature-294k"] > at["counter-reuters-h100-fewer"] {
		t.Errorf("the cost explanation (steps %d, %d) must come before the chip suspicion (steps %d, %d)",
			at["counter-v3-report-scope"], at["counter-nature-294k"], at["skeptic-wang-50k"], at["counter-reuters-h100-fewer"])
	}
}

func TestArticleIsTheTimesColumn(t *testing.T) {
	c := load(t)
	a := c.Article
	if !strings.HasPrefix(a.Title, "Why DeepSeek Could Change What Silicon Valley Believes About A.I.") {
		t.Errorf("article title %q, want the column's real headline", a.Title)
	}
	if a.Published != "2025-01-28" || a.Publisher != "The New York Times" || a.Author != "Kevin Roose" {
		t.Errorf("article metadata %q %q %q, want Kevin Roose, The New York Times, 2025-01-28", a.Author, a.Publisher, a.Published)
	}
	if !strings.HasPrefix(a.URL, "https://www.nytimes.com/2025/01/28/") {
		t.Errorf("article url %q, want the column's nytimes.com address", a.URL)
	}
	if strings.Contains(c.Article.Text, "as published") {
		t.Error(`the provenance line says the translation is kept "as published", but the Times never published it`)
	}
}

func TestEverySourceIsComplete(t *testing.T) {
	c := load(t)
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// Live price lists carry no publication date; every other source has one.
	undated := map[string]bool{"src-deepseek-pricing": true, "src-openai-pricing": true}
	for _, s := range c.File.Sources {
		if s.Title == "" || s.Publisher == "" {
			t.Errorf("source %s needs a title and a publisher", s.ID)
		}
		if !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("source %s has url %q, want its canonical https address", s.ID, s.URL)
		}
		if !undated[s.ID] && !date.MatchString(s.Published) {
			t.Errorf("source %s has date %q, want YYYY-MM-DD", s.ID, s.Published)
		}
		// Titles are the publications' own, not descriptions of them.
		for _, p := range []string{"Report on ", "Report comparing ", "News report ", "Interview with ", "Disclosure of "} {
			if strings.HasPrefix(s.Title, p) {
				t.Errorf("source %s title %q describes the source instead of naming it", s.ID, s.Title)
			}
		}
	}
}

func TestPushbackIsWiredAsAttacks(t *testing.T) {
	c := load(t)
	attacked := map[string]bool{}
	for _, l := range c.File.Links {
		if to := c.Node(l.To); l.Type == model.Attacks && to != nil && to.Kind == model.KindClaim {
			attacked[to.ID] = true
		}
	}
	// The column's thesis and its spending argument drew named pushback
	// (Amodei's cost curve, Nadella's Jevons paradox, unchanged capex).
	for _, id := range []string{"claim-breakthrough-real", "claim-compute-dogma", "claim-us-lead-years", "claim-privacy-risk"} {
		if !attacked[id] {
			t.Errorf("claim %s has no attacker", id)
		}
	}
	for _, pair := range [][2]string{{"counter-jevons", "claim-compute-dogma"}, {"counter-big-tech-capex", "claim-compute-dogma"},
		{"skeptic-normal-cost-curve", "claim-compute-dogma"}, {"counter-amodei-gap", "claim-export-controls-question"}} {
		found := false
		for _, l := range c.LinksFrom(pair[0]) {
			if l.To == pair[1] {
				found = true
				if l.Type != model.Attacks {
					t.Errorf("%s %s %s, want attacks", pair[0], l.Type, pair[1])
				}
			}
		}
		if !found {
			t.Errorf("no link from %s to %s", pair[0], pair[1])
		}
	}
	if n := len(attacked); n < 14 {
		t.Errorf("%d claims have an attacker, want at least 14", n)
	}
}

func TestRenamedNodesKeepTheirFormerIds(t *testing.T) {
	c := load(t)
	for old, cur := range map[string]string{
		"counter-a100-admission":  "counter-a100-cluster",
		"counter-high-flyer-a100": "counter-a100-cluster",
		"counter-open-r1-repro":   "counter-open-r1-evals",
		"skeptic-not-small":       "counter-r1-is-large",
		"skeptic-self-reported":   "counter-self-reported-benchmarks",
	} {
		if n := c.Node(old); n == nil || n.ID != cur {
			t.Errorf("former id %s resolves to %v, want %s", old, n, cur)
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
