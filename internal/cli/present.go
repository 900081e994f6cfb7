package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/internal/presentlink"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui"
	uipresent "github.com/crux-news/crux/ui/presenter"
	"github.com/crux-news/crux/ui/theme"
)

// notesRetry is how often the notes view looks for a presenter that is not
// (or no longer) running.
const notesRetry = 500 * time.Millisecond

// presentFlags are the flags `crux present` and `crux serve` share.
type presentFlags struct {
	tour     string
	duration time.Duration
}

func (f *presentFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.tour, "tour", "", "id of the tour to present (default: the first tour in claims.json)")
	cmd.Flags().DurationVar(&f.duration, "duration", 0, "time budget of the talk, e.g. 20m; the clock then says whether you are ahead or behind")
}

func (a *app) presentCmd() *cobra.Command {
	var (
		f     presentFlags
		notes bool
	)
	cmd := &cobra.Command{
		Use:   "present [DIR | CLAIMS.json]",
		Short: "Walk a room through a tour of the article, step by step",
		Long: "present shows one tour step at a time: the step's node, its passage in the\n" +
			"article and its linked skeptic positions and counterpoints, revealed one by one.\n" +
			"Keys: space/→/n next, ←/p previous, r reveal, 3 enter or g jump, i index,\n" +
			"b blank, e explore freely (ctrl+t back to the tour), ? help, q quit.\n\n" +
			"Run `crux present --notes` on the same content in a second terminal for the\n" +
			"speaker notes, the next step and the clock; it finds the presenter by itself.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if notes {
				return a.runNotes(cmd.Context(), args)
			}
			return a.runPresent(cmd.Context(), args, f, nil)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&notes, "notes", false, "show the speaker notes of the crux present running on this content")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		if strings.Contains(err.Error(), `for "--notes" flag`) { // --notes=FILE
			return usageErr("%s", presentNotesHint)
		}
		return &exitError{code: ExitUsage, err: err}
	})
	return cmd
}

// presentNotesHint explains the two --notes flags to whoever gave crux
// present a notes file.
const presentNotesHint = "--notes in crux present starts the speaker-notes view and takes no file; " +
	"give a notes file to crux or crux notes instead (crux --notes FILE, crux notes export --notes FILE)"

// presentSession is what `crux present` and `crux serve` share: the
// content, the tour, the styles and the hub.
type presentSession struct {
	c     *model.Content
	tour  model.Tour
	uiOpt ui.Options
	st    theme.Styles
	hub   *present.Hub
	sock  string
	// poll and viewers are crux serve's audience poll; nil without one.
	poll    *poll.Poll
	viewers func() int
	arg     string // the content set's folder or claims file; "" for the embedded one
}

// openPresent loads the content and checks the tour and the terminal.
func (a *app) openPresent(args []string, f presentFlags) (*presentSession, error) {
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	c, _, err := loadContent(arg)
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	tour, err := present.FindTour(c, f.tour)
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	if f.duration < 0 {
		return nil, usageErr("--duration %v: give a positive duration such as 20m", f.duration)
	}
	if !a.opts.IsTerminal() {
		return nil, usageErr("presenting needs a terminal; run it in one")
	}
	opts, err := a.uiOptions()
	if err != nil {
		return nil, err
	}
	sock, err := presentlink.SocketPath(contentKey(arg, c))
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	return &presentSession{
		c: c, tour: tour, uiOpt: opts, sock: sock, arg: arg,
		st:  theme.New(opts.Theme != "light", opts.NoColor),
		hub: present.NewHub(),
	}, nil
}

// contentKey identifies a content set for the presenter socket: the
// claims file's absolute path, or a fixed name for the embedded content.
func contentKey(arg string, c *model.Content) string {
	if arg == "" {
		return "embedded:" + c.Path
	}
	if abs, err := filepath.Abs(c.Path); err == nil {
		return abs
	}
	return c.Path
}

// followMsg tells an explorer in follow mode where the presenter is.
func followMsg(c *model.Content, tour model.Tour, s present.State) ui.FollowMsg {
	f := ui.FollowMsg{Tour: tour.Title, Step: s.Step, Steps: len(tour.Steps), Revealed: s.Revealed, Blank: s.Blank, Ended: s.Ended}
	if s.Step >= 0 && s.Step < len(tour.Steps) {
		f.Node = tour.Steps[s.Step].Node
	}
	if s.Poll != nil {
		f.Poll = *s.Poll
		if !f.Poll.Shown { // results stay with the presenter until shown
			f.Poll.Counts, f.Poll.Moved, f.Poll.Answered = poll.Counts{}, poll.Counts{}, 0
		}
	}
	return f
}

