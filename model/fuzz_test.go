package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary claims and article bytes to the loader. It must
// never panic, must return content unless it reported an error, and every
// resolved anchor must lie inside the article text.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"clean", "minimal", "syntax", "dup-key", "too-deep", "quote-ambiguous", "bad-encoding"} {
		claims, err := os.ReadFile(filepath.Join("testdata", dir, "claims.json"))
		if err != nil {
			f.Fatal(err)
		}
		art, err := os.ReadFile(filepath.Join("testdata", dir, "article.md"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(claims, art)
	}
	f.Fuzz(func(t *testing.T, claims, article []byte) {
		fsys := fstest.MapFS{"claims.json": {Data: claims}, "article.md": {Data: article}}
		c, fs := LoadFS(fsys, "claims.json")
		if c == nil && fs.Errors() == 0 {
			t.Fatalf("no content and no error:\n%s", report(fs))
		}
		if len(fs) > MaxFindings+1 {
			t.Errorf("%d findings kept, more than %d", len(fs), MaxFindings+1)
		}
		for _, fd := range fs {
			if fd.Code == "" || fd.Message == "" || strings.ContainsAny(fd.String(), "\x1b\x07") {
				t.Errorf("bad finding: %q", fd.String())
			}
			if fd.Line < 0 || fd.Line > 0 && fd.Col < 1 {
				t.Errorf("bad position: %q", fd.String())
			}
		}
		if c == nil {
			return
		}
		n := len([]rune(c.Article.Text))
		for _, p := range c.Passages() {
			if p.Start < 0 || p.End > n || p.Start >= p.End {
				t.Fatalf("passage %+v outside text of %d runes", p, n)
			}
		}
	})
}

// FuzzAnchor resolves arbitrary quotes in arbitrary Markdown. It must never
// panic, and a resolved range must hold the quote once normalised.
func FuzzAnchor(f *testing.F) {
	f.Add("The *quick* brown\nfox jumps.", "quick brown fox", "The", "jumps")
	f.Add("a a a a", "a", "", "")
	f.Add("“Quoted” text’s end", `"Quoted" text's`, "", "end")
	f.Add("", "x", "", "")
	f.Fuzz(func(t *testing.T, md, exact, prefix, suffix string) {
		text, blocks := ParseArticle(md)
		runes := []rune(text)
		for _, b := range blocks {
			if b.Start < 0 || b.End > len(runes) || b.Start > b.End {
				t.Fatalf("block %+v outside text of %d runes", b, len(runes))
			}
		}
		ix := newTextIndex(text)
		res := ix.resolve(exact, prefix, suffix)
		if res.start >= 0 {
			if res.end > len(runes) || res.start >= res.end {
				t.Fatalf("range [%d,%d) outside text of %d runes", res.start, res.end, len(runes))
			}
			if got, want := NormalizeQuote(string(runes[res.start:res.end])), NormalizeQuote(exact); got != want {
				t.Fatalf("resolved %q, want %q", got, want)
			}
		}
		if res.status == anchorNotFound {
			ix.closest(exact)
		}
	})
}
