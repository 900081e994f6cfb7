// Package finder is the fuzzy finder overlay: it searches every node's
// summary, text, speaker and tags and the article's paragraphs, ranks what
// matched as fzf users expect (the query as written in a title first, then
// in the text, then its letters in order in a title, then in a compact
// stretch of text; sahilm/fuzzy's score within each), highlights why each
// result matched, previews the selected result and jumps to it.
package finder

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// Item is one searchable thing: a node or an article paragraph.
type Item struct {
	Node  *model.Node // nil for a paragraph
	Block int         // article block index for a paragraph, else -1
	Title string      // the line shown in the results
	// Haystack is what the pattern is matched against; it starts with Title
	// so that matched indexes inside Title can be highlighted.
	Haystack string
}

// Index is the searchable corpus, built once per content set. NewIndex
// builds it in the background; the first search waits for it.
type Index struct {
	items []Item
	prep  []prepared // per item: lowered haystack and the like (rank.go)
	done  chan struct{}
}

// NewIndex starts building the corpus from the content and returns at once,
// so that a large content set's first frame does not wait for it.
func NewIndex(c *model.Content) *Index {
	ix := &Index{done: make(chan struct{})}
	go func() {
		defer close(ix.done)
		ix.items = buildItems(c)
		ix.prep = prepare(ix.items)
	}()
	return ix
}

// NewIndexItems makes an index of the given items (for tools and
// benchmarks that search lines of their own).
func NewIndexItems(items []Item) *Index {
	ix := &Index{items: items, prep: prepare(items), done: make(chan struct{})}
	close(ix.done)
	return ix
}

// Items returns every searchable item, waiting for the build to finish.
func (ix *Index) Items() []Item {
	<-ix.done
	return ix.items
}

func buildItems(c *model.Content) []Item {
	items := make([]Item, 0, len(c.Nodes())+len(c.Article.Blocks))
	for _, n := range c.Nodes() {
		if n == nil {
			continue
		}
		hay := n.Summary + " · " + n.Speaker + " · " + strings.Join(n.Tags, " ") + " · " + flatten(n.Text)
		items = append(items, Item{Node: n, Block: -1, Title: n.Summary, Haystack: hay})
	}
	// Blocks are in text order: walk the text once rather than converting
	// it to runes.
	text := c.Article.Text
	off, ri := 0, 0 // byte and rune offset
	for i, b := range c.Article.Blocks {
		if b.Start < ri || b.Start >= b.End {
			continue
		}
		for ri < b.Start && off < len(text) {
			_, n := utf8.DecodeRuneInString(text[off:])
			off += n
			ri++
		}
		start := off
		for ri < b.End && off < len(text) {
			_, n := utf8.DecodeRuneInString(text[off:])
			off += n
			ri++
		}
		if ri < b.End {
			break // offsets past the text
		}
		t := flatten(text[start:off])
		items = append(items, Item{Block: i, Title: t, Haystack: t})
	}
	return items
}

