// Package cli wires crux's command line: the root command that opens the
// explorer and the subcommands (validate, notes, export, present, serve, class,
// new, fmt, node, link, source, tour, poll).
// main calls Run and exits with the code it returns.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the content or a file has errors, or the program failed
	ExitUsage = 2 // the command line is wrong
)

// Options are the process's inputs, injected so that tests can run commands.
type Options struct {
	Args    []string // without the program name
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Version string
	// IsTerminal reports whether standard output is a terminal.
	IsTerminal func() bool
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks err as a command-line mistake (exit 2).
func usageErr(format string, a ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, a...)}
}

// failed marks err as a failure (exit 1) whose message was already printed.
var errReported = errors.New("errors reported above")

// globals are the flags every command shares.
type globals struct {
	theme string
	name  string
	notes string
}

// app is what commands share: the options and the global flags.
type app struct {
	opts Options
	g    globals
}

// Run executes the command line and returns the process exit code.
func Run(ctx context.Context, opts Options) int {
	if opts.IsTerminal == nil {
		opts.IsTerminal = func() bool { return false }
	}
	a := &app{opts: opts}
	root := a.rootCmd()
	root.SetArgs(opts.Args)
	root.SetIn(opts.Stdin)
	root.SetOut(opts.Stdout)
	root.SetErr(opts.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &exitError{code: ExitUsage, err: err}
	})
	err := fang.Execute(ctx, root,
		fang.WithVersion(opts.Version),
		fang.WithoutManpage(),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			if errors.Is(err, errReported) {
				return
			}
			// Messages quote file names and contents: keep them inert.
			fmt.Fprintf(w, "crux: %s\n", safe.Text(err.Error()))
		}),
	)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isCobraUsage(err) {
		return ExitUsage
	}
	return ExitError
}

// isCobraUsage recognises cobra's own argument errors, which carry no
// type: an unknown command, and the argument counts of cobra.NoArgs,
// MaximumNArgs, RangeArgs and friends. Flag errors never reach it: they go
// through SetFlagErrorFunc. Only these exact message shapes count, so an
// error that merely mentions "invalid argument" (EINVAL from a terminal)
// stays a failure, exit 1.
func isCobraUsage(err error) bool {
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command ") {
		return true
	}
	for _, p := range []string{"accepts ", "requires at least "} {
		if strings.HasPrefix(msg, p) && strings.Contains(msg, " arg(s)") && strings.Contains(msg, "received ") {
			return true
		}
	}
	return false
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "crux [DIR | CLAIMS.json]",
		Short: "Explore a news article and the claims, skeptic positions and counterpoints in it",
		Long: "crux opens a news article in the terminal next to its claims graph.\n" +
			"With no argument it opens the embedded DeepSeek-R1 column; give a folder\n" +
			"holding claims.json, or a claims file, to open another content set.",
		Args: cobra.MaximumNArgs(1),
		RunE: a.runExplore,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			switch a.g.theme {
			case "auto", "dark", "light":
				return nil
			}
			return usageErr("--theme %q: use auto, dark or light", a.g.theme)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.g.theme, "theme", "auto", "colour theme: auto, dark or light")
	pf.StringVar(&a.g.name, "name", "", "your name on notes (default $USER)")
	pf.StringVar(&a.g.notes, "notes", "", "notes file (default: one per article in the XDG data directory)")
	root.Flags().Bool("print", false, "print the article with claim markers and an index instead of starting the UI")
	root.Flags().IntP("width", "w", -1, "with --print: wrap at this many columns, 0 not at all (default: the terminal's width up to 120, else 80, as glow)")
	root.AddCommand(
		a.validateCmd(),
		a.notesCmd(),
		a.exportCmd(),
		a.presentCmd(),
		a.serveCmd(),
		a.newCmd(),
		a.editUICmd(),
		a.fmtCmd(),
		a.nodeCmd(),
		a.linkCmd(),
		a.sourceCmd(),
		a.tourCmd(),
		a.classCmd(),
		a.pollCmd(),
	)
	return root
}

// loadContent loads the embedded content (arg == "") or the content set at
// arg. The returned findings include warnings; err is set when the content
// cannot be used, and its text names the file and the first problem.
func loadContent(arg string) (*model.Content, model.Findings, error) {
	var (
		c  *model.Content
		fs model.Findings
	)
	if arg == "" {
		c, fs = model.LoadFS(content.FS, content.ClaimsFile)
	} else {
		c, fs = model.LoadFile(arg)
	}
	if err := fs.Err(); err != nil {
		return nil, fs, err
	}
	if c == nil {
		return nil, fs, fmt.Errorf("%s: could not load the content set", displayArg(arg))
	}
	return c, fs, nil
}

func displayArg(arg string) string {
	if arg == "" {
		return "embedded content"
	}
	return filepath.Clean(arg)
}

func (a *app) runExplore(cmd *cobra.Command, args []string) error {
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	c, _, err := loadContent(arg)
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	printMode, _ := cmd.Flags().GetBool("print")
	if printMode || !a.opts.IsTerminal() {
		width, _ := cmd.Flags().GetInt("width")
		if width < 0 {
			width = a.printWidth()
		}
		defer startupGC(c)()
		return writePrint(a.opts.Stdout, c, width)
	}
	return a.explore(cmd.Context(), c, arg, nil)
}

// userName is the reader's name for notes: --name, else $USER.
func (a *app) userName() string {
	if a.g.name != "" {
		return a.g.name
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "reader"
}
