package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// fmtCmd is "crux fmt": rewrite claims files in the canonical format.
func (a *app) fmtCmd() *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "fmt [DIR | CLAIMS.json] [--check]",
		Short: "Rewrite claims files in crux's canonical, diff-friendly format",
		Long: "fmt rewrites each claims file given (default: ./claims.json) with one key order and\n" +
			"two-space indentation, the format crux itself writes, so that changing one node\n" +
			"changes only its lines in a diff. The content is unchanged. A file with a syntax\n" +
			"error or an unknown or repeated key is left alone and its findings printed.\n" +
			"--check writes nothing and lists the files that are not formatted (exit 1).",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			failed := false
			for _, arg := range args {
				if !a.fmtOne(arg, check) {
					failed = true
				}
			}
			if failed {
				return errReported
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; list files that are not formatted and exit 1 if any")
	return cmd
}

// fmtOne formats one claims file; it returns false on a failure or, with
// check, when the file is not formatted.
func (a *app) fmtOne(arg string, check bool) bool {
	p := arg
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		p = filepath.Join(arg, "claims.json")
	}
	fi, err := os.Stat(p)
	if err != nil {
		_, fs := model.LoadFile(arg)
		model.WriteReport(a.opts.Stderr, fs)
		return false
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		fmt.Fprintf(a.opts.Stderr, "crux: %s\n", safe.Line(err.Error()))
		return false
	}
	out, fs, err := author.Format(p, raw)
	if err != nil {
		for _, f := range fs {
			fmt.Fprintln(a.opts.Stderr, safe.Line(f.String()))
		}
		fmt.Fprintf(a.opts.Stderr, "crux: %s; nothing was written\n", safe.Line(err.Error()))
		return false
	}
	name := safe.Line(p)
	switch {
	case bytes.Equal(out, raw):
		if !check {
			fmt.Fprintf(a.opts.Stdout, "%s: already formatted\n", name)
		}
		return true
	case check:
		fmt.Fprintf(a.opts.Stdout, "%s: not formatted; run crux fmt %s\n", name, name)
		return false
	}
	if err := renameio.WriteFile(p, out, fi.Mode().Perm()); err != nil {
		fmt.Fprintf(a.opts.Stderr, "crux: write %s: %s\n", name, safe.Line(err.Error()))
		return false
	}
	fmt.Fprintf(a.opts.Stdout, "%s: formatted\n", name)
	return true
}
