package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// crux notes export says what it wrote in the hand-in's words: a stance
// alone is an annotation, not a note.
func TestNotesExportSummaryCountsLikeTheHandIn(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	set := bikes(t)
	c, fs := model.LoadFile(set)
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notes.json")
	s, err := notes.Open(path, notes.WithContent(c), notes.WithReader("Ana"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"claim-vote", "claim-cheapest", "claim-grant"} {
		if _, err := s.SetStance(id, notes.Agree); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetNote("claim-halve", "Halve from what?"); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"md", "json"} {
		out := filepath.Join(t.TempDir(), "out."+format)
		r := crux(t, "notes", "export", "--format", format, "--notes", path, "--out", out, set)
		if r.code != ExitOK || !strings.Contains(r.stderr, "Wrote 4 annotations (1 note, 3 stances) from ") {
			t.Fatalf("%s: %s", format, r)
		}
		if format == "md" && !strings.Contains(readFile(t, out), "- Notes: 1 written") {
			t.Fatalf("the hand-in counts differently:\n%s", readFile(t, out))
		}
	}
}
