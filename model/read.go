package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// MaxFileSize is the largest claims or article file the loader reads.
const MaxFileSize = 32 << 20

// ErrTooLarge is returned for files over MaxFileSize.
var ErrTooLarge = fmt.Errorf("file is larger than %d MiB", MaxFileSize>>20)

// ErrNotRegular is returned for paths that name a directory, device, pipe
// or socket where a file was expected.
var ErrNotRegular = errors.New("not a regular file")

// readLimited reads an open file of at most MaxFileSize bytes.
func readLimited(f fs.File) ([]byte, error) {
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	if fi.Size() > MaxFileSize {
		return nil, ErrTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	return data, nil
}

// readOS reads a file from the operating system. It checks the file is a
// regular one before opening it, so a named pipe cannot block the loader.
func readOS(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return readLimited(f)
}

// readFS reads a file from fsys with the same limits as readOS.
func readFS(fsys fs.FS, name string) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return readLimited(f)
}

// readFinding describes a failed read as a code and a message that says
// why and what to do.
func readFinding(err error) (code, msg string) {
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		return "too-large", fmt.Sprintf("file is larger than the %d MiB limit; split or shorten it", MaxFileSize>>20)
	case errors.Is(err, ErrNotRegular):
		return "read-error", "cannot read: not a regular file (a directory, device or pipe); point the path at a file"
	case errors.Is(err, syscall.ELOOP):
		return "read-error", fmt.Sprintf("cannot read: %s (a symlink loop); point the link at a real file", reason)
	case errors.Is(err, fs.ErrNotExist):
		return "read-error", fmt.Sprintf("cannot read: %s; check the path", reason)
	case errors.Is(err, fs.ErrPermission):
		return "read-error", fmt.Sprintf("cannot read: %s; check the file's permissions", reason)
	default:
		return "read-error", fmt.Sprintf("cannot read: %s; check the path and the file", reason)
	}
}
