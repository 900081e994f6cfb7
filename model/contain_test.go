package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// containedSet writes a claims file whose article.path is articlePath into
// a fresh content folder, next to a valid article.md, and returns the
// folder. The quote exists in the article, so a path that escaped would
// load cleanly.
func containedSet(t *testing.T, articlePath string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	claims := "{\n  \"schemaVersion\": 1,\n  \"article\": {\"path\": " + quoteJSON(articlePath) + "},\n" +
		"  \"nodes\": [{\"id\": \"claim-a\", \"kind\": \"claim\", \"summary\": \"A\", \"anchors\": [{\"exact\": \"root:x:0:0\"}]}],\n" +
		"  \"tours\": [{\"id\": \"main\", \"title\": \"T\", \"steps\": [{\"node\": \"claim-a\"}]}]\n}\n"
	write(t, filepath.Join(dir, "claims.json"), claims)
	return dir
}

func quoteJSON(s string) string {
	return "\"" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + "\""
}

// TestArticlePathStaysInside checks that article.path cannot name a file
// outside the content folder: not by an absolute path, not by "..", not by
// a symlink. Each gets one read-error at the path's value, and the outside
// file's text never reaches the content.
func TestArticlePathStaysInside(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret.md")
	write(t, secret, "root:x:0:0 the secret\n")

	escapes := map[string]func(t *testing.T) string{
		"dotdot": func(t *testing.T) string { return containedSet(t, "../../../../../../../../etc/passwd") },
		"dotdot-to-secret": func(t *testing.T) string {
			dir := containedSet(t, "")
			rel, err := filepath.Rel(dir, secret)
			if err != nil {
				t.Fatal(err)
			}
			return containedSet(t, filepath.ToSlash(rel))
		},
		"absolute":        func(t *testing.T) string { return containedSet(t, "/etc/passwd") },
		"absolute-secret": func(t *testing.T) string { return containedSet(t, secret) },
		"symlink": func(t *testing.T) string {
			dir := containedSet(t, "article.md")
			if err := os.Symlink(secret, filepath.Join(dir, "article.md")); err != nil {
				t.Fatal(err)
			}
			return dir
		},
		"symlinked-folder": func(t *testing.T) string {
			dir := containedSet(t, "sub/secret.md")
			if err := os.Symlink(secretDir, filepath.Join(dir, "sub")); err != nil {
				t.Fatal(err)
			}
			return dir
		},
		"relative-symlink": func(t *testing.T) string {
			dir := containedSet(t, "article.md")
			rel, err := filepath.Rel(dir, secret)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(rel, filepath.Join(dir, "article.md")); err != nil {
				t.Fatal(err)
			}
			return dir
		},
	}
	for name, mk := range escapes {
		t.Run(name, func(t *testing.T) {
			dir := mk(t)
			c, fs := LoadFile(dir)
			if len(fs) != 1 {
				t.Fatalf("want exactly one finding, got:\n%s", report(fs))
			}
			f := fs[0]
			if f.Code != "read-error" || f.Severity != SevError || f.Pointer != "/article/path" || f.Line != 3 || f.Col != 23 {
				t.Errorf("got %s, want error[read-error] /article/path at 3:23", f)
			}
			if !strings.Contains(f.Message, "leaves the content folder") {
				t.Errorf("message %q does not say the path leaves the content folder", f.Message)
			}
			if fs.Err() == nil {
				t.Error("findings do not stop the content from opening")
			}
			if c != nil && strings.Contains(c.Article.Text+c.Article.Markdown, "secret") {
				t.Error("the outside file's text reached the content")
			}
		})
	}

	// Paths that stay inside still load: a subfolder, a ".." that comes
	// back, and a symlink to a file inside the folder.
	inside := map[string]func(t *testing.T) string{
		"subfolder": func(t *testing.T) string {
			dir := containedSet(t, "sub/a.md")
			os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
			write(t, filepath.Join(dir, "sub", "a.md"), "root:x:0:0 inside\n")
			return dir
		},
		"dotdot-back": func(t *testing.T) string {
			dir := containedSet(t, "sub/../a.md")
			os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
			write(t, filepath.Join(dir, "a.md"), "root:x:0:0 inside\n")
			return dir
		},
		"symlink-inside": func(t *testing.T) string {
			dir := containedSet(t, "article.md")
			write(t, filepath.Join(dir, "real.md"), "root:x:0:0 inside\n")
			if err := os.Symlink("real.md", filepath.Join(dir, "article.md")); err != nil {
				t.Fatal(err)
			}
			return dir
		},
	}
	for name, mk := range inside {
		t.Run(name, func(t *testing.T) {
			c, fs := LoadFile(mk(t))
			if c == nil || fs.Errors() != 0 || !strings.Contains(c.Article.Text, "inside") {
				t.Fatalf("a path inside the folder does not load:\n%s", report(fs))
			}
		})
	}
}

// TestArticlePathStaysInsideFS is TestArticlePathStaysInside for LoadFS.
func TestArticlePathStaysInsideFS(t *testing.T) {
	for _, p := range []string{"/etc/passwd", "../secret.md", "../../../../etc/passwd", "a/../../secret.md"} {
		claims := `{"schemaVersion": 1, "article": {"path": ` + quoteJSON(p) + `}, "nodes": []}`
		fsys := fstest.MapFS{
			"set/claims.json": {Data: []byte(claims)},
			"secret.md":       {Data: []byte("secret\n")},
			"etc/passwd":      {Data: []byte("secret\n")},
			"set/etc/passwd":  {Data: []byte("secret\n")},
		}
		c, fs := LoadFS(fsys, "set/claims.json")
		if len(fs) != 1 || fs[0].Code != "read-error" || fs[0].Pointer != "/article/path" || !strings.Contains(fs[0].Message, "leaves the content folder") {
			t.Errorf("%q: want one read-error, got:\n%s", p, report(fs))
		}
		if c != nil && strings.Contains(c.Article.Text, "secret") {
			t.Errorf("%q: the outside file's text reached the content", p)
		}
	}
}
