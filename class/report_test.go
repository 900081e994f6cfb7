package class

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// bikes loads the bike-lanes test content.
func bikes(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFile("../testdata/bikelanes")
	if err := fs.Err(); err != nil {
		t.Fatal(err)
	}
	return c
}

// smallClass writes a small class's hand-ins in a fresh folder, changes
// into it and loads them: Ana, Ben (in two files), Chloé (with a note on a
// node that is gone), Dan (an empty file) and a Markdown hand-in that is
// skipped.
func smallClass(t *testing.T) *Class {
	c := bikes(t)
	t.Chdir(t.TempDir())
	at := func(min int) time.Time { return time.Date(2026, 11, 3, 9, min, 0, 0, time.UTC) }
	tags := func(s ...string) []string { return s }
	encode(t, c, "ana.json", []notes.Annotation{
		annotation(c, "Ana", "claim-vote", notes.Agree, "The vote count is in the minutes.\n\nSee page 4.", nil, at(1)),
		annotation(c, "Ana", "claim-cheapest", notes.Disagree, "", tags("cost"), at(2)),
		annotation(c, "Ana", "skeptic-parking", notes.Unsure, "Which streets?", nil, at(3)),
	})
	encode(t, c, "ben.json", []notes.Annotation{
		annotation(c, "Ben", "claim-vote", notes.Disagree, "", nil, at(4)),
		annotation(c, "Ben", "claim-cheapest", notes.Agree, "=1+1 is cheaper | than *paint*", nil, at(5)),
		annotation(c, "Ben", "claim-grant", notes.NeedsEvidence, "", nil, at(6)),
	})
	// Ben's laptop: a second record on claim-grant with a note and no
	// stance (his stance stays needs-evidence) and a tag on claim-halve.
	encode(t, c, "ben-laptop.json", []notes.Annotation{
		annotation(c, "Ben", "claim-grant", "", "Grant letter?", nil, at(7)),
		annotation(c, "Ben", "claim-halve", "", "", tags("numbers", "follow-up"), at(8)),
	})
	encode(t, c, "chloe.json", []notes.Annotation{
		annotation(c, "Chloé", "claim-vote", notes.Agree, "", nil, at(9)),
		annotation(c, "Chloé", "claim-cheapest", notes.Disagree, "Paint is cheaper.", nil, at(10)),
		annotation(c, "Chloé", "claim-removed", notes.Agree, "This claim was in last week's version.", nil, at(11)),
	})
	encode(t, c, "dan.json", nil)
	writeFile(t, "eve.md", "# Notes on Riverside votes to build protected bike lanes\n")
	cl := Load(c, []string{"ana.json", "ben.json", "ben-laptop.json", "chloe.json", "dan.json", "eve.md", "ana.json"})
	return cl
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(testdataDir, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./class -update to rewrite, then read it):\n%s", name, got)
	}
}

// testdataDir is the absolute testdata folder: the tests change directory.
var testdataDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

func TestSmallClass(t *testing.T) {
	cl := smallClass(t)
	if len(cl.Files) != 5 || len(cl.Skipped) != 1 || cl.Skipped[0].Path != "eve.md" {
		t.Fatalf("files %d, skipped %v", len(cl.Files), cl.Skipped)
	}
	if !strings.Contains(cl.Skipped[0].Err.Error(), "eve.md:1:1") || !strings.Contains(cl.Skipped[0].Err.Error(), "Markdown hand-in") {
		t.Errorf("skipped Markdown: %v", cl.Skipped[0].Err)
	}
	want := map[string]Distribution{
		"claim-vote":      {Agree: 2, Disagree: 1, Annotated: 3, Students: 3},
		"claim-cheapest":  {Agree: 1, Disagree: 2, Annotated: 3, Students: 3},
		"claim-grant":     {NeedsEvidence: 1, None: 2, Annotated: 1, Students: 3},
		"claim-halve":     {None: 3, Annotated: 1, Students: 3},
		"claim-injuries":  {None: 3, Students: 3},
		"skeptic-parking": {Unsure: 1, None: 2, Annotated: 1, Students: 3},
	}
	for id, w := range want {
		if got := cl.Distribution(id); got != w {
			t.Errorf("%s: %+v, want %+v", id, got, w)
		}
	}
	if d := cl.Distribution("no-such-node"); d != (Distribution{None: 3, Students: 3}) {
		t.Errorf("unknown node: %+v", d)
	}
	ben := cl.Student("Ben")
	if ben == nil || strings.Join(ben.Files, " ") != "ben.json ben-laptop.json" || ben.Notes != 2 ||
		strings.Join(ben.Missing, " ") != "claim-injuries" {
		t.Errorf("Ben: %+v", ben)
	}
	if e := entryOf(cl.Node("claim-grant"), "Ben"); e == nil || e.Stance != notes.NeedsEvidence || len(e.Notes) != 1 {
		t.Errorf("Ben on claim-grant: %+v, want his stance from one record and his note from the other", e)
	}
	// Both claims split 2:1 in a class of 3: 2×1/3; the tie goes to
	// article order.
	d := cl.Disputed()
	if len(d) != 2 || d[0].Node.ID != "claim-vote" || d[1].Node.ID != "claim-cheapest" {
		t.Errorf("disputed: %v", d)
	}
}

