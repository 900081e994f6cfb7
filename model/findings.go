package model

import (
	"fmt"
	"slices"
)

// Severity says whether a finding stops the content from loading.
type Severity int

// The severities.
const (
	SevError Severity = iota
	SevWarning
)

func (s Severity) String() string {
	if s == SevWarning {
		return "warning"
	}
	return "error"
}

// Finding is one problem found in a content set, with its position.
type Finding struct {
	Path     string // file the finding is about
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based, in characters; 0 when unknown
	Severity Severity
	Code     string // e.g. "syntax", "dangling-ref"
	Pointer  string // JSON pointer, e.g. "/links/0/to"; may be empty
	Message  string
	// OmittedErrors and OmittedWarnings are set only on the last finding
	// of a list capped at MaxFindings (code "too-many-findings"): the
	// findings it stands for, which Errors and Warnings count instead of it.
	OmittedErrors, OmittedWarnings int
}

// String formats the finding as path:LINE:COL: severity[code] /pointer: message.
func (f Finding) String() string {
	pos := f.Path
	if f.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", f.Path, f.Line, max(f.Col, 1))
	}
	ptr := ""
	if f.Pointer != "" {
		ptr = " " + f.Pointer
	}
	return fmt.Sprintf("%s: %s[%s]%s: %s", pos, f.Severity, f.Code, ptr, f.Message)
}

// Findings is the list of problems found while loading a content set.
type Findings []Finding

// Sort orders findings by file, line and column.
func (fs Findings) Sort() {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		switch {
		case a.Path != b.Path:
			if a.Path < b.Path {
				return -1
			}
			return 1
		case a.Line != b.Line:
			return a.Line - b.Line
		default:
			return a.Col - b.Col
		}
	})
}

// Errors counts the findings of error severity, including those left out
// of a capped list.
func (fs Findings) Errors() int {
	n := 0
	for _, f := range fs {
		switch {
		case f.Code == codeTooMany:
			n += f.OmittedErrors
		case f.Severity == SevError:
			n++
		}
	}
	return n
}

// Warnings counts the findings of warning severity, including those left
// out of a capped list.
func (fs Findings) Warnings() int {
	n := 0
	for _, f := range fs {
		switch {
		case f.Code == codeTooMany:
			n += f.OmittedWarnings
		case f.Severity == SevWarning:
			n++
		}
	}
	return n
}

// Err returns nil when there is no error finding, else an error whose text
// is the first error finding and a count of the rest.
func (fs Findings) Err() error {
	n := fs.Errors()
	if n == 0 {
		return nil
	}
	for _, f := range fs {
		if f.Severity == SevError {
			if n == 1 {
				return fmt.Errorf("%s", f)
			}
			return fmt.Errorf("%s (and %d more errors; run crux validate)", f, n-1)
		}
	}
	return nil
}
