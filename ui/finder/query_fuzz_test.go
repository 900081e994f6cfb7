package finder

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crux-news/crux/model"
)

// FuzzParseQuery checks that any query parses without panicking, that the
// pattern is trimmed and taken from the query, and that a scope prefix is
// only recognised before a colon.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "h100", "skeptic: h100", "claim:", " counter :x", "a:b:c", ":", "CLAIM: Cost",
		"para: \x1b]0;pwned\x07", "\u202eskeptic: x", "s:\xff", strings.Repeat("x:", 1000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if q.Pattern != strings.TrimSpace(q.Pattern) {
			t.Fatalf("ParseQuery(%q).Pattern = %q is not trimmed", s, q.Pattern)
		}
		if !strings.Contains(s, q.Pattern) {
			t.Fatalf("ParseQuery(%q).Pattern = %q is not part of the query", s, q.Pattern)
		}
		if q.Scope != ScopeAll && !strings.Contains(s, ":") {
			t.Fatalf("ParseQuery(%q) has scope %d without a colon", s, q.Scope)
		}
		if utf8.ValidString(s) && !utf8.ValidString(q.Pattern) {
			t.Fatalf("ParseQuery(%q) made invalid UTF-8 %q", s, q.Pattern)
		}
		for _, k := range model.Kinds() {
			_ = q.Admits(k, false)
		}
		_ = q.Admits(model.KindClaim, true)
	})
}
