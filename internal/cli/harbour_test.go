package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// harbourSession is a whole authoring session from the shell, as a teacher
// would type it: a fictional news page to a claims graph with a source,
// seven nodes, links and a tour. Its result is testdata/harbour.
var harbourSession = [][]string{
	{"new", "../../author/testdata/pages/jsonld.html", "--out", "{dir}"},
	{"source", "add", "--title", "Tidal barrier feasibility study (fictional)", "--publisher", "Harbour council",
		"--published", "2026-02-20", "--url", "https://example.org/harbour/barrier-study", "--id", "src-study"},
	{"node", "add", "--kind", "claim", "--id", "claim-closures", "--summary", "The barrier will close about 12 times a year at first",
		"--quote", "would close about twelve times a year at first", "--speaker", "the council's engineers",
		"--rating", "Unverified", "--explanation", "The study is not public yet.", "--source", "src-study", "--tag", "closures"},
	{"node", "add", "--kind", "claim", "--id", "claim-forty", "--summary", "Closures rise to 40 a year by the century's end",
		"--quote", "rising to forty closures a year", "--speaker", "the council's engineers", "--tag", "closures"},
	{"node", "add", "--kind", "claim", "--id", "claim-cost", "--summary", "The barrier costs about 310 million euros",
		"--quote", "an estimated 310 million euros", "--tag", "cost"},
	{"node", "add", "--kind", "skeptic", "--id", "skeptic-trapped-boats", "--summary", "A closed barrier traps boats in the storm season",
		"--quote", "trap boats in the port during the autumn storms", "--speaker", "fishing crews"},
	{"node", "add", "--kind", "skeptic", "--id", "skeptic-quay-walls", "--summary", "Raising quay walls would do instead",
		"--text", "An option the article mentions only to dismiss it."},
	{"node", "add", "--kind", "counterpoint", "--id", "counter-lock", "--summary", "A lock for small vessels would keep the port open",
		"--quote", "a guarantee of a lock for small vessels"},
	{"node", "add", "--kind", "counterpoint", "--id", "counter-every-decade", "--summary", "Walls would need raising every decade",
		"--quote", "We cannot keep raising the quay walls every decade", "--speaker", "the harbour master"},
	{"link", "add", "skeptic-trapped-boats", "attacks", "claim-closures", "--note", "closures fall in the best fishing weeks"},
	{"link", "add", "claim-forty", "supports", "skeptic-trapped-boats"},
	{"link", "add", "counter-lock", "attacks", "skeptic-trapped-boats"},
	{"link", "add", "counter-every-decade", "attacks", "skeptic-quay-walls"},
	{"link", "add", "skeptic-quay-walls", "attacks", "claim-cost"},
	{"tour", "new", "main", "--title", "The barrier debate in four steps"},
	{"tour", "add-step", "claim-closures", "--title", "How often it closes", "--speaker-notes", "Ask: who counted, and from what?"},
	{"tour", "add-step", "skeptic-trapped-boats", "--title", "The fishing crews"},
	{"tour", "add-step", "counter-lock", "--title", "A way out?"},
	{"tour", "add-step", "claim-cost", "--after", "1", "--title", "The price"},
	{"node", "edit", "counter-lock", "--rename", "counter-small-lock", "--speaker", "fishing crews"},
}

// TestHarbourSessionFromTheShell replays the session in a fresh folder and
// checks that every command succeeds, the set validates, and the files are
// byte for byte testdata/harbour. CRUX_UPDATE_HARBOUR=1 rewrites them.
func TestHarbourSessionFromTheShell(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "harbour")
	for _, args := range harbourSession {
		args = append([]string(nil), args...)
		for i, a := range args {
			if a == "{dir}" {
				args[i] = dir
			}
		}
		if args[0] != "new" {
			args = append(args, "--set", dir)
		}
		if r := crux(t, args...); r.code != 0 {
			t.Fatalf("crux %q:\n%s", args, r)
		}
	}
	if r := crux(t, "validate", dir); r.code != 0 {
		t.Fatalf("%s", r)
	}
	if r := crux(t, "fmt", "--check", dir); r.code != 0 {
		t.Fatalf("%s", r)
	}
	want := "../../testdata/harbour"
	for _, name := range []string{"article.md", "claims.json"} {
		got := readFile(t, filepath.Join(dir, name))
		if os.Getenv("CRUX_UPDATE_HARBOUR") == "1" {
			write(t, filepath.Join(want, name), got)
			continue
		}
		if w := readFile(t, filepath.Join(want, name)); got != w {
			t.Errorf("%s differs from testdata/harbour (CRUX_UPDATE_HARBOUR=1 go test ./internal/cli -run Harbour to accept):\n%s", name, got)
		}
	}
}
