package finder

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/model"
)

// TestPrefilterAsSahilm checks the byte-search prefilter, which decides
// which items sahilm/fuzzy gets to score and which a longer query narrows
// from, against sahilm/fuzzy itself on random haystacks and patterns drawn
// from a small alphabet with both cases, separators, accents, NUL and the
// runes whose case folds cross into ASCII (the Kelvin sign, the long s):
// it must admit exactly what sahilm matches.
func TestPrefilterAsSahilm(t *testing.T) {
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
		ok := len(fuzzy.Find(pat, []string{hay})) == 1
		checked++
		p := prepare([]Item{{Title: hay, Haystack: hay}})[0]
		if in := compile(pat).inOrder(p.low, p.slow); in != ok {
			t.Fatalf("inOrder(%q, %q) = %v, sahilm says %v", pat, hay, in, ok)
		}
		if ok {
			matched++
		}
	}
	if matched < 1000 || matched == checked {
		t.Fatalf("only %d of %d cases matched: the test is not testing both sides", matched, checked)
	}
}

// equalFold is the tests' reference for case folding: the standard
// library's, not the package's foldEq.
func equalFold(a, b rune) bool { return strings.EqualFold(string(a), string(b)) }

// TestSearchAsSahilm holds searches on the generated content to
// sahilm/fuzzy: cold, narrowed and in every scope, the candidates a search
// considers are exactly the items sahilm finds, each result is one of them
// and carries sahilm's score (of its title in the title tiers, else of its
// haystack up to the end of the match), a narrowed search equals the cold one, and the results are in
// tier, score, index order.
func TestSearchAsSahilm(t *testing.T) {
	ix := NewIndex(loadGen(t, gen.Small))
	items := ix.Items()
	var prev *Results
	for _, q := range []string{"c", "ca", "cas", "case", "case 1", "case 12", "claim: ro", "claim: rou", "skeptic: an", "skeptic: ana",
		"article: naïve", "ÜBER", "the", "the co", "zzzz"} {
		pq := ParseQuery(q)
		got := ix.SearchFrom(pq, prev)
		prev = got
		cold := ix.Search(pq)
		if !slices.EqualFunc(got.List, cold, func(a, b Result) bool {
			return a.Item == b.Item && a.Tier == b.Tier && a.Score == b.Score && slices.Equal(a.Matched, b.Matched)
		}) {
			t.Fatalf("%q: the narrowed search differs from the cold one", q)
		}
		var hay []string
		var ids []int
		for i, it := range items {
			k := model.Kind("")
			if it.Node != nil {
				k = it.Node.Kind
			}
			if pq.Admits(k, it.Node == nil) {
				hay = append(hay, it.Haystack)
				ids = append(ids, i)
			}
		}
		want := map[int]bool{}
		var wantIDs []int
		for _, w := range fuzzy.Find(pq.Pattern, hay) {
			want[ids[w.Index]] = true
			wantIDs = append(wantIDs, ids[w.Index])
		}
		slices.Sort(wantIDs)
		if !slices.Equal(got.cand, wantIDs) {
			t.Fatalf("%q: %d candidates, sahilm finds %d", q, len(got.cand), len(wantIDs))
		}
		for i, g := range got.List {
			_, ok := want[g.Item]
			if !ok {
				t.Fatalf("%q: result %d (item %d) is not a sahilm match", q, i, g.Item)
			}
			// The score of the title (title tiers) or the haystack (text
			// tiers) up to the end of the match found: the words, or the
			// first compact window, so that earlier matches rank first.
			text := items[g.Item].Title
			if g.Tier == TierText || g.Tier == TierTextFuzzy {
				text = items[g.Item].Haystack
			}
			end := g.Matched[len(g.Matched)-1]
			if g.Tier == TierTitleFuzzy || g.Tier == TierTextFuzzy {
				pr := prepare([]Item{{Title: text, Haystack: text}})[0]
				win, ok := compile(pq.Pattern).window(pr.low, pr.slow, fuzzySpan(pq.Pattern), nil)
				if !ok {
					t.Fatalf("%q: item %d in tier %d without a compact window", q, g.Item, g.Tier)
				}
				end = win[len(win)-1]
			}
			_, size := utf8.DecodeRuneInString(text[end:])
			scored := text[:end+size]
			tm := fuzzy.Find(pq.Pattern, []string{scored})
			if len(tm) != 1 {
				t.Fatalf("%q: item %d in tier %d, but %q does not match", q, g.Item, g.Tier, scored)
			}
			score := tm[0].Score
			if g.Score != score {
				t.Fatalf("%q: item %d (tier %d) score %d, sahilm %d", q, g.Item, g.Tier, g.Score, score)
			}
			if i > 0 {
				p := got.List[i-1]
				if p.Tier > g.Tier || p.Tier == g.Tier && (p.Score < g.Score || p.Score == g.Score && p.Item > g.Item) {
					t.Fatalf("%q: result %d (tier %d score %d item %d) ranks after (tier %d score %d item %d)", q, i, g.Tier, g.Score, g.Item, p.Tier, p.Score, p.Item)
				}
			}
			checkMatched(t, q, pq.Pattern, items[g.Item], g)
		}
		if len(got.List) == 0 && len(wantIDs) > 0 && pq.Pattern != "zzzz" {
			t.Logf("%q: every one of %d sahilm matches dropped as scattered", q, len(wantIDs))
		}
		// A candidate left out has no compact match anywhere.
		listed := map[int]bool{}
		for _, g := range got.List {
			listed[g.Item] = true
		}
		for _, c := range wantIDs {
			if !listed[c] && compactBrute(items[c].Haystack, pq.Pattern, fuzzySpan(pq.Pattern)) {
				t.Fatalf("%q: item %d has a compact match but is not listed", q, c)
			}
		}
	}
}

