package class_test

import (
	"fmt"
	"time"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// A view shows the class on each node with one map lookup: the
// distribution for its stance bar, then everyone's notes when the node is
// opened.
func Example() {
	c, _ := model.LoadFile("../testdata/bikelanes")
	vote := c.Node("claim-vote")
	note := func(name string, st notes.Stance, min int) notes.Annotation {
		a := notes.NewNodeAnnotation(vote, notes.NewCreator(name), time.Date(2026, 11, 3, 9, min, 0, 0, time.UTC))
		a.Body = []notes.Body{{Type: notes.TypeTextualBody, Purpose: notes.Assessing, Value: string(st)}}
		return a
	}
	// class.Load(c, paths) reads the files; New builds from decoded ones.
	cl := class.New(c, []class.Input{
		{Path: "ana.json", Notes: notes.Collection{Items: []notes.Annotation{note("Ana", notes.Agree, 1)}}},
		{Path: "ben.json", Notes: notes.Collection{Items: []notes.Annotation{note("Ben", notes.Disagree, 2)}}},
		{Path: "cara.json", Notes: notes.Collection{Items: []notes.Annotation{note("Cara", notes.Agree, 3)}}},
	}, nil)

	dists := cl.Distributions() // node id -> Distribution, built once
	for _, n := range c.Claims()[:2] {
		d := dists[n.ID]
		fmt.Printf("%s: agree %d, disagree %d, none %d of %d; disagreement %.2f\n",
			n.ID, d.Agree, d.Disagree, d.None, d.Students, d.Disagreement())
	}
	for _, e := range cl.Node("claim-vote").Entries {
		fmt.Println(e.Student, e.Stance)
	}
	// Output:
	// claim-vote: agree 2, disagree 1, none 0 of 3; disagreement 0.67
	// claim-cheapest: agree 0, disagree 0, none 3 of 3; disagreement 0.00
	// Ana agree
	// Ben disagree
	// Cara agree
}
