package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// AIF node types and the texts AIFdb gives default scheme nodes.
const (
	aifI          = "I"
	aifRA         = "RA"
	aifCA         = "CA"
	aifInference  = "Default Inference"
	aifConflict   = "Default Conflict"
	aifTimeLayout = "2006-01-02 15:04:05"
)

// aifDoc is an AIF JSON document as AIFdb and OVA exchange it, plus crux's
// extension under "x-crux".
type aifDoc struct {
	Nodes     []aifNode  `json:"nodes"`
	Edges     []aifEdge  `json:"edges"`
	Locutions []struct{} `json:"locutions"`
	Ext       aifExt     `json:"x-crux"`
}

type aifNode struct {
	NodeID    string `json:"nodeID"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Timestamp string `json:"timestamp,omitempty"`
}

type aifEdge struct {
	EdgeID     string  `json:"edgeID"`
	FromID     string  `json:"fromID"`
	ToID       string  `json:"toID"`
	FormEdgeID *string `json:"formEdgeID"` // always null: crux has no forms
}

// aifExt keeps what AIF has no place for, so that an import can restore the
// content set. Tools that do not know the key are expected to drop it.
type aifExt struct {
	SchemaVersion int               `json:"schemaVersion"`
	Article       model.ArticleMeta `json:"article"`
	Reviewer      *model.Reviewer   `json:"reviewer,omitempty"`
	// IDMap maps each I-node's nodeID to the crux node id.
	IDMap map[string]string `json:"idMap"`
	// Links maps each RA and CA node's nodeID to the crux link it stands for.
	Links map[string]model.Link `json:"links"`
	// Nodes holds every crux node, by crux id, as claims.json has it.
	Nodes   map[string]*model.Node `json:"nodes"`
	Sources []model.Source         `json:"sources,omitempty"`
	Tours   []model.Tour           `json:"tours,omitempty"`
}

// WriteAIF writes c as AIF JSON for OVA and AIFdb: one I-node per node (its
// text as plain text: OVA shows Markdown literally), one RA node ("Default Inference") per supports link and one CA node
// ("Default Conflict") per attacks link, each joined by two edges (from node →
// S-node → to node). Node and edge ids are numeric strings, as AIFdb uses;
// "x-crux" maps them back to crux ids and carries kinds, summaries, anchors,
// ratings, sources, tags and tours. Timestamps are the article's publication
// date when it is known. Control characters are removed from every string,
// the extension's copy of the claims file included.
func WriteAIF(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	stamp := ""
	if t, err := time.Parse(time.DateOnly, c.Article.Published); err == nil {
		stamp = t.Format(aifTimeLayout)
	}
	// The extension copies the claims file, so it gets the same scrubbing
	// as the texts: no control character, raw or escaped, survives.
	f := safe.StripFile(c.File)
	doc := aifDoc{
		Nodes:     []aifNode{},
		Edges:     []aifEdge{},
		Locutions: []struct{}{},
		Ext: aifExt{
			SchemaVersion: f.SchemaVersion,
			Article:       f.Article,
			Reviewer:      f.Reviewer,
			IDMap:         map[string]string{},
			Links:         map[string]model.Link{},
			Nodes:         map[string]*model.Node{},
			Sources:       f.Sources,
			Tours:         f.Tours,
		},
	}
	next := 0
	newID := func() string { next++; return strconv.Itoa(next) }
	aifID := map[string]string{} // crux id -> AIF nodeID
	for _, n := range f.Nodes {
		id := newID()
		aifID[n.ID] = id
		doc.Nodes = append(doc.Nodes, aifNode{NodeID: id, Text: plainText(n), Type: aifI, Timestamp: stamp})
		doc.Ext.IDMap[id] = n.ID
		doc.Ext.Nodes[n.ID] = n
	}
	edges := 0
	edge := func(from, to string) {
		edges++
		doc.Edges = append(doc.Edges, aifEdge{EdgeID: strconv.Itoa(edges), FromID: from, ToID: to})
	}
	for i, l := range c.File.Links {
		from, err := target(c, l.From, l)
		if err != nil {
			return err
		}
		to, err := target(c, l.To, l)
		if err != nil {
			return err
		}
		s := aifNode{NodeID: newID(), Timestamp: stamp}
		switch l.Type {
		case model.Supports:
			s.Type, s.Text = aifRA, aifInference
		case model.Attacks:
			s.Type, s.Text = aifCA, aifConflict
		default:
			return fmt.Errorf("export aif: link %s -> %s: unknown type %q (want supports or attacks)", l.From, l.To, l.Type)
		}
		doc.Nodes = append(doc.Nodes, s)
		doc.Ext.Links[s.NodeID] = f.Links[i]
		edge(aifID[from.ID], s.NodeID)
		edge(s.NodeID, aifID[to.ID])
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("export aif: %w", err)
	}
	return flush(w, FormatAIF, &b)
}

// plainText is the node's text as a reader sees it, on one line: Markdown
// rendered to text by the same reader the article's anchors use (link text
// kept, targets dropped), or the node's summary when it has no text.
func plainText(n *model.Node) string {
	if n.Text != "" {
		text, _ := model.ParseArticle(n.Text)
		if t := fold(text); t != "" {
			return t
		}
	}
	return fold(n.Summary)
}
