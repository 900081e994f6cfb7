package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseArticle(t *testing.T) {
	tests := map[string]struct {
		md     string
		text   string
		blocks []Block
	}{
		"emphasis": {
			md:     "A *very* **big** _deal_ and ~plain~.\n",
			text:   "A very big deal and ~plain~.",
			blocks: []Block{{Kind: "paragraph", Start: 0, End: 28, Line: 1}},
		},
		"links and images": {
			md:   "See [the paper](https://x.org/p) and ![a chart](c.png) at <https://x.org>.\n",
			text: "See the paper and a chart at https://x.org.",
		},
		"soft and hard breaks": {
			md:   "one\ntwo  \nthree\\\nfour\n",
			text: "one two three four",
		},
		"headings and paragraphs": {
			md:   "# Title\n\nFirst para.\n\nSetext\n------\n",
			text: "Title\n\nFirst para.\n\nSetext",
			blocks: []Block{
				{Kind: "heading", Start: 0, End: 5, Line: 1},
				{Kind: "paragraph", Start: 7, End: 18, Line: 3},
				{Kind: "heading", Start: 20, End: 26, Line: 5},
			},
		},
		"lists and quotes": {
			md:   "- one\n- two\n  continued\n\n> quoted\n> text\n",
			text: "one\n\ntwo continued\n\nquoted text",
			blocks: []Block{
				{Kind: "list-item", Start: 0, End: 3, Line: 1},
				{Kind: "list-item", Start: 5, End: 18, Line: 2},
				{Kind: "quote", Start: 20, End: 31, Line: 5},
			},
		},
		"code": {
			md:   "Use `go  run` now.\n\n```go\nfunc f() {}\n\treturn\n```\n\n    indented\n",
			text: "Use go run now.\n\nfunc f() {}\n\treturn\n\nindented",
			blocks: []Block{
				{Kind: "paragraph", Start: 0, End: 15, Line: 1},
				{Kind: "code", Start: 17, End: 36, Line: 4},
				{Kind: "code", Start: 38, End: 46, Line: 8},
			},
		},
		"entities, escapes, html and rules": {
			md:   "Fish &amp; chips \\*not emphasis\\* <b>bold</b>\n\n---\n\n<div>\nblock html\n</div>\n\nEnd.\n",
			text: "Fish & chips *not emphasis* bold\n\nEnd.",
		},
		"unicode offsets count runes": {
			md:     "Ça “va”.\n\nNext.\n",
			text:   "Ça “va”.\n\nNext.",
			blocks: []Block{{Kind: "paragraph", Start: 0, End: 8, Line: 1}, {Kind: "paragraph", Start: 10, End: 15, Line: 3}},
		},
		"empty": {md: "", text: ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			text, blocks := ParseArticle(tc.md)
			if text != tc.text {
				t.Errorf("text = %q, want %q", text, tc.text)
			}
			if tc.blocks != nil && !reflect.DeepEqual(blocks, tc.blocks) {
				t.Errorf("blocks = %+v, want %+v", blocks, tc.blocks)
			}
			runes := []rune(text)
			for i, b := range blocks {
				if b.Start < 0 || b.End > len(runes) || b.Start >= b.End {
					t.Fatalf("block %d out of range: %+v", i, b)
				}
				if i > 0 && string(runes[blocks[i-1].End:b.Start]) != "\n\n" {
					t.Errorf("blocks %d and %d not joined by a blank line", i-1, i)
				}
			}
		})
	}
}

func TestLineOf(t *testing.T) {
	md := "# Title\n\nFirst line\nsecond line.\n\n- item\n"
	text, blocks := ParseArticle(md)
	a := &Article{Text: text, Blocks: blocks}
	for _, tc := range []struct{ off, line int }{
		{0, 1}, {4, 1}, {5, 3}, {7, 3}, {20, 3}, {31, 6}, {33, 6}, {1000, 6},
	} {
		if got := a.LineOf(tc.off); got != tc.line {
			t.Errorf("LineOf(%d) = %d, want %d (text %q)", tc.off, got, tc.line, text)
		}
	}
	if got := (&Article{}).LineOf(3); got != 0 {
		t.Errorf("LineOf on an empty article = %d, want 0", got)
	}
}

func TestResolveAnchor(t *testing.T) {
	md := "The minister said the plan was *“very* cheap”\nand that it's ready.\n\n" +
		"Critics said the plan was costly. Later the plan was dropped.\n"
	text, _ := ParseArticle(md)
	ix := newTextIndex(text)
	runes := []rune(text)
	tests := map[string]struct {
		exact, prefix, suffix string
		status                anchorStatus
		want                  string // the text at [start, end)
	}{
		"across emphasis and line break": {exact: `the plan was "very cheap" and that it’s ready`, want: "the plan was “very cheap” and that it's ready"},
		"white space runs":               {exact: "Critics   said\nthe plan", want: "Critics said the plan"},
		"ambiguous":                      {exact: "the plan was", status: anchorAmbiguous},
		"prefix picks one":               {exact: "the plan was", prefix: "Critics said", want: "the plan was"},
		"suffix picks one":               {exact: "the plan was", suffix: "dropped.", want: "the plan was"},
		"context matches none":           {exact: "the plan was", prefix: "Nobody said", status: anchorContextNoMatch},
		"single with wrong context":      {exact: "Critics said", prefix: "zzz", status: anchorContextMismatch, want: "Critics said"},
		"not found":                      {exact: "the plan was free", status: anchorNotFound},
		"empty":                          {exact: "  \n ", status: anchorEmpty},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			res := ix.resolve(tc.exact, tc.prefix, tc.suffix)
			if res.status != tc.status {
				t.Fatalf("status = %d, want %d", res.status, tc.status)
			}
			if tc.want == "" {
				if res.start != -1 {
					t.Errorf("start = %d, want -1", res.start)
				}
				return
			}
			if got := string(runes[res.start:res.end]); got != tc.want {
				t.Errorf("resolved to %q, want %q", got, tc.want)
			}
		})
	}
	// The prefix variant resolves to the second occurrence, not the first.
	first := ix.resolve("the plan was", "The minister said", "")
	second := ix.resolve("the plan was", "Critics said", "")
	if first.start >= second.start {
		t.Errorf("prefix did not choose the occurrence: %d, %d", first.start, second.start)
	}
}

func TestClosest(t *testing.T) {
	text, blocks := ParseArticle("# Head\n\nAlpha beta gamma.\n\nThe quick brown fox jumps over the lazy dog.\n")
	a := &Article{Text: text, Blocks: blocks}
	ix := newTextIndex(text)
	p, at, ok := ix.closest("quick brown fax jumps over")
	if !ok || p != "quick brown fox jumps over" || a.LineOf(at) != 5 {
		t.Errorf("closest = %q at line %d (ok %v)", p, a.LineOf(at), ok)
	}
	if _, _, ok := ix.closest("zz yy"); ok {
		t.Error("closest found a passage for words not in the text")
	}
	// A shorter word in the article must not pull in part of the next word.
	if p, _, ok := ix.closest("quick brown fox jumps overs"); !ok || p != "quick brown fox jumps over" {
		t.Errorf("closest = %q, want it to end on a word boundary", p)
	}
	if p, _, ok := ix.closest("the quick brown fox jumps over lazy"); !ok || strings.HasSuffix(p, " d") {
		t.Errorf("closest = %q ends inside a word", p)
	}
}
