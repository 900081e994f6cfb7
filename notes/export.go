package notes

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/crux-news/crux/model"
)

// dateLayout is how dates appear in the Markdown export.
const dateLayout = "2006-01-02"

// ExportMarkdown writes notes as a document to hand in: a header with the
// article, the reader's name, the date, how many claims are annotated and
// how many notes are written (a stance or tags alone are not a note), then
// the notes grouped by node — claims in article order, then skeptic
// positions and counterpoints in file order — then passage notes in article
// order, then orphaned notes (whose node or passage is gone). Each node
// shows its quoted passage (unless its heading already says the same); each
// note its stance next to the content's own rating, its tags, text, and its
// author and date when it is not the reader's.
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
	if e.c != nil {
		fmt.Fprintf(e.w, "- Coverage: %s\n", e.coverage(byNode))
	}
	fmt.Fprintf(e.w, "- Notes: %s\n", noteCounts(byNode, passages, orphans))
	if st := stanceCounts(notes); st != "" {
		fmt.Fprintf(e.w, "- Stances: %s\n", st)
	}

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
		for i, p := range passages {
			q, _ := p.a.Quote()
			fmt.Fprintf(e.w, "\n### Passage %d (paragraph %d)\n\n", i+1, paragraphAt(e.c.Article.Text, p.start))
			e.quote(q.Exact)
			e.note(p.a, AnchorCurrent, nil)
		}
	}
	if len(orphans) > 0 {
		fmt.Fprintf(e.w, "\n## Orphaned notes\n\nTheir node or passage is no longer in the content; they are kept as written.\n")
		gone := 0
		for _, a := range orphans {
			if id, ok := a.NodeID(); ok {
				fmt.Fprintf(e.w, "\n### Node `%s` (gone)\n", id)
			} else {
				gone++
				q, _ := a.Quote()
				fmt.Fprintf(e.w, "\n### Passage %d (gone)\n\n", gone)
				e.quote(q.Exact)
			}
			e.note(a, AnchorOrphaned, nil)
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
		if a, ok := n.FirstAnchor(); ok && !sameWords(a.Exact, n.Summary) {
			fmt.Fprintln(e.w)
			e.quote(a.Exact)
		}
		for _, a := range notes {
			e.note(a, Status(a, e.c), n.Rating)
		}
	}
}

// quote writes text as a Markdown block quote.
func (e *exporter) quote(text string) {
	for line := range strings.SplitSeq(strings.TrimSpace(text), "\n") {
		fmt.Fprintf(e.w, "> %s\n", strings.TrimRight(line, " "))
	}
}

// note writes one annotation: author (when not the reader), stance with
// the content's rating of the node (when it has one), tags, anchor warning,
// then the note text.
func (e *exporter) note(a Annotation, st AnchorStatus, rating *model.Rating) {
	fmt.Fprintln(e.w)
	by := a.Creator.Name
	if by == "" {
		by = a.Creator.ID
	}
	if by != e.reader {
		fmt.Fprintf(e.w, "Note by **%s**, %s:\n\n", oneLine(by), a.Modified.Format(dateLayout))
	}
	var facts []string
	if s := a.Stance(); s != "" {
		fact := "**Stance:** " + string(s)
		if rating != nil && strings.TrimSpace(rating.Label) != "" {
			fact += " · **Content rating:** " + oneLine(rating.Label)
		}
		facts = append(facts, fact)
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

// coverage says how many claims have a note, a stance or a tag:
// "5 of 27 claims annotated".
func (e *exporter) coverage(byNode map[string][]Annotation) string {
	done := 0
	for _, n := range e.c.Claims() {
		if slices.ContainsFunc(byNode[n.ID], func(a Annotation) bool { return !a.Empty() }) {
			done++
		}
	}
	return fmt.Sprintf("%d of %s annotated", done, plural(len(e.c.Claims()), "claim"))
}

// Tally says what a set of annotations holds, in the words the Markdown
// hand-in uses (a stance or tags alone are not a note): "4 annotations
// (1 note, 3 stances)".
func Tally(as []Annotation) string {
	notes, stances := 0, 0
	for _, a := range as {
		if strings.TrimSpace(a.Note()) != "" {
			notes++
		}
		if a.Stance() != "" {
			stances++
		}
	}
	return fmt.Sprintf("%s (%s, %s)", plural(len(as), "annotation"), plural(notes, "note"), plural(stances, "stance"))
}

// noteCounts counts written notes (a stance or tags alone are not one):
// "4 written: 2 on nodes, 1 on a passage, 1 orphaned".
func noteCounts(byNode map[string][]Annotation, passages []passageNote, orphans []Annotation) string {
	written := func(as []Annotation) int {
		n := 0
		for _, a := range as {
			if strings.TrimSpace(a.Note()) != "" {
				n++
			}
		}
		return n
	}
	onNodes := 0
	for _, as := range byNode {
		onNodes += written(as)
	}
	onPassages := 0
	for _, p := range passages {
		onPassages += written([]Annotation{p.a})
	}
	gone := written(orphans)
	on := func(n int, noun string) string {
		if n == 1 {
			return "1 on a " + noun
		}
		return fmt.Sprintf("%d on %ss", n, noun)
	}
	return fmt.Sprintf("%d written: %s, %s, %d orphaned",
		onNodes+onPassages+gone, on(onNodes, "node"), on(onPassages, "passage"), gone)
}

// stanceCounts counts stances by kind in display order: "1 agree,
// 2 needs-evidence"; "" when there are none.
func stanceCounts(notes []Annotation) string {
	count := make(map[Stance]int)
	for _, a := range notes {
		if s := a.Stance(); s != "" {
			count[s]++
		}
	}
	var parts []string
	for _, s := range Stances() {
		if count[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

// paragraphAt returns the 1-based number of the paragraph (blocks split by
// blank lines) holding rune offset start of text.
func paragraphAt(text string, start int) int {
	if b, ok := byteOffset(text, max(start, 0)); ok {
		text = text[:b]
	}
	before := strings.TrimLeft(text, " \t\n")
	n := 0
	for p := range strings.SplitSeq(before, "\n\n") {
		if strings.TrimSpace(p) != "" {
			n++
		}
	}
	if strings.HasSuffix(strings.TrimRight(before, " \t"), "\n\n") || n == 0 {
		n++ // start opens a paragraph
	}
	return n
}

// sameWords reports whether a and b say the same words, ignoring case,
// punctuation and spacing: a quote that only repeats the heading is left out.
func sameWords(a, b string) bool {
	words := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r)
		}), " ")
	}
	return words(a) == words(b)
}
