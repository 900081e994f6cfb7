package notes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportedNotesReachCallersSafe: a classmate's notes file whose name,
// note and tag carry escape sequences is imported; the store hands out
// placeholders, and the reader's file keeps the classmate's bytes.
func TestImportedNotesReachCallersSafe(t *testing.T) {
	c := newContent(t, fixtureNodes())
	dir := t.TempDir()
	const evil = "\x1b]0;pwned\x07\u009b2J\u202e"
	theirs := filepath.Join(dir, "theirs.json")
	other := openTest(t, theirs, c, "Eve"+evil)
	if _, err := other.SetNote("c-drop", "line one"+evil+"\nline two"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddTag("c-drop", "tag"+evil); err != nil {
		t.Fatal(err)
	}
	mine := openTest(t, filepath.Join(dir, "mine.json"), c, "Ana")
	if _, err := mine.Import(theirs); err != nil {
		t.Fatal(err)
	}
	if _, err := mine.SetStance("c-drop", Agree); err != nil { // rewrites the file
		t.Fatal(err)
	}
	var got []Annotation
	for _, a := range mine.ForNode("c-drop") {
		if a.Creator.Name != "Ana" {
			got = append(got, a)
		}
	}
	if len(got) != 1 {
		t.Fatalf("want the imported note, got %d", len(got))
	}
	a := got[0]
	for what, s := range map[string]string{"name": a.Creator.Name, "note": a.Note(), "tags": strings.Join(a.Tags(), " ")} {
		if strings.ContainsAny(s, "\x1b\x07\u009b\u202e") || !strings.Contains(s, "␛]0;pwned␇") {
			t.Errorf("%s reaches callers as %q", what, s)
		}
	}
	if a.Note() != "line one␛]0;pwned␇�2J�\nline two" {
		t.Errorf("note = %q: the lines should be kept, controls replaced rune for rune", a.Note())
	}
	data, err := os.ReadFile(filepath.Join(dir, "mine.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `\u001b]0;pwned\u0007`) {
		t.Errorf("the reader's file lost the classmate's bytes:\n%s", data)
	}
}
