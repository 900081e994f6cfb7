package class

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/crux-news/crux/model"
)

// CSVHeader is the header row of the CSV report.
var CSVHeader = []string{"student", "node", "kind", "summary", "rating", "annotated", "stance", "tags", "notes", "status"}

// WriteCSV writes the class report as one table for a spreadsheet, one row
// per student and node (RFC 4180, header first; rating is the content's
// own rating of the node): every claim for every
// student (annotated "no" when they did not annotate it), the other nodes
// a student annotated, then the student's orphaned notes (status
// "orphaned"; node is the id the note was on, or empty for a passage, whose
// text is then the summary). Status is "current", "edited" (the node
// changed since the note) or empty. Tags are joined by "; ", notes by a
// blank line. A cell that a spreadsheet would run as a formula (starting
// with =, +, -, @, a tab or a carriage return) gets a leading apostrophe.
func WriteCSV(w io.Writer, cl *Class) error {
	cw := csv.NewWriter(w)
	row := func(cells ...string) {
		for i, c := range cells {
			cells[i] = inertCell(c)
		}
		_ = cw.Write(cells) // the error is kept by cw and returned by cw.Error
	}
	row(CSVHeader...)
	for _, s := range cl.Students {
		for _, r := range cl.Nodes() {
			var e *Entry
			for i := range r.Entries {
				if r.Entries[i].Student == s.Name {
					e = &r.Entries[i]
					break
				}
			}
			if e == nil {
				if r.Node.Kind == model.KindClaim {
					row(s.Name, r.Node.ID, string(r.Node.Kind), r.Node.Summary, rating(r.Node), "no", "", "", "", "")
				}
				continue
			}
			status := "current"
			if e.Edited {
				status = "edited"
			}
			row(s.Name, r.Node.ID, string(r.Node.Kind), r.Node.Summary, rating(r.Node), "yes", string(e.Stance),
				strings.Join(e.Tags, "; "), strings.Join(e.Notes, "\n\n"), status)
		}
		for _, o := range cl.Orphans {
			if o.Student == s.Name {
				row(s.Name, o.Node, "", o.Quote, "", "yes", string(o.Stance), strings.Join(o.Tags, "; "), o.Note, "orphaned")
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write class report: %w", err)
	}
	return nil
}

// inertCell keeps a spreadsheet from running a cell as a formula (OWASP's
// advice on CSV injection): a leading apostrophe.
func inertCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
