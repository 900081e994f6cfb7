package cli

import (
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// linkCmd is "crux link": add and remove supports/attacks links.
func (a *app) linkCmd() *cobra.Command {
	var note string
	add := a.editCmd(&cobra.Command{
		Use:     "add FROM supports|attacks TO [--note TEXT]",
		Short:   "Link two nodes: FROM supports or attacks TO",
		Example: `  crux link add skeptic-cost attacks claim-cheap --note "the figure leaves out the chips"`,
		Args:    cobra.ExactArgs(3),
		PreRunE: func(_ *cobra.Command, args []string) error {
			if t := model.LinkType(args[1]); t != model.Supports && t != model.Attacks {
				return usageErr("link type %q: want supports or attacks", args[1])
			}
			return nil
		},
	}, func(s *author.Session, args []string) (author.Result, error) {
		return s.AddLink(model.Link{From: args[0], To: args[2], Type: model.LinkType(args[1]), Note: note})
	})
	add.Flags().StringVar(&note, "note", "", "why the link holds")
	rm := a.editCmd(&cobra.Command{
		Use:   "rm FROM TO",
		Short: "Remove the link from FROM to TO",
		Args:  cobra.ExactArgs(2),
	}, func(s *author.Session, args []string) (author.Result, error) { return s.RemoveLink(args[0], args[1]) })
	return groupCmd("link", "Add or remove a supports/attacks link between two nodes", "", add, rm)
}
