package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/safe"
)

// newCmd is "crux new": start a content set from an article.
func (a *app) newCmd() *cobra.Command {
	var opts author.NewOptions
	cmd := &cobra.Command{
		Use:   "new SOURCE [--out DIR]",
		Short: "Start a content set from a Markdown, text or HTML file, or the URL of a web page",
		Long: "new writes DIR/article.md and DIR/claims.json with the article's details and no\n" +
			"nodes yet. From HTML (a file or an http(s) URL) it keeps the article and drops\n" +
			"navigation, ads and sidebars, converts it to Markdown, and takes the title,\n" +
			"author, site, date and canonical URL from the page. It never replaces a file.\n" +
			"DIR defaults to a folder named after the title. Then add nodes with crux node add.",
		Example: "  crux new https://example.com/news/bike-lanes --out bikes\n  crux new draft.md",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := author.New(cmd.Context(), args[0], opts)
			if err != nil {
				return a.authorErr(err)
			}
			w := a.opts.Stdout
			fmt.Fprintf(w, "created %s and %s (%d words)\n", safe.Line(c.Article), safe.Line(c.Claims), c.Words)
			for _, kv := range [][2]string{{"title", c.Meta.Title}, {"author", c.Meta.Author}, {"publisher", c.Meta.Publisher},
				{"published", c.Meta.Published}, {"url", c.Meta.URL}} {
				if kv[1] != "" {
					fmt.Fprintf(w, "  %-9s %s\n", kv[0], safe.Line(kv[1]))
				}
			}
			fmt.Fprintf(w, "next: crux node add --set %s --kind claim --summary \"…\" --quote \"…\"\n", safe.Line(c.Dir))
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "the folder to create (default: named after the article's title)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 30*time.Second, "how long to wait for a URL")
	return cmd
}
