package author

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// TestRandomOperationsNeverWriteAnInvalidFile makes random authoring
// operations, good and bad, and checks after each that the file on disk
// either validates with no error or is unchanged from before the operation,
// that a valid session state is always on disk, and that undoing every step
// brings the first file back. The seed is logged; set CRUX_SEED to replay.
func TestRandomOperationsNeverWriteAnInvalidFile(t *testing.T) {
	seed := rand.Uint64()
	if s := os.Getenv("CRUX_SEED"); s != "" {
		fmt.Sscan(s, &seed)
	}
	t.Logf("seed %d (CRUX_SEED=%d to replay)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	dir := copySet(t, "../testdata/bikelanes")
	s := open(t, dir)
	first := disk(t, dir)
	words := strings.Fields(s.Article().Text)
	ids := func() []string {
		var out []string
		for _, n := range s.File().Nodes {
			out = append(out, n.ID)
		}
		return append(out, "claim-nope", "")
	}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	kinds := []model.Kind{model.KindClaim, model.KindSkeptic, model.KindCounterpoint, "bogus"}
	quote := func() string {
		if rng.IntN(5) == 0 {
			return "words that are not in the article"
		}
		i := rng.IntN(len(words))
		return strings.Join(words[i:min(len(words), i+1+rng.IntN(8))], " ")
	}
	ops := []func() (Result, error){
		func() (Result, error) {
			n := model.Node{Kind: kinds[rng.IntN(len(kinds))], Summary: pick([]string{"A summary", "", "Another one"})}
			if an, err := s.QuoteAnchor(quote(), rng.IntN(3)); err == nil {
				n.Anchors = []model.Anchor{an}
			}
			if rng.IntN(4) == 0 {
				n.ID = pick(ids())
			}
			return s.AddNode(n)
		},
		func() (Result, error) {
			return s.EditNode(pick(ids()), func(n *model.Node) error { n.Summary = pick([]string{"Edited", "", "x"}); return nil })
		},
		func() (Result, error) { return s.RenameNode(pick(ids()), pick(ids())+"-r") },
		func() (Result, error) { return s.DeleteNode(pick(ids())) },
		func() (Result, error) {
			return s.AddLink(model.Link{From: pick(ids()), To: pick(ids()), Type: pick2(rng, model.Supports, model.Attacks)})
		},
		func() (Result, error) { return s.RemoveLink(pick(ids()), pick(ids())) },
		func() (Result, error) { return s.AddSource(model.Source{Title: pick([]string{"A report", ""})}) },
		func() (Result, error) {
			return s.AddStep("", rng.IntN(5)-1, model.TourStep{Node: pick(ids())})
		},
		func() (Result, error) { return s.MoveStep("", rng.IntN(4), rng.IntN(4)) },
		func() (Result, error) { return s.Undo() },
		func() (Result, error) { return s.Redo() },
	}
	for i := range 200 {
		before := disk(t, dir)
		k := rng.IntN(len(ops))
		r, err := ops[k]()
		after := disk(t, dir)
		if after != before {
			if _, fs := model.LoadFile(dir); fs.Errors() > 0 {
				t.Fatalf("seed %d step %d (op %d, %s): an invalid file was written:\n%v", seed, i, k, r.Op, fs)
			}
			if !r.Written {
				t.Fatalf("seed %d step %d: file changed but Written is false", seed, i)
			}
		}
		// Every valid state is on disk. A file not yet in the canonical
		// layout keeps its bytes until a change writes it, so an operation
		// that leaves the claims as they are on disk (a step moved to where
		// it is, an undo back to the file as opened) writes nothing: compare
		// the disk in the canonical layout.
		if onDisk, _, _ := Format(filepath.Join(dir, "claims.json"), []byte(after)); err == nil && r.Findings.Errors() == 0 && !bytes.Equal(onDisk, s.data) {
			t.Fatalf("seed %d step %d (%s): a valid change is not on disk", seed, i, r.Op)
		}
		if r.Written && r.Findings.Errors() > 0 {
			t.Fatalf("seed %d step %d: written with errors", seed, i)
		}
	}
	for s.CanUndo() {
		if _, err := s.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	want, _, _ := Format(filepath.Join(dir, "claims.json"), []byte(first))
	if !bytes.Equal(s.data, want) {
		t.Fatalf("seed %d: undoing everything does not give the first file back", seed)
	}
}

func pick2[T any](rng *rand.Rand, a, b T) T {
	if rng.IntN(2) == 0 {
		return a
	}
	return b
}
