package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui"
)

// uiOptions turns the global flags and the environment into explorer options.
func (a *app) uiOptions() (ui.Options, error) {
	switch a.g.theme {
	case "auto", "dark", "light":
	default:
		return ui.Options{}, usageErr("--theme %q: use auto, dark or light", a.g.theme)
	}
	return ui.Options{Theme: a.g.theme, NoColor: noColor()}, nil
}

// openNotes opens the reader's notes for c. A notes file that cannot be
// read is opened read-only, never overwritten; the explorer says why.
func (a *app) openNotes(c *model.Content) (*notes.Store, error) {
	path, err := a.notesPath(c)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	opts := []notes.Option{notes.WithReader(a.userName()), notes.WithContent(c)}
	store, err := notes.Open(path, opts...)
	if err == nil {
		return store, nil
	}
	var fe *notes.FileError
	if !errors.As(err, &fe) {
		return nil, err
	}
	ro, _ := notes.OpenReadOnly(path, opts...)
	return ro, nil
}

// frameRate is Bubble Tea's frame rate. Bubble Tea writes a frame at each
// tick of a ticker started with the program, so the first frame waits one
// tick: 16.7 ms at its default of 60 frames a second, and the raw mode to
// first write gap of a traced start was 20.7 ms. 120 (its maximum) halves
// that wait and the wait of every later frame after a key; an idle
// explorer wakes 120 times a second to find nothing to draw.
const frameRate = 120

// firstFrameDrawn is how long after the article's first screenful is ready
// Bubble Tea has surely drawn the frame that shows it: two frame periods
// (the frame waits for the next tick, then takes a few milliseconds). Work
// that can wait (the whole article's render, the collector) waits this long.
const firstFrameDrawn = 2 * time.Second / frameRate

// programOptions are the Bubble Tea options of every program crux runs in
// its terminal. The colour profile is the one lipgloss detected when the
// process started (lipgloss.Writer, on stdout, as Bubble Tea would): asking
// again costs a second "tmux info" under tmux before the first frame.
func programOptions(ctx context.Context) []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile), tea.WithFPS(frameRate)}
}

// limitMemory sets the Go runtime's soft memory limit in proportion to
// the content, unless GOMEMLIMIT is set: 48 MiB and 16 bytes per byte of
// article and node text. Without it the heap grows to twice the live heap
// at each collection while glamour renders a large article in the
// background (179-198 MiB peak RSS at 10k nodes + 1 MB, against 112-122
// MiB with a 97 MiB limit; internal/gen/ptytime -hold 6s). The live heap
// there stays under 40 MB (gctrace), well inside the 81 MiB this gives. The
// limit is soft: a heap that needs more gets it, collected more often.
func limitMemory(c *model.Content) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	n := int64(len(c.Article.Text))
	for _, nd := range c.Nodes() {
		n += int64(len(nd.Summary) + len(nd.Text))
	}
	debug.SetMemoryLimit(48<<20 + 16*n)
}

// noColor honours https://no-color.org: any non-empty NO_COLOR.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

func (a *app) explore(ctx context.Context, c *model.Content, arg string, session *author.Session) error {
	opts, err := a.uiOptions()
	if err != nil {
		return err
	}
	opts.Session = session
	if arg != "" {
		// Live reload: a set on disk is watched, the embedded one is not.
		w, err := watch.StartLoaded(arg, c, 0)
		if err != nil {
			return err
		}
		defer w.Close()
		opts.Watch = w
	}
	// One sanitised copy for the notes and the explorer alike, so that the
	// hashes and quotes the notes keep match what the reader sees.
	restoreGC := startupGC(c)
	c = safe.Content(c)
	opts.Sanitised = true // once, not again in ui.New (19–28 ms at 10k nodes)
	store, err := a.openNotes(c)
	if err != nil {
		return err
	}
	opts.Notes = store
	// The explorer lays itself out and renders the article's first
	// screenful for the terminal's size before the program starts, so that
	// the first frame shows the article (Bubble Tea reads the same size).
	if w, h, err := term.GetSize(os.Stdout.Fd()); err == nil {
		opts.Width, opts.Height = w, h
		opts.RestAfter = firstFrameDrawn
	}
	popts := append(programOptions(ctx), tea.WithFilter(restoreGCWhenShown(restoreGC, firstFrameDrawn)))
	m := ui.New(c, opts)
	p := tea.NewProgram(&m, popts...)
	final, runErr := p.Run()
	// Bubble Tea does not wait for running commands when it quits: wait for
	// the explorer's queued note saves, even when the terminal failed.
	var closeErr error
	if fm, ok := final.(interface{ Close() error }); ok {
		if err := fm.Close(); err != nil {
			closeErr = fmt.Errorf("notes: %w", err)
		}
	}
	if runErr != nil {
		return errors.Join(fmt.Errorf("terminal: %w", runErr), closeErr)
	}
	return closeErr
}

// editUICmd is crux edit: the explorer with authoring on.
func (a *app) editUICmd() *cobra.Command {
	return &cobra.Command{
		Use:   "edit [DIR | CLAIMS.json]",
		Short: "Explore a content set and author its claims graph: select passages, add nodes, links and tours",
		Long: "crux edit opens a content set (default: the current folder) in the explorer with authoring\n" +
			"on: v selects a passage, C adds a node, e edits, X deletes, L links, T arranges tours,\n" +
			"u and ctrl+r undo and redo, F lists the validator's findings, ? shows every key.\n" +
			"Every change is validated and claims.json is written only when valid.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			arg := "."
			if len(args) == 1 {
				arg = args[0]
			}
			s, err := author.Open(arg)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			c := s.Content()
			if !author.Showable(c, s.Findings()) {
				// The explorer needs content it can show; the findings say
				// why not. Other errors open, listed in the findings panel.
				fs := author.Unshowable(s.Findings())
				if len(fs) == 0 {
					fs = s.Findings() // no content at all: every finding may be why
				}
				return &exitError{code: ExitError, err: &author.UnshowableError{Findings: fs}}
			}
			if !a.opts.IsTerminal() {
				return usageErr("crux edit needs a terminal; use crux node, crux link and crux tour in scripts")
			}
			return a.explore(cmd.Context(), c, arg, s)
		},
	}
}
