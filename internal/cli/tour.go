package cli

import (
	"strconv"

	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// tourCmd is "crux tour": start tours and add, move or remove their steps.
func (a *app) tourCmd() *cobra.Command {
	var (
		tour, title string
		after       int
		from, to    int
		step        model.TourStep
	)
	tourFlag := func(cmd *cobra.Command) *cobra.Command {
		cmd.Flags().StringVar(&tour, "tour", "", "the tour's id (default: the first tour)")
		return cmd
	}
	newTour := a.editCmd(&cobra.Command{
		Use:   "new ID --title TEXT",
		Short: "Start an empty tour",
		Args:  cobra.ExactArgs(1),
		PreRunE: func(*cobra.Command, []string) error {
			if title == "" {
				return usageErr("tour new needs --title")
			}
			return nil
		},
	}, func(s *author.Session, args []string) (author.Result, error) { return s.NewTour(args[0], title) })
	newTour.Flags().StringVar(&title, "title", "", "shown when the tour starts")

	addStep := tourFlag(a.editCmd(&cobra.Command{
		Use:     "add-step NODE [--after N] [--title TEXT] [--speaker-notes TEXT]",
		Short:   "Add a node as a step of a tour, at the end or after step N",
		Example: `  crux tour add-step claim-cheap --title "The headline number" --speaker-notes "Ask: who said it?"`,
		Args:    cobra.ExactArgs(1),
		// --notes is crux's notes file everywhere; this command has no use
		// for it, so it is most likely meant as speaker notes (its old
		// name): say so rather than add a step without them.
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("notes") {
				return usageErr("--notes is the notes file; a step's speaker notes are --speaker-notes")
			}
			return nil
		},
	}, func(s *author.Session, args []string) (author.Result, error) {
		step.Node = args[0]
		at := after - 1 // the engine counts from 0; --after 0 puts the step first
		if after < 0 {
			at = 1 << 30 // the end
		}
		return s.AddStep(tour, at, step)
	}))
	fl := addStep.Flags()
	fl.IntVar(&after, "after", -1, "put the step after step N (0: first; default: last)")
	fl.StringVar(&step.Title, "title", "", "a heading for the stop")
	fl.StringVar(&step.Notes, "speaker-notes", "", "speaker notes, Markdown")

	moveStep := tourFlag(a.editCmd(&cobra.Command{
		Use:   "move-step --from N --to M",
		Short: "Move step N of a tour to position M",
		Args:  cobra.NoArgs,
	}, func(s *author.Session, _ []string) (author.Result, error) { return s.MoveStep(tour, from-1, to-1) }))
	moveStep.Flags().IntVar(&from, "from", 0, "the step to move, from 1")
	moveStep.Flags().IntVar(&to, "to", 0, "its new position, from 1")

	rmStep := tourFlag(a.editCmd(&cobra.Command{
		Use:   "rm-step N",
		Short: "Remove step N of a tour",
		Args:  cobra.ExactArgs(1),
		PreRunE: func(_ *cobra.Command, args []string) error {
			if n, err := strconv.Atoi(args[0]); err != nil || n < 1 {
				return usageErr("step %q: want a number from 1", args[0])
			}
			return nil
		},
	}, func(s *author.Session, args []string) (author.Result, error) {
		n, _ := strconv.Atoi(args[0])
		return s.RemoveStep(tour, n-1)
	}))

	return groupCmd("tour", "Start a presenter's tour, add, move or remove its steps",
		"tour edits the tours of a content set. Steps are numbered from 1. --tour names\n"+
			"the tour; without it the first tour is used.",
		newTour, addStep, moveStep, rmStep)
}
