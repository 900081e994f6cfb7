package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// The authoring commands (node, link, source, tour) share one shape: open
// the content set named by --set, apply one operation of the authoring
// engine, and report. The engine validates the result and writes
// claims.json atomically only when it has no error; these commands print
// what changed and the warnings it brought, or the findings and "nothing was written"
// with exit 1.

// setFlag adds --set, the content set a command edits.
func setFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVarP(p, "set", "s", ".", "the content set to edit: a folder holding claims.json, or a claims file")
}

// author opens the set, runs op, and reports the result.
func (a *app) author(set string, op func(s *author.Session) (author.Result, error)) error {
	s, err := author.Open(set)
	if err != nil {
		return a.authorErr(err)
	}
	before := map[string]bool{}
	for _, f := range s.Findings() {
		before[f.Code+f.Message] = true
	}
	r, err := op(s)
	if err != nil {
		return a.authorErr(err)
	}
	name := safe.Line(s.Path())
	if r.Findings.Errors() > 0 {
		for _, f := range r.Findings {
			fmt.Fprintln(a.opts.Stderr, safe.Line(f.String()))
		}
		fmt.Fprintf(a.opts.Stderr, "%s: %s would leave %s, %s; nothing was written (positions are in the file as it would be written)\n",
			name, safe.Line(r.Op), plural(r.Findings.Errors(), "error"), plural(r.Findings.Warnings(), "warning"))
		return errReported
	}
	for _, f := range r.Findings {
		if !before[f.Code+f.Message] { // only the warnings this change brought
			fmt.Fprintln(a.opts.Stdout, safe.Line(f.String()))
		}
	}
	state := "written"
	if !r.Written {
		state = "unchanged"
	}
	fmt.Fprintf(a.opts.Stdout, "%s: %s (%s, %s)\n", name, safe.Line(r.Op), state, plural(r.Findings.Warnings(), "warning"))
	return nil
}

// authorErr prints an engine error: loader findings one per line, anything
// else as one message. Both exit 1.
func (a *app) authorErr(err error) error {
	var fe *author.FindingsError
	if errors.As(err, &fe) {
		model.WriteReport(a.opts.Stderr, fe.Findings)
		return errReported
	}
	return &exitError{code: ExitError, err: err}
}

// quoteAnchor resolves --quote in the set's article for a new or edited node.
func quoteAnchor(s *author.Session, quote string, occurrence int) (model.Anchor, error) {
	an, err := s.QuoteAnchor(quote, occurrence)
	if err != nil {
		var qe *model.QuoteError
		if errors.As(err, &qe) {
			art := s.Article()
			return an, fmt.Errorf("%s: error[%s] --quote: %s", filepath.Clean(art.File), qe.Code, qe.Message)
		}
		return an, err
	}
	return an, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// groupCmd is a parent command (node, link, source, tour) that only holds
// its subcommands. Its RunE makes cobra check Args, so that "crux node
// bogus" is an unknown command (exit 2) rather than help and exit 0.
func groupCmd(use, short, long string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(subs...)
	return cmd
}

// editCmd completes cmd as an authoring command: it gets --set, and its
// RunE applies op to the set with the command's arguments. Usage checks
// belong in cmd.PreRunE, which runs before the set is opened.
func (a *app) editCmd(cmd *cobra.Command, op func(s *author.Session, args []string) (author.Result, error)) *cobra.Command {
	var set string
	setFlag(cmd, &set)
	cmd.RunE = func(_ *cobra.Command, args []string) error {
		return a.author(set, func(s *author.Session) (author.Result, error) { return op(s, args) })
	}
	return cmd
}
