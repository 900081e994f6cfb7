package finder

import (
	"testing"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

func loadGen(tb testing.TB, s gen.Size) *model.Content {
	c, _ := gen.Load(tb, s)
	return c
}

// typed is a query as typed, one keystroke at a time.
var typed = []string{"c", "co", "cos", "cost", "cost ", "cost o", "cost of", "cost of t", "cost of tr", "cost of tra"}

// BenchmarkSearchKeystroke is the search one keystroke starts, averaged
// over typing "cost of tra" a key at a time: from scratch (cold: every
// item is matched) and narrowing the previous key's results (typing).
func BenchmarkSearchKeystroke(b *testing.B) {
	for _, s := range []gen.Size{gen.Large, gen.Huge} {
		c := loadGen(b, s)
		ix := NewIndex(c)
		ix.Items() // built before timing
		b.Run(s.String()+"/cold", func(b *testing.B) {
			b.ReportAllocs()
			done := gen.Meter(b)
			i := 0
			for b.Loop() {
				ix.Search(ParseQuery(typed[i%len(typed)]))
				i++
			}
			done(i)
		})
		b.Run(s.String()+"/typing", func(b *testing.B) {
			b.ReportAllocs()
			var prev *Results
			done := gen.Meter(b)
			i := 0
			for b.Loop() {
				k := i % len(typed)
				if k == 0 {
					prev = nil
				}
				prev = ix.SearchFrom(ParseQuery(typed[k]), prev)
				i++
			}
			done(i)
		})
	}
}

// BenchmarkIndexBuild is building the index's items: what the first search
// after start waits for.
func BenchmarkIndexBuild(b *testing.B) {
	for _, s := range []gen.Size{gen.Small, gen.Large} {
		c := loadGen(b, s)
		b.Run(s.String(), func(b *testing.B) {
			for b.Loop() {
				NewIndex(c).Items()
			}
		})
	}
}
