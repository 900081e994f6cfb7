package author

import (
	"testing"

	"github.com/crux-news/crux/model"
)

// BenchmarkEditOnEmbeddedContent measures one authoring operation on the
// embedded content set (about 2,000 lines of claims): copy, change,
// encode, validate with the loader (article included) and write.
func BenchmarkEditOnEmbeddedContent(b *testing.B) {
	dir := copySetTB(b, "../content")
	s, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	id := s.File().Nodes[0].ID
	b.ResetTimer()
	for i := range b.N {
		r, err := s.EditNode(id, func(n *model.Node) error {
			n.Speaker = []string{"a", "b"}[i%2]
			return nil
		})
		if err != nil || !r.Written {
			b.Fatal(err, r.Findings)
		}
	}
}

// BenchmarkQuoteAnchor measures making an anchor from a quote in the
// embedded article.
func BenchmarkQuoteAnchor(b *testing.B) {
	s, err := Open(copySetTB(b, "../content"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.QuoteAnchor("Silicon Valley", 1); err != nil {
			b.Fatal(err)
		}
	}
}
