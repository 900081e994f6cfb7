package notes

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crux-news/crux/model"
)

// readCollection reads and decodes the notes file; a missing file is an
// empty collection when missingOK.
func readCollection(path string, missingOK bool) (Collection, error) {
	data, err := readFile(path)
	switch {
	case err == nil:
		return Decode(path, data)
	case errors.Is(err, errNotRegular):
		return Collection{}, &FileError{Path: path, Problem: "not a regular file (a directory, device or pipe)",
			Hint: "pass --notes FILE naming a notes file", Err: err}
	case errors.Is(err, errTooLarge):
		return Collection{}, &FileError{Path: path, Problem: fmt.Sprintf("file is larger than the %d MiB limit", MaxFileSize>>20),
			Hint: "this is not a notes file crux wrote; pass --notes FILE to use another file", Err: err}
	case missingOK && errors.Is(err, fs.ErrNotExist):
		return newCollection(""), nil
	case errors.Is(err, fs.ErrNotExist):
		return Collection{}, &FileError{Path: path, Problem: "no such file", Hint: "check the path", Err: err}
	default:
		return Collection{}, &FileError{Path: path, Problem: "cannot read the notes file: " + err.Error(),
			Hint: "check its permissions, or pass --notes FILE to use another file (crux will not write to this one)", Err: err}
	}
}

// MaxFileSize is the largest notes file crux reads, the limit of content
// files too.
const MaxFileSize = model.MaxFileSize

var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("file too large")
)

// readFile reads a notes file of at most MaxFileSize bytes. It checks the
// file is a regular one first, so that a named pipe or a device cannot
// block crux or fill its memory.
func readFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if fi.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, errTooLarge
	}
	return data, nil
}

// removeStaleTemps deletes the temporary files ".<base><digits>" that
// renameio leaves when a save is killed before its rename. Call it only
// under the file lock: then no save of this file is in progress.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // cleaning is best effort; the save reports real I/O errors
	}
	prefix := "." + base
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || !e.Type().IsRegular() || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		_ = os.Remove(filepath.Join(dir, e.Name()))
	}
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer func() { _ = d.Close() }()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// saveTarget returns the file a save replaces: path itself, or, when path
// is a symbolic link, the file it points to (which may not exist yet). The
// temporary file is written beside the target and renamed over it, so the
// link stays a link and the file it names is the one updated.
func saveTarget(path string) (string, error) {
	p := path
	for range 40 { // the usual kernel limit on links followed
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil
		case err != nil:
			return "", err
		case fi.Mode()&fs.ModeSymlink == 0:
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// writeProblem returns a *FileError when the notes file at path cannot be
// saved without breaking a rule its owner set: the file (or the file its
// symbolic link names) is read-only, or its folder cannot be written. A
// rename would replace a read-only file, so crux checks the mode itself
// rather than relying on the rename to fail. nil when the file can be
// saved, or does not exist yet in a folder crux may write.
func writeProblem(path string) error {
	target, err := saveTarget(path)
	if err != nil {
		return &FileError{Path: path, Problem: "cannot follow the symbolic link: " + err.Error(),
			Hint: hintReadOnly, Err: err}
	}
	name := "the notes file"
	if target != path {
		name = "the file this link names, " + target + ","
	}
	if fi, err := os.Stat(target); err == nil && fi.Mode().IsRegular() {
		if fi.Mode().Perm()&0o222 == 0 || !canWrite(target) {
			return &FileError{Path: path,
				Problem: fmt.Sprintf("%s is read-only (mode %04o)", name, fi.Mode().Perm()),
				Hint:    fmt.Sprintf("crux opens your notes read-only and saves nothing; to save notes, make it writable (chmod u+w %s) or pass --notes FILE", target),
				Err:     fs.ErrPermission}
		}
	}
	dir := filepath.Dir(target)
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		if fi.Mode().Perm()&0o222 == 0 || !canWrite(dir) {
			return &FileError{Path: path,
				Problem: fmt.Sprintf("the folder %s cannot be written (mode %04o), so the notes file cannot be saved there", dir, fi.Mode().Perm()),
				Hint:    "crux opens your notes read-only and saves nothing; to save notes, make the folder writable or pass --notes FILE",
				Err:     fs.ErrPermission}
		}
	}
	return nil
}

// hintReadOnly is the advice for a notes file crux may read but not save.
const hintReadOnly = "crux opens your notes read-only and saves nothing; pass --notes FILE to save elsewhere"
