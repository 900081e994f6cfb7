package finder

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

// TestMatchAsSahilm checks the fast matcher against sahilm/fuzzy on random
// haystacks and patterns drawn from a small alphabet with both cases,
// separators, accents, NUL and the runes whose case folds cross into ASCII
// (the Kelvin sign, the long s).
func TestMatchAsSahilm(t *testing.T) {
	alphabet := []string{"a", "b", "c", "k", "s", "A", "B", "K", "S", " ", "-", "_", ".", "/", "é", "É", "\u212a", "ſ", "ü", "x", "y", "\x00", "日"}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	checked, matched := 0, 0
	for range 20000 {
		hay := word(rng.IntN(40))
		pat := strings.ReplaceAll(word(1+rng.IntN(4)), "\x00", "")
		if pat == "" {
			continue
		}
		want := fuzzy.Find(pat, []string{hay})
		score, idx, ok := compile(pat).match(hay, nil)
		checked++
		if ok != (len(want) == 1) {
			t.Fatalf("match(%q, %q) = %v, sahilm says %v", pat, hay, ok, len(want) == 1)
		}
		if !ok {
			continue
		}
		matched++
		if score != want[0].Score || !slices.Equal(idx, want[0].MatchedIndexes) {
			t.Fatalf("match(%q, %q) = %d %v, sahilm says %d %v", pat, hay, score, idx, want[0].Score, want[0].MatchedIndexes)
		}
	}
	if matched < 1000 || matched == checked {
		t.Fatalf("only %d of %d cases matched: the test is not testing both sides", matched, checked)
	}
}

// TestSearchAsSahilm compares whole searches, ranking included, on the
// generated content's index: cold, narrowed, and in every scope.
func TestSearchAsSahilm(t *testing.T) {
	ix := NewIndex(loadGen(t, gen.Small))
	var prev *Results
	for _, q := range []string{"c", "ca", "cas", "case", "case 1", "case 12", "claim: ro", "skeptic: an", "article: naïve", "ÜBER", "zzzz"} {
		pq := ParseQuery(q)
		got := ix.SearchFrom(pq, prev)
		prev = got
		var hay []string
		var ids []int
		for i, it := range ix.Items() {
			k := model.Kind("")
			if it.Node != nil {
				k = it.Node.Kind
			}
			if pq.Admits(k, it.Node == nil) {
				hay = append(hay, it.Haystack)
				ids = append(ids, i)
			}
		}
		want := fuzzy.Find(pq.Pattern, hay)
		if len(got.List) != len(want) {
			t.Fatalf("%q: %d results, sahilm finds %d", q, len(got.List), len(want))
		}
		for i, w := range want {
			g := got.List[i]
			if g.Item != ids[w.Index] || g.Score != w.Score || !slices.Equal(g.Matched, w.MatchedIndexes) {
				t.Fatalf("%q: result %d = item %d score %d, sahilm: item %d score %d", q, i, g.Item, g.Score, ids[w.Index], w.Score)
			}
		}
	}
}
