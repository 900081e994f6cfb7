package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const pollLog = `{"t":"2026-11-30T12:48:49Z","event":"open","step":0,"node":"claim-vote"}
{"t":"2026-11-30T12:48:51Z","event":"vote","step":0,"node":"claim-vote","voter":"v1","stance":"agree"}
{"t":"2026-11-30T12:48:51Z","event":"vote","step":0,"node":"claim-vote","voter":"v2","stance":"disagree"}
{"t":"2026-11-30T12:48:53Z","event":"show","step":0,"node":"claim-vote"}
{"t":"2026-11-30T12:48:54Z","event":"vote","step":0,"node":"claim-vote","voter":"v2","stance":"agree"}
{"t":"2026-11-30T12:49:01Z","event":"open","step":2,"node":"claim-grant"}
{"t":"2026-11-30T12:49:02Z","event":"vote","step":2,"node":"claim-grant","voter":"v1","stance":"needs-evidence"}
{"t":"2026-11-30T12:49:03Z","event":"vo`

func TestPollReport(t *testing.T) {
	dir := t.TempDir()
	log := write(t, filepath.Join(dir, "talk.jsonl"), pollLog)

	r := crux(t, "poll", "report", log)
	if r.code != 0 || !strings.Contains(r.stdout, "| 1 | `claim-vote` | 2 | 2 (100%) | 0 (0%) |") ||
		!strings.Contains(r.stdout, "| 3 | `claim-grant` | 1 |") || !strings.Contains(r.stdout, "| 1 | 1 |") {
		t.Fatalf("md report:\n%s", r)
	}
	r = crux(t, "poll", "report", "--format", "json", log)
	var rep []struct {
		Step               int
		Counts             map[string]int
		ChangedAfterReveal int
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep) != 2 || rep[0].Counts["agree"] != 2 || rep[0].ChangedAfterReveal != 1 {
		t.Fatalf("json report %v:\n%s", err, r)
	}
	r = crux(t, "poll", "report", "--format", "csv", log)
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); r.code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[1], "1,claim-vote,2,2,100,0,0") {
		t.Fatalf("csv report:\n%s", r)
	}
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"format":   {[]string{"poll", "report", "--format", "pdf", log}, "use md, json or csv"},
		"missing":  {[]string{"poll", "report", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl"},
		"bad line": {[]string{"poll", "report", write(t, filepath.Join(dir, "bad.jsonl"), "{\"event\":\"open\"}\n[1,2]\n{\"event\":\"open\"}\n")}, "bad.jsonl:2"},
	} {
		r := crux(t, tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "Go value") {
			t.Errorf("%s: %s\nwant an error with %q", name, r, tc.want)
		}
	}
}
