package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/google/renameio/v2"
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
			if err := writeExportFile(out, data, force); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			return nil
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

// writeExportFile writes data to path. Without force it creates the file
// and fails if it exists; with force it replaces it atomically (temporary
// file, then rename), so a reader never sees half an export.
func writeExportFile(path string, data []byte, force bool) error {
	if force {
		if err := renameio.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: add --force to replace it, or choose another --out", path)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(path) // do not leave a partial export behind
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
