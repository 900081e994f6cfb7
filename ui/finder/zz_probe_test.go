package finder

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

func TestZZProbe(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		return
	}
	c, _ := model.LoadFS(content.FS, content.ClaimsFile)
	b, _ := model.LoadFile("../../testdata/bikelanes")
	for _, set := range []struct {
		name string
		c    *model.Content
		qs   []string
	}{{"embedded", c, []string{"skeptic: stash", "h100", "stash", "article: app store", "five years", "cost", "nvidia", "sputnik"}}, {"bikes", b, []string{"skeptic: one year", "five years", "parking", "shop"}}} {
		ix := NewIndex(set.c)
		for _, q := range set.qs {
			res := ix.Search(ParseQuery(q))
			fmt.Printf("== %s %q: %d results\n", set.name, q, len(res))
			for i, r := range res {
				if i >= 12 {
					break
				}
				it := ix.Items()[r.Item]
				id := fmt.Sprintf("¶%d", it.Block)
				if it.Node != nil {
					id = it.Node.ID
				}
				ti := it.Title
				if len(ti) > 70 {
					ti = ti[:70]
				}
				fmt.Printf("%3d %5d %-32s %s\n", i+1, r.Score, id, strings.ReplaceAll(ti, "\n", " "))
			}
		}
	}
}
