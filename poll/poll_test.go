package poll

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPollVotesLogAndReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "talk.jsonl")
	lg, err := OpenLog(path)
	if err != nil {
		t.Fatal(err)
	}
	p := New(lg)
	if err := p.Vote("alice-key", "c1", Agree); !errors.Is(err, ErrClosed) {
		t.Fatalf("a vote before opening: %v", err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.SetOpen(0, "c1", true))
	must(p.Vote("alice-key", "c1", Agree))
	must(p.Vote("bob-key", "c1", Disagree))
	must(p.Vote("carol-key", "c1", Unsure))
	must(p.Vote("alice-key", "c1", Agree)) // same again: no event
	must(p.SetShown(0, "c1", true))
	must(p.Vote("bob-key", "c1", Agree))  // changes after the reveal
	must(p.Vote("carol-key", "c1", None)) // withdraws
	must(p.Vote("dave-key", "c1", NeedsEvidence))
	s := p.Snapshot(0, "c1", 5)
	want := Counts{0, 2, 0, 0, 1}
	if s.Counts != want || s.Answered != 3 || s.Viewers != 5 || !s.Open || !s.Shown {
		t.Fatalf("snapshot %+v", s)
	}
	if s.Moved != (Counts{0, 1, -1, -1, 1}) {
		t.Fatalf("moved %v", s.Moved)
	}
	must(p.SetOpen(0, "c1", false))
	if err := p.Vote("alice-key", "c1", Disagree); !errors.Is(err, ErrClosed) {
		t.Fatalf("a vote after closing: %v", err)
	}
	must(p.SetOpen(2, "c3", true))
	must(p.SetOpen(1, "c2", true))
	must(p.CloseAll())
	if p.Snapshot(1, "c2", 0).Open || p.Snapshot(2, "c3", 0).Open {
		t.Fatal("CloseAll left voting open")
	}
	must(lg.Close())

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "-key") {
		t.Fatalf("an identity reached the log:\n%s", data)
	}
	// A torn last line (the vote in flight at a crash) is skipped.
	events, err := ReadLog(bytes.NewReader(append(data, `{"t":"2026`...)), "talk.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 13 || events[11].Node != "c2" || events[11].Kind != "close" || events[12].Node != "c3" {
		t.Fatalf("%d events, want 13 (open, 3 votes, show, 3 votes, close, open c3, open c2, close c2, close c3): %+v", len(events), events)
	}
	rs := Report(events)
	if len(rs) != 3 {
		t.Fatalf("report %+v", rs)
	}
	r := rs[0]
	if r.Step != 1 || r.Answered != 3 || r.Counts["agree"] != 2 || r.Counts["needs-evidence"] != 1 ||
		r.Share["agree"] != 67 || r.Reveals != 1 || r.ChangedAfterReveal != 2 || r.Votes != 6 {
		t.Fatalf("report %+v", r)
	}
	for _, f := range []string{"md", "json", "csv"} {
		var b bytes.Buffer
		if err := Write(&b, rs, f); err != nil {
			t.Fatal(err)
		}
		if f == "json" {
			var back []StepReport
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back[0].Counts["agree"] != 2 {
				t.Fatalf("json report: %v %+v", err, back)
			}
		} else if !strings.Contains(b.String(), "c1") || !strings.Contains(b.String(), "agree") {
			t.Fatalf("%s report:\n%s", f, b.String())
		}
	}
	if err := Write(&bytes.Buffer{}, rs, "pdf"); err == nil {
		t.Fatal("format pdf accepted")
	}
	// A bad line in the middle names its line.
	if _, err := ReadLog(strings.NewReader("{\"event\":\"open\"}\nnonsense\n{\"event\":\"close\"}\n"), "x.jsonl"); err == nil || !strings.Contains(err.Error(), "x.jsonl:2") {
		t.Fatalf("bad line: %v", err)
	}
}
