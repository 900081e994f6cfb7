package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/poll"
)

func (a *app) pollCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "poll",
		Short: "Summarise the live polls of a talk given with crux serve",
	}
	var format string
	report := &cobra.Command{
		Use:   "report LOG",
		Short: "Summarise a poll log step by step: counts, shares and changes after reveals",
		Long: "report reads the JSON Lines poll log crux serve wrote (its path is printed at\n" +
			"start) and summarises each polled step: the final answers per stance, their\n" +
			"share, how often the results were shown, and how many viewers changed their\n" +
			"answer after the first reveal. Voters appear in no output.",
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "md" && format != "json" && format != "csv" {
				return usageErr("--format %q: use md, json or csv", format)
			}
			f, err := os.Open(args[0])
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			defer f.Close()
			events, err := poll.ReadLog(f, args[0])
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			if err := poll.Write(a.opts.Stdout, poll.Report(events), format); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			return nil
		},
	}
	report.Flags().StringVar(&format, "format", "md", "md, json or csv")
	cmd.AddCommand(report)
	return cmd
}

// openPollLog opens the poll log of a talk: path, or a new file
// $XDG_DATA_HOME/crux/polls/TOUR-TIME.jsonl when empty.
func openPollLog(path, tour string, now time.Time) (*poll.Log, error) {
	if path == "" {
		name := strings.Map(func(r rune) rune {
			if r == '/' || r == '\\' || r == os.PathSeparator {
				return '-'
			}
			return r
		}, tour) + "-" + now.Format("20060102-150405") + ".jsonl"
		p, err := xdg.DataFile(filepath.Join("crux", "polls", name))
		if err != nil {
			return nil, fmt.Errorf("poll log location: %w", err)
		}
		path = p
	}
	return poll.OpenLog(path)
}
