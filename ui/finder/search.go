package finder

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

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

// Index is the searchable corpus, built once per content set, when it is
// first searched.
type Index struct {
	build func() []Item
	once  sync.Once
	items []Item
	prep  []prepared // per item: lowered haystack and the like (rank.go)
}

// NewIndex returns at once an index of the content that is built when the
// finder first searches it (in the search's command, so no key waits):
// building it at start-up competed with a large content set's first frame
// for the cores, for a corpus most sessions never search.
func NewIndex(c *model.Content) *Index {
	return &Index{build: func() []Item { return buildItems(c) }}
}

// NewIndexItems makes an index of the given items (for tools and
// benchmarks that search lines of their own).
func NewIndexItems(items []Item) *Index {
	return &Index{build: func() []Item { return items }}
}

// Items returns every searchable item, building the index the first time.
func (ix *Index) Items() []Item {
	ix.once.Do(func() {
		ix.items = ix.build()
		ix.prep = prepare(ix.items)
		ix.build = nil
	})
	return ix.items
}

func buildItems(c *model.Content) []Item {
	items := make([]Item, 0, len(c.Nodes())+len(c.Article.Blocks))
	texts := readerTexts(c.Nodes())
	for i, n := range c.Nodes() {
		if n == nil {
			continue
		}
		text := texts[i]
		hay := n.Summary + " · " + n.Speaker + " · " + strings.Join(n.Tags, " ") + " · " + flatten(text)
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

// readerTexts is each node's text as reader text. A node's text is
// Markdown: the finder searches and shows its reader text, made by the one
// conversion the article uses (model.ParseArticle), so that snippets read
// "Translation notes." and not "**Translation notes.**". Parsing costs
// about 14 µs a node, several times the rest of the index
// (BenchmarkIndexBuild: 10k nodes 40 ms without it, 180 ms with it on one
// core), so text with no markup character is taken as it is and the rest is
// parsed on every core.
func readerTexts(nodes []*model.Node) []string {
	out := make([]string, len(nodes))
	workers := max(runtime.GOMAXPROCS(0), 1)
	chunk := (len(nodes) + workers - 1) / workers
	var wg sync.WaitGroup
	for from := 0; from < len(nodes); from += chunk {
		wg.Add(1)
		go func(part []*model.Node, out []string) {
			defer wg.Done()
			for i, n := range part {
				if n == nil {
					continue
				}
				out[i] = n.Text
				if strings.ContainsAny(n.Text, markup) {
					out[i], _ = model.ParseArticle(n.Text)
				}
			}
		}(nodes[from:min(from+chunk, len(nodes))], out[from:min(from+chunk, len(nodes))])
	}
	wg.Wait()
	return out
}

// markup are the characters of Markdown's inline markup (emphasis, code,
// links, HTML, entities, escapes, strikethrough, tables). A list marker or
// a heading's # left in a haystack reads as plain text.
const markup = "*_`[]<>&#\\~|"

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
	// the title tiers) or the haystack (in the text tiers), up to the end
	// of the match found there.
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
//
// Which items match, and in which tier, is decided here with byte searches
// (rank.go); sahilm/fuzzy scores what is listed, one fuzzy.FindNoSort call
// per chunk of candidates, the chunks spread over the cores.
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
				found[ci], matched[ci] = ix.searchChunk(pt, cand[ci*chunk:min((ci+1)*chunk, len(cand))], &sc)
			}
		})
	}
	wg.Wait()
	if stop() {
		return nil, false
	}
	out := slices.Concat(found...)
	inOrder := slices.Concat(matched...) // chunks in order: index order
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

// scratch is one worker's reusable buffers.
type scratch struct {
	words, twords, win []int
	pend               []pending
	strs               []string
	at                 []int
}

// pending is a listed item whose tier is decided and whose score is
// sahilm/fuzzy's, of its title or of its haystack.
type pending struct {
	item    int
	tier    Tier
	title   bool  // scored on the title, else on the haystack
	matched []int // the words or the compact window found (rank.go)
}

// searchChunk ranks a chunk of candidates: the items that hold the
// pattern in order (in), and the results with their tiers, matched indexes
// and sahilm/fuzzy's scores.
func (ix *Index) searchChunk(pt *pattern, cand []int, sc *scratch) (out []Result, in []int) {
	pend := sc.pend[:0]
	var arena []int // the chunk's matched indexes, one allocation
	keep := func(m []int) []int {
		if cap(arena)-len(arena) < len(m) {
			arena = make([]int, 0, max(4096, len(m)))
		}
		at := len(arena)
		arena = append(arena, m...)
		return arena[at:len(arena):len(arena)]
	}
	for _, c := range cand {
		p, inOrder, ok := ix.classify(pt, c, sc)
		if inOrder {
			in = append(in, c)
		}
		if ok {
			p.matched = keep(p.matched)
			pend = append(pend, p)
		}
	}
	out = make([]Result, 0, len(pend))
	// The titles first: an item whose title does not score after all
	// (its words are there, not as typed) falls back to its haystack.
	for _, m := range ix.score(pt, pend, true, sc) {
		p := &pend[sc.at[m.Index]]
		out = append(out, p.result(m, ix.items[p.item].Title, pt))
		p.item = -1 // done
	}
	for i := range pend {
		if p := &pend[i]; p.item >= 0 && p.title {
			if ix.fallBack(pt, p, sc) {
				p.matched = keep(p.matched)
			} else {
				p.item = -1 // scattered in its text: not listed
			}
		}
	}
	for _, m := range ix.score(pt, pend, false, sc) {
		p := &pend[sc.at[m.Index]]
		out = append(out, p.result(m, ix.items[p.item].Haystack, pt))
	}
	sc.pend = pend
	return out, in
}

