package finder

import (
	"fmt"
	"os"
	"testing"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

func TestZZProbe2(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		return
	}
	c, _ := model.LoadFS(content.FS, content.ClaimsFile)
	ix := NewIndex(c)
	for _, q := range []string{"stash", "app store", "h100", "cost", "five years"} {
		res := ix.Search(ParseQuery(q))
		tiers := map[Tier]int{}
		var spans []int
		for _, r := range res {
			tiers[r.Tier]++
			if r.Tier >= TierTitleFuzzy {
				spans = append(spans, r.Matched[len(r.Matched)-1]-r.Matched[0]+1)
			}
		}
		fmt.Printf("%q: %d tiers %v fuzzy spans %v\n", q, len(res), tiers, spans)
	}
}

func TestZZProbe3(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		return
	}
	c, _ := model.LoadFS(content.FS, content.ClaimsFile)
	ix := NewIndex(c)
	for _, ab := range [][2]int{{2, 4}} {
		_ = ab
		fmt.Printf("limit %dx+%d:", ab[0], ab[1])
		for _, q := range []string{"stash", "app store", "h100", "cost", "five years", "nvidia", "dpsk", "export ctrl", "sptnk"} {
			res := ix.Search(ParseQuery(q))
			tiers := [4]int{}
			for _, r := range res {
				tiers[r.Tier]++
			}
			fmt.Printf(" %s=%d%v", q, len(res), tiers)
		}
		fmt.Println()
	}
}