func TestDisagreement(t *testing.T) {
	for _, c := range []struct {
		d    Distribution
		want float64
	}{
		{Distribution{}, 0},
		{Distribution{Agree: 5, Students: 5}, 0},
		{Distribution{Unsure: 3, NeedsEvidence: 3, Students: 6}, 0},
		{Distribution{Agree: 3, Disagree: 3, Students: 6}, 1},
		{Distribution{Agree: 2, Disagree: 1, Unsure: 3, None: 4, Students: 10}, 0.2},
		{Distribution{Agree: 1, Disagree: 1, None: 28, Students: 30}, 2.0 / 30},
		{Distribution{Agree: 9, Disagree: 10, None: 11, Students: 30}, 0.6},
	} {
		if got := c.d.Disagreement(); got != c.want {
			t.Errorf("%+v: %v, want %v", c.d, got, c.want)
		}
	}
}

func TestReports(t *testing.T) {
	cl := smallClass(t)
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var md, js, cs bytes.Buffer
	if err := WriteMarkdown(&md, cl, now); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&js, cl, now); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&cs, cl); err != nil {
		t.Fatal(err)
	}
	golden(t, "small.md.golden", md.Bytes())
	golden(t, "small.json.golden", js.Bytes())
	golden(t, "small.csv.golden", cs.Bytes())

	var v map[string]any
	if err := json.Unmarshal(js.Bytes(), &v); err != nil {
		t.Fatalf("the JSON report does not parse: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(cs.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("the CSV report does not parse: %v", err)
	}
	// 3 students × 5 claims, Ana's skeptic position, Chloé's orphan,
	// and the header.
	if len(rows) != 1+15+1+1 {
		t.Errorf("CSV has %d rows", len(rows))
	}
	for _, r := range rows {
		if strings.HasPrefix(r[8], "=") {
			t.Errorf("a formula reached the CSV: %q", r[8])
		}
	}
}

func TestOddStanceCountsAsNone(t *testing.T) {
	c := bikes(t)
	a := annotation(c, "Ana", "claim-vote", "maybe", "", nil, time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC))
	cl := New(c, []Input{{Path: "ana.json", Notes: notes.Collection{Items: []notes.Annotation{a}}}}, nil)
	if d := cl.Distribution("claim-vote"); d != (Distribution{None: 1, Annotated: 1, Students: 1}) {
		t.Errorf("%+v", d)
	}
	if e := entryOf(cl.Node("claim-vote"), "Ana"); e == nil || e.Stance != "" {
		t.Errorf("%+v", e)
	}
}

func TestReadFolder(t *testing.T) {
	c := bikes(t)
	t.Chdir(t.TempDir())
	for _, d := range []string{"in", "in/sub"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	encode(t, c, "in/a.json", []notes.Annotation{annotation(c, "Ana", "claim-vote", notes.Agree, "", nil, at)})
	encode(t, c, "in/b.JSON", []notes.Annotation{annotation(c, "Ben", "claim-vote", notes.Agree, "", nil, at)})
	encode(t, c, "in/sub/c.json", []notes.Annotation{annotation(c, "Cara", "claim-vote", notes.Agree, "", nil, at)})
	writeFile(t, "in/readme.txt", "not notes")
	in, skipped := Read([]string{"in", "in/a.json"})
	var paths []string
	for _, i := range in {
		paths = append(paths, i.Path)
	}
	if strings.Join(paths, " ") != "in/a.json in/b.JSON" || len(skipped) != 0 {
		t.Errorf("read %v, skipped %v", paths, skipped)
	}
}
