package model

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxListedLines bounds the article lines listed for an ambiguous quote.
const maxListedLines = 10

// article reads and parses the article, then resolves every anchor. When the
// article cannot be used, anchors stay unresolved (-1) and only the reason
// is reported, not one finding per anchor.
func (l *loader) article(f *File) Article {
	art := Article{ArticleMeta: f.Article}
	rel := f.Article.Path
	if strings.TrimSpace(rel) == "" {
		return art
	}
	pv, _ := l.root.lookup("/article/path")
	ahead := l.ahead
	if ahead != nil && ahead.rel == rel {
		<-ahead.done
	} else {
		ahead = &articleAhead{rel: rel}
		ahead.full, ahead.data, ahead.err = l.readArticle(rel)
	}
	full, err := ahead.full, ahead.err
	art.File = full
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.errf("missing-article", pv.off, "/article/path", "article %q not found: tried %s; fix article.path (it is relative to the claims file)", rel, full)
		} else {
			code, msg := readFinding(err)
			l.errf(code, pv.off, "/article/path", "article %q (%s): %s", rel, full, msg)
		}
		return art
	}
	if !ahead.parsed {
		ahead.parse()
	}
	for _, f := range ahead.textFindings {
		l.addFinding(f)
	}
	if !ahead.ok {
		return art
	}
	art.Markdown, art.Text, art.Blocks = ahead.md, ahead.text, ahead.blocks
	l.resolveAnchors(&art, rel, ahead.ix)
	return art
}

// articleAhead is the article of a claims file read, checked and parsed
// while the claims are checked (readAhead), or when the loader gets to it.
type articleAhead struct {
	rel  string        // article.path as the claims file gives it
	done chan struct{} // closed when read and parsed ahead
	full string        // the path shown in findings
	data []byte
	err  error

	parsed       bool
	textFindings []Finding // checkText's, added by the loader in order
	ok           bool      // the text can be used
	md, text     string
	blocks       []Block
	ix           *textIndex
}

// readAhead starts reading and parsing the article the claims file at root
// names, in the background, while the loader converts and checks the claims:
// the Markdown parse and the anchor index need nothing of the claims but the
// path, and ran on one core after them with the other core idle. At 10k
// nodes + 1 MB, launch to first words (internal/gen/ptytime, 11 paired
// rounds, load average 3.1-3.6): 245 against 293 ms with the schema verdict
// cached (0.88x paired), 354 against 377 ms without; peak RSS 97.6 against
// 91.0 MiB. Started before the schema check instead, it stacked its garbage
// on the check's: 115 against 95 MiB without the cache. Findings are only
// collected here; the loader adds them where it always has (article), so
// they come in the same order.
func (l *loader) readAhead(root *jval) {
	rel := strField(object(root.get("article")).get("path"))
	if strings.TrimSpace(rel) == "" || l.inline {
		return
	}
	a := &articleAhead{rel: rel, done: make(chan struct{})}
	l.ahead = a
	go func() {
		defer close(a.done)
		a.full, a.data, a.err = l.readArticle(rel)
		if a.err == nil {
			a.parse()
		}
	}()
}

// parse checks the article's text and parses it into the reader text, its
// blocks and the index anchors are found with.
func (a *articleAhead) parse() {
	a.parsed = true
	a.ok = checkText(a.full, a.data, func(f Finding) {
		if f.Code == "empty-file" {
			f.Message = "article is empty; it should hold the Markdown the anchors quote"
		}
		a.textFindings = append(a.textFindings, f)
	})
	if !a.ok {
		return
	}
	a.md = strings.TrimPrefix(string(a.data), bom)
	a.text, a.blocks = ParseArticle(a.md)
	a.ix = newTextIndex(a.text)
}

// resolveAnchors fills each anchor's Start/End from one index over the
// normalised article and reports quotes that are missing, ambiguous or short.
func (l *loader) resolveAnchors(art *Article, rel string, ix *textIndex) {
	if len(l.anchors) == 0 {
		return
	}
	qs := make([]string, len(l.anchors))
	for i, a := range l.anchors {
		qs[i] = NormalizeQuote(a.node.Anchors[a.idx].Exact)
	}
	occs := ix.findAll(qs, maxOccurrences)
	for i, a := range l.anchors {
		an := &a.node.Anchors[a.idx]
		q := qs[i]
		res := ix.resolveIn(q, an.Prefix, an.Suffix, occs[i])
		an.Start, an.End = res.start, res.end
		shown := strconv.Quote(clip(q, 60))
		switch res.status {
		case anchorNotFound:
			msg := fmt.Sprintf("quote %s is not in %s", shown, rel)
			if p, at, ok := ix.closest(an.Exact); ok {
				msg += fmt.Sprintf("; closest: %s at %s:%d", strconv.Quote(p), rel, art.LineOf(at))
			} else {
				msg += "; no passage of the article shares a word with it"
			}
			l.errf("quote-not-found", a.off, a.ptr, "%s", msg)
		case anchorAmbiguous:
			l.errf("quote-ambiguous", a.off, a.ptr, "quote %s occurs %s in %s (%s); add a prefix or suffix to pick one",
				shown, times(len(res.occ), res.total), rel, l.lines(ix, art, res.occ, rel))
		case anchorContextNoMatch:
			l.errf("quote-ambiguous", a.off, a.ptr, "quote %s occurs %s in %s (%s), but its prefix/suffix match none of them; fix the prefix or suffix",
				shown, times(len(res.occ), res.total), rel, l.lines(ix, art, res.occ, rel))
		case anchorContextMismatch:
			l.warnf("context-mismatch", a.off, a.ptr, "quote %s occurs once in %s (%s:%d), but not with this prefix/suffix; it is used anyway, so check the prefix and suffix",
				shown, rel, rel, art.LineOf(res.start))
		}
		if res.status != anchorNotFound && an.Prefix == "" && an.Suffix == "" && utf8.RuneCountInString(q) < MinQuote {
			l.warnf("quote-too-short", a.off, a.ptr, "quote %s has fewer than %d characters and no prefix or suffix; quote more, or add context, so it cannot match by chance", shown, MinQuote)
		}
	}
}

func times(n, total int) string {
	if total >= maxOccurrences {
		return fmt.Sprintf("%d+ times", maxOccurrences)
	}
	return fmt.Sprintf("%d times", n)
}

// lines lists the article lines of occurrences, e.g. "article.md:4, 9, 12".
func (l *loader) lines(ix *textIndex, art *Article, occ []int, rel string) string {
	var out []string
	last := -1
	for _, o := range occ {
		line := art.LineOf(int(ix.src[o]))
		if line == last {
			continue
		}
		last = line
		if len(out) == maxListedLines {
			out = append(out, "…")
			break
		}
		out = append(out, strconv.Itoa(line))
	}
	return rel + ":" + strings.Join(out, ", ")
}
