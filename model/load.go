package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"unicode/utf8"
)

// LoadFile loads and validates the content set at path: a claims.json file,
// or a directory holding one. It returns the content (nil when the claims file
// could not be decoded at all) and every finding, sorted by position. The
// content is usable by the UI only when findings.Errors() == 0.
func LoadFile(p string) (*Content, Findings) {
	claims := p
	fi, err := os.Stat(p)
	if err != nil {
		return nil, readFailure(p, err)
	}
	if fi.IsDir() {
		claims = filepath.Join(p, "claims.json")
		if _, err := os.Stat(claims); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, Findings{{Path: visible(p), Severity: SevError, Code: "missing-claims",
					Message: "this folder holds no claims.json; pass a content folder or the path of a claims file"}}
			}
			return nil, readFailure(claims, err)
		}
	}
	dir := filepath.Dir(claims)
	l := &loader{
		path:        claims,
		read:        readOS,
		readArticle: func(rel string) (string, []byte, error) { return readInside(dir, rel) },
	}
	return l.run()
}

// LoadFS is LoadFile over a file system (the embedded content); name is the
// claims file's path inside fsys.
func LoadFS(fsys fs.FS, name string) (*Content, Findings) {
	if fi, err := fs.Stat(fsys, name); err == nil && fi.IsDir() {
		name = path.Join(name, "claims.json")
	}
	dir := path.Dir(name)
	l := &loader{
		path: name,
		read: func(n string) ([]byte, error) { return readFS(fsys, n) },
		readArticle: func(rel string) (string, []byte, error) {
			return readFSInside(fsys, dir, rel)
		},
	}
	return l.run()
}

// WriteReport prints each finding on its own line, then a one-line summary
// naming the claims file, e.g. "content/claims.json: 2 errors, 1 warning" or
// "content/claims.json: ok, 0 errors, 0 warnings". With no findings at all
// it cannot know the file's name; use WriteReportFor to name it.
func WriteReport(w io.Writer, fs Findings) {
	name := ""
	if len(fs) > 0 {
		name = fs[0].Path
		for _, f := range fs {
			if f.Code != "quote-not-found" && filepath.Ext(f.Path) == ".json" {
				name = f.Path
				break
			}
		}
	}
	WriteReportFor(w, name, fs)
}

// WriteReportFor is WriteReport with the claims file named explicitly.
func WriteReportFor(w io.Writer, claims string, fs Findings) {
	for _, f := range fs {
		fmt.Fprintln(w, f.String())
	}
	e, wn := fs.Errors(), fs.Warnings()
	ok := ""
	if e == 0 {
		ok = "ok, "
	}
	prefix := ""
	if claims != "" {
		prefix = claims + ": "
	}
	fmt.Fprintf(w, "%s%s%s, %s\n", prefix, ok, plural(e, "error"), plural(wn, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// readFailure is the single finding for a claims file that cannot be read.
func readFailure(p string, err error) Findings {
	code, msg := readFinding(err)
	return Findings{{Path: visible(p), Severity: SevError, Code: code, Message: visible(msg)}}
}

// checkText reports an empty, binary or non-UTF-8 file; it returns false
// when the text cannot be used.
func checkText(p string, data []byte, add func(Finding)) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		add(Finding{Path: p, Severity: SevError, Code: "empty-file",
			Message: "file is empty; it should hold a claims object (see docs/claims-format.md)"})
		return false
	}
	pos := newPosIndex(data)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := pos.lineCol(i)
		add(Finding{Path: p, Line: line, Col: col, Severity: SevError, Code: "binary-file",
			Message: "file holds a NUL byte, so it is binary, not UTF-8 text; pass the right file"})
		return false
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := pos.lineCol(i)
		add(Finding{Path: p, Line: line, Col: col, Severity: SevError, Code: "bad-encoding",
			Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[i])})
		return false
	}
	return true
}

// firstInvalid returns the offset of the first byte that is not valid UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// bom is the UTF-8 byte order mark, which the loader skips.
const bom = "\xef\xbb\xbf"
