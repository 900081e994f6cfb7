package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/google/renameio/v2"
)

// The --out files of "crux export" and "crux notes export" are written by
// writeOutFile. An --out file that already exists without --force fails
// with ExitError (1), not ExitUsage: the command line is well formed, the
// file system is in the way.

// errOutExists is the message for an --out file that exists without --force.
func errOutExists(path string) error {
	return &exitError{code: ExitError,
		err: fmt.Errorf("%s already exists: pass --force to replace it, or choose another --out", path)}
}

// checkOutFile fails early, before any work, when path exists and force is
// not set. writeOutFile checks again when it creates the file.
func checkOutFile(path string, force bool) error {
	if force {
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		return errOutExists(path)
	}
	return nil
}

// writeOutFile writes data to the --out file path. Without force it creates
// the file exclusively, so an existing file (even one created since
// checkOutFile) is never replaced, and removes what it wrote on a failed
// write; with force it replaces the file atomically (temporary file, then
// rename), so a reader never sees half a file. Every error is an
// *exitError with ExitError.
func writeOutFile(path string, data []byte, force bool) error {
	if force {
		if err := renameio.WriteFile(path, data, 0o644); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("write %s: %w", path, err)}
		}
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return errOutExists(path)
	}
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("create %s: %w", path, err)}
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(path) // only the partial file this command created
		return &exitError{code: ExitError, err: fmt.Errorf("write %s: %w", path, err)}
	}
	return nil
}
