package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"

	"github.com/crux-news/crux/model"
)

// ArticleIdentity names the article a notes file is about, independent of
// where its files sit: its URL when set, else its title and publication
// date, else "sha256:" and the hash of the article text.
func ArticleIdentity(meta model.ArticleMeta, articleText string) string {
	if u := strings.TrimSpace(meta.URL); u != "" {
		return u
	}
	if t := strings.TrimSpace(meta.Title); t != "" {
		if p := strings.TrimSpace(meta.Published); p != "" {
			return t + " (" + p + ")"
		}
		return t
	}
	sum := sha256.Sum256([]byte(articleText))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// maxSlug bounds the readable part of a notes file name.
const maxSlug = 48

// FileKey returns the notes file name (without ".json") for an article: a
// readable slug of its identity and 12 hex digits of the identity's hash.
func FileKey(meta model.ArticleMeta, articleText string) string {
	return identityKey(ArticleIdentity(meta, articleText))
}

// identityKey is FileKey for an identity as ArticleIdentity spells it: a
// URL's host and path, or a title and date, make the readable part.
func identityKey(id string) string {
	base := id
	if u, err := url.Parse(id); err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		base = u.Host + u.Path
	} else if strings.HasPrefix(id, "sha256:") {
		base = "article"
	}
	sum := sha256.Sum256([]byte(id))
	slug := slugify(base)
	if slug == "" {
		slug = "article"
	}
	return slug + "-" + hex.EncodeToString(sum[:6])
}

// slugify keeps ASCII letters and digits, lowercased, joined by single
// dashes, at most maxSlug bytes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= maxSlug {
				break
			}
			continue
		}
		dash = true
	}
	return b.String()
}

// DefaultPath returns the notes file for an article in the XDG data
// directory: $XDG_DATA_HOME/crux/notes/<key>.json (see FileKey), creating
// the directory. It is keyed by the article's identity, never by the path
// the content was loaded from. When there is no file under the current
// identity but there is one under one of the article's formerIdentities
// (its URL was added or its title fixed since), that file is the notes
// file: nobody's notes disappear because the content's metadata changed.
func DefaultPath(meta model.ArticleMeta, articleText string) (string, error) {
	if strings.TrimSpace(meta.URL+meta.Title) == "" && articleText == "" {
		return "", errors.New("notes: the article has no URL, title or text to name its notes file by; pass --notes FILE")
	}
	p, err := xdg.DataFile(filepath.Join("crux", "notes", FileKey(meta, articleText)+".json"))
	if err != nil {
		return "", fmt.Errorf("notes: find the data directory: %w; pass --notes FILE", err)
	}
	if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
		for _, former := range meta.FormerIdentities {
			q := filepath.Join(filepath.Dir(p), identityKey(strings.TrimSpace(former))+".json")
			if _, err := os.Lstat(q); err == nil {
				return q, nil
			}
		}
	}
	return p, nil
}
