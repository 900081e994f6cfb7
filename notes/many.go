package notes

// This file holds the two entry points for tools that read many people's
// notes files at once (crux class): reading without a store, and merging.

// ReadFile reads and decodes the notes file at path without opening a
// store: no lock is taken and nothing is ever written. A missing file, one
// that is not a regular file, one over MaxFileSize, or one Decode refuses is
// a *FileError naming the file (with line and column where it can).
func ReadFile(path string) (Collection, error) { return readCollection(path, false) }

// Merge adds incoming annotations to c by id with the rules of Import: a
// new id is added, a newer modified time replaces, anything else is kept as
// it was. Nothing is dropped. The items are not re-sorted.
func (c *Collection) Merge(incoming []Annotation) MergeResult { return c.merge(incoming) }
