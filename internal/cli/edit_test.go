package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEditRefusesWhatItCannotOpen: crux edit on a folder with no claims,
// a syntax error, a missing article or two nodes on one id exits 1 with
// the finding (file:line:col) and why, before needing a terminal. A set
// whose claims load with other errors (a quote no longer in the article, a
// dangling link) opens, to be fixed in the app: without a terminal that is
// the usage error, as for a good set.
func TestEditRefusesWhatItCannotOpen(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, "edit", dir)
	if code != 1 || !strings.Contains(stderr, "missing-claims") {
		t.Fatalf("no claims: exit %d, %q", code, stderr)
	}
	set := filepath.Join("..", "..", "testdata", "classroom-authored")
	// broken copies the set, with edit applied to one of its files.
	broken := func(file string, edit func(string) string) string {
		d := t.TempDir()
		for _, f := range []string{"article.md", "claims.json"} {
			b, err := os.ReadFile(filepath.Join(set, f))
			if err != nil {
				t.Fatal(err)
			}
			if f == file {
				b = []byte(edit(string(b)))
			}
			if err := os.WriteFile(filepath.Join(d, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("the set has no %q", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	for _, tc := range []struct {
		name, file string
		edit       func(string) string
		want       []string
	}{
		{"syntax", "claims.json", replace(`"schemaVersion": 1,`, `"schemaVersion": 1,,`),
			[]string{"claims.json:2:22: error[syntax]"}},
		{"missing article", "claims.json", replace(`"path": "article.md"`, `"path": "gone.md"`),
			[]string{"[missing-article]", "crux edit cannot open it: the explorer needs the article"}},
		{"duplicate id", "claims.json", replace(`"id": "claim-late-opening-cut-vandalism"`, `"id": "claim-late-opening-cheapest-youth"`),
			[]string{"[dup-id]", "crux edit cannot open it: the explorer finds nodes by id"}},
	} {
		_, stderr, code = run(t, "edit", broken(tc.file, tc.edit))
		for _, w := range tc.want {
			if code != 1 || !strings.Contains(stderr, w) {
				t.Errorf("%s: exit %d, want 1 and %q in\n%s", tc.name, code, w, stderr)
			}
		}
	}
	for name, d := range map[string]string{
		"good":          set,
		"broken quote":  broken("article.md", replace("Carnegie library", "old library")),
		"dangling link": broken("claims.json", replace(`"to": "claim-late-opening-cheapest-youth"`, `"to": "claim-nowhere"`)),
	} {
		_, stderr, code = run(t, "edit", d)
		if code != 2 || !strings.Contains(stderr, "needs a terminal") {
			t.Errorf("%s: exit %d, want 2 (it opens, but needs a terminal): %q", name, code, stderr)
		}
	}
}
