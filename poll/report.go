package poll

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// StepReport summarises the poll of one step.
type StepReport struct {
	Step     int            `json:"step"` // 1-based, as screens say it
	Node     string         `json:"node"`
	Answered int            `json:"answered"`
	Counts   map[string]int `json:"counts"` // final votes per stance (Stance.Name)
	Share    map[string]int `json:"share"`  // percent of Answered, rounded
	Reveals  int            `json:"reveals"`
	// ChangedAfterReveal is how many viewers ended on another answer than
	// the one they had when the results were first shown.
	ChangedAfterReveal int `json:"changedAfterReveal"`
	Votes              int `json:"votes"` // vote events, changes included
}

// Report summarises a log, step by step in tour order.
func Report(events []Event) []StepReport {
	type acc struct {
		r        StepReport
		votes    map[string]Stance
		atReveal map[string]Stance
	}
	byNode := map[string]*acc{}
	var order []string
	for _, e := range events {
		a := byNode[e.Node]
		if a == nil {
			a = &acc{r: StepReport{Step: e.Step + 1, Node: e.Node}, votes: map[string]Stance{}}
			byNode[e.Node] = a
			order = append(order, e.Node)
		}
		switch e.Kind {
		case "vote":
			a.r.Votes++
			s, _ := ParseStance(e.Stance)
			if s == None {
				delete(a.votes, e.Voter)
			} else {
				a.votes[e.Voter] = s
			}
		case "show":
			a.r.Reveals++
			if a.atReveal == nil {
				a.atReveal = map[string]Stance{}
				for v, s := range a.votes {
					a.atReveal[v] = s
				}
			}
		}
	}
	out := make([]StepReport, 0, len(order))
	for _, node := range order {
		a := byNode[node]
		a.r.Counts, a.r.Share = map[string]int{}, map[string]int{}
		for _, s := range Stances {
			a.r.Counts[s.Name()] = 0
		}
		for _, s := range a.votes {
			a.r.Counts[s.Name()]++
		}
		a.r.Answered = len(a.votes)
		for name, c := range a.r.Counts {
			if a.r.Answered > 0 {
				a.r.Share[name] = (200*c + a.r.Answered) / (2 * a.r.Answered)
			} else {
				a.r.Share[name] = 0
			}
		}
		for v, before := range a.atReveal {
			if a.votes[v] != before {
				a.r.ChangedAfterReveal++
			}
		}
		out = append(out, a.r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}

// Write writes a report as md, json or csv.
func Write(w io.Writer, rs []StepReport, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rs)
	case "csv":
		cw := csv.NewWriter(w)
		head := []string{"step", "node", "answered"}
		for _, s := range Stances {
			head = append(head, s.Name(), s.Name()+" %")
		}
		head = append(head, "reveals", "changed-after-reveal", "votes")
		_ = cw.Write(head)
		for _, r := range rs {
			row := []string{fmt.Sprint(r.Step), r.Node, fmt.Sprint(r.Answered)}
			for _, s := range Stances {
				row = append(row, fmt.Sprint(r.Counts[s.Name()]), fmt.Sprint(r.Share[s.Name()]))
			}
			row = append(row, fmt.Sprint(r.Reveals), fmt.Sprint(r.ChangedAfterReveal), fmt.Sprint(r.Votes))
			_ = cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	case "md", "":
		var b strings.Builder
		b.WriteString("| Step | Node | Answered |")
		for _, s := range Stances {
			b.WriteString(" " + s.Name() + " |")
		}
		b.WriteString(" Reveals | Changed after reveal |\n|---|---|---|")
		for range Stances {
			b.WriteString("---|")
		}
		b.WriteString("---|---|\n")
		for _, r := range rs {
			fmt.Fprintf(&b, "| %d | `%s` | %d |", r.Step, r.Node, r.Answered)
			for _, s := range Stances {
				fmt.Fprintf(&b, " %d (%d%%) |", r.Counts[s.Name()], r.Share[s.Name()])
			}
			fmt.Fprintf(&b, " %d | %d |\n", r.Reveals, r.ChangedAfterReveal)
		}
		if len(rs) == 0 {
			b.WriteString("\nNo step was polled.\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("format %q: give md, json or csv", format)
}
