package model

import (
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func testArticle(t *testing.T, md string) *Article {
	t.Helper()
	a := &Article{ArticleMeta: ArticleMeta{Path: "article.md"}, Markdown: md}
	a.Text, a.Blocks = ParseArticle(md)
	return a
}

const lanes = `# Bike lanes

The council says the new lanes cut cycling injuries by forty percent in a year.

Shop owners say the lanes cost them customers. The council says the lanes cost little.

Cyclists say the lanes cost little. A survey found most shoppers arrive on “foot”.
`

func TestQuoteAnchorPicksShortestContext(t *testing.T) {
	a := testArticle(t, lanes)
	cases := []struct {
		quote  string
		occ    int
		want   Anchor
		errMsg string
	}{
		{quote: "cut  cycling\ninjuries", want: Anchor{Exact: "cut cycling injuries"}},
		{quote: "the lanes cost little", occ: 1, want: Anchor{Exact: "the lanes cost little", Prefix: "says"}},
		{quote: "the lanes cost little", occ: 2, want: Anchor{Exact: "the lanes cost little", Prefix: "say"}},
		{quote: "lanes", occ: 3, want: Anchor{Exact: "lanes", Suffix: "cost them"}},
		{quote: `arrive on "foot"`, want: Anchor{Exact: "arrive on “foot”"}},
		{quote: "injuries", want: Anchor{Exact: "injuries", Prefix: "cycling"}},
		{quote: "the lanes cost little", errMsg: `quote "the lanes cost little" occurs 2 times in article.md (lines 5, 7); quote more, or choose an occurrence from 1 to 2`},
		{quote: "the lanes cost little", occ: 3, errMsg: "there is no occurrence 3"},
		{quote: "cut cycling injuries by fifty percent", errMsg: `quote "cut cycling injuries by fifty percent" is not in article.md; closest: "cut cycling injuries by forty percent" at article.md:3`},
		{quote: "  ", errMsg: "the quote is empty"},
	}
	for _, c := range cases {
		got, err := a.QuoteAnchor(c.quote, c.occ)
		if c.errMsg != "" {
			var qe *QuoteError
			if !errors.As(err, &qe) || !strings.Contains(err.Error(), c.errMsg) {
				t.Errorf("%q: err %v, want %q", c.quote, err, c.errMsg)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.quote, err)
			continue
		}
		got.Start, got.End = 0, 0
		if got != c.want {
			t.Errorf("%q #%d: got %+v, want %+v", c.quote, c.occ, got, c.want)
		}
	}
}

// TestRangeAnchorResolvesBackToTheSelection selects random word ranges of
// real articles and checks that the loader's matcher resolves the anchor
// made for each to exactly that range, with no warning.
func TestRangeAnchorResolvesBackToTheSelection(t *testing.T) {
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, p := range []string{"../content/article.md", "../testdata/bikelanes/article.md", "testdata/clean/article.md"} {
		md, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := testArticle(t, string(md))
		runes := []rune(a.Text)
		// word starts and ends
		var starts, ends []int
		for i, r := range runes {
			sp := r == ' ' || r == '\n'
			if !sp && (i == 0 || runes[i-1] == ' ' || runes[i-1] == '\n') {
				starts = append(starts, i)
			}
			if !sp && (i == len(runes)-1 || runes[i+1] == ' ' || runes[i+1] == '\n') {
				ends = append(ends, i+1)
			}
		}
		ix := newTextIndex(a.Text)
		for range 300 {
			i := rng.IntN(len(starts))
			j := min(i+rng.IntN(6), len(ends)-1)
			s, e := starts[i], ends[j]
			if rng.IntN(3) == 0 { // any range, cutting words
				s = rng.IntN(len(runes) - 1)
				e = min(len(runes), s+1+rng.IntN(40))
				for s < e && (runes[s] == ' ' || runes[s] == '\n') {
					s++
				}
				for e > s && (runes[e-1] == ' ' || runes[e-1] == '\n') {
					e--
				}
				if s == e {
					continue
				}
			}
			an, err := a.RangeAnchor(s, e)
			if err != nil {
				var qe *QuoteError
				if errors.As(err, &qe) && qe.Code == "quote-ambiguous" {
					continue // identical text around both occurrences
				}
				t.Fatalf("%s [%d,%d) %q: %v", p, s, e, string(runes[s:e]), err)
			}
			res := ix.resolve(an.Exact, an.Prefix, an.Suffix)
			if res.status != anchorOK || res.start != s || res.end != e {
				t.Fatalf("seed %d: %s [%d,%d) %q: anchor %+v resolves to %d [%d,%d)", seed, p, s, e, string(runes[s:e]), an, res.status, res.start, res.end)
			}
			if an.Prefix == "" && an.Suffix == "" && utf8.RuneCountInString(NormalizeQuote(an.Exact)) < MinQuote && len(runes) > 40 {
				t.Fatalf("%q: short quote with no context", an.Exact)
			}
		}
	}
}

func TestLoadBytesValidatesDataNotDisk(t *testing.T) {
	c, fs := LoadBytes("testdata/clean/claims.json", []byte(`{"schemaVersion": 1, "article": {"path": "article.md"}, "nodes": []}`))
	if fs.Errors() != 0 || c == nil || c.Article.Text == "" {
		t.Fatalf("%v", fs)
	}
	_, fs = LoadBytes("testdata/clean/claims.json", []byte(`{"schemaVersion": 1, "article": {"path": "article.md"}, "nodes": [{"id": "claim-a", "kind": "claim", "summary": "x", "anchors": [{"exact": "not in the article at all"}]}]}`))
	if fs.Errors() != 1 || fs[len(fs)-1].Code != "quote-not-found" || fs[len(fs)-1].Line != 1 {
		t.Fatalf("%v", fs)
	}
}
