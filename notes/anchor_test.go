package notes

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

func TestResolveNodes(t *testing.T) {
	orig := newContent(t, fixtureNodes())
	annotate := func(id string) Annotation {
		return NewNodeAnnotation(orig.Node(id), NewCreator("Ana"), testStart())
	}
	tests := map[string]struct {
		a      Annotation
		change func([]*model.Node) []*model.Node
		want   AnchorStatus
		wantID string
	}{
		"unchanged": {a: annotate("c-drop"), want: AnchorCurrent, wantID: "c-drop"},
		"renamed via formerIds": {
			a: annotate("c-drop"),
			change: func(ns []*model.Node) []*model.Node {
				ns[1].ID, ns[1].FormerIDs = "c-drop-2024", []string{"c-drop"}
				return ns
			},
			want: AnchorCurrent, wantID: "c-drop-2024",
		},
		"text edited": {
			a: annotate("c-drop"),
			change: func(ns []*model.Node) []*model.Node {
				ns[1].Text = "The headline claim, now with a correction."
				return ns
			},
			want: AnchorEdited, wantID: "c-drop",
		},
		"summary edited after a rename": {
			a: annotate("s-base"),
			change: func(ns []*model.Node) []*model.Node {
				ns[2].ID, ns[2].FormerIDs, ns[2].Summary = "s-base-year", []string{"s-base"}, "2020 was unusual"
				return ns
			},
			want: AnchorEdited, wantID: "s-base-year",
		},
		"node removed": {
			a: annotate("k-count"),
			change: func(ns []*model.Node) []*model.Node {
				return ns[:3]
			},
			want: AnchorOrphaned,
		},
		"no hash recorded": {
			a:    Annotation{Target: Target{Source: "claims.json#c-spring"}},
			want: AnchorCurrent, wantID: "c-spring",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			nodes := fixtureNodes()
			if tc.change != nil {
				nodes = tc.change(nodes)
			}
			c := newContent(t, nodes)
			r := Resolve(tc.a, c)
			if r.Status != tc.want {
				t.Fatalf("status = %v, want %v", r.Status, tc.want)
			}
			if got := Status(tc.a, c); got != r.Status {
				t.Errorf("Status = %v, Resolve = %v", got, r.Status)
			}
			switch {
			case tc.wantID == "" && r.Node != nil:
				t.Errorf("orphan resolved to %q", r.Node.ID)
			case tc.wantID != "" && (r.Node == nil || r.Node.ID != tc.wantID):
				t.Errorf("node = %v, want %q", r.Node, tc.wantID)
			}
		})
	}
	if got := AnchorEdited.String(); got != "edited since your note" {
		t.Errorf("AnchorEdited = %q", got)
	}
}

func TestResolvePassages(t *testing.T) {
	c := newContent(t, fixtureNodes())
	at := strings.Index(articleText, "rates fell")        // first occurrence, paragraph 1
	again := strings.LastIndex(articleText, "rates fell") // paragraph 4
	tests := map[string]struct {
		q         Quote
		want      AnchorStatus
		wantStart int
		moved     bool
	}{
		"exact at its position": {q: Quote{Exact: "rates fell", Start: at, End: at + 10}, want: AnchorCurrent, wantStart: at},
		"moved, picked by prefix": {
			q:    Quote{Exact: "rates fell", Prefix: "minister said ", Suffix: " again", Start: 3, End: 13},
			want: AnchorCurrent, wantStart: again, moved: true,
		},
		"no position, picked by suffix": {
			q:    Quote{Exact: "rates fell", Suffix: " by 40", Start: -1, End: -1},
			want: AnchorCurrent, wantStart: at, moved: true,
		},
		"quote gone":            {q: Quote{Exact: "rates rose", Start: at, End: at + 10}, want: AnchorOrphaned, wantStart: -1},
		"position past the end": {q: Quote{Exact: "zzz", Start: 5000, End: 5003}, want: AnchorOrphaned, wantStart: -1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a := NewPassageAnnotation("article.md", tc.q, "note", NewCreator("Ana"), testStart())
			r := Resolve(a, c)
			if r.Status != tc.want || r.Start != tc.wantStart || r.Moved != tc.moved {
				t.Errorf("Resolve = %+v, want status %v start %d moved %v", r, tc.want, tc.wantStart, tc.moved)
			}
			if r.Status == AnchorCurrent && r.End-r.Start != len([]rune(tc.q.Exact)) {
				t.Errorf("range [%d,%d) does not fit %q", r.Start, r.End, tc.q.Exact)
			}
		})
	}
}

func TestStoreFollowsFormerIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	before := newContent(t, fixtureNodes())
	s := openTest(t, path, before, "Ana")
	if _, err := s.SetNote("c-drop", "old note"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkRead("c-drop"); err != nil {
		t.Fatal(err)
	}
	nodes := fixtureNodes()
	nodes[1].ID, nodes[1].FormerIDs = "c-drop-2024", []string{"c-drop"}
	after := newContent(t, nodes)
	s2 := openTest(t, path, after, "Ana")
	if got := s2.ForNode("c-drop-2024"); len(got) != 1 || got[0].Note() != "old note" {
		t.Fatalf("ForNode(new id) = %+v", got)
	}
	if !s2.Read()["c-drop-2024"] {
		t.Errorf("Read() = %v, want the new id", s2.Read())
	}
	a, err := s2.SetStance("c-drop-2024", Agree)
	if err != nil {
		t.Fatal(err)
	}
	if len(s2.All()) != 1 || a.Target.Node != "c-drop-2024" || a.Target.Selector[0].Value != "c-drop-2024" || a.Note() != "old note" {
		t.Errorf("editing a renamed node's note: %+v (%d notes)", a, len(s2.All()))
	}
}
