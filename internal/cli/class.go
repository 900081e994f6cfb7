package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/ui"
)

// classFormats are the report formats of "crux class".
var classFormats = []string{"md", "json", "csv"}

// classCmd is "crux class NOTES... [--content DIR | CLAIMS.json]
// [--format md|json|csv] [--out FILE]".
func (a *app) classCmd() *cobra.Command {
	var (
		format, out, contentArg string
		force                   bool
	)
	cmd := &cobra.Command{
		Use:   "class NOTES... [--content DIR | CLAIMS.json] [--format md|json|csv] [--out FILE]",
		Short: "Sum up a class's notes: stances per claim, who annotated what, where the class disagrees",
		Long: "class reads the notes files students handed in (crux notes export --format json,\n" +
			"or their notes files) on one content set (the embedded one unless --content, or a\n" +
			"last argument that is a folder holding claims.json or a file named claims.json) and\n" +
			"writes a report for grading: per claim, how many students agree, disagree, are\n" +
			"unsure, want evidence or took no stance, and everyone's notes on it; per student,\n" +
			"the claims they have not annotated; and the claims where the class disagrees most.\n" +
			"A folder stands for the .json files in it. Notes on renamed nodes follow formerIds;\n" +
			"notes whose node is gone are listed as orphaned. Files that cannot be read are\n" +
			"named on standard error with what is wrong and skipped; the others still count\n" +
			"(exit 0). If no file can be read, the exit status is 1. Two files by one author\n" +
			"are merged: by annotation id, the newer edit wins.\n\n" +
			"On a terminal, without --format or --out, the class opens in the explorer: a\n" +
			"stance bar on every claim, the class's stances and notes in the detail, and C\n" +
			"for the claims the class disagrees on most and who has not annotated what.\n" +
			"It is read-only: it writes no notes.\n\n" +
			"--format md (the default report) is a Markdown document, json one JSON object, csv one\n" +
			"row per student and claim for a spreadsheet. See docs/classroom.md.",
		Example: "  crux class handins/*.json                       # the class view, on a terminal\n" +
			"  crux class handins/*.json --out class.md\n" +
			"  crux class handins/ --content path/to/content --format csv --out class.csv",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "", "md", "json", "csv":
			default:
				return usageErr("--format %q: want md, json or csv", format)
			}
			if out != "" && out != "-" {
				if err := checkOutFile(out, force); err != nil {
					return err
				}
			}
			if contentArg == "" && len(args) > 1 && isContentSet(args[len(args)-1]) {
				contentArg, args = args[len(args)-1], args[:len(args)-1]
			}
			c, _, err := loadContent(contentArg)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			// Without --format or --out, on a terminal, the class opens in
			// the explorer; on the content's safe copy, the one the
			// students annotated (see explore).
			view := format == "" && (out == "" || out == "-") && a.opts.IsTerminal()
			if view {
				c = safe.Content(c)
			}
			cl := class.Load(c, args)
			a.reportClassFiles(cl)
			if len(cl.Files) == 0 {
				return &exitError{code: ExitError, err: fmt.Errorf("none of the %d notes files could be read; nothing to report", len(cl.Skipped))}
			}
			if view {
				return a.exploreClass(cmd.Context(), cl)
			}
			data, err := classReport(cl, format, time.Now())
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			if out == "" || out == "-" {
				if _, err := a.opts.Stdout.Write(data); err != nil {
					return &exitError{code: ExitError, err: fmt.Errorf("write class report: %w", err)}
				}
				return nil
			}
			if err := writeOutFile(out, data, force); err != nil {
				return err
			}
			fmt.Fprintf(a.opts.Stderr, "Wrote the report on %d students (%d files read, %d skipped) to %s\n",
				len(cl.Students), len(cl.Files), len(cl.Skipped), safe.Line(out))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&format, "format", "f", "", "report format: md (default), json or csv")
	f.StringVarP(&out, "out", "o", "", "write to `FILE` instead of standard output")
	f.BoolVar(&force, "force", false, "replace the --out file if it exists")
	f.StringVar(&contentArg, "content", "", "the content set the notes are on: `DIR` or CLAIMS.json (default: the embedded one)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(classFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// reportClassFiles names on standard error each file that was skipped, and
// each file about another article.
func (a *app) reportClassFiles(cl *class.Class) {
	for _, s := range cl.Skipped {
		fmt.Fprintf(a.opts.Stderr, "crux: skipped %s\n", safe.Line(s.Err.Error()))
	}
	for _, f := range cl.Files {
		if f.OtherArticle {
			fmt.Fprintf(a.opts.Stderr, "crux: warning: %s is about another article (%s); its notes that do not fit are listed as orphaned\n",
				safe.Line(f.Path), safe.Line(f.Article))
		}
	}
}

// classReport renders the report in format ("" is md), safe to print.
func classReport(cl *class.Class, format string, now time.Time) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = class.WriteJSON(&buf, cl, now)
	case "csv":
		err = class.WriteCSV(&buf, cl)
	default:
		err = class.WriteMarkdown(&buf, cl, now)
	}
	if err != nil {
		return nil, err
	}
	return inert(format == "json", buf.Bytes()), nil // notes come from anyone
}

// isContentSet reports whether path names a content set rather than notes:
// a folder holding claims.json, or a file named claims.json.
func isContentSet(path string) bool {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return false
	case fi.IsDir():
		_, err := os.Stat(filepath.Join(path, "claims.json"))
		return err == nil
	}
	return filepath.Base(path) == "claims.json"
}

// exploreClass opens the explorer on the class: read-only, no notes store.
func (a *app) exploreClass(ctx context.Context, cl *class.Class) error {
	opts, err := a.uiOptions()
	if err != nil {
		return err
	}
	limitMemory(cl.Content)
	opts.Sanitised = true // cl.Content is the safe copy
	opts.Class = cl
	m := ui.New(cl.Content, opts)
	if _, err := tea.NewProgram(&m, programOptions(ctx)...).Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}
