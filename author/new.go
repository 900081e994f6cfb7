package author

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// NewOptions configure New.
type NewOptions struct {
	// Out is the folder to create the content set in. Empty means a folder
	// in the current directory named after the article's title.
	Out string
	// Timeout bounds fetching a URL, headers and body; 0 means 30 seconds.
	Timeout time.Duration
	// Client fetches URLs; nil means http.DefaultClient (with Timeout).
	Client *http.Client
}

// Created is what New made.
type Created struct {
	Dir      string            // the content folder
	Article  string            // DIR/article.md
	Claims   string            // DIR/claims.json
	Meta     model.ArticleMeta // what was found about the article
	Words    int               // words in the article's reader text
	Findings model.Findings    // warnings from the validator (never errors)
}

// New starts a content set from source: a Markdown file (.md, .markdown), a
// plain-text file, an HTML file (.html, .htm) or an http(s) URL of an HTML
// page. From HTML it extracts the article with a readability library,
// converts it to Markdown, and fills the article metadata from the page
// (title, byline, site name, published date, canonical URL). It writes
// DIR/article.md and DIR/claims.json with no nodes, never replacing an
// existing file, and checks that the result validates.
func New(ctx context.Context, source string, opts NewOptions) (*Created, error) {
	md, meta, err := readSource(ctx, source, opts)
	if err != nil {
		return nil, err
	}
	if len(md) > model.MaxFileSize {
		return nil, fmt.Errorf("%s: the article is larger than the %d MiB limit of crux; shorten it", source, model.MaxFileSize>>20)
	}
	text, _ := model.ParseArticle(md)
	words := len(strings.Fields(text))
	if words == 0 {
		return nil, fmt.Errorf("%s: the article has no text", source)
	}
	dir := opts.Out
	if dir == "" {
		dir = Slug(meta.Title)
		if dir == "" {
			dir = Slug(strings.TrimSuffix(filepath.Base(source), filepath.Ext(source)))
		}
		if dir == "" {
			dir = "article"
		}
	}
	meta.Path = "article.md"
	c := &Created{Dir: dir, Article: filepath.Join(dir, "article.md"), Claims: filepath.Join(dir, "claims.json"), Meta: meta, Words: words}
	for _, p := range []string{c.Article, c.Claims} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("%s already exists; crux new never replaces a file: choose another --out", p)
		}
	}
	claims, err := Encode(&model.File{Schema: "", SchemaVersion: model.SchemaVersion, Article: meta})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	if err := createFile(c.Article, []byte(md)); err != nil {
		return nil, err
	}
	_, fs := model.LoadBytes(c.Claims, claims)
	if fs.Errors() == 0 {
		err = createFile(c.Claims, claims)
	} else {
		err = &FindingsError{Findings: fs}
	}
	if err != nil {
		_ = os.Remove(c.Article) // only the file New created
		return nil, err
	}
	c.Findings = fs
	return c, nil
}

// createFile writes a new file, failing if it exists, and removes what it
// wrote when the write fails.
func createFile(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; crux new never replaces a file: choose another --out", p)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", p, err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(p)
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// readSource returns the article as Markdown and what is known about it.
func readSource(ctx context.Context, source string, opts NewOptions) (string, model.ArticleMeta, error) {
	if strings.HasPrefix(source, "http://") || strings.HasPrefix(source, "https://") {
		return fetchHTML(ctx, source, opts)
	}
	data, err := readLocal(source)
	if err != nil {
		return "", model.ArticleMeta{}, err
	}
	switch strings.ToLower(filepath.Ext(source)) {
	case ".html", ".htm", ".xhtml":
		return htmlArticle(source, data, "", nil)
	case ".md", ".markdown":
		md := string(data)
		return md, model.ArticleMeta{Title: markdownTitle(md)}, nil
	}
	if looksLikeHTML(data) {
		return htmlArticle(source, data, "", nil)
	}
	md, title := textToMarkdown(string(data))
	return md, model.ArticleMeta{Title: title}, nil
}

// readLocal reads a text file within the loader's limits.
func readLocal(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file; give a Markdown, text or HTML file, or a URL", p)
	}
	if fi.Size() > model.MaxFileSize {
		return nil, fmt.Errorf("%s is larger than the %d MiB limit of crux; shorten it", p, model.MaxFileSize>>20)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%s holds a NUL byte, so it is binary, not text; give a Markdown, text or HTML file", p)
	}
	if !utf8.Valid(data) && !looksLikeHTML(data) {
		return nil, fmt.Errorf("%s is not UTF-8 text; save it as UTF-8", p)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s is empty", p)
	}
	return data, nil
}

func looksLikeHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.Contains(head, "<!doctype html") || strings.Contains(head, "<html")
}

var atxTitle = regexp.MustCompile(`(?m)^#[ \t]+(.+?)[ \t#]*$`)

// markdownTitle is the text of the first level-one heading, if any.
func markdownTitle(md string) string {
	if m := atxTitle.FindStringSubmatch(md); m != nil {
		text, _ := model.ParseArticle(m[1])
		return cleanMeta(text)
	}
	return ""
}

// textToMarkdown turns plain text into Markdown that reads the same:
// characters Markdown would take as markup are escaped, and paragraphs stay
// separated by blank lines. A short first line followed by a blank line is
// the title, and becomes a heading.
func textToMarkdown(text string) (md, title string) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	var b strings.Builder
	first := 0
	for first < len(lines) && strings.TrimSpace(lines[first]) == "" {
		first++
	}
	if first+1 < len(lines) && strings.TrimSpace(lines[first+1]) == "" {
		if t := strings.TrimSpace(lines[first]); utf8.RuneCountInString(t) <= 120 {
			title = cleanMeta(t)
			b.WriteString("# " + escapeHeading(t) + "\n")
			first++
		}
	}
	for _, l := range lines[first:] {
		b.WriteString(escapeMarkdown(strings.TrimSpace(l)) + "\n")
	}
	return strings.TrimSpace(b.String()) + "\n", title
}

// escapeMarkdown backslash-escapes what Markdown would read as markup in a
// line of plain text: inline markup anywhere, and block markers (headings,
// list items, quotes, setext underlines) at the start.
func escapeMarkdown(line string) string {
	var b strings.Builder
	if j := strings.IndexFunc(line, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (line[j] == '.' || line[j] == ')') {
		b.WriteString(line[:j] + "\\")
		line = line[j:]
	} else if line != "" && strings.ContainsRune("#-+=>", rune(line[0])) {
		b.WriteByte('\\')
	}
	for _, r := range line {
		if strings.ContainsRune("\\`*_[]<>|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanMeta makes page metadata one plain line: no control characters or
// bidirectional overrides, white space collapsed.
func cleanMeta(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
