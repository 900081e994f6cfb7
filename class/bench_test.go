package class

import (
	"io"
	"testing"
	"time"
)

// BenchmarkLoad30 reads and builds the class of TestThirtyGeneratedStudents
// (30 files, 28 readable) on the embedded content.
func BenchmarkLoad30(b *testing.B) {
	c := currentContent(b)
	paths, _ := generate(b, c, b.TempDir())
	b.ResetTimer()
	for b.Loop() {
		Load(c, paths)
	}
}

// BenchmarkDistribution is the explorer's per-node lookup.
func BenchmarkDistribution(b *testing.B) {
	c := currentContent(b)
	paths, _ := generate(b, c, b.TempDir())
	cl := Load(c, paths)
	nodes := c.Nodes()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		_ = cl.Distribution(nodes[i%len(nodes)].ID)
		i++
	}
}

// BenchmarkReports writes the three reports of the 30-file class.
func BenchmarkReports(b *testing.B) {
	c := currentContent(b)
	paths, _ := generate(b, c, b.TempDir())
	cl := Load(c, paths)
	now := time.Now()
	b.ResetTimer()
	for b.Loop() {
		_ = WriteMarkdown(io.Discard, cl, now)
		_ = WriteJSON(io.Discard, cl, now)
		_ = WriteCSV(io.Discard, cl)
	}
}
