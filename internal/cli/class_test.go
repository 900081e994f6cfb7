package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// handIn makes a student's hand-in as a student would: stances and notes
// saved through the notes store, then "crux notes export --format json".
func handIn(t *testing.T, set, dir, name string, stances map[string]notes.Stance) string {
	t.Helper()
	c, fs := model.LoadFile(set)
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+"-notes.json")
	s, err := notes.Open(path, notes.WithContent(c), notes.WithReader(name))
	if err != nil {
		t.Fatal(err)
	}
	for id, st := range stances {
		if _, err := s.SetStance(id, st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetNote("claim-vote", name+" read the minutes"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, strings.ToLower(name)+".json")
	if r := crux(t, "notes", "export", "--format", "json", "--notes", path, "--out", out, set); r.code != ExitOK {
		t.Fatalf("export %s: %s", name, r)
	}
	return out
}

// classroom returns a content set and two good hand-ins.
func classroom(t *testing.T) (set, ana, ben string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	set = bikes(t)
	dir := t.TempDir()
	ana = handIn(t, set, dir, "Ana", map[string]notes.Stance{"claim-vote": notes.Agree, "claim-grant": notes.Disagree})
	ben = handIn(t, set, dir, "Ben", map[string]notes.Stance{"claim-vote": notes.Disagree})
	return set, ana, ben
}

func TestClassPartialSuccess(t *testing.T) {
	set, ana, ben := classroom(t)
	bad := write(t, filepath.Join(t.TempDir(), "cara.json"), "{\n  \"type\": \"AnnotationCollection\",\n  \"crux:version\": 2,\n")
	for _, args := range [][]string{
		{"class", ana, ben, bad, "--content", set},
		{"class", ana, ben, bad, set}, // the content as the last argument
	} {
		r := crux(t, args...)
		if r.code != ExitOK {
			t.Fatalf("%q: want exit 0 when some files read\n%s", args, r)
		}
		for _, want := range []string{"crux: skipped ", "cara.json:4:1", "ends in the middle"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%q: stderr lacks %q\n%s", args, want, r)
			}
		}
		for _, want := range []string{"# Class report: Riverside", "- Students: 2", "- Files: 2 read, 1 skipped",
			"| 1 | The council voted 6 to 3 for the lanes (`claim-vote`) | 1 | 1 | 0 | 0 | 0 | 1.00 |",
			"- **Ana** · agree", "  > Ana read the minutes", "- **Ben** (4):"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%q: the report lacks %q\n%s", args, want, r.stdout)
			}
		}
	}
}

func TestClassNothingReadable(t *testing.T) {
	set, _, _ := classroom(t)
	dir := t.TempDir()
	bad := write(t, filepath.Join(dir, "bad.json"), "not json")
	r := crux(t, "class", bad, filepath.Join(dir, "gone.json"), "--content", set)
	if r.code != ExitError {
		t.Fatalf("want exit 1 when no file reads\n%s", r)
	}
	for _, want := range []string{"skipped " + bad + ":1:2", "fresh export", "gone.json: no such file", "none of the 2 notes files could be read"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q\n%s", want, r)
		}
	}
	if r.stdout != "" {
		t.Errorf("a report was printed\n%s", r)
	}
	if r := crux(t, "class", t.TempDir(), "--content", set); r.code != ExitError || !strings.Contains(r.stderr, "holds no .json files") {
		t.Errorf("an empty folder: want exit 1 and why\n%s", r)
	}
}

func TestClassUsage(t *testing.T) {
	set, ana, _ := classroom(t)
	for _, args := range [][]string{
		{"class"},
		{"class", ana, "--format", "pdf"},
		{"class", ana, "--bogus"},
	} {
		if r := crux(t, args...); r.code != ExitUsage {
			t.Errorf("%q: want exit 2\n%s", args, r)
		}
	}
	if r := crux(t, "class", ana, "--content", filepath.Join(t.TempDir(), "nowhere")); r.code != ExitError {
		t.Errorf("missing content: want exit 1\n%s", r)
	}
	out := write(t, filepath.Join(t.TempDir(), "class.md"), "keep me")
	if r := crux(t, "class", ana, "--content", set, "--out", out); r.code != ExitError || readFile(t, out) != "keep me" {
		t.Errorf("an existing --out: want exit 1 and the file kept\n%s", r)
	}
}

