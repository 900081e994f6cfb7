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
	full, data, err := l.readArticle(rel)
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
	ok := checkText(full, data, func(f Finding) {
		if f.Code == "empty-file" {
			f.Message = "article is empty; it should hold the Markdown the anchors quote"
		}
		l.addFinding(f)
	})
	if !ok {
		return art
	}
	md := strings.TrimPrefix(string(data), bom)
	art.Markdown = md
	art.Text, art.Blocks = ParseArticle(md)
	l.resolveAnchors(&art, rel)
	return art
}

// resolveAnchors fills each anchor's Start/End from one index over the
// normalised article and reports quotes that are missing, ambiguous or short.
func (l *loader) resolveAnchors(art *Article, rel string) {
	if len(l.anchors) == 0 {
		return
	}
	ix := newTextIndex(art.Text)
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
