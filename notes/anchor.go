package notes

import (
	"strings"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// AnchorStatus says how an annotation's target fits the current content.
type AnchorStatus int

// The anchor statuses.
const (
	// AnchorCurrent: the node is there with the text that was annotated, or
	// the passage's quote is in the article.
	AnchorCurrent AnchorStatus = iota
	// AnchorEdited: the node is there but its summary or text changed since
	// the note was written.
	AnchorEdited
	// AnchorOrphaned: the node or the passage is gone. The note is still
	// shown, never deleted.
	AnchorOrphaned
)

func (s AnchorStatus) String() string {
	switch s {
	case AnchorCurrent:
		return "current"
	case AnchorEdited:
		return "edited since your note"
	default:
		return "orphaned"
	}
}

// Resolution is where an annotation's target is in the current content.
type Resolution struct {
	Status AnchorStatus
	// Node is the annotated node as it is now (after formerIds); nil for
	// passages and orphans.
	Node *model.Node
	// Start and End are the passage's rune range in c.Article.Text; -1 for
	// nodes and orphans.
	Start, End int
	// Moved is true when the passage was found away from its recorded
	// position (the article was edited).
	Moved bool
}

// Status returns the anchor status of a in c.
func Status(a Annotation, c *model.Content) AnchorStatus { return Resolve(a, c).Status }

// Resolve re-anchors a in c. A node target follows the id and formerIds
// (c.Node) and compares the node text hash. A passage target is current when
// the text at its recorded position is still the quote, or when the quote
// occurs elsewhere (the best match by prefix, suffix, then distance); else
// it is orphaned. A nil c orphans everything.
func Resolve(a Annotation, c *model.Content) Resolution {
	r := Resolution{Status: AnchorOrphaned, Start: -1, End: -1}
	if c == nil {
		return r
	}
	if id, ok := a.NodeID(); ok {
		n := c.Node(id)
		if n == nil {
			return r
		}
		r.Node, r.Status = n, AnchorCurrent
		if a.Target.NodeHash != "" && a.Target.NodeHash != NodeTextHash(n) {
			r.Status = AnchorEdited
		}
		return r
	}
	q, ok := a.Quote()
	if !ok {
		return r
	}
	start, moved, found := locate(c.Article.Text, q)
	if !found {
		return r
	}
	r.Status, r.Start, r.End, r.Moved = AnchorCurrent, start, start+utf8.RuneCountInString(q.Exact), moved
	return r
}

// locate finds q in text; start is a rune offset.
func locate(text string, q Quote) (start int, moved, found bool) {
	if q.Start >= 0 && q.End >= q.Start {
		if bs, ok := byteOffset(text, q.Start); ok {
			if strings.HasPrefix(text[bs:], q.Exact) && utf8.RuneCountInString(q.Exact) == q.End-q.Start {
				return q.Start, false, true
			}
		}
	}
	best, bestScore, bestDist := -1, -1, 0
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], q.Exact)
		if i < 0 {
			break
		}
		bs := from + i
		score := commonSuffix(text[:bs], q.Prefix) + commonPrefix(text[bs+len(q.Exact):], q.Suffix)
		rs := utf8.RuneCountInString(text[:bs])
		dist := 0
		if q.Start >= 0 {
			dist = abs(rs - q.Start)
		}
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = rs, score, dist
		}
		_, size := utf8.DecodeRuneInString(text[bs:])
		from = bs + max(size, 1)
	}
	if best < 0 {
		return 0, false, false
	}
	return best, true, true
}

// byteOffset converts a rune offset in s to a byte offset.
func byteOffset(s string, runes int) (int, bool) {
	n := 0
	for i := range s {
		if n == runes {
			return i, true
		}
		n++
	}
	if n == runes {
		return len(s), true
	}
	return 0, false
}

// commonSuffix counts the bytes at which a and b end alike.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// commonPrefix counts the bytes at which a and b start alike.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
