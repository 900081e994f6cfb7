package notes

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeNotes writes a collection of n annotations to path.
func writeNotes(b *testing.B, path string, n int) {
	b.Helper()
	coll := newCollection("bench")
	for i := range n {
		a := Annotation{Context: AnnoContext, ID: NewID(), Type: TypeAnnotation, Creator: NewCreator("Ana"),
			Created: testStart().Add(time.Duration(i) * time.Second), Modified: testStart().Add(time.Duration(i) * time.Second),
			Target: Target{Source: fmt.Sprintf("claims.json#n-%d", i%40), NodeHash: "0123456789abcdef"}}
		a.setBody(Commenting, fmt.Sprintf("Note %d: compared with which year? Check the base rate and the source.", i))
		a.setBody(Assessing, string(Stances()[i%4]))
		a.setBody(Tagging, "base-rate", "sources")
		coll.Items = append(coll.Items, a)
	}
	data, err := Encode(coll)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
}

// BenchmarkPut saves one changed note into a 1,000-note file: lock, read,
// decode, merge, encode, write, fsync, rename.
func BenchmarkPut(b *testing.B) {
	path := filepath.Join(b.TempDir(), "notes.json")
	writeNotes(b, path, 1000)
	s, err := Open(path, WithReader("Ana"))
	if err != nil {
		b.Fatal(err)
	}
	a := s.All()[500]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		a.setBody(Commenting, fmt.Sprintf("edit %d", i))
		a.Modified = a.Modified.Add(time.Millisecond)
		if err := s.Put(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode1000 parses a 1,000-note file, the read half of every save.
func BenchmarkDecode1000(b *testing.B) {
	path := filepath.Join(b.TempDir(), "notes.json")
	writeNotes(b, path, 1000)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(path, data); err != nil {
			b.Fatal(err)
		}
	}
}
