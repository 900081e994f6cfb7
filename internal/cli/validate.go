package cli

import (
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR | CLAIMS.json]",
		Short: "Check a content set and list every problem with its file, line and column",
		Long: "validate loads a content set (the embedded one with no argument), prints every\n" +
			"finding as path:LINE:COL: severity[code] /json/pointer: message, and a summary.\n" +
			"Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on usage errors.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var fs model.Findings
			if len(args) == 0 {
				_, fs = model.LoadFS(content.FS, content.ClaimsFile)
			} else {
				_, fs = model.LoadFile(args[0])
			}
			model.WriteReportFor(a.opts.Stdout, safe.Line(claimsName(args)), fs)
			if fs.Errors() > 0 {
				return errReported
			}
			return nil
		},
	}
}

// claimsName is the claims file validate reports on, for the summary line.
func claimsName(args []string) string {
	if len(args) == 0 {
		return "embedded " + content.ClaimsFile
	}
	return args[0]
}