// checkMatched checks that a result's matched indexes show what its tier
// says: the query's words (or the query) as written, in order, in the title
// or the haystack; or its characters in order within fuzzySpan.
func checkMatched(t *testing.T, q, pattern string, it Item, r Result) {
	t.Helper()
	text := it.Haystack
	if r.Tier == TierTitle || r.Tier == TierTitleFuzzy {
		text = it.Title
	}
	var got strings.Builder
	for i, x := range r.Matched {
		if x < 0 || x >= len(text) || !utf8.RuneStart(text[x]) || i > 0 && x <= r.Matched[i-1] {
			t.Fatalf("%q: item %d tier %d: bad matched indexes %v", q, r.Item, r.Tier, r.Matched)
		}
		rn, _ := utf8.DecodeRuneInString(text[x:])
		got.WriteRune(rn)
	}
	switch r.Tier {
	case TierTitle, TierText:
		words := strings.Join(strings.Fields(pattern), "")
		if !strings.EqualFold(got.String(), pattern) && !strings.EqualFold(got.String(), words) {
			t.Fatalf("%q: item %d tier %d: matched %q, not the query's words", q, r.Item, r.Tier, got.String())
		}
	default:
		if !strings.EqualFold(got.String(), pattern) {
			t.Fatalf("%q: item %d tier %d: matched %q, not the query", q, r.Item, r.Tier, got.String())
		}
		last := r.Matched[len(r.Matched)-1]
		_, size := utf8.DecodeRuneInString(text[last:])
		if last+size-r.Matched[0] > fuzzySpan(pattern) {
			t.Fatalf("%q: item %d tier %d: matched over %d bytes", q, r.Item, r.Tier, last+size-r.Matched[0])
		}
		// Whatever holds the query as written is in a better tier.
		if strings.Contains(strings.ToLower(it.Haystack), strings.ToLower(pattern)) {
			t.Fatalf("%q: item %d holds the query, yet is in tier %d", q, r.Item, r.Tier)
		}
	}
	if r.Tier != TierTitle && strings.Contains(strings.ToLower(it.Title), strings.ToLower(pattern)) {
		t.Fatalf("%q: item %d's title holds the query, yet it is in tier %d", q, r.Item, r.Tier)
	}
}

// compactBrute reports whether text holds pattern's runes in order
// (case-folded) within limit bytes, trying every start.
func compactBrute(text, pattern string, limit int) bool {
	p := []rune(pattern)
	for s := range text {
		k, end := 0, s
		for i, r := range text[s:] {
			if i+s-s >= limit {
				break
			}
			if equalFold(r, p[k]) {
				k++
				end = s + i + utf8.RuneLen(r)
				if k == len(p) {
					break
				}
			}
		}
		if k == len(p) && end-s <= limit {
			return true
		}
	}
	return false
}

