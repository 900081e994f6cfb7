package gen

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// writeSet writes a generated set into a temporary directory.
func writeSet(tb testing.TB, s Size) string {
	tb.Helper()
	claims, err := Write(tb.TempDir(), s)
	if err != nil {
		tb.Fatal(err)
	}
	return claims
}

func report(fs model.Findings) string {
	var b strings.Builder
	model.WriteReport(&b, fs)
	return b.String()
}

// BenchmarkLoadGenerated reads, parses and validates a generated set from
// disk, resolving every anchor: the start-up cost before any rendering.
// cold has no schema cache (every load runs the schema check), warm has the
// first load's clean verdict cached (model/schemacache.go), as every load
// after a file's first has.
func BenchmarkLoadGenerated(b *testing.B) {
	for _, s := range []Size{Large, Huge} {
		for _, cache := range []string{"cold", "warm"} {
			b.Run(s.String()+"/"+cache, func(b *testing.B) {
				if cache == "cold" {
					b.Setenv("XDG_CACHE_HOME", os.DevNull) // not a folder: no cache
				} else {
					b.Setenv("XDG_CACHE_HOME", b.TempDir())
				}
				claims := writeSet(b, s)
				st, _ := os.Stat(claims)
				ast, _ := os.Stat(strings.TrimSuffix(claims, ClaimsFile) + ArticleFile)
				b.SetBytes(st.Size() + ast.Size())
				model.LoadFile(claims)
				b.ReportAllocs()
				for b.Loop() {
					if c, fs := model.LoadFile(claims); c == nil || len(fs) != 0 {
						b.Fatalf("findings:\n%s", report(fs))
					}
				}
			})
		}
	}
}

// BenchmarkLoadPeakMemory loads the 10k-node, 1 MB set once per iteration
// after a collection and reports the heap in use with the content live
// (live-MB), and the bytes allocated by one load (the B/op column). The peak
// resident size of a whole explorer start is measured separately, in the
// ui package's BenchmarkStartPeakRSS.
func BenchmarkLoadPeakMemory(b *testing.B) {
	claims := writeSet(b, Large)
	var live uint64
	b.ReportAllocs()
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c, fs := model.LoadFile(claims)
		if c == nil || len(fs) != 0 {
			b.Fatalf("findings:\n%s", report(fs))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = max(live, after.HeapInuse-min(before.HeapInuse, after.HeapInuse))
		runtime.KeepAlive(c)
	}
	b.ReportMetric(float64(live)/(1<<20), "live-MB")
}
