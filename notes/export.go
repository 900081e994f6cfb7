package notes

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/crux-news/crux/model"
)

// dateLayout is how dates appear in the Markdown export.
const dateLayout = "2006-01-02"

// ExportMarkdown writes notes as a document to hand in: a header with the
// article, the reader's name and the date, then the notes grouped by node —
// claims in article order, then skeptic positions and counterpoints in file
// order — then passage notes in article order, then orphaned notes (whose
// node or passage is gone). Each node shows its quoted passage; each note its
// stance, tags, text, and its author and date when it is not the reader's.
func ExportMarkdown(w io.Writer, notes []Annotation, c *model.Content, reader string, now time.Time) error {
	bw := bufio.NewWriter(w)
	e := exporter{w: bw, c: c, reader: reader}
	e.write(notes, now)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export notes: %w", err)
	}
	return nil
}

type exporter struct {
	w      *bufio.Writer
	c      *model.Content
	reader string
}

type passageNote struct {
	a     Annotation
	start int
}

func (e *exporter) write(notes []Annotation, now time.Time) {
	notes = slices.Clone(notes)
	sortItems(notes)
	byNode := make(map[string][]Annotation)
	var (
		passages []passageNote
		orphans  []Annotation
	)
	for _, a := range notes {
		r := Resolve(a, e.c)
		switch {
		case r.Status == AnchorOrphaned:
			orphans = append(orphans, a)
		case r.Node != nil:
			byNode[r.Node.ID] = append(byNode[r.Node.ID], a)
		default:
			passages = append(passages, passageNote{a, r.Start})
		}
	}
	slices.SortStableFunc(passages, func(x, y passageNote) int { return x.start - y.start })

	title := "the article"
	if e.c != nil {
		title = e.c.Title()
	}
	fmt.Fprintf(e.w, "# Notes on %s\n\n", title)
	fmt.Fprintf(e.w, "- Reader: %s\n", oneLine(e.reader))
	fmt.Fprintf(e.w, "- Date: %s\n", now.Format(dateLayout))
	if e.c != nil {
		if src := e.source(); src != "" {
			fmt.Fprintf(e.w, "- Article: %s\n", src)
		}
	}
	fmt.Fprintf(e.w, "- Notes: %d on %s, %d on passages, %d orphaned\n",
		len(notes)-len(passages)-len(orphans), plural(len(byNode), "node"), len(passages), len(orphans))

	if e.c != nil {
		e.section("Claims", e.c.Claims(), byNode)
		e.section("Skeptic positions", e.ofKind(model.KindSkeptic), byNode)
		e.section("Counterpoints", e.ofKind(model.KindCounterpoint), byNode)
		var other []*model.Node
		for _, n := range e.c.Nodes() {
			if n != nil && !slices.Contains(model.Kinds(), n.Kind) {
				other = append(other, n)
			}
		}
		e.section("Other nodes", other, byNode)
	}
	if len(passages) > 0 {
		fmt.Fprintf(e.w, "\n## Passages\n")
		for _, p := range passages {
			q, _ := p.a.Quote()
			fmt.Fprintf(e.w, "\n### “%s”\n\n", oneLine(q.Exact))
			e.quote(q.Exact)
			e.note(p.a, AnchorCurrent)
		}
	}
	if len(orphans) > 0 {
		fmt.Fprintf(e.w, "\n## Orphaned notes\n\nTheir node or passage is no longer in the content; they are kept as written.\n")
		for _, a := range orphans {
			if id, ok := a.NodeID(); ok {
				fmt.Fprintf(e.w, "\n### Node `%s` (gone)\n", id)
			} else {
				q, _ := a.Quote()
				fmt.Fprintf(e.w, "\n### Passage (gone)\n\n")
				e.quote(q.Exact)
			}
			e.note(a, AnchorOrphaned)
		}
	}
}

// source describes the article: title, author, publisher, date and URL.
func (e *exporter) source() string {
	m := e.c.Article.ArticleMeta
	var parts []string
	for _, p := range []string{m.Title, m.Author, m.Publisher, m.Published} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, oneLine(p))
		}
	}
	s := strings.Join(parts, ", ")
	if m.URL != "" {
		s = strings.TrimSpace(s + " <" + m.URL + ">")
	}
	return s
}

func (e *exporter) ofKind(k model.Kind) []*model.Node {
	var out []*model.Node
	for _, n := range e.c.Nodes() {
		if n != nil && n.Kind == k {
			out = append(out, n)
		}
	}
	return out
}

// section writes the annotated nodes of one kind, in the order given.
func (e *exporter) section(heading string, nodes []*model.Node, byNode map[string][]Annotation) {
	started := false
	for _, n := range nodes {
		notes := byNode[n.ID]
		if len(notes) == 0 {
			continue
		}
		if !started {
			fmt.Fprintf(e.w, "\n## %s\n", heading)
			started = true
		}
		fmt.Fprintf(e.w, "\n### %s\n\n", oneLine(n.Summary))
		meta := "`" + n.ID + "`"
		if n.Speaker != "" {
			meta += " · " + oneLine(n.Speaker)
		}
		fmt.Fprintf(e.w, "%s\n", meta)
		if a, ok := n.FirstAnchor(); ok {
			fmt.Fprintln(e.w)
			e.quote(a.Exact)
		}
		for _, a := range notes {
			e.note(a, Status(a, e.c))
		}
	}
}

// quote writes text as a Markdown block quote.
func (e *exporter) quote(text string) {
	for line := range strings.SplitSeq(strings.TrimSpace(text), "\n") {
		fmt.Fprintf(e.w, "> %s\n", strings.TrimRight(line, " "))
	}
}

// note writes one annotation: author (when not the reader), stance, tags,
// anchor warning, then the note text.
func (e *exporter) note(a Annotation, st AnchorStatus) {
	fmt.Fprintln(e.w)
	by := a.Creator.Name
	if by == "" {
		by = a.Creator.ID
	}
	if by != e.reader {
		fmt.Fprintf(e.w, "*Note by %s, %s*\n\n", oneLine(by), a.Modified.Format(dateLayout))
	}
	var facts []string
	if s := a.Stance(); s != "" {
		facts = append(facts, "**Stance:** "+string(s))
	}
	if tags := a.Tags(); len(tags) > 0 {
		quoted := make([]string, len(tags))
		for i, t := range tags {
			quoted[i] = "`" + oneLine(t) + "`"
		}
		facts = append(facts, "**Tags:** "+strings.Join(quoted, ", "))
	}
	if len(facts) > 0 {
		fmt.Fprintf(e.w, "%s\n", strings.Join(facts, " · "))
	}
	if st == AnchorEdited {
		if len(facts) > 0 {
			fmt.Fprintln(e.w)
		}
		fmt.Fprintf(e.w, "*Edited since this note (%s).*\n", a.Modified.Format(dateLayout))
	}
	if n := strings.TrimSpace(a.Note()); n != "" {
		if len(facts) > 0 || st == AnchorEdited {
			fmt.Fprintln(e.w)
		}
		fmt.Fprintf(e.w, "%s\n", n)
	}
}

// oneLine folds whitespace runs, so that a value fits a heading or list item.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// plural formats a count and a noun: "1 node", "2 nodes".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
