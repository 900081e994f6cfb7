package cli

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// findingLine matches a finding with its file:line:col.
var findingLine = regexp.MustCompile(`claims\.json:\d+:\d+: error\[`)

func TestAuthoringCommands(t *testing.T) {
	dir := bikes(t)
	claims := filepath.Join(dir, "claims.json")
	steps := []struct {
		args     []string
		code     int
		out, err string // substrings of stdout and stderr
		changes  bool   // whether claims.json may change
	}{
		{args: []string{"node", "add", "--kind", "claim", "--summary", "Shops fear losing parking",
			"--quote", "parking spaces will be lost", "--tag", "business", "--rating", "Unverified"},
			out: `added claim "claim-shops-fear-losing-parking" (written`, changes: true},
		{args: []string{"node", "add", "--kind", "claim", "--summary", "x", "--quote", "parking spaces will be found"},
			code: 1, err: `error[quote-not-found] --quote: quote "parking spaces will be found" is not in article.md; closest: "parking spaces will be lost`},
		{args: []string{"node", "add", "--kind", "claim", "--summary", "No passage"},
			code: 1, err: "error[missing-field]"},
		{args: []string{"node", "add", "--kind", "claim"}, code: 2, err: "needs --kind and --summary"},
		{args: []string{"link", "add", "claim-shops-fear-losing-parking", "attacks", "claim-cheapst"},
			code: 1, err: `"claim-cheapst" is not the id of a node (did you mean "claim-cheapest"?)`},
		{args: []string{"link", "add", "claim-shops-fear-losing-parking", "refutes", "claim-cheapest"}, code: 2, err: "want supports or attacks"},
		{args: []string{"link", "add", "claim-shops-fear-losing-parking", "attacks", "claim-cheapest", "--note", "cost to shops"},
			out: `linked "claim-shops-fear-losing-parking" attacks "claim-cheapest"`, changes: true},
		{args: []string{"link", "rm", "claim-shops-fear-losing-parking", "claim-vote"}, code: 1, err: "there is no link"},
		{args: []string{"source", "add", "--title", "Chamber of commerce survey", "--published", "2026-04-01"},
			out: `added source "src-chamber-commerce-survey"`, changes: true},
		{args: []string{"source", "add", "--title", "Bad date", "--published", "2026-02-30"}, code: 1, err: "error[bad-value]"},
		{args: []string{"node", "edit", "claim-shops-fear-losing-parking", "--source", "src-chamber-commerce-survey", "--rename", "claim-parking"},
			out: `renamed "claim-shops-fear-losing-parking" to "claim-parking"`, changes: true},
		{args: []string{"node", "edit", "claim-nope", "--summary", "x"}, code: 1, err: `there is no node "claim-nope"`},
		{args: []string{"tour", "add-step", "claim-parking", "--after", "0", "--title", "Parking", "--notes", "Ask: who parks?"},
			code: 2, err: "--notes is the notes file; a step's speaker notes are --speaker-notes"},
		{args: []string{"tour", "add-step", "claim-parking", "--after", "0", "--title", "Parking", "--speaker-notes", "Ask: who parks?"},
			out: `added "claim-parking" as step 1 of tour`, changes: true},
		{args: []string{"tour", "add-step", "claim-nope"}, code: 1, err: "error[dangling-ref]"},
		{args: []string{"tour", "move-step", "--from", "1", "--to", "2"}, out: "moved step 1", changes: true},
		{args: []string{"tour", "rm-step", "99"}, code: 1, err: "there is no step 99"},
		{args: []string{"link", "rm", "claim-parking", "claim-cheapest"}, out: "removed the link", changes: true},
		{args: []string{"node", "rm", "claim-parking"}, out: `deleted claim "claim-parking", 0 links and 1 tour step`, changes: true},
		{args: []string{"node", "rm", "claim-parking"}, code: 1, err: `there is no node "claim-parking"`},
	}
	for _, st := range steps {
		before := readFile(t, claims)
		r := crux(t, append(st.args, "--set", dir)...)
		if r.code != st.code || !strings.Contains(r.stdout, st.out) || !strings.Contains(r.stderr, st.err) {
			t.Fatalf("crux %q:\n%s", st.args, r)
		}
		if after := readFile(t, claims); !st.changes && after != before {
			t.Fatalf("crux %q changed claims.json", st.args)
		}
		if st.code == 1 && strings.Contains(st.err, "error[") && strings.Contains(r.stderr, "claims.json") && !findingLine.MatchString(r.stderr) {
			t.Fatalf("crux %q: no file:line:col finding:\n%s", st.args, r)
		}
		c, fs := model.LoadFile(dir)
		if fs.Errors() > 0 {
			t.Fatalf("after crux %q the file has errors: %v", st.args, fs)
		}
		if slices.Contains(st.args, "--speaker-notes") && c.File.Tours[0].Steps[0].Notes != "Ask: who parks?" {
			t.Fatalf("crux %q: the step's speaker notes are %q", st.args, c.File.Tours[0].Steps[0].Notes)
		}
	}
}

func TestFmtCommand(t *testing.T) {
	dir := bikes(t)
	r := crux(t, "fmt", "--check", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "not formatted") {
		t.Fatalf("%s", r)
	}
	before := readFile(t, filepath.Join(dir, "claims.json"))
	if r := crux(t, "fmt", dir); r.code != 0 || !strings.Contains(r.stdout, "formatted") {
		t.Fatalf("%s", r)
	}
	if readFile(t, filepath.Join(dir, "claims.json")) == before {
		t.Fatal("fmt changed nothing")
	}
	if r := crux(t, "fmt", "--check", dir); r.code != 0 || r.stdout != "" {
		t.Fatalf("after fmt, --check: %s", r)
	}
	if r := crux(t, "validate", dir); r.code != 0 {
		t.Fatalf("formatted file does not validate: %s", r)
	}
	bad := write(t, filepath.Join(t.TempDir(), "claims.json"), `{"schemaVersion": 1, "article": {"path": "a.md"}, "nodes": [], "nodez": []}`)
	r = crux(t, "fmt", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "claims.json:1:") || !strings.Contains(r.stderr, "unknown-field") || !strings.Contains(r.stderr, "nothing was written") {
		t.Fatalf("%s", r)
	}
	if r := crux(t, "fmt", filepath.Join(t.TempDir(), "missing")); r.code != 1 {
		t.Fatalf("%s", r)
	}
}

func TestNewCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "harbour")
	r := crux(t, "new", "../../author/testdata/pages/jsonld.html", "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "created "+filepath.Join(out, "article.md")) || !strings.Contains(r.stdout, "published 2026-03-14") {
		t.Fatalf("%s", r)
	}
	if r := crux(t, "validate", out); r.code != 0 {
		t.Fatalf("%s", r)
	}
	// The first node on a fresh set, then a second crux new refuses.
	r = crux(t, "node", "add", "--set", out, "--kind", "claim", "--summary", "Barrier closes 12 times a year at first",
		"--quote", "close about twelve times a year at first")
	if r.code != 0 {
		t.Fatalf("%s", r)
	}
	r = crux(t, "new", "../../author/testdata/pages/jsonld.html", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("%s", r)
	}
	if r := crux(t, "new", "../../author/testdata/pages/noarticle.html", "--out", filepath.Join(t.TempDir(), "x")); r.code != 1 || !strings.Contains(r.stderr, "found no article") {
		t.Fatalf("%s", r)
	}
	if r := crux(t, "new"); r.code != 2 {
		t.Fatalf("%s", r)
	}
}
