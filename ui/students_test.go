package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/ui/noteedit"
	"github.com/crux-news/crux/ui/tally"
	"github.com/crux-news/crux/ui/theme"
)

// "needs-evidence" is spelled one way wherever the UI names it, as notes
// and exports spell it, and always with its own glyph (item 17).
func TestNeedsEvidenceOneSpelling(t *testing.T) {
	if got := noteedit.NeedsEvidence.String(); got != string(notes.NeedsEvidence) {
		t.Errorf("the notes filter says %q, notes say %q", got, notes.NeedsEvidence)
	}
	if got := DefaultVoteKeyMap().NeedsEvidence.Help().Desc; got != string(notes.NeedsEvidence) {
		t.Errorf("the vote key says %q", got)
	}
	bars := ansi.Strip(strings.Join(tally.Lines(theme.New(true, true), poll.Snapshot{Node: "c", Shown: true, Counts: poll.Counts{0, 1, 1, 1, 1}, Answered: 4, Viewers: 4}, 60), "\n"))
	if !strings.Contains(bars, "§ needs-evidence") || strings.Contains(bars, "needs evidence") || strings.Contains(bars, "…") {
		t.Errorf("the tally spells it otherwise:\n%s", bars)
	}
	for _, h := range DefaultKeyMap().FullHelp() {
		for _, b := range h {
			if strings.Contains(b.Help().Desc, "needs evidence") {
				t.Errorf("help says %q", b.Help().Desc)
			}
		}
	}
}
