package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crux-news/crux/content"
)

// syntheticSet builds a content set of n nodes over an article of about
// articleBytes bytes: one claim per paragraph anchored to a unique phrase,
// a skeptic attacking each claim, and a counterpoint attacking each skeptic.
func syntheticSet(tb testing.TB, n, articleBytes int) fstest.MapFS {
	tb.Helper()
	var md strings.Builder
	md.WriteString("# A long article\n\n")
	claims := n / 3
	for i := 0; md.Len() < articleBytes || i < claims; i++ {
		fmt.Fprintf(&md, "Paragraph %d says that *measure %d* rose by %d percent\nwhile the others, said a spokesperson, stayed flat. ", i, i, i%97)
		md.WriteString("Filler words keep the article long and realistic enough for the index to work on.\n\n")
	}
	f := File{SchemaVersion: 1, Article: ArticleMeta{Path: "article.md", Title: "Synthetic"}}
	for i := range claims {
		f.Nodes = append(f.Nodes, &Node{
			ID: fmt.Sprintf("claim-%d", i), Kind: KindClaim, Summary: fmt.Sprintf("Measure %d rose", i),
			Anchors: []Anchor{{Exact: fmt.Sprintf("Paragraph %d says that measure %d rose", i, i)}},
		})
	}
	for i := range n - claims {
		kind := KindSkeptic
		if i%2 == 1 {
			kind = KindCounterpoint
		}
		id := fmt.Sprintf("%s-%d", kind, i)
		f.Nodes = append(f.Nodes, &Node{ID: id, Kind: kind, Summary: "A reply", Text: "Some **Markdown** text."})
		f.Links = append(f.Links, Link{From: id, To: fmt.Sprintf("claim-%d", i%claims), Type: Attacks})
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return fstest.MapFS{
		"claims.json": {Data: data},
		"article.md":  {Data: []byte(md.String())},
	}
}

// TestSyntheticSetLoads makes sure the benchmark measures a clean load.
func TestSyntheticSetLoads(t *testing.T) {
	fsys := syntheticSet(t, 300, 20_000)
	c, fs := LoadFS(fsys, "claims.json")
	if c == nil || len(fs) != 0 {
		t.Fatalf("synthetic set has findings:\n%s", report(fs))
	}
	if got := len(c.Passages()); got != 100 {
		t.Errorf("passages = %d, want 100", got)
	}
}

// BenchmarkLoad loads and validates the synthetic 10k-node set with a 1 MB
// article, the embedded content and the clean fixture.
func BenchmarkLoad(b *testing.B) {
	big := syntheticSet(b, 10_000, 1<<20)
	b.Run("synthetic-10k-1MB", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(big["claims.json"].Data) + len(big["article.md"].Data)))
		for b.Loop() {
			if _, fs := LoadFS(big, "claims.json"); len(fs) != 0 {
				b.Fatalf("findings:\n%s", report(fs))
			}
		}
	})
	small := fstest.MapFS{}
	for _, name := range []string{"claims.json", "article.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "clean", name))
		if err != nil {
			b.Fatal(err)
		}
		small[name] = &fstest.MapFile{Data: data}
	}
	b.Run("embedded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if c, fs := LoadFS(content.FS, content.ClaimsFile); c == nil || fs.Errors() > 0 {
				b.Fatalf("embedded content does not load:\n%s", report(fs))
			}
		}
	})
	b.Run("fixture", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, fs := LoadFS(small, "claims.json"); len(fs) != 0 {
				b.Fatalf("findings:\n%s", report(fs))
			}
		}
	})
}

// BenchmarkValidateMinimal loads one-line claims files of empty nodes, each
// with three errors: validation must stay linear in the number of nodes
// (issue 18.9). The 1M case is skipped with -short.
func BenchmarkValidateMinimal(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if n > 100_000 && testing.Short() {
				b.Skip("1M nodes: run without -short")
			}
			fsys := fstest.MapFS{"claims.json": {Data: minimalNodes(n)}, "article.md": {Data: []byte("Some text.\n")}}
			b.SetBytes(int64(len(fsys["claims.json"].Data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, fs := LoadFS(fsys, "claims.json"); fs.Errors() != 3*n {
					b.Fatalf("%d errors, want %d", fs.Errors(), 3*n)
				}
			}
		})
	}
}