// score runs sahilm/fuzzy over the titles (title) or the haystacks of the
// pending items scored on them; sc.at maps a match's Index to pend.
func (ix *Index) score(pt *pattern, pend []pending, title bool, sc *scratch) fuzzy.Matches {
	sc.strs, sc.at = sc.strs[:0], sc.at[:0]
	for i, p := range pend {
		if p.item < 0 || p.title != title {
			continue
		}
		s := ix.items[p.item].Haystack
		if title {
			s = ix.items[p.item].Title
		}
		s = p.scored(s)
		sc.strs, sc.at = append(sc.strs, s), append(sc.at, i)
	}
	if len(sc.strs) == 0 {
		return nil
	}
	return fuzzy.FindNoSort(pt.phrase.s, sc.strs)
}

// scored is the stretch of a title or haystack that sahilm/fuzzy scores:
// from its start to the end of the match found (the query's words, or the
// first compact window). Its score, less the length up to the match, ranks
// a match near the start above one further in, as fzf does; and the
// library reads only that far instead of to the end of every text (at 100k
// nodes, reading whole haystacks took 47 of a keystroke's 82 CPU-ms).
func (p *pending) scored(text string) string {
	last := p.matched[len(p.matched)-1]
	_, size := utf8.DecodeRuneInString(text[last:])
	return text[:last+size]
}

// result is p scored by m, a match of text.
func (p *pending) result(m fuzzy.Match, text string, pt *pattern) Result {
	r := Result{Item: p.item, Tier: p.tier, Score: m.Score, Matched: p.matched}
	if p.tier == TierTitleFuzzy || p.tier == TierTextFuzzy {
		r.Matched = pickCompact(m.MatchedIndexes, p.matched, text, fuzzySpan(pt.phrase.s))
	}
	return r
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

// classify decides where item c matched: inOrder reports whether its
// haystack holds the pattern's characters in order (what sahilm/fuzzy
// matches), ok whether it is listed, and p its tier, whether its title or
// its haystack is scored, and the matched indexes (in sc's storage).
func (ix *Index) classify(pt *pattern, c int, sc *scratch) (p pending, inOrder, ok bool) {
	pr := &ix.prep[c]
	if !pt.inOrder(pr.low, pr.slow) {
		return pending{}, false, false
	}
	p = pending{item: c}
	titleIsHay := pr.titleLen == len(pr.low)
	// The words in the haystack first: whenever the title holds them, so
	// does the haystack (the title is its start), and the leftmost match
	// found there lies in the title then, unless the phrase turned up in
	// the text while the title holds the words apart.
	if w, found := pt.findWords(pr.low, pr.slow, wordsSpan(pt.phrase.s), sc.words); found {
		sc.words = w
		p.tier, p.matched = TierText, w
		inTitle := pr.titleLen >= 0 && w[len(w)-1] < pr.titleLen
		if !inTitle && pr.titleLen >= 0 {
			var tw []int
			tw, inTitle = pt.findWords(pr.low[:pr.titleLen], pr.slow, wordsSpan(pt.phrase.s), sc.twords)
			sc.twords = tw
			if inTitle {
				p.matched = tw
			}
		}
		if inTitle {
			// The title tier ranks by the title's score.
			p.tier, p.title = TierTitle, !titleIsHay
		}
		return p, true, true
	}
	if pr.titleLen >= 0 && !titleIsHay {
		if win, compact := pt.window(pr.low[:pr.titleLen], pr.slow, fuzzySpan(pt.phrase.s), sc.win); compact {
			sc.win = win
			p.tier, p.title, p.matched = TierTitleFuzzy, true, win
			return p, true, true
		}
	}
	return p, true, ix.textWindow(pt, &p, sc)
}

// textWindow puts p in the fuzzy tier of its haystack when a compact
// stretch of it holds the pattern's characters in order.
func (ix *Index) textWindow(pt *pattern, p *pending, sc *scratch) bool {
	pr := &ix.prep[p.item]
	win, compact := pt.window(pr.low, pr.slow, fuzzySpan(pt.phrase.s), sc.win)
	sc.win = win
	if !compact {
		return false // scattered: not listed
	}
	p.tier, p.title, p.matched = TierTextFuzzy, false, win
	if pr.titleLen == len(pr.low) {
		p.tier = TierTitleFuzzy // a paragraph: its text is its title
	}
	return true
}

// fallBack moves an item whose title sahilm/fuzzy did not match to its
// haystack: words found in the title rank in the text tier; a compact
// title window gives way to one in the text, if there is one.
func (ix *Index) fallBack(pt *pattern, p *pending, sc *scratch) bool {
	if p.tier == TierTitle {
		p.tier, p.title = TierText, false
		return true
	}
	return ix.textWindow(pt, p, sc)
}
