package finder

import (
	"strings"

	"github.com/crux-news/crux/model"
)

// Scope restricts a search to one kind of item.
type Scope int

// The scopes a query can name with a "scope:" prefix.
const (
	ScopeAll Scope = iota
	ScopeClaim
	ScopeSkeptic
	ScopeCounterpoint
	ScopeArticle
)

// scopeWords maps the prefixes a reader may type to scopes.
var scopeWords = map[string]Scope{
	"claim": ScopeClaim, "claims": ScopeClaim, "c": ScopeClaim,
	"skeptic": ScopeSkeptic, "skeptics": ScopeSkeptic, "s": ScopeSkeptic,
	"counter": ScopeCounterpoint, "counterpoint": ScopeCounterpoint, "counterpoints": ScopeCounterpoint, "p": ScopeCounterpoint,
	"article": ScopeArticle, "para": ScopeArticle, "paragraph": ScopeArticle, "a": ScopeArticle,
}

// Query is a parsed finder query: an optional scope and the fuzzy pattern.
type Query struct {
	Scope   Scope
	Pattern string
}

// ParseQuery splits "skeptic: h100" into a scope and a pattern. An unknown
// prefix is kept as part of the pattern.
func ParseQuery(s string) Query {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ':'); i > 0 {
		if sc, ok := scopeWords[strings.ToLower(strings.TrimSpace(s[:i]))]; ok {
			return Query{Scope: sc, Pattern: strings.TrimSpace(s[i+1:])}
		}
	}
	return Query{Scope: ScopeAll, Pattern: strings.TrimSpace(s)}
}

// Admits reports whether an item of kind k (or an article paragraph when
// para is true) is in scope.
func (q Query) Admits(k model.Kind, para bool) bool {
	switch q.Scope {
	case ScopeClaim:
		return !para && k == model.KindClaim
	case ScopeSkeptic:
		return !para && k == model.KindSkeptic
	case ScopeCounterpoint:
		return !para && k == model.KindCounterpoint
	case ScopeArticle:
		return para
	}
	return true
}
