package cli

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crux-news/crux/export"
	"github.com/crux-news/crux/internal/safe"
)

// exportCmd is "crux export --format F [--out FILE] [DIR | CLAIMS.json]".
func (a *app) exportCmd() *cobra.Command {
	var (
		format string
		out    string
		force  bool
	)
	formats := strings.Join(export.Formats(), ", ")
	cmd := &cobra.Command{
		Use:   "export --format F [--out FILE] [DIR | CLAIMS.json]",
		Short: "Write the content set as Argdown, AIF, ClaimReview, Graphviz DOT or a Markdown handout",
		Long: "export writes a content set (the embedded one with no argument) in a format\n" +
			"other tools read:\n\n" +
			"  argdown      statements, arguments and +> / -> relations for the Argdown tools\n" +
			"  aif          AIF JSON (I, RA and CA nodes) for OVA and AIFdb\n" +
			"  claimreview  schema.org ClaimReview JSON-LD, one per rated claim\n" +
			"  dot          a Graphviz digraph of the whole map\n" +
			"  markdown     a handout: claims in order with their positions and sources\n\n" +
			"It writes to standard output unless --out names a file, and never replaces an\n" +
			"existing file without --force. The content must load without errors.",
		Example: "  crux export --format dot | dot -Tsvg > map.svg\n" +
			"  crux export --format argdown --out debate.argdown path/to/content\n" +
			"  crux export --format markdown --out handout.md --force",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			f := strings.ToLower(strings.TrimSpace(format))
			if f == "" {
				return usageErr("--format is required: use one of %s", formats)
			}
			if !slices.Contains(export.Formats(), f) {
				return usageErr("unknown --format %q: use one of %s", format, formats)
			}
			if out != "" && out != "-" {
				if err := checkOutFile(out, force); err != nil {
					return err
				}
			}
			arg := ""
			if len(args) == 1 {
				arg = args[0]
			}
			c, findings, err := loadContent(arg)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			if n := findings.Warnings(); n > 0 {
				fmt.Fprintf(a.opts.Stderr, "crux: %s: %d warnings; run crux validate to see them\n", displayArg(arg), n)
			}
			for _, w := range export.Warnings(f, c) {
				fmt.Fprintf(a.opts.Stderr, "crux: %s: %s export: %s\n", displayArg(arg), f, safe.Line(w))
			}
			// Render first, so that a failing export leaves no file behind.
			var buf bytes.Buffer
			if err := export.Write(&buf, f, c); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			data := inert(f == export.FormatAIF || f == export.FormatClaimReview, buf.Bytes())
			if out == "" || out == "-" {
				if _, err := a.opts.Stdout.Write(data); err != nil {
					return &exitError{code: ExitError, err: fmt.Errorf("write %s export: %w", f, err)}
				}
				return nil
			}
			return writeOutFile(out, data, force)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "", "output format: "+formats)
	fl.StringVarP(&out, "out", "o", "", "write to `FILE` instead of standard output (\"-\" is standard output)")
	fl.BoolVar(&force, "force", false, "replace the --out file if it exists")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(export.Formats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// inert makes an output safe to print on a terminal: control characters
// that survived the writer are escaped (JSON) or shown as placeholders.
func inert(isJSON bool, data []byte) []byte {
	if isJSON {
		return safe.JSON(data)
	}
	return []byte(safe.Document(string(data)))
}
