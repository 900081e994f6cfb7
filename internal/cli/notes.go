package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// notesCmd is "crux notes": export the reader's notes for handing in, or
// import someone else's.
func (a *app) notesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "notes",
		Short: "Export your notes for handing in, or import a classmate's or teacher's notes",
		Long: "Your notes are saved as you write them, in one file per article in the XDG data\n" +
			"directory (or the file given with --notes). These commands export them as\n" +
			"Markdown or W3C Web Annotation JSON, and merge another notes file into yours.",
		Args: cobra.NoArgs,
		// A RunE makes cobra check Args, so that "crux notes bogus" is an
		// unknown command (exit 2) rather than help and exit 0.
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.notesExportCmd(), a.notesImportCmd())
	return cmd
}

func (a *app) notesExportCmd() *cobra.Command {
	var (
		format string
		out    string
		force  bool
	)
	cmd := &cobra.Command{
		Use:   "export [DIR | CLAIMS.json]",
		Short: "Write your notes as Markdown (to hand in) or as W3C JSON",
		Long: "export writes the notes on a content set (the embedded one with no argument):\n" +
			"--format md (default) is a document grouped by claim in article order, with the\n" +
			"quoted passages, stances (next to the content's ratings), notes and tags, the\n" +
			"reader, the date and how many claims are annotated; --format json is the W3C\n" +
			"AnnotationCollection (see docs/notes.md). The reader is --name, else the authors recorded\n" +
			"in the notes. It writes to standard output, or to --out FILE, which must not\n" +
			"exist unless --force is given (exit 1 if it does).",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "md" && format != "json" {
				return usageErr("--format %q: want md or json", format)
			}
			if out != "" && out != "-" {
				if err := checkOutFile(out, force); err != nil {
					return err
				}
			}
			var c *model.Content
			if format == "md" || a.g.notes == "" {
				var err error
				if c, _, err = loadContent(optionalArg(args)); err != nil {
					return &exitError{code: ExitError, err: err}
				}
			}
			path, err := a.notesPath(c)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			s, err := notes.OpenReadOnly(path, notes.WithContent(c), notes.WithReader(a.userName()))
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			all := s.All()
			if len(all) == 0 {
				fmt.Fprintf(a.opts.Stderr, "crux: no notes yet in %s\n", path)
			}
			var buf bytes.Buffer
			if format == "md" {
				err = notes.ExportMarkdown(&buf, all, c, a.exportReader(all), time.Now())
			} else {
				err = notes.ExportJSON(&buf, s.Collection())
			}
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			data := inert(format == "json", buf.Bytes()) // notes may come from anyone
			if out == "" || out == "-" {
				if _, err := a.opts.Stdout.Write(data); err != nil {
					return &exitError{code: ExitError, err: fmt.Errorf("write notes: %w", err)}
				}
				return nil
			}
			if err := writeOutFile(out, data, force); err != nil {
				return err
			}
			fmt.Fprintf(a.opts.Stderr, "Wrote %s from %s to %s\n", notes.Tally(all), path, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "md", "md (Markdown, to hand in) or json (W3C Web Annotation)")
	f.StringVarP(&out, "out", "o", "", "write to FILE instead of standard output")
	f.BoolVar(&force, "force", false, "overwrite --out FILE if it exists")
	return cmd
}

func (a *app) notesImportCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE [DIR | CLAIMS.json]",
		Short: "Merge another notes file (a classmate's or teacher's) into your notes",
		Long: "import merges the annotations of FILE into your notes on a content set (the\n" +
			"embedded one with no second argument): by annotation id, the newer modified time\n" +
			"wins and nothing is dropped. Each note keeps its author, so crux shows whose\n" +
			"notes are whose. Your reading progress is not changed.",
		Args: cobra.RangeArgs(1, 2),
		RunE: func(_ *cobra.Command, args []string) error {
			var c *model.Content
			if a.g.notes == "" {
				var err error
				if c, _, err = loadContent(optionalArg(args[1:])); err != nil {
					return &exitError{code: ExitError, err: err}
				}
			}
			path, err := a.notesPath(c)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			s, err := notes.Open(path, notes.WithContent(c), notes.WithReader(a.userName()))
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			r, err := s.Import(args[0])
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			w := a.opts.Stdout
			fmt.Fprintf(w, "Imported %s into %s: %d added, %d updated, %d kept (already here, same or newer)\n",
				safe.Line(args[0]), safe.Line(path), r.Added, r.Updated, r.Kept)
			if data, err := os.ReadFile(args[0]); err == nil {
				if other, err := notes.Decode(args[0], data); err == nil {
					if by := creators(other.Items); by != "" {
						fmt.Fprintf(w, "Notes by: %s\n", safe.Line(by)) // names come from the file
					}
					mine := s.Collection().Article
					if other.Article != "" && mine != "" && other.Article != mine {
						fmt.Fprintf(a.opts.Stderr, "crux: warning: %s is about %q, your notes about %q; notes that do not fit will show as orphaned\n",
							args[0], other.Article, mine)
					}
				}
			}
			return nil
		},
	}
}

// notesPath is --notes, else the default notes file of c's article.
func (a *app) notesPath(c *model.Content) (string, error) {
	if a.g.notes != "" {
		return a.g.notes, nil
	}
	if c == nil {
		return "", errors.New("no content to find the notes file by; pass --notes FILE")
	}
	return notes.DefaultPath(c.Article.ArticleMeta, c.Article.Text)
}

// exportReader is the name on the "Reader:" line of a Markdown export:
// --name when given, else the authors recorded in the notes ("Ana", or
// "Ana, Ms. Ortiz" when several people wrote them), else $USER for a file
// with no notes. The notes' own authors are what a teacher should see, even
// when someone else runs the export.
func (a *app) exportReader(items []notes.Annotation) string {
	if a.g.name != "" {
		return a.g.name
	}
	if names := creatorNames(items); len(names) > 0 {
		return strings.Join(names, ", ")
	}
	return a.userName()
}

// creatorName is who wrote a: the creator's name, else its id.
func creatorName(a notes.Annotation) string {
	switch {
	case a.Creator.Name != "":
		return a.Creator.Name
	case a.Creator.ID != "":
		return a.Creator.ID
	}
	return "unknown"
}

// creatorNames returns the distinct authors of items, sorted.
func creatorNames(items []notes.Annotation) []string {
	names := make([]string, 0, 1)
	for _, a := range items {
		if n := creatorName(a); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// creators summarises who wrote items: "Ana (3), Ms. Ortiz (9)".
func creators(items []notes.Annotation) string {
	count := make(map[string]int)
	for _, a := range items {
		count[creatorName(a)]++
	}
	names := creatorNames(items)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s (%d)", n, count[n])
	}
	return strings.Join(parts, ", ")
}

// optionalArg returns the first argument, or "" (the embedded content).
func optionalArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
