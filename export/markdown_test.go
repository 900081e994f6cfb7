package export

import (
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

func TestMarkdownGolden(t *testing.T) {
	checkGolden(t, "markdown", render(t, FormatMarkdown))
}

func TestMarkdownHandout(t *testing.T) {
	out := render(t, FormatMarkdown)
	pos := func(s string) int {
		t.Helper()
		i := strings.Index(out, s)
		if i < 0 {
			t.Fatalf("handout lacks %q:\n%s", s, out)
		}
		return i
	}
	// Title and metadata first, claims in article order, sources last.
	title := pos("# Cheap AI \"miracle\" = hype?\n")
	meta := pos("Jan Novák · Daily Example · 2025-01-28")
	cost := pos("### 1. R1 was trained for $5.6 million")
	charts := pos("### 2. The app topped the charts in 20 countries")
	sources := pos("## Sources")
	if !(title < meta && meta < cost && cost < charts && charts < sources) {
		t.Errorf("sections out of order: title %d meta %d claim1 %d claim2 %d sources %d", title, meta, cost, charts, sources)
	}
	// The claim's rating, passage and positions, nested: the counterpoint
	// sits one level under the skeptic position it answers.
	for _, s := range []string{
		"**Rating: Misleading.** The figure covers",
		"> trained R1 for $5.6 million, a fraction\n",
		"Said by DeepSeek. Sources: [1], [2]. Tags: `cost`, `training compute`.",
		"\n- ▲ skeptic, attacks: **Only the final training run is counted**",
		"\n  - ● counterpoint, supports: **The report states the scope of the figure**",
		"\n- ▲ skeptic, attacks: **Export-controlled chips made the difference**",
		"\n  - ● counterpoint, attacks: **Efficiency gains are real**",
		"*Note: Compares {apples} to oranges.*",
		// A link through a former id still lands under the claim.
		"\n- ■ claim, supports: **The app topped the charts in 20 countries** (see its own section)",
		"1. DeepSeek-V3 Technical Report. DeepSeek-AI, 2024-12-27. <https://arxiv.org/abs/2412.19437>\n",
		"3. Uncited background \\<reading\\>.\n",
	} {
		pos(s)
	}
	if strings.Contains(out, "\n\n\n") {
		t.Error("handout has runs of empty lines")
	}
	if cost > pos("Positions on this claim") && pos("Positions on this claim") > charts {
		t.Error("positions are not under the first claim")
	}
}

func TestMarkdownOrphansAndCycles(t *testing.T) {
	c := fixture(t)
	c.File.Nodes = append(c.File.Nodes,
		&model.Node{ID: "s-loose", Kind: model.KindSkeptic, Summary: "Nobody links here"},
		&model.Node{ID: "s-a", Kind: model.KindSkeptic, Summary: "Cycle A"},
		&model.Node{ID: "p-b", Kind: model.KindCounterpoint, Summary: "Cycle B"},
	)
	c.File.Links = append(c.File.Links,
		model.Link{From: "s-a", To: "c-charts", Type: model.Attacks},
		model.Link{From: "p-b", To: "s-a", Type: model.Attacks},
		model.Link{From: "s-a", To: "p-b", Type: model.Attacks},
	)
	c = model.NewContent(c.Path, c.File, c.Article)
	out := mustWrite(t, WriteMarkdown, c)
	if !strings.Contains(out, "## Other positions\n\n- ▲ skeptic: **Nobody links here**\n") {
		t.Errorf("unlinked node not listed under Other positions:\n%s", out)
	}
	if n := strings.Count(out, "**Cycle A**"); n != 2 {
		t.Errorf("cycle A shown %d times, want 2 (once, then once more where the cycle closes)", n)
	}
}
