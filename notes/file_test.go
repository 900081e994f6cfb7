package notes

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A notes file its owner made read-only is never replaced: Open refuses it
// with a *FileError that says so, OpenReadOnly shows it and says why
// nothing is saved, and a store opened before the chmod stops saving.
func TestReadOnlyFileIsNeverReplaced(t *testing.T) {
	c := newContent(t, fixtureNodes())
	path := filepath.Join(t.TempDir(), "notes.json")
	s := openTest(t, path, c, "Ana")
	if _, err := s.SetNote("c-drop", "kept"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}

	// A store opened before the chmod: the save is refused, not renamed
	// over the file (which a rename would do, whatever the file's mode).
	_, err = s.SetNote("c-spring", "new")
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Problem, "read-only (mode 0444)") {
		t.Fatalf("save over a 0444 file: %v", err)
	}
	assertFile(t, path, string(data))
	assertMode(t, path, 0o444)
	if s.Problem() == nil {
		t.Error("Problem() is nil after a refused save")
	}

	if _, err := Open(path, WithContent(c)); !errors.As(err, &fe) || !strings.Contains(err.Error(), "chmod u+w") {
		t.Errorf("Open of a 0444 file: %v", err)
	}
	ro, err := OpenReadOnly(path, WithContent(c))
	if err != nil {
		t.Fatalf("OpenReadOnly of a readable 0444 file: %v", err)
	}
	if !ro.ReadOnly() || len(ro.All()) != 1 || ro.Problem() == nil || !strings.Contains(ro.Problem().Error(), "read-only") {
		t.Errorf("read-only store: ro %v, %d notes, problem %v", ro.ReadOnly(), len(ro.All()), ro.Problem())
	}
	if _, err := ro.SetNote("c-drop", "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only SetNote: %v", err)
	}
	assertFile(t, path, string(data))
}

// A folder crux may not write (here mode 0555, which the check honours even
// for root) makes the notes in it read-only too, even before the file
// exists.
func TestUnwritableFolderIsReadOnly(t *testing.T) {
	c := newContent(t, fixtureNodes())
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.json")
	s := openTest(t, path, c, "Ana")
	if _, err := s.SetNote("c-drop", "kept"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	var fe *FileError
	if _, err := s.SetNote("c-spring", "new"); !errors.As(err, &fe) || !strings.Contains(fe.Problem, "folder") {
		t.Fatalf("save in a 0555 folder: %v", err)
	}
	assertFile(t, path, string(data))
	if _, err := Open(path, WithContent(c)); !errors.As(err, &fe) {
		t.Errorf("Open in a 0555 folder: %v", err)
	}
	if _, err := Open(filepath.Join(dir, "new.json"), WithContent(c)); !errors.As(err, &fe) {
		t.Errorf("Open of a new file in a 0555 folder: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 2 { // notes.json and notes.json.lock
		t.Errorf("folder holds %d entries (%v), want the file and its lock", len(entries), err)
	}
}

// A notes path that is a symbolic link stays one: the file it names is
// updated, with its mode kept.
func TestSymlinkedNotesFileStaysALink(t *testing.T) {
	c := newContent(t, fixtureNodes())
	dir := t.TempDir()
	realDir := filepath.Join(dir, "synced")
	if err := os.Mkdir(realDir, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(realDir, "notes.json")
	link := filepath.Join(dir, "notes.json")
	if err := os.Symlink("synced/notes.json", link); err != nil { // relative, and dangling until the first save
		t.Fatal(err)
	}
	s := openTest(t, link, c, "Ana")
	if _, err := s.SetNote("c-drop", "first"); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetNote("c-spring", "second"); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the notes path is no longer a symbolic link: %v %v", fi.Mode(), err)
	}
	data, err := os.ReadFile(target)
	if err != nil || !strings.Contains(string(data), "first") || !strings.Contains(string(data), "second") {
		t.Errorf("target not updated: %v\n%s", err, data)
	}
	assertMode(t, target, 0o600)
	again := openTest(t, link, c, "Ana")
	if len(again.All()) != 2 {
		t.Errorf("reopened through the link: %d notes", len(again.All()))
	}
	for _, d := range []string{dir, realDir} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".notes.json") {
				t.Errorf("temporary file left: %s", filepath.Join(d, e.Name()))
			}
		}
	}

	// A link to a read-only file is read-only.
	if err := os.Chmod(target, 0o444); err != nil {
		t.Fatal(err)
	}
	var fe *FileError
	if _, err := s.SetNote("c-drop", "third"); !errors.As(err, &fe) || !strings.Contains(fe.Problem, "the file this link names") {
		t.Errorf("save through a link to a 0444 file: %v", err)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %04o, want %04o", path, fi.Mode().Perm(), want)
	}
}
