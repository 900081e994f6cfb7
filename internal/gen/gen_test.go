package gen

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// TestSmallSetLoadsClean writes the small set to disk and loads it with the
// real loader: no finding at all, every anchor resolved, every node there.
func TestSmallSetLoadsClean(t *testing.T) {
	for _, s := range []Size{Small, {Nodes: 300, ArticleBytes: 20_000, Seed: 7}} {
		t.Run(s.String(), func(t *testing.T) {
			dir := t.TempDir()
			claims, err := Write(dir, s)
			if err != nil {
				t.Fatal(err)
			}
			c, fs := model.LoadFile(claims)
			if c == nil || len(fs) != 0 {
				var b strings.Builder
				model.WriteReport(&b, fs)
				t.Fatalf("generated set has findings:\n%s", b.String())
			}
			if got := len(c.Nodes()); got != s.Nodes {
				t.Errorf("nodes = %d, want %d", got, s.Nodes)
			}
			set, _ := Generate(s)
			if got := len(c.Passages()); got != set.Anchors || got == 0 {
				t.Errorf("passages = %d, want %d (every anchor resolved)", got, set.Anchors)
			}
			// The anchors are spread through the article, not bunched at
			// its start: the last passage lies in its final fifth.
			ps := c.Passages()
			n := len([]rune(c.Article.Text))
			if last := ps[len(ps)-1].Start; last < n*4/5 {
				t.Errorf("last passage at rune %d of %d; anchors are not spread", last, n)
			}
			kinds := map[string]int{}
			for _, b := range c.Article.Blocks {
				kinds[b.Kind]++
			}
			for _, k := range []string{"heading", "paragraph", "list-item", "quote", "code"} {
				if kinds[k] == 0 {
					t.Errorf("article has no %s block (blocks: %v)", k, kinds)
				}
			}
			if len(c.File.Tours) != 1 || len(c.File.Tours[0].Steps) == 0 {
				t.Errorf("tours = %+v, want one with steps", c.File.Tours)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Generate(Small)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(Small)
	if !bytes.Equal(a.Claims, b.Claims) || !bytes.Equal(a.Article, b.Article) {
		t.Error("the same size generated different sets")
	}
	other := Small
	other.Seed = 2
	c, _ := Generate(other)
	if bytes.Equal(a.Article, c.Article) {
		t.Error("another seed generated the same article")
	}
}

func TestSizeMet(t *testing.T) {
	s := Size{Nodes: 1000, ArticleBytes: 200_000, Seed: 3}
	set, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.Article); n < s.ArticleBytes || n > s.ArticleBytes*11/10 {
		t.Errorf("article is %d bytes, want about %d", n, s.ArticleBytes)
	}
}

func TestTooSmall(t *testing.T) {
	if _, err := Generate(Size{Nodes: 2, ArticleBytes: 5000}); err == nil {
		t.Error("2 nodes: no error")
	}
	if _, err := Generate(Size{Nodes: 10, ArticleBytes: 10}); err == nil {
		t.Error("10-byte article: no error")
	}
}
