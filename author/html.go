package author

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/crux-news/crux/model"
)

// minArticleWords is the fewest words of reader text an extracted article
// may have: less means the page had no article, only navigation or a form.
const minArticleWords = 40

// fetchHTML downloads an HTML page and extracts its article.
func fetchHTML(ctx context.Context, src string, opts NewOptions) (string, model.ArticleMeta, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	client := opts.Client
	if client == nil {
		client = http.DefaultClient
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	page, err := url.Parse(src)
	if err != nil || page.Host == "" {
		return "", model.ArticleMeta{}, fmt.Errorf("%s is not a valid URL", src)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return "", model.ArticleMeta{}, fmt.Errorf("%s is not a valid URL: %w", src, err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	req.Header.Set("User-Agent", "crux (+https://github.com/crux-news/crux)")
	resp, err := client.Do(req)
	if err != nil {
		return "", model.ArticleMeta{}, fetchErr(src, timeout, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", model.ArticleMeta{}, fmt.Errorf("%s answered %s; check the address, or save the page and run crux new on the file", src, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		if mt == "" {
			mt = "of no stated type"
		}
		return "", model.ArticleMeta{}, fmt.Errorf("%s is %s, not an HTML page; crux new reads HTML pages, and Markdown, text or HTML files", src, mt)
	}
	if resp.ContentLength > model.MaxFileSize {
		return "", model.ArticleMeta{}, tooLarge(src)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, model.MaxFileSize+1))
	if err != nil {
		return "", model.ArticleMeta{}, fetchErr(src, timeout, err)
	}
	if len(body) > model.MaxFileSize {
		return "", model.ArticleMeta{}, tooLarge(src)
	}
	if u := resp.Request.URL; u != nil {
		page = u // after redirects
	}
	return htmlArticle(src, body, ct, page)
}

func tooLarge(src string) error {
	return fmt.Errorf("%s is larger than the %d MiB limit of crux; save the article's text and run crux new on that file", src, model.MaxFileSize>>20)
}

// fetchErr says why a fetch failed: a timeout, or a network error.
func fetchErr(src string, timeout time.Duration, err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%s did not answer within %s; try again, or raise --timeout", src, timeout)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("fetching %s was cancelled", src)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("cannot fetch %s: %v; check the address and your network", src, err)
}

// htmlArticle extracts the article of an HTML page as Markdown, with its
// metadata. contentType (may be empty) gives the charset; page (may be nil)
// resolves relative links.
func htmlArticle(src string, data []byte, contentType string, page *url.URL) (string, model.ArticleMeta, error) {
	r, err := charset.NewReader(bytes.NewReader(data), contentType)
	if err != nil {
		r = bytes.NewReader(data)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return "", model.ArticleMeta{}, fmt.Errorf("%s: cannot read the HTML: %w", src, err)
	}
	facts := scanPage(doc)
	canonical := facts.canonicalURL(page)
	art, err := readability.FromDocument(doc, page)
	if err != nil || art.Node == nil {
		return "", model.ArticleMeta{}, noArticle(src, 0)
	}
	md, err := htmltomarkdown.ConvertNode(art.Node)
	if err != nil {
		return "", model.ArticleMeta{}, fmt.Errorf("%s: cannot convert the article to Markdown: %w", src, err)
	}
	meta := model.ArticleMeta{
		Title:     articleTitle(art.Title(), cleanMeta(art.SiteName()), facts),
		Author:    byline(art.Byline()),
		Publisher: cleanMeta(art.SiteName()),
		URL:       canonical,
	}
	if t, err := art.PublishedTime(); err == nil {
		meta.Published = t.Format(time.DateOnly)
	}
	body := strings.TrimSpace(string(md))
	text, _ := model.ParseArticle(body)
	if n := len(strings.Fields(text)); n < minArticleWords {
		return "", model.ArticleMeta{}, noArticle(src, n)
	}
	if meta.Title != "" && markdownTitle(body) == "" {
		body = "# " + escapeHeading(meta.Title) + "\n\n" + body
	}
	return body + "\n", meta, nil
}

func noArticle(src string, words int) error {
	return fmt.Errorf("%s: found no article on the page (%d words of text outside navigation and forms); save the article's text as Markdown or text and run crux new on that file", src, words)
}

// canonicalURL is the page's <link rel="canonical">, else its og:url, else
// the address it was fetched from; only absolute http(s) URLs count.
func (f pageFacts) canonicalURL(page *url.URL) string {
	for _, cand := range []string{f.canonical, f.ogURL} {
		u, err := url.Parse(strings.TrimSpace(cand))
		if cand == "" || err != nil {
			continue
		}
		if page != nil {
			u = page.ResolveReference(u)
		}
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	if page != nil {
		return page.String()
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
