package presenter

import (
	"strings"
	"testing"

	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
)

// TestPresenterReloadKeepsTheStep: new content shows at the same step; a
// reload that fails keeps the last good version and says why.
func TestPresenterReloadKeepsTheStep(t *testing.T) {
	m, _, _ := newTest(t, Options{})
	m, _ = press(m, "space") // step 2: s-excl
	c := fixture()
	c.Node("s-excl").Summary = "The figure leaves out years of research"
	next, _ := m.Update(watch.Reloaded{Content: c})
	m = next.(Model)
	if m.State().Step != 1 || !strings.Contains(screen(m), "The figure leaves out years of research") {
		t.Fatalf("after the reload, step %d:\n%s", m.State().Step+1, screen(m))
	}
	next, _ = m.Update(watch.Failed{Findings: model.Findings{{Path: "claims.json", Line: 3, Col: 5, Severity: model.SevError, Code: "syntax", Message: "unexpected end"}}})
	m = next.(Model)
	s := screen(m)
	if !strings.Contains(s, "do not load") || !strings.Contains(s, "The figure leaves out years of research") {
		t.Fatalf("after a failed reload:\n%s", s)
	}
}
