package class

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// TopDisputed is how many nodes the Markdown report lists under "Where the
// class disagrees most".
const TopDisputed = 10

// DisagreementDoc explains Distribution.Disagreement in a report.
const DisagreementDoc = "Disagreement is twice the share of the class on the smaller side of agree and disagree " +
	"(2 × min(agree, disagree) / students): 1 when every student took a side and the class split evenly, " +
	"0 when nobody disagrees with anybody. Unsure and needs-evidence take no side."

// WriteMarkdown writes the class report as a Markdown document: a header
// (article, students, files, date when now is not zero), the files read
// and skipped, where the class disagrees most, coverage per student, then
// every annotated node with its distribution and each student's stance,
// tags and notes, and the orphaned notes.
func WriteMarkdown(w io.Writer, cl *Class, now time.Time) error {
	bw := bufio.NewWriter(w)
	m := mdWriter{w: bw, cl: cl}
	m.header(now)
	m.files()
	m.disputed()
	m.coverage()
	m.nodes()
	m.orphans()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write class report: %w", err)
	}
	return nil
}

type mdWriter struct {
	w  *bufio.Writer
	cl *Class
}

func (m *mdWriter) f(format string, a ...any) { fmt.Fprintf(m.w, format, a...) }

func (m *mdWriter) header(now time.Time) {
	cl := m.cl
	m.f("# Class report: %s\n\n", inline(cl.Content.Title()))
	if src := source(cl.Content.Article.ArticleMeta); src != "" {
		m.f("- Article: %s\n", src)
	}
	m.f("- Students: %d\n", len(cl.Students))
	m.f("- Files: %d read, %d skipped\n", len(cl.Files), len(cl.Skipped))
	m.f("- Claims: %d\n", len(cl.Content.Claims()))
	if !now.IsZero() {
		m.f("- Date: %s\n", now.Format("2006-01-02"))
	}
}

func (m *mdWriter) files() {
	m.f("\n## Files\n")
	if len(m.cl.Files) > 0 {
		m.f("\n| File | Authors | Annotations | On renamed nodes | Node edited since | Orphaned |\n|---|---|---:|---:|---:|---:|\n")
		for _, f := range m.cl.Files {
			m.f("| %s | %s | %d | %d | %d | %d |\n", cell(f.Path), cell(strings.Join(f.Authors, ", ")),
				f.Annotations, f.Renamed, f.Edited, f.Orphaned)
		}
		for _, f := range m.cl.Files {
			switch {
			case f.OtherArticle:
				m.f("\n%s is about another article (%s); its notes that do not fit are listed as orphaned.\n", code(f.Path), inline(f.Article))
			case f.Annotations == 0:
				m.f("\n%s holds no notes.\n", code(f.Path))
			}
		}
	}
	if len(m.cl.Skipped) > 0 {
		m.f("\nSkipped, could not be read:\n\n")
		for _, s := range m.cl.Skipped {
			m.f("- %s\n", inline(s.Err.Error()))
		}
	}
}

func (m *mdWriter) disputed() {
	d := m.cl.Disputed()
	m.f("\n## Where the class disagrees most\n\n%s\n", DisagreementDoc)
	if len(d) == 0 {
		m.f("\nNo node has students on both sides.\n")
		return
	}
	if len(d) > TopDisputed {
		m.f("\nThe %d most disputed of %d nodes with students on both sides:\n", TopDisputed, len(d))
		d = d[:TopDisputed]
	}
	m.f("\n| # | Node | Agree | Disagree | Unsure | Needs evidence | None | Disagreement |\n|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for i, r := range d {
		x := r.Dist
		m.f("| %d | %s (%s) | %d | %d | %d | %d | %d | %.2f |\n", i+1, cell(r.Node.Summary), code(r.Node.ID),
			x.Agree, x.Disagree, x.Unsure, x.NeedsEvidence, x.None, x.Disagreement())
	}
}

func (m *mdWriter) coverage() {
	claims := len(m.cl.Content.Claims())
	m.f("\n## Coverage\n\nA claim is annotated when the student gave it a note, a stance or a tag.\n")
	if len(m.cl.Students) == 0 {
		m.f("\nNo notes were read.\n")
		return
	}
	m.f("\n| Student | Claims annotated | Notes written | Passage notes | Orphaned | Files |\n|---|---:|---:|---:|---:|---|\n")
	for _, s := range m.cl.Students {
		m.f("| %s | %d of %d | %d | %d | %d | %s |\n", cell(s.Name), len(s.Annotated), claims,
			s.Notes, s.Passages, s.Orphaned, cell(strings.Join(s.Files, ", ")))
	}
	m.f("\n### Not annotated yet\n\n")
	all := true
	for _, s := range m.cl.Students {
		if len(s.Missing) == 0 {
			continue
		}
		all = false
		ids := make([]string, len(s.Missing))
		for i, id := range s.Missing {
			ids[i] = code(id)
		}
		m.f("- **%s** (%d): %s\n", inline(s.Name), len(s.Missing), strings.Join(ids, ", "))
	}
	if all {
		m.f("Every student annotated every claim.\n")
	}
}

