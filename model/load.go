package model

import "io/fs"

// LoadFile loads and validates the content set at path: a claims.json file,
// or a directory holding one. It returns the content (nil when the claims file
// could not be decoded at all) and every finding, sorted by position. The
// content is usable by the UI only when findings.Errors() == 0.
func LoadFile(path string) (*Content, Findings) {
	panic("TODO: implemented by the loader work")
}

// LoadFS is LoadFile over a file system (the embedded content); name is the
// claims file's path inside fsys.
func LoadFS(fsys fs.FS, name string) (*Content, Findings) {
	panic("TODO: implemented by the loader work")
}
