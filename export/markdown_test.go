package export

import (
	"bytes"
	"path/filepath"
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

func TestMdTextKeepsOnlyWebLinks(t *testing.T) {
	cases := []struct{ in, block, line string }{
		{"a [hidden link](file:///etc/shadow) b", "a hidden link b", ""},
		{"[x](javascript:alert(1)) and <file:///etc/passwd>", "x and file:///etc/passwd", ""},
		{"see [the *paper*](https://example.org/a(b)) now", "see [the *paper*](https://example.org/a%28b%29) now", ""},
		{"<https://example.org/x> and <mailto:a@b.example>", "<https://example.org/x> and mailto:a@b.example", ""},
		{"![tracker](https://evil.example/t.png) ![x](data:image/png;base64,AA)", "[tracker](https://evil.example/t.png) x", ""},
		{"raw <a href=\"file:///x\">html</a> here", "raw html here", ""},
		{"[ref link][r]\n\n[r]: ftp://example.org/x", "ref link", ""},
		{"**bold** _em_ ``co`de`` x", "**bold** *em* ``co`de`` x", ""},
		{"one\ntwo\n\n- item *a*\n- item b\n\n> quoted\n>\n> two", "one two\n\n- item *a*\n- item b\n\n> quoted\n>\n> two", "one two item *a*; item b quoted two"},
		{"```\ncode ``` here\n```", "````text\ncode ``` here\n````", "````code ``` here````"},
		{"\\- not a list, 1\\. nor this", "\\- not a list, 1. nor this", ""},
		{"<div>block html</div>\n\ntext", "text", ""},
	}
	for _, tc := range cases {
		if got := mdText(tc.in, false); got != tc.block {
			t.Errorf("mdText(%q) =\n%s\nwant\n%s", tc.in, got, tc.block)
		}
		want := tc.line
		if want == "" {
			want = tc.block
		}
		if got := mdText(tc.in, true); got != want {
			t.Errorf("mdText(%q, oneLine) = %q, want %q", tc.in, got, want)
		}
	}
}

func TestHostileHandoutLinksOnlyToTheWeb(t *testing.T) {
	var b strings.Builder
	if err := WriteMarkdown(&b, hostile(t)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"](file:", "](javascript:", "<file:", "<javascript:"} {
		if strings.Contains(out, bad) {
			t.Errorf("handout links %s…", bad)
		}
	}
	if !strings.Contains(out, "with a hidden link and") {
		t.Error("the hidden link's text is gone; the check proves nothing")
	}
	if strings.Contains(out, "\n\n> ") && strings.Contains(out, ">\n\n>") {
		t.Error("two quotes in a row: a blank line inside a blockquote")
	}
}

// Every set's hand-out ends with exactly one newline, whichever block comes
// last (a set with no sources used to end with a blank line: markdownlint
// MD012).
func TestMarkdownEndsWithOneNewline(t *testing.T) {
	sets, err := filepath.Glob(filepath.Join("..", "testdata", "*", "claims.json"))
	if err != nil || len(sets) == 0 {
		t.Fatalf("no content sets: %v", err)
	}
	for _, p := range sets {
		c, fs := model.LoadFile(p)
		if fs.Errors() > 0 {
			t.Fatalf("%s: %v", p, fs)
		}
		var b bytes.Buffer
		if err := WriteMarkdown(&b, c); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
			t.Errorf("%s: the hand-out ends with %q", p, out[max(len(out)-20, 0):])
		}
	}
}
