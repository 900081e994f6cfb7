package notes

import (
	"crypto/sha1" //nolint:gosec // RFC 9562 name-based UUIDs (version 5) are defined with SHA-1
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
)

// cruxNamespace is the namespace of the name-based (version 5) UUIDs crux
// derives: article IRIs, target ids, collection and page ids.
var cruxNamespace = [16]byte{0x2d, 0x0a, 0xd0, 0xf3, 0x59, 0x48, 0x42, 0xd9, 0x9c, 0x68, 0x97, 0xc9, 0x5c, 0x81, 0x7b, 0x9b}

// nameUUID returns "urn:uuid:" and the version 5 UUID of the name made of
// parts (joined by NUL) in crux's namespace: the same parts always give the
// same IRI.
func nameUUID(parts ...string) string {
	h := sha1.New() //nolint:gosec // see the import
	h.Write(cruxNamespace[:])
	h.Write([]byte(strings.Join(parts, "\x00")))
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	x := hex.EncodeToString(b[:])
	return "urn:uuid:" + x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// ArticleIRI is the absolute IRI the targets of notes on an article name as
// their source, from the article's identity (see ArticleIdentity): the
// article's URL when it is an absolute http or https URL, else
// "urn:uuid:" and a name-based (version 5) UUID of the identity — its title
// and date, or the hash of its text — so that the same article always gets
// the same IRI, wherever its files are.
func ArticleIRI(identity string) string {
	if u, err := url.Parse(identity); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return identity
	}
	return nameUUID("article", identity)
}

// isAbsIRI reports whether s is an absolute IRI (it has a scheme).
func isAbsIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && !strings.ContainsAny(s, " \t\r\n")
}

// upgradeTarget brings a target to the current form: a SpecificResource
// with an id, a node target with its node and FragmentSelector, and, when
// article is not "", the article's IRI as the source of a target whose
// source is relative (crux:version 1 wrote "claims.json#<id>" and the
// article's path). It is idempotent.
func upgradeTarget(annotationID string, t Target, article string) Target {
	if t.Node == "" {
		if id, ok := strings.CutPrefix(t.Source, legacyNodePrefix); ok && id != "" {
			t.Node = id
		}
	}
	if article != "" && !isAbsIRI(t.Source) {
		t.Source = article
	}
	if t.Type == "" {
		t.Type = TypeSpecificResource
	}
	if t.Node != "" && !slices.ContainsFunc(t.Selector, func(s Selector) bool { return s.Type == TypeFragmentSelector }) {
		t.Selector = append(slices.Clip(t.Selector), Selector{Type: TypeFragmentSelector, Value: t.Node})
	}
	if t.ID == "" {
		t.ID = nameUUID("target", annotationID)
	}
	return t
}

// upgrade brings every record to the current form (see upgradeTarget) and
// gives the collection its id. Without an article identity, relative
// sources stay until one is known.
func (c *Collection) upgrade() {
	article := ""
	if c.Article != "" {
		article = ArticleIRI(c.Article)
	}
	for i := range c.Items {
		c.Items[i].Target = upgradeTarget(c.Items[i].ID, c.Items[i].Target, article)
	}
	if c.ID == "" {
		c.ID = NewID()
	}
}

// pageID is the id of the collection's one AnnotationPage.
func pageID(collectionID string) string { return nameUUID("page", collectionID) }
