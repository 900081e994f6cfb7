package export

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/crux-news/crux/model"
)

// aifRead is the shape an AIF consumer reads.
type aifRead struct {
	Nodes []struct {
		NodeID, Text, Type, Timestamp string
	} `json:"nodes"`
	Edges []struct {
		EdgeID, FromID, ToID string
	} `json:"edges"`
	Locutions []json.RawMessage `json:"locutions"`
	Ext       struct {
		SchemaVersion int                    `json:"schemaVersion"`
		IDMap         map[string]string      `json:"idMap"`
		Links         map[string]model.Link  `json:"links"`
		Nodes         map[string]*model.Node `json:"nodes"`
		Sources       []model.Source         `json:"sources"`
		Tours         []model.Tour           `json:"tours"`
	} `json:"x-crux"`
}

func TestAIFShape(t *testing.T) {
	// I-node texts are what a reader sees: Markdown rendered, HTML dropped.
	plainTexts := map[string]string{
		"c-charts":     "The app topped the charts in 20 countries within a week.",
		"c-cost":       "DeepSeek trained R1 for $5.6 million, a fraction of {what} rivals spend #cheap // really? Second paragraph with [brackets] and and a_b*c.",
		"s-final-run":  "The $5.6M covers the final run; research, failed runs & the GPU fleet are left out.",
		"s-chips":      `Analysts say "export-controlled" chips, not thrift, explain it.`,
		"p-report":     "DeepSeek's own report says the figure excludes prior research.",
		"p-efficiency": `Even with more chips, MoE and FP8 cut cost per token: see C:\models.`,
	}
	c := fixture(t)
	raw := render(t, FormatAIF)
	var doc aifRead
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &top); err != nil {
		t.Fatal(err)
	}
	if string(top["locutions"]) != "[]" {
		t.Errorf("locutions = %s, want []", top["locutions"])
	}

	types := map[string]string{}
	counts := map[string]int{}
	for _, n := range doc.Nodes {
		if _, err := strconv.Atoi(n.NodeID); err != nil {
			t.Errorf("nodeID %q is not a numeric string", n.NodeID)
		}
		if types[n.NodeID] != "" {
			t.Errorf("nodeID %s used twice", n.NodeID)
		}
		types[n.NodeID] = n.Type
		counts[n.Type]++
		want := map[string]string{"RA": "Default Inference", "CA": "Default Conflict"}[n.Type]
		switch n.Type {
		case "I":
			cruxID, ok := doc.Ext.IDMap[n.NodeID]
			if !ok {
				t.Errorf("I-node %s is not in the id map", n.NodeID)
			} else if cn := c.Node(cruxID); cn == nil || n.Text != plainTexts[cruxID] {
				t.Errorf("I-node %s (%s) text %q, want %q", n.NodeID, cruxID, n.Text, plainTexts[cruxID])
			}
		case "RA", "CA":
			if n.Text != want {
				t.Errorf("%s node %s text %q, want %q", n.Type, n.NodeID, n.Text, want)
			}
		default:
			t.Errorf("node %s has type %q", n.NodeID, n.Type)
		}
		if n.Timestamp != "2025-01-28 00:00:00" {
			t.Errorf("node %s timestamp %q", n.NodeID, n.Timestamp)
		}
	}
	supports, attacks := 0, 0
	for _, l := range c.File.Links {
		if l.Type == model.Supports {
			supports++
		} else {
			attacks++
		}
	}
	if counts["I"] != len(c.Nodes()) || counts["RA"] != supports || counts["CA"] != attacks {
		t.Errorf("node counts %v, want I=%d RA=%d CA=%d", counts, len(c.Nodes()), supports, attacks)
	}

	in, out := map[string][]string{}, map[string][]string{}
	edgeIDs := map[string]bool{}
	for _, e := range doc.Edges {
		if edgeIDs[e.EdgeID] {
			t.Errorf("edgeID %s used twice", e.EdgeID)
		}
		edgeIDs[e.EdgeID] = true
		if types[e.FromID] == "" || types[e.ToID] == "" {
			t.Errorf("edge %s joins missing nodes %s -> %s", e.EdgeID, e.FromID, e.ToID)
			continue
		}
		if types[e.FromID] == "I" && types[e.ToID] == "I" {
			t.Errorf("edge %s joins two I-nodes; AIF needs an S-node between them", e.EdgeID)
		}
		out[e.FromID] = append(out[e.FromID], e.ToID)
		in[e.ToID] = append(in[e.ToID], e.FromID)
	}
	if len(doc.Edges) != 2*len(c.File.Links) {
		t.Errorf("%d edges, want two per link (%d)", len(doc.Edges), 2*len(c.File.Links))
	}
	// Each S-node has one edge in from the link's From and one out to its
	// To, as the extension says.
	for id, typ := range types {
		if typ == "I" {
			continue
		}
		if len(in[id]) != 1 || len(out[id]) != 1 {
			t.Errorf("%s node %s has %d in and %d out edges, want 1 and 1", typ, id, len(in[id]), len(out[id]))
			continue
		}
		l, ok := doc.Ext.Links[id]
		if !ok {
			t.Errorf("%s node %s is not in x-crux links", typ, id)
			continue
		}
		wantType := map[model.LinkType]string{model.Supports: "RA", model.Attacks: "CA"}[l.Type]
		if typ != wantType {
			t.Errorf("link %s %s %s became %s", l.From, l.Type, l.To, typ)
		}
		if from, to := doc.Ext.IDMap[in[id][0]], doc.Ext.IDMap[out[id][0]]; from != c.Node(l.From).ID || to != c.Node(l.To).ID {
			t.Errorf("%s node %s joins %s -> %s, want %s -> %s", typ, id, from, to, l.From, c.Node(l.To).ID)
		}
	}
	// The extension keeps what AIF cannot.
	if doc.Ext.SchemaVersion != model.SchemaVersion || len(doc.Ext.Sources) != len(c.File.Sources) || len(doc.Ext.Tours) != 1 {
		t.Errorf("x-crux lost the schema version, sources or tours")
	}
	if n := doc.Ext.Nodes["c-cost"]; n == nil || n.Rating == nil || n.Rating.Label != "Misleading" || len(n.Anchors) != 2 || n.FormerIDs[0] != "c-training-cost" {
		t.Errorf("x-crux node c-cost = %+v", n)
	}
}

func TestAIFNoDate(t *testing.T) {
	c := fixture(t)
	c.Article.Published = "sometime"
	var doc aifRead
	if err := json.Unmarshal([]byte(mustWrite(t, WriteAIF, c)), &doc); err != nil {
		t.Fatal(err)
	}
	for _, n := range doc.Nodes {
		if n.Timestamp != "" {
			t.Errorf("node %s has timestamp %q from an unparseable date", n.NodeID, n.Timestamp)
		}
	}
}
