package model

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// minimalNodes returns a one-line claims file of n empty nodes: each draws
// three missing-field errors (no id, kind or summary).
func minimalNodes(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"schemaVersion":1,"article":{"path":"article.md"},"nodes":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

// TestFindingsCapped checks that a file with more than MaxFindings
// findings keeps the first MaxFindings by position, counts the rest in one
// last finding, and that the counts and the report stay exact.
func TestFindingsCapped(t *testing.T) {
	const n = 3000
	dir := t.TempDir()
	write(t, filepath.Join(dir, "claims.json"), string(minimalNodes(n)))
	write(t, filepath.Join(dir, "article.md"), "Some text.\n")
	_, fs := LoadFile(dir)
	if len(fs) != MaxFindings+1 {
		t.Fatalf("kept %d findings, want %d", len(fs), MaxFindings+1)
	}
	if fs.Errors() != 3*n || fs.Warnings() != 0 {
		t.Errorf("counts %d errors, %d warnings; want %d, 0", fs.Errors(), fs.Warnings(), 3*n)
	}
	last := fs[len(fs)-1]
	if last.Code != codeTooMany || last.OmittedErrors != 3*n-MaxFindings || !strings.Contains(last.Message, fmt.Sprint(3*n-MaxFindings)) {
		t.Errorf("last finding = %s (omitted %d)", last, last.OmittedErrors)
	}
	// The kept ones are the first by position: nodes 0 to 332, three each,
	// and one of node 333.
	for i, f := range fs[:MaxFindings] {
		if want := fmt.Sprintf("/nodes/%d", i/3); f.Pointer != want || f.Code != "missing-field" {
			t.Fatalf("finding %d = %s, want missing-field at %s", i, f, want)
		}
		if i > 0 && fs[i-1].Col > f.Col {
			t.Fatalf("findings not sorted at %d", i)
		}
	}
	var b bytes.Buffer
	WriteReport(&b, fs)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != MaxFindings+2 || !strings.HasSuffix(lines[len(lines)-1], fmt.Sprintf("%d errors, 0 warnings", 3*n)) {
		t.Errorf("report has %d lines, ends %q", len(lines), lines[len(lines)-1])
	}
	if err := fs.Err(); err == nil || !strings.Contains(err.Error(), fmt.Sprint(3*n-1)) {
		t.Errorf("Err() = %v", err)
	}
}
