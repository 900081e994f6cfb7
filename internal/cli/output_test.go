package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/notes"
)

func TestWriteOutFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := writeOutFile(path, []byte("first"), false); err != nil {
		t.Fatalf("new file: %v", err)
	}
	err := writeOutFile(path, []byte("second"), false)
	if exitCode(err) != ExitError || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("existing file without --force: %v (code %d), want exit 1 naming --force", err, exitCode(err))
	}
	if got := readFile(t, path); got != "first" {
		t.Fatalf("the existing file changed without --force: %q", got)
	}
	if err := checkOutFile(path, false); exitCode(err) != ExitError {
		t.Errorf("checkOutFile on an existing file: %v (code %d), want exit 1", err, exitCode(err))
	}
	if err := checkOutFile(path, true); err != nil {
		t.Errorf("checkOutFile with force: %v", err)
	}
	if err := writeOutFile(path, []byte("second"), true); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if got := readFile(t, path); got != "second" {
		t.Fatalf("--force did not replace the file: %q", got)
	}
	err = writeOutFile(filepath.Join(dir, "no", "such", "dir", "out.md"), []byte("x"), false)
	if exitCode(err) != ExitError || !strings.Contains(err.Error(), "out.md") {
		t.Errorf("missing folder: %v (code %d), want exit 1 naming the file", err, exitCode(err))
	}
}

// TestOutFileExistsIsExitOne runs both exporting commands over an existing
// --out file: exit 1, one line naming --force, the file untouched.
func TestOutFileExistsIsExitOne(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	set := bikes(t)
	mine := write(t, filepath.Join(t.TempDir(), "mine.json"), readFile(t, "../../notes/testdata/import-sample.json"))
	for _, args := range [][]string{
		{"export", "--format", "dot"},
		{"notes", "export", "--notes", mine},
		{"notes", "export", "--format", "json", "--notes", mine},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out := write(t, filepath.Join(t.TempDir(), "out"), "keep me")
			r := crux(t, append(args, "--out", out, set)...)
			if r.code != ExitError || !strings.Contains(r.stderr, "already exists") || !strings.Contains(r.stderr, "--force") {
				t.Fatalf("want exit 1 naming --force\n%s", r)
			}
			if got := readFile(t, out); got != "keep me" {
				t.Fatalf("the --out file changed: %q", got)
			}
			if r := crux(t, append(args, "--out", out, "--force", set)...); r.code != ExitOK || readFile(t, out) == "keep me" {
				t.Fatalf("--force did not replace the file\n%s", r)
			}
		})
	}
}

// TestNotesExportReader checks the "Reader:" line: --name, else the notes'
// authors, else $USER when there are no notes.
func TestNotesExportReader(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("USER", "runner")
	set := bikes(t)
	ortiz := write(t, filepath.Join(t.TempDir(), "ortiz.json"), readFile(t, "../../notes/testdata/import-sample.json"))

	c, _, err := loadContent(set)
	if err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Join(t.TempDir(), "mixed.json")
	s, err := notes.Open(mixed, notes.WithContent(c), notes.WithReader("Ana"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("claim-vote", "Ana's note"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ortiz); err != nil {
		t.Fatal(err)
	}
	anaOnly := filepath.Join(t.TempDir(), "ana.json")
	s, err = notes.Open(anaOnly, notes.WithContent(c), notes.WithReader("Ana"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("claim-vote", "Ana's note"); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name   string
		args   []string
		reader string
		noteBy bool // a "Note by **…**" line appears
	}{
		{"one author, not $USER", []string{"--notes", ortiz}, "Ms. Ortiz", false},
		{"own notes", []string{"--notes", anaOnly}, "Ana", false},
		{"several authors", []string{"--notes", mixed}, "Ana, Ms. Ortiz", true},
		{"--name wins", []string{"--notes", ortiz, "--name", "Ben"}, "Ben", true},
		{"no notes", []string{"--notes", filepath.Join(t.TempDir(), "none.json")}, "runner", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := crux(t, append(append([]string{"notes", "export"}, tc.args...), set)...)
			if r.code != ExitOK {
				t.Fatalf("want exit 0\n%s", r)
			}
			if want := "- Reader: " + tc.reader + "\n"; !strings.Contains(r.stdout, want) {
				t.Fatalf("export lacks %q\n%s", want, r)
			}
			if got := strings.Contains(r.stdout, "Note by **"); got != tc.noteBy {
				t.Errorf("\"Note by\" line present = %v, want %v\n%s", got, tc.noteBy, r.stdout)
			}
		})
	}
}
