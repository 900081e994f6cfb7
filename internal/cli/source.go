package cli

import (
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// sourceCmd is "crux source": add cited publications.
func (a *app) sourceCmd() *cobra.Command {
	var src model.Source
	add := a.editCmd(&cobra.Command{
		Use:     "add --title TEXT [--publisher TEXT] [--published YYYY-MM-DD] [--url URL] [--id ID]",
		Short:   "Add a source",
		Example: `  crux source add --title "Road safety report 2024" --publisher "City council" --published 2024-03-01 --url https://example.org/report`,
		Args:    cobra.NoArgs,
		PreRunE: func(*cobra.Command, []string) error {
			if src.Title == "" {
				return usageErr("source add needs --title")
			}
			return nil
		},
	}, func(s *author.Session, _ []string) (author.Result, error) { return s.AddSource(src) })
	fl := add.Flags()
	fl.StringVar(&src.ID, "id", "", "the source's id (default: src- and words of the title)")
	fl.StringVar(&src.Title, "title", "", "the publication's title")
	fl.StringVar(&src.Publisher, "publisher", "", "who published it")
	fl.StringVar(&src.Published, "published", "", "when, as YYYY-MM-DD")
	fl.StringVar(&src.URL, "url", "", "its canonical http(s) URL")
	return groupCmd("source", "Add a cited publication that nodes can name with --source", "", add)
}
