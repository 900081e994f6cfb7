package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// fixtureText is the reader text of a short article: three blocks joined by
// blank lines, with the characters that exports must escape (quotes, "&",
// "-", ",", "=", braces, "#", "<", "//").
const fixtureText = "# Cheap AI \"miracle\"\n\n" +
	"DeepSeek says it trained R1 for $5.6 million, a fraction of what rivals spend on one run.\n\n" +
	"State media said the app topped the charts in 20 countries within a week.\n\n" +
	"Analysts warned that export-controlled chips & cheap power made the difference, see https://example.org/a?b=c."

// anchorFor builds a resolved anchor for exact in text, with up to ctx runes
// of prefix and suffix, as the loader would.
func anchorFor(t testing.TB, text, exact string, ctx int) model.Anchor {
	t.Helper()
	i := strings.Index(text, exact)
	if i < 0 {
		t.Fatalf("fixture: %q is not in the article text", exact)
	}
	start := utf8.RuneCountInString(text[:i])
	end := start + utf8.RuneCountInString(exact)
	rs := []rune(text)
	pre := string(rs[max(0, start-ctx):start])
	suf := string(rs[end:min(len(rs), end+ctx)])
	return model.Anchor{Exact: exact, Prefix: pre, Suffix: suf, Start: start, End: end}
}

// fixture is a small but complete content set: two claims (one rated with
// a speaker, tags, sources and two anchors, one unrated), two skeptic
// positions and two counterpoints, supports and attacks links (one with a
// note), tours, former ids, and texts that need escaping in every format.
func fixture(t testing.TB) *model.Content {
	t.Helper()
	unresolved := model.Anchor{Exact: "a passage that moved", Prefix: "before ", Suffix: " after", Start: -1, End: -1}
	f := &model.File{
		SchemaVersion: model.SchemaVersion,
		Article: model.ArticleMeta{
			Path:      "article.md",
			Title:     `Cheap AI "miracle" = hype?`,
			Author:    "Jan Novák",
			Publisher: "Daily Example",
			Published: "2025-01-28",
			URL:       "https://news.example.org/2025/deepseek?lang=en#top",
		},
		Sources: []model.Source{
			{ID: "src-paper", Title: "DeepSeek-V3 Technical Report", Publisher: "DeepSeek-AI", Published: "2024-12-27", URL: "https://arxiv.org/abs/2412.19437"},
			{ID: "src-semi", Title: "DeepSeek Debates: Chinese Leadership On Cost", Publisher: "SemiAnalysis", URL: "https://semianalysis.com/2025/01/31/deepseek-debates/"},
			{ID: "src-unused", Title: "Uncited background <reading>"},
		},
		Nodes: []*model.Node{
			{
				ID: "c-charts", Kind: model.KindClaim,
				Summary: "The app topped the charts in 20 countries",
				Text:    "The app topped the charts in **20 countries** within a week.",
				Speaker: "State media",
				Anchors: []model.Anchor{anchorFor(t, fixtureText, "topped the charts in 20 countries", 24)},
			},
			{
				ID: "c-cost", Kind: model.KindClaim,
				Summary: "R1 was trained for $5.6 million",
				Text:    "DeepSeek trained R1 for $5.6 million,\na fraction of {what} rivals spend #cheap // really?\n\nSecond paragraph with [brackets] and <angles> and a_b*c.",
				Speaker: "DeepSeek",
				Anchors: []model.Anchor{
					anchorFor(t, fixtureText, "trained R1 for $5.6 million, a fraction", 20),
					unresolved,
				},
				Sources:   []string{"src-paper", "src-semi"},
				Tags:      []string{"cost", "training compute"},
				Rating:    &model.Rating{Label: "Misleading", Explanation: "The figure covers one final run, not the \"whole\" cost = hardware & staff."},
				FormerIDs: []string{"c-training-cost"},
			},
			{
				ID: "s-final-run", Kind: model.KindSkeptic,
				Summary: "Only the final training run is counted",
				Text:    "The $5.6M covers the final run; research, failed runs & the GPU fleet are left out.",
				Sources: []string{"src-semi"},
			},
			{
				ID: "s-chips", Kind: model.KindSkeptic,
				Summary: "Export-controlled chips made the difference",
				Text:    "Analysts say \"export-controlled\" chips, not thrift, explain it.",
				Anchors: []model.Anchor{anchorFor(t, fixtureText, "export-controlled chips & cheap power", 16)},
			},
			{
				ID: "p-report", Kind: model.KindCounterpoint,
				Summary: "The report states the scope of the figure",
				Text:    "DeepSeek's own report says the figure excludes prior research.",
				Sources: []string{"src-paper"},
				Tags:    []string{"primary-source"},
			},
			{
				ID: "p-efficiency", Kind: model.KindCounterpoint,
				Summary: "Efficiency gains are real",
				Text:    `Even with more chips, MoE and FP8 cut cost per token: see C:\models.`,
			},
		},
		Links: []model.Link{
			{From: "s-final-run", To: "c-cost", Type: model.Attacks, Note: "Compares {apples} to oranges."},
			{From: "s-chips", To: "c-cost", Type: model.Attacks},
			{From: "p-report", To: "s-final-run", Type: model.Supports, Note: "The report agrees on scope."},
			{From: "p-efficiency", To: "s-chips", Type: model.Attacks},
			{From: "c-charts", To: "c-training-cost", Type: model.Supports},
		},
		Tours: []model.Tour{{ID: "t-main", Title: "The cost claim", Steps: []model.TourStep{
			{Node: "c-cost", Title: "The headline number", Notes: "Ask: *which* cost?"},
			{Node: "s-final-run"},
		}}},
	}
	art := model.Article{ArticleMeta: f.Article, File: "article.md", Text: fixtureText}
	return model.NewContent("testdata/claims.json", f, art)
}