func flatten(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Result is a match: the item, the byte indexes of its haystack that show
// why it matched (the query's words where they were found as substrings,
// else the characters matched in order), its tier and its score.
type Result struct {
	Item    int
	Matched []int
	Tier    Tier
	// Score is sahilm/fuzzy's score of the pattern against the title (in
	// the title tiers) or the whole haystack (in the text tiers).
	Score int
}

// Results is a finished search, from which a longer query narrows.
type Results struct {
	Query Query
	List  []Result
	// cand are the items in scope that hold the pattern's characters in
	// order, in index order: a superset of List's items (a long text's
	// scattered match is not listed) that a longer query only shrinks, so
	// it is what narrowing searches.
	cand []int
}

// Search runs a query over the index. An empty pattern lists every item in
// scope in index order. Results are ranked by tier, then by score (best
// first), then in index order.
func (ix *Index) Search(q Query) []Result { return ix.SearchFrom(q, nil).List }

// SearchFrom runs a query, searching only prev's results when prev is a
// search of the same scope for a prefix of the pattern: whatever matches
// "cost" holds "cos" in order too, so typing narrows instead of starting
// over. The items are matched in parallel, a share per core.
func (ix *Index) SearchFrom(q Query, prev *Results) *Results {
	r, _ := ix.search(q, prev, func() bool { return false })
	return r
}

// search is SearchFrom that gives up, returning false, as soon as stop
// reports true (checked between chunks of candidates).
func (ix *Index) search(q Query, prev *Results, stop func() bool) (*Results, bool) {
	items := ix.Items()
	var cand []int
	if prev != nil && prev.Query.Scope == q.Scope && prev.Query.Pattern != "" && strings.HasPrefix(q.Pattern, prev.Query.Pattern) {
		cand = prev.cand
	} else {
		cand = make([]int, 0, len(items))
		for i, it := range items {
			k := model.Kind("")
			if it.Node != nil {
				k = it.Node.Kind
			}
			if q.Admits(k, it.Node == nil) {
				cand = append(cand, i)
			}
		}
	}
	if q.Pattern == "" {
		out := make([]Result, len(cand))
		for i, c := range cand {
			out[i] = Result{Item: c}
		}
		return &Results{Query: q, List: out}, true
	}
	pt := compile(q.Pattern)
	// Chunks of candidates, several per core for balance, matched in
	// parallel and joined in order.
	workers := runtime.GOMAXPROCS(0)
	chunk := max(len(cand)/(workers*4), 256)
	nchunks := (len(cand) + chunk - 1) / chunk
	found := make([][]Result, nchunks)
	matched := make([][]int, nchunks) // per chunk, the items that hold the pattern in order
	next := make(chan int, nchunks)
	for i := range nchunks {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(workers, nchunks) {
		wg.Go(func() {
			var sc scratch
			for ci := range next {
				if stop() {
					continue
				}
				var out []Result
				var in []int
				var arena []int // the chunk's matched indexes, one allocation
				for _, c := range cand[ci*chunk : min((ci+1)*chunk, len(cand))] {
					r, inOrder, ok := ix.rank(pt, c, &sc)
					if inOrder {
						in = append(in, c)
					}
					if !ok {
						continue
					}
					if cap(arena)-len(arena) < len(r.Matched) {
						arena = make([]int, 0, max(4096, len(r.Matched)))
					}
					at := len(arena)
					arena = append(arena, r.Matched...)
					r.Matched = arena[at:len(arena):len(arena)]
					out = append(out, r)
				}
				found[ci], matched[ci] = out, in
			}
		})
	}
	wg.Wait()
	if stop() {
		return nil, false
	}
	n := 0
	for _, f := range found {
		n += len(f)
	}
	out := make([]Result, 0, n)
	for _, f := range found {
		out = append(out, f...)
	}
	n = 0
	for _, in := range matched {
		n += len(in)
	}
	inOrder := make([]int, 0, n)
	for _, in := range matched {
		inOrder = append(inOrder, in...) // chunks in order: index order
	}
	// Best tier first, then best score; ties in index order.
	slices.SortFunc(out, func(a, b Result) int {
		if a.Tier != b.Tier {
			return int(a.Tier - b.Tier)
		}
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return a.Item - b.Item
	})
	return &Results{Query: q, List: out, cand: inOrder}, true
}

// pickCompact returns sahilm's matched indexes idx when they lie within
// limit bytes of text, else the compact window win.
func pickCompact(idx, win []int, text string, limit int) []int {
	if len(idx) > 0 {
		last := idx[len(idx)-1]
		_, size := utf8.DecodeRuneInString(text[last:])
		if last+size-idx[0] <= limit {
			return idx
		}
	}
	return win
}

// scratch is one worker's reusable buffers.
type scratch struct {
	hay, title, words, twords, win []int
}

// rank matches item c: inOrder reports whether its haystack holds the
// pattern's characters in order (sahilm/fuzzy's matches), ok whether it is
// a result, and r is the result, its Matched in sc's storage. sahilm's
// scoring, the costly part, runs only for what is listed.
func (ix *Index) rank(pt *pattern, c int, sc *scratch) (r Result, inOrder, ok bool) {
	it, pr := &ix.items[c], &ix.prep[c]
	if !pt.inOrder(pr.low, pr.slow) {
		return Result{}, false, false
	}
	r = Result{Item: c}
	titleIsHay := pr.titleLen == len(pr.low)
	hayScore := func() (int, []int) {
		score, idx, _ := pt.match(it.Haystack, sc.hay)
		sc.hay = idx
		return score, idx
	}
	limit, wlimit := fuzzySpan(pt.phrase.s), wordsSpan(pt.phrase.s)
	// The words in the haystack first: whenever the title holds them, so
	// does the haystack (the title is its start), and the leftmost match
	// found there lies in the title then, unless the phrase turned up in
	// the text while the title holds the words apart.
	if w, found := pt.findWords(pr.low, pr.slow, wlimit, sc.words); found {
		sc.words = w
		r.Tier, r.Matched = TierText, w
		inTitle := pr.titleLen >= 0 && w[len(w)-1] < pr.titleLen
		if !inTitle && pr.titleLen >= 0 {
			var tw []int
			tw, inTitle = pt.findWords(pr.low[:pr.titleLen], pr.slow, wlimit, sc.twords)
			sc.twords = tw
			if inTitle {
				r.Matched = tw
			}
		}
		switch {
		case inTitle && titleIsHay:
			r.Tier = TierTitle
			r.Score, _ = hayScore()
			return r, true, true
		case inTitle:
			// The title tier ranks by the title's score.
			ts, ti, tok := pt.match(it.Title, sc.title)
			sc.title = ti
			if tok {
				r.Tier, r.Score = TierTitle, ts
				return r, true, true
			}
			// The words are there, not quite as typed: the text tier.
		}
		r.Score, _ = hayScore()
		return r, true, true
	}
	if pr.titleLen >= 0 && !titleIsHay {
		// A compact window first (byte searches), the title's score only
		// when there is one.
		if win, compact := pt.window(pr.low[:pr.titleLen], pr.slow, limit, sc.win); compact {
			sc.win = win
			if ts, ti, tok := pt.match(it.Title, sc.title); tok {
				sc.title = ti
				r.Tier, r.Score, r.Matched = TierTitleFuzzy, ts, pickCompact(ti, win, it.Title, limit)
				return r, true, true
			}
		}
	}
	win, compact := pt.window(pr.low, pr.slow, limit, sc.win)
	sc.win = win
	if !compact {
		return Result{}, true, false // scattered: not listed
	}
	r.Tier = TierTextFuzzy
	if titleIsHay {
		r.Tier = TierTitleFuzzy // a paragraph: its text is its title
	}
	score, idx := hayScore()
	r.Score, r.Matched = score, pickCompact(idx, win, it.Haystack, limit)
	return r, true, true
}