// explorerAt builds the presenter's free-navigation explorer, placed at the
// presenter's step and browsing freely from there.
func (ps *presentSession) explorerAt(c *model.Content, s present.State) (tea.Model, tea.Cmd) {
	opts := ps.uiOpt
	opts.Follow = true
	opts.ReturnHint = "exploring · ctrl+t back to the tour"
	explorer := ui.New(c, opts)
	var m tea.Model = &explorer
	m, place := m.Update(followMsg(c, ps.tour, s))
	m, browse := m.Update(ui.BrowseMsg{})
	return m, tea.Batch(place, browse)
}

// runPresent runs the presenter in this terminal, with the notes socket; a
// non-nil status adds to the presenter's footer (crux serve's viewers).
func (a *app) runPresent(ctx context.Context, args []string, f presentFlags, status func() string) error {
	ps, err := a.openPresent(args, f)
	if err != nil {
		return err
	}
	return a.present(ctx, ps, f, status)
}

func (a *app) present(ctx context.Context, ps *presentSession, f presentFlags, status func() string) error {
	link, err := presentlink.Listen(ps.sock, ps.hub)
	switch {
	case errors.Is(err, presentlink.ErrPresenting):
		return &exitError{code: ExitError, err: err}
	case err != nil:
		fmt.Fprintf(a.opts.Stderr, "crux: warning: speaker notes are unavailable: %v\n", err)
	default:
		defer link.Close()
	}
	var w *watch.Watcher
	if ps.arg != "" {
		if w, err = watch.StartLoaded(ps.arg, ps.c, 0); err != nil {
			return err
		}
		defer w.Close()
	}
	m := uipresent.New(ps.c, uipresent.Options{
		Watch:     w,
		Styles:    ps.st,
		AutoTheme: ps.uiOpt.Theme == "auto",
		TourID:    ps.tour.ID,
		Duration:  f.duration,
		Hub:       ps.hub,
		Explorer:  ps.explorerAt,
		Status:    status,
		Poll:      ps.poll,
		Viewers:   ps.viewers,
	})
	if _, err := tea.NewProgram(m, programOptions(ctx)...).Run(); err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}

// runNotes follows the presenter of the same content in this terminal.
func (a *app) runNotes(ctx context.Context, args []string) error {
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	c, _, err := loadContent(arg)
	if err != nil {
		if isNotesFile(arg) {
			return usageErr("%s is a notes file, but %s", arg, presentNotesHint)
		}
		if _, serr := os.Stat(arg); errors.Is(serr, fs.ErrNotExist) {
			// `crux present --notes FILE` with a notes file not made yet:
			// FILE reads as the content, which is not what was meant.
			// The hint comes first; the loader's reason (which names the
			// path safely) follows for whoever meant a content set.
			return usageErr("%s. As a content set: %s", presentNotesHint, err.Error())
		}
		return &exitError{code: ExitError, err: err}
	}
	if !a.opts.IsTerminal() {
		return usageErr("the notes view needs a terminal; run it in one")
	}
	opts, err := a.uiOptions()
	if err != nil {
		return err
	}
	sock, err := presentlink.SocketPath(contentKey(arg, c))
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m := uipresent.NewNotes(c, uipresent.NotesOptions{
		Styles:    theme.New(opts.Theme != "light", opts.NoColor),
		AutoTheme: opts.Theme == "auto",
		Events:    presentlink.Follow(ctx, sock, notesRetry),
		Socket:    sock,
	})
	if _, err := tea.NewProgram(m, programOptions(ctx)...).Run(); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}

// isNotesFile reports whether path is a regular JSON file of at most
// model.MaxFileSize bytes whose top level has "type": "AnnotationCollection"
// (a notes file, given by mistake as `crux present --notes FILE`).
func isNotesFile(path string) bool {
	if path == "" {
		return false
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > model.MaxFileSize {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var top struct {
		Type json.RawMessage `json:"type"`
	}
	if json.Unmarshal(data, &top) != nil {
		return false
	}
	var one string
	if json.Unmarshal(top.Type, &one) == nil {
		return one == notes.TypeCollection
	}
	var many []string
	return json.Unmarshal(top.Type, &many) == nil && slices.Contains(many, notes.TypeCollection)
}