func TestClassFormats(t *testing.T) {
	set, ana, ben := classroom(t)
	dir := t.TempDir()
	csvOut := filepath.Join(dir, "class.csv")
	r := crux(t, "class", ana, ben, "--content", set, "--format", "csv", "--out", csvOut)
	if r.code != ExitOK || !strings.Contains(r.stderr, "Wrote the report on 2 students (2 files read, 0 skipped)") {
		t.Fatalf("csv --out\n%s", r)
	}
	rows, err := csv.NewReader(strings.NewReader(readFile(t, csvOut))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+2*5 || strings.Join(rows[0], ",") != "student,node,kind,summary,rating,annotated,stance,tags,notes,status" {
		t.Errorf("csv: %d rows, header %v", len(rows), rows[0])
	}
	r = crux(t, "class", ana, ben, "--content", set, "--format", "json")
	var rep struct {
		Students int `json:"students"`
		Nodes    []struct {
			ID      string         `json:"id"`
			Stances map[string]int `json:"stances"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != ExitOK {
		t.Fatalf("json: %v\n%s", err, r)
	}
	if rep.Students != 2 || rep.Nodes[0].ID != "claim-vote" || rep.Nodes[0].Stances["agree"] != 1 || rep.Nodes[0].Stances["disagree"] != 1 {
		t.Errorf("json report: %+v", rep)
	}
}

func TestClassHostileNotesAreInert(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	file := hostileNotes(t, t.TempDir())
	for _, format := range []string{"md", "json", "csv"} {
		r := crux(t, "class", file, "--content", "../../testdata/hostile", "--format", format)
		if r.code != ExitOK {
			t.Fatalf("%s: want exit 0\n%s", format, r)
		}
		checkInert(t, format+" stdout", r.stdout)
		checkInert(t, format+" stderr", r.stderr)
		if !strings.Contains(r.stdout, "Ortiz") {
			t.Errorf("%s: the author is not in the report\n%s", format, r.stdout)
		}
	}
}

// TestClassBadNotesFiles runs every unreadable notes file of the other
// commands' tests through crux class: with a good file beside it, the bad
// one is named on stderr and the report is written (exit 0); alone, exit 1.
func TestClassBadNotesFiles(t *testing.T) {
	set, ana, _ := classroom(t)
	for _, bn := range badNotes() {
		words := bn.words
		if bn.name == "directory" { // a folder stands for the .json files in it
			words = []string{"notes.json", "holds no .json files"}
		}
		t.Run(bn.name, func(t *testing.T) {
			p := bn.setup(t, t.TempDir())
			r := crux(t, "class", p, ana, "--content", set)
			if r.code != ExitOK || !strings.Contains(r.stdout, "- Students: 1") {
				t.Fatalf("with a good file: want exit 0 and a report\n%s", r)
			}
			checkInert(t, "stderr", r.stderr)
			for _, w := range append([]string{"crux: skipped "}, words...) {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q\n%s", w, r)
				}
			}
			r = crux(t, "class", p, "--content", set)
			if r.code != ExitError || !strings.Contains(r.stderr, "none of the 1 notes files could be read") {
				t.Errorf("alone: want exit 1\n%s", r)
			}
			checkInert(t, "stderr", r.stderr)
		})
	}
}

// TestClassOnTerminalWithFormatWritesTheReport: on a terminal, --format or
// --out asks for the report, not the explorer.
func TestClassOnTerminalWithFormatWritesTheReport(t *testing.T) {
	set, ana, ben := classroom(t)
	out := filepath.Join(t.TempDir(), "class.md")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"class", ana, ben, set, "--format", "md"}, "# Class report: Riverside"},
		{[]string{"class", ana, ben, set, "--out", out}, "Wrote the report on 2 students"},
	} {
		args := tc.args
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), Options{Args: args, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Version: "test", IsTerminal: func() bool { return true }})
		if code != ExitOK {
			t.Fatalf("%q: exit %d\n%s", args, code, stderr.String())
		}
		if !strings.Contains(stdout.String()+stderr.String(), tc.want) {
			t.Fatalf("%q: no report\n%s%s", args, stdout.String(), stderr.String())
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("--out on a terminal: %v", err)
	}
}
