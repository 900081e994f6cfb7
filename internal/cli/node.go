package cli

import (
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/model"
)

// nodeFlags are the fields of a node on the command line.
type nodeFlags struct {
	id, kind, summary, text, speaker string
	quote                            string
	occurrence                       int
	rating, explanation              string
	tags, sources                    []string
}

func (f *nodeFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.kind, "kind", "", "claim, skeptic or counterpoint")
	fl.StringVar(&f.summary, "summary", "", "one line, at most 80 characters")
	fl.StringVar(&f.text, "text", "", "the full statement, in Markdown")
	fl.StringVar(&f.speaker, "speaker", "", "who asserts it, in words")
	fl.StringVar(&f.quote, "quote", "", "a passage of the article the node is about (claims need one); it becomes an anchor")
	fl.IntVar(&f.occurrence, "occurrence", 0, "which occurrence of --quote, from 1, when it occurs more than once")
	fl.StringVar(&f.rating, "rating", "", "claims: the verdict's label, e.g. \"Partly supported\"")
	fl.StringVar(&f.explanation, "explanation", "", "claims: why the rating")
	fl.StringSliceVar(&f.tags, "tag", nil, "a tag (repeat, or separate with commas)")
	fl.StringSliceVar(&f.sources, "source", nil, "the id of a source backing the node (repeat, or separate with commas)")
}

// apply copies the flags the user gave onto n; the quote becomes the
// node's only anchor.
func (f *nodeFlags) apply(cmd *cobra.Command, s *author.Session, n *model.Node) error {
	ch := cmd.Flags().Changed
	if ch("quote") {
		an, err := quoteAnchor(s, f.quote, f.occurrence)
		if err != nil {
			return err
		}
		n.Anchors = []model.Anchor{an}
	}
	set := func(name string, dst *string, v string) {
		if ch(name) {
			*dst = v
		}
	}
	if ch("kind") {
		n.Kind = model.Kind(f.kind)
	}
	set("summary", &n.Summary, f.summary)
	set("text", &n.Text, f.text)
	set("speaker", &n.Speaker, f.speaker)
	if ch("tag") {
		n.Tags = f.tags
	}
	if ch("source") {
		n.Sources = f.sources
	}
	if ch("rating") || ch("explanation") {
		if n.Rating == nil {
			n.Rating = &model.Rating{}
		}
		set("rating", &n.Rating.Label, f.rating)
		set("explanation", &n.Rating.Explanation, f.explanation)
		if *n.Rating == (model.Rating{}) {
			n.Rating = nil
		}
	}
	return nil
}

// nodeCmd is "crux node": add, edit and remove nodes.
func (a *app) nodeCmd() *cobra.Command {
	return groupCmd("node", "Add, edit or remove a claim, skeptic position or counterpoint",
		"node changes the nodes of a content set (--set, default the current folder).\n"+
			"Each command validates the result and writes claims.json atomically only when\n"+
			"it has no error; otherwise it prints the findings and writes nothing (exit 1).",
		a.nodeAddCmd(), a.nodeEditCmd(), a.nodeRmCmd())
}

func (a *app) nodeAddCmd() *cobra.Command {
	var f nodeFlags
	var cmd *cobra.Command
	cmd = a.editCmd(&cobra.Command{
		Use:   "add --kind KIND --summary TEXT [--quote TEXT] [flags]",
		Short: "Add a node; --quote anchors it to a passage of the article",
		Example: `  crux node add --kind claim --summary "Lanes cut injuries by 40%" \
      --quote "cut cycling injuries by forty percent" --rating Unverified --tag safety`,
		Args: cobra.NoArgs,
		PreRunE: func(*cobra.Command, []string) error {
			if f.kind == "" || f.summary == "" {
				return usageErr("node add needs --kind and --summary")
			}
			return nil
		},
	}, func(s *author.Session, _ []string) (author.Result, error) {
		n := model.Node{ID: f.id}
		if err := f.apply(cmd, s, &n); err != nil {
			return author.Result{}, err
		}
		return s.AddNode(n)
	})
	f.add(cmd)
	cmd.Flags().StringVar(&f.id, "id", "", "the node's id (default: made from the kind and summary)")
	return cmd
}

func (a *app) nodeEditCmd() *cobra.Command {
	var (
		f      nodeFlags
		rename string
		cmd    *cobra.Command
	)
	cmd = a.editCmd(&cobra.Command{
		Use:   "edit ID [flags]",
		Short: "Change the fields given as flags; --rename gives the node a new id",
		Long: "edit sets the fields given as flags and leaves the others. --quote replaces the\n" +
			"node's anchors; --tag and --source replace its lists (an empty value clears one).\n" +
			"--rename NEW changes the id, keeps the old one in formerIds (notes still find the\n" +
			"node) and updates the links and tour steps that name it.",
		Args: cobra.ExactArgs(1),
	}, func(s *author.Session, args []string) (author.Result, error) {
		id := args[0]
		r, err := s.EditNode(id, func(n *model.Node) error { return f.apply(cmd, s, n) })
		if err != nil || rename == "" || r.Findings.Errors() > 0 {
			return r, err
		}
		rr, err := s.RenameNode(id, rename)
		rr.Op = r.Op + "; " + rr.Op
		return rr, err
	})
	f.add(cmd)
	cmd.Flags().StringVar(&rename, "rename", "", "a new id for the node")
	return cmd
}

func (a *app) nodeRmCmd() *cobra.Command {
	return a.editCmd(&cobra.Command{
		Use:   "rm ID",
		Short: "Remove a node with its links and tour steps (notes on it become orphans, never lost)",
		Args:  cobra.ExactArgs(1),
	}, func(s *author.Session, args []string) (author.Result, error) { return s.DeleteNode(args[0]) })
}
