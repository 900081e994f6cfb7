package class

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/crux-news/crux/notes"
)

// ReportVersion is the "crux:classReport" version of the JSON report.
const ReportVersion = 1

// The JSON report, as documented in docs/classroom.md.
type (
	jsonReport struct {
		Version      int            `json:"crux:classReport"`
		Article      jsonArticle    `json:"article"`
		Date         string         `json:"date,omitempty"`
		Students     int            `json:"students"`
		Claims       int            `json:"claims"`
		Disagreement string         `json:"disagreement"`
		Files        []jsonFile     `json:"files"`
		Skipped      []jsonSkipped  `json:"skipped"`
		Disputed     []string       `json:"disputed"`
		Coverage     []jsonCoverage `json:"coverage"`
		Nodes        []jsonNode     `json:"nodes"`
		Orphans      []jsonOrphan   `json:"orphans"`
	}
	jsonArticle struct {
		Title    string `json:"title"`
		URL      string `json:"url,omitempty"`
		Identity string `json:"identity"`
	}
	jsonFile struct {
		Path         string   `json:"path"`
		Article      string   `json:"article,omitempty"`
		OtherArticle bool     `json:"otherArticle"`
		Authors      []string `json:"authors"`
		Annotations  int      `json:"annotations"`
		Renamed      int      `json:"renamed"`
		Edited       int      `json:"edited"`
		Orphaned     int      `json:"orphaned"`
	}
	jsonSkipped struct {
		Path    string `json:"path"`
		Line    int    `json:"line,omitempty"`
		Column  int    `json:"column,omitempty"`
		Problem string `json:"problem"`
		Error   string `json:"error"`
	}
	jsonCoverage struct {
		Student   string   `json:"student"`
		Files     []string `json:"files"`
		Annotated []string `json:"annotated"`
		Missing   []string `json:"missing"`
		Notes     int      `json:"notes"`
		Passages  int      `json:"passages"`
		Orphaned  int      `json:"orphaned"`
	}
	jsonNode struct {
		ID           string         `json:"id"`
		Kind         string         `json:"kind"`
		Summary      string         `json:"summary"`
		Rating       string         `json:"rating,omitempty"`
		Stances      map[string]int `json:"stances"`
		Annotated    int            `json:"annotated"`
		Students     int            `json:"students"`
		Disagreement float64        `json:"disagreement"`
		Entries      []jsonEntry    `json:"entries"`
	}
	jsonEntry struct {
		Student  string   `json:"student"`
		Stance   string   `json:"stance,omitempty"`
		Tags     []string `json:"tags,omitempty"`
		Notes    []string `json:"notes,omitempty"`
		Modified string   `json:"modified"`
		Edited   bool     `json:"edited"`
	}
	jsonOrphan struct {
		Student string   `json:"student"`
		Node    string   `json:"node,omitempty"`
		Quote   string   `json:"quote,omitempty"`
		Stance  string   `json:"stance,omitempty"`
		Tags    []string `json:"tags,omitempty"`
		Note    string   `json:"note,omitempty"`
		Files   []string `json:"files"`
	}
)

// WriteJSON writes the class report as one JSON object (see
// docs/classroom.md): 2-space indent, no HTML escaping, a trailing newline.
// Every node of the content is listed, with its stance counts under
// "agree", "disagree", "unsure", "needs-evidence" and "none".
func WriteJSON(w io.Writer, cl *Class, now time.Time) error {
	c := cl.Content
	r := jsonReport{Version: ReportVersion, Students: len(cl.Students), Claims: len(c.Claims()),
		Disagreement: "2 * min(agree, disagree) / students",
		Article: jsonArticle{Title: c.Title(), URL: c.Article.URL,
			Identity: notes.ArticleIdentity(c.Article.ArticleMeta, c.Article.Text)},
		Files: []jsonFile{}, Skipped: []jsonSkipped{}, Disputed: []string{}, Coverage: []jsonCoverage{},
		Nodes: []jsonNode{}, Orphans: []jsonOrphan{}}
	if !now.IsZero() {
		r.Date = now.Format("2006-01-02")
	}
	for _, f := range cl.Files {
		r.Files = append(r.Files, jsonFile{Path: f.Path, Article: f.Article, OtherArticle: f.OtherArticle,
			Authors: nonNil(f.Authors), Annotations: f.Annotations, Renamed: f.Renamed, Edited: f.Edited, Orphaned: f.Orphaned})
	}
	for _, s := range cl.Skipped {
		js := jsonSkipped{Path: s.Path, Problem: s.Err.Error(), Error: s.Err.Error()}
		var fe *notes.FileError
		if errors.As(s.Err, &fe) {
			js.Line, js.Column, js.Problem = fe.Line, fe.Col, fe.Problem
		}
		r.Skipped = append(r.Skipped, js)
	}
	for _, n := range cl.Disputed() {
		r.Disputed = append(r.Disputed, n.Node.ID)
	}
	for _, s := range cl.Students {
		r.Coverage = append(r.Coverage, jsonCoverage{Student: s.Name, Files: nonNil(s.Files),
			Annotated: nonNil(s.Annotated), Missing: nonNil(s.Missing), Notes: s.Notes, Passages: s.Passages, Orphaned: s.Orphaned})
	}
	for _, n := range cl.Nodes() {
		d := n.Dist
		jn := jsonNode{ID: n.Node.ID, Kind: string(n.Node.Kind), Summary: n.Node.Summary, Rating: rating(n.Node),
			Stances: map[string]int{"agree": d.Agree, "disagree": d.Disagree, "unsure": d.Unsure,
				"needs-evidence": d.NeedsEvidence, "none": d.None},
			Annotated: d.Annotated, Students: d.Students, Disagreement: round4(d.Disagreement()), Entries: []jsonEntry{}}
		for _, e := range n.Entries {
			jn.Entries = append(jn.Entries, jsonEntry{Student: e.Student, Stance: string(e.Stance), Tags: e.Tags,
				Notes: e.Notes, Modified: e.Modified.UTC().Format(time.RFC3339Nano), Edited: e.Edited})
		}
		r.Nodes = append(r.Nodes, jn)
	}
	for _, o := range cl.Orphans {
		r.Orphans = append(r.Orphans, jsonOrphan{Student: o.Student, Node: o.Node, Quote: o.Quote,
			Stance: string(o.Stance), Tags: o.Tags, Note: o.Note, Files: nonNil(o.Files)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encode class report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write class report: %w", err)
	}
	return nil
}

// nonNil makes a nil list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// round4 rounds to 4 decimals, so the report reads 0.6667, not
// 0.6666666666666666.
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