func (m *mdWriter) nodes() {
	heading := ""
	for _, r := range m.cl.Nodes() {
		if r.Dist.Annotated == 0 {
			continue
		}
		if h := kindHeading(r.Node.Kind); h != heading {
			m.f("\n## %s\n", h)
			heading = h
		}
		x := r.Dist
		m.f("\n### %s\n\n", inline(r.Node.Summary))
		meta := code(r.Node.ID)
		if l := rating(r.Node); l != "" {
			meta += " · content rating: " + inline(l)
		}
		m.f("%s · %d of %d students annotated it · disagreement %.2f\n\n", meta, x.Annotated, x.Students, x.Disagreement())
		m.f("agree %d · disagree %d · unsure %d · needs-evidence %d · none %d\n\n", x.Agree, x.Disagree, x.Unsure, x.NeedsEvidence, x.None)
		for i, e := range r.Entries {
			m.entry(i > 0 && len(r.Entries[i-1].Notes) > 0, "**"+inline(e.Student)+"**", e.Stance, e.Tags, e.Edited, e.Notes)
		}
	}
}

// rating is the content's own rating of n, or "".
func rating(n *model.Node) string {
	if n.Rating == nil {
		return ""
	}
	return strings.TrimSpace(n.Rating.Label)
}

// kindHeading is the section heading of nodes of kind k.
func kindHeading(k model.Kind) string {
	switch k {
	case model.KindClaim:
		return "Claims"
	case model.KindSkeptic:
		return "Skeptic positions"
	case model.KindCounterpoint:
		return "Counterpoints"
	}
	return "Other nodes"
}

// entry writes one student's stance, tags and notes as a list item that
// starts with head, after a blank line when gap is set.
func (m *mdWriter) entry(gap bool, head string, st notes.Stance, tags []string, edited bool, texts []string) {
	if gap {
		m.f("\n")
	}
	facts := []string{head}
	if st != "" {
		facts = append(facts, string(st))
	} else {
		facts = append(facts, "no stance")
	}
	if len(tags) > 0 {
		quoted := make([]string, len(tags))
		for i, t := range tags {
			quoted[i] = code(t)
		}
		facts = append(facts, "tags "+strings.Join(quoted, ", "))
	}
	if edited {
		facts = append(facts, "*the node was edited since*")
	}
	m.f("- %s\n", strings.Join(facts, " · "))
	for _, t := range texts {
		m.f("\n")
		for line := range strings.SplitSeq(t, "\n") {
			if line = strings.TrimRight(line, " \t\r"); line == "" {
				m.f("  >\n")
			} else {
				m.f("  > %s\n", line)
			}
		}
	}
}

func (m *mdWriter) orphans() {
	if len(m.cl.Orphans) == 0 {
		return
	}
	m.f("\n## Orphaned notes\n\nTheir node or passage is not in this version of the content.\n\n")
	for i, o := range m.cl.Orphans {
		head := "**" + inline(o.Student) + "** on node " + code(o.Node) + " (gone)"
		if o.Node == "" {
			head = "**" + inline(o.Student) + "** on the passage “" + inline(o.Quote) + "” (gone)"
		}
		m.entry(i > 0 && m.cl.Orphans[i-1].Note != "", head, o.Stance, o.Tags, false, nonEmpty(o.Note))
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// source describes the article: title, author, publisher, date and URL.
func source(meta model.ArticleMeta) string {
	var parts []string
	for _, p := range []string{meta.Title, meta.Author, meta.Publisher, meta.Published} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, inline(p))
		}
	}
	s := strings.Join(parts, ", ")
	if u := strings.TrimSpace(meta.URL); u != "" {
		s = strings.TrimSpace(s + " <" + u + ">")
	}
	return s
}

// inline folds white space and escapes the characters that would make
// Markdown of a name or summary.
func inline(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`)

// cell is inline text for a table cell.
func cell(s string) string { return inline(s) }

// code is s as inline code, with a fence longer than any backtick run in s.
func code(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
