package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditRefusesWhatItCannotOpen: crux edit on a folder with no claims,
// or on a set with an error, exits 1 with the finding, before needing a
// terminal; a good set without a terminal is a usage error.
func TestEditRefusesWhatItCannotOpen(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, "edit", dir)
	if code != 1 || !strings.Contains(stderr, "missing-claims") {
		t.Fatalf("no claims: exit %d, %q", code, stderr)
	}
	set := filepath.Join("..", "..", "testdata", "classroom-authored")
	broken := t.TempDir()
	for _, f := range []string{"article.md", "claims.json"} {
		b, err := os.ReadFile(filepath.Join(set, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "article.md" {
			b = []byte(strings.Replace(string(b), "Carnegie library", "old library", 1))
		}
		if err := os.WriteFile(filepath.Join(broken, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code = run(t, "edit", broken)
	if code != 1 || !strings.Contains(stderr, "claims.json:") || !strings.Contains(stderr, "quote-not-found") {
		t.Fatalf("broken quote: exit %d, %q", code, stderr)
	}
	_, stderr, code = run(t, "edit", set)
	if code != 2 || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("no terminal: exit %d, %q", code, stderr)
	}
}
