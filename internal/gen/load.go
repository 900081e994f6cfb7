package gen

import (
	"testing"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

// Load writes a generated content set of size s into a temporary folder of
// tb and loads it, failing tb on any error. It returns the content and the
// claims file's path.
func Load(tb testing.TB, s Size) (*model.Content, string) {
	tb.Helper()
	claims, err := Write(tb.TempDir(), s)
	if err != nil {
		tb.Fatal(err)
	}
	c, fs := model.LoadFile(claims)
	if c == nil || fs.Errors() > 0 {
		tb.Fatalf("generated %s: %v", s, fs.Err())
	}
	return c, claims
}

// LoadEmbedded loads crux's embedded content set, failing tb on any error.
func LoadEmbedded(tb testing.TB) *model.Content {
	tb.Helper()
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if c == nil || fs.Errors() > 0 {
		tb.Fatalf("embedded content: %v", fs.Err())
	}
	return c
}