// TestWindowAsBruteForce checks the compact-window search against trying
// every start, on random texts like TestMatchAsSahilm's.
func TestWindowAsBruteForce(t *testing.T) {
	alphabet := []string{"a", "b", "c", "k", "s", "A", "B", "K", " ", "-", "é", "É", "\u212a", "ſ", "x"}
	rng := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	found := 0
	for range 20000 {
		text := word(rng.IntN(60))
		pat := word(1 + rng.IntN(4))
		limit := 1 + rng.IntN(20)
		pt := compile(pat)
		p := prepare([]Item{{Title: text, Haystack: text}})[0]
		idx, ok := pt.window(p.low, p.slow, limit, nil)
		if want := compactBrute(text, pat, limit); ok != want {
			t.Fatalf("window(%q, %q, %d) = %v, brute force says %v", text, pat, limit, ok, want)
		}
		if !ok {
			continue
		}
		found++
		var got strings.Builder
		for _, x := range idx {
			r, _ := utf8.DecodeRuneInString(text[x:])
			got.WriteRune(r)
		}
		last := idx[len(idx)-1]
		_, size := utf8.DecodeRuneInString(text[last:])
		if len(idx) != utf8.RuneCountInString(pat) || last+size-idx[0] > limit {
			t.Fatalf("window(%q, %q, %d) = %v: not the pattern within the limit", text, pat, limit, idx)
		}
		for i, r := range []rune(got.String()) {
			if !equalFold(r, []rune(pat)[i]) {
				t.Fatalf("window(%q, %q, %d) = %v spells %q", text, pat, limit, idx, got.String())
			}
		}
	}
	if found < 1000 || found == 20000 {
		t.Fatalf("%d of 20000 cases had a window: the test is not testing both sides", found)
	}
}

// TestFindWordsAsBruteForce checks the substring tiers' word search: the
// words in order, without overlap, within the limit, against trying every
// placement of the first word.
func TestFindWordsAsBruteForce(t *testing.T) {
	alphabet := []string{"a", "b", "k", "s", "A", "K", " ", "\u212a", "ſ", "é", "É"}
	rng := rand.New(rand.NewPCG(5, 6))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	found := 0
	for range 20000 {
		text := word(rng.IntN(50))
		pat := strings.TrimSpace(word(1 + rng.IntN(5)))
		if pat == "" {
			continue
		}
		limit := 1 + rng.IntN(30)
		pt := compile(pat)
		p := prepare([]Item{{Title: text, Haystack: text}})[0]
		_, ok := pt.findWords(p.low, p.slow, limit, nil)
		if want := wordsBrute(text, pat, limit); ok != want {
			t.Fatalf("findWords(%q, %q, %d) = %v, brute force says %v", text, pat, limit, ok, want)
		}
		if ok {
			found++
		}
	}
	if found < 1000 || found > 19000 {
		t.Fatalf("%d of 20000 cases found: the test is not testing both sides", found)
	}
}

// wordsBrute reports whether text holds pattern as a phrase, or its words
// in order without overlap within limit bytes, case-folded, trying every
// start of the first word and taking each later word at its earliest.
func wordsBrute(text, pattern string, limit int) bool {
	at := func(i int, w string) (int, bool) { // bytes of text from i spelling w
		j := i
		for _, r := range w {
			if j >= len(text) {
				return 0, false
			}
			tr, size := utf8.DecodeRuneInString(text[j:])
			if !equalFold(tr, r) {
				return 0, false
			}
			j += size
		}
		return j - i, true
	}
	for i := range text {
		if _, ok := at(i, pattern); ok {
			return true
		}
	}
	words := strings.Fields(pattern)
	for s := range text {
		n, ok := at(s, words[0])
		if !ok {
			continue
		}
		end := s + n
		for _, w := range words[1:] {
			ok = false
			for i := end; i < len(text); i++ {
				if !utf8.RuneStart(text[i]) {
					continue
				}
				if n, found := at(i, w); found {
					end, ok = i+n, true
					break
				}
			}
			if !ok {
				break
			}
		}
		if ok && end-s <= limit {
			return true
		}
	}
	return false
}
