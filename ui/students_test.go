package ui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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

// esc keeps what was typed in both the note editor and the tag input;
// ctrl+g discards, asking first when something changed, and a "no" keeps
// the draft and types nothing (item 18).
func TestEscSavesCtrlGDiscards(t *testing.T) {
	ctrlG := tea.KeyPressMsg{Code: 'g', Mod: tea.ModCtrl}
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("j", "a", "first draft")...)
	m = drive(t, m, ctrlG)
	mustContain(t, ansi.Strip(screen(m)), "discard your changes?")
	m = drive(t, m, keys("x")...) // no: back to the draft, x not typed
	if scr := ansi.Strip(screen(m)); !m.stack.has(layerEditor) || !strings.Contains(scr, "first draft") || strings.Contains(scr, "first draftx") {
		t.Fatalf("a no to the question closed the editor or typed the key:\n%s", scr)
	}
	m = drive(t, m, ctrlG, keys("y")[0])
	if m.stack.has(layerEditor) || len(openStore(t, c, path).ForNode("claim-cheapest")) != 0 {
		t.Fatal("ctrl+g y did not discard the draft")
	}
	mustContain(t, ansi.Strip(screen(m)), "changes discarded")

	m = drive(t, m, keys("a", "kept", "esc")...)
	m = drive(t, m, keys("t", "cost", "esc")...)
	got := openStore(t, c, path).ForNode("claim-cheapest")
	if len(got) != 1 || got[0].Note() != "kept" || strings.Join(got[0].Tags(), ",") != "cost" {
		t.Fatalf("esc did not save the note and the tags: %+v", got)
	}
	m = drive(t, m, keys("t", " more")...)
	m = drive(t, m, ctrlG, ctrlG)
	if m.stack.has(layerTags) || strings.Join(openStore(t, c, path).ForNode("claim-cheapest")[0].Tags(), ",") != "cost" {
		t.Fatal("ctrl+g ctrl+g did not discard the tags typed")
	}
	m = drive(t, m, keys("a")...)
	if m = drive(t, m, ctrlG); m.stack.has(layerEditor) {
		t.Fatal("ctrl+g on an unchanged note asks or stays open")
	}
}

// A note reads in full where it belongs: rendered under the notes list
// while the cursor is on it, and a passage note in Detail when the node
// whose passage it is on is selected (item 19).
func TestNotesReadBackWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, _ := startWithNotes(t, path)
	long := "**Which studies?** The column cites none. A meta-analysis would settle it; look for one before class, ending with tailword."
	m = drive(t, m, keys("G", "A", "a")...)
	m = drive(t, m, tea.PasteMsg{Content: long})
	m = drive(t, m, keys("ctrl+s")...)
	detail := strings.Join(strings.Fields(ansi.Strip(screen(m))), " ")
	if !strings.Contains(detail, "✎ on ¶ “Protected lanes halve") || !strings.Contains(detail, "tailword") {
		t.Fatalf("the passage note does not read in Detail:\n%s", ansi.Strip(screen(m)))
	}
	m = drive(t, m, keys("v")...)
	scr := ansi.Strip(screen(m))
	flat := strings.Join(strings.Fields(scr), " ")
	if !strings.Contains(scr, "── note") || !strings.Contains(flat, "ending with tailword.") {
		t.Fatalf("the notes view has no preview of the whole note:\n%s", scr)
	}
	if preview := flat[strings.Index(flat, "── note"):]; strings.Contains(preview, "**Which studies?**") {
		t.Fatalf("the preview shows raw Markdown, not rendered:\n%s", scr)
	}
	m = drive(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	scr = ansi.Strip(screen(m))
	if preview := scr[strings.Index(scr, "── note"):]; strings.Contains(preview, "**Which studies?**") {
		t.Fatalf("after a resize the preview shows raw Markdown:\n%s", scr)
	}
}
