package classview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/ui/theme"
)

// smallClass is gen.SmallClass's three students and one corrupt file.
func smallClass(t *testing.T) *class.Class {
	t.Helper()
	c := gen.LoadEmbedded(t)
	dir := t.TempDir()
	paths := gen.WriteClass(t, c, dir, gen.SmallClass)
	bad := filepath.Join(dir, "zed.json")
	if err := os.WriteFile(bad, []byte(`{"items": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	return class.Load(c, append(paths, bad))
}

func noColor() *theme.Styles { st := theme.New(true, true); return &st }

func TestCellsAddUpAndShowEveryStance(t *testing.T) {
	for _, tc := range []struct {
		d    class.Distribution
		want []int // agree, disagree, unsure, needs evidence, none
	}{
		{class.Distribution{Agree: 2, Disagree: 1, Students: 3}, []int{5, 3, 0, 0, 0}},
		{class.Distribution{Agree: 1, Disagree: 1, None: 1, Students: 3}, []int{3, 3, 0, 0, 2}},
		{class.Distribution{None: 3, Students: 3}, []int{0, 0, 0, 0, 8}},
		// A lone dissenter in a class of 30 still gets a cell.
		{class.Distribution{Agree: 29, Disagree: 1, Students: 30}, []int{7, 1, 0, 0, 0}},
		{class.Distribution{}, []int{0, 0, 0, 0, 8}},
	} {
		got := cells(tc.d, RowCells)
		sum := 0
		for _, n := range got {
			sum += n
		}
		if sum != RowCells || !equal(got, tc.want) {
			t.Errorf("cells(%+v) = %v, want %v", tc.d, got, tc.want)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRowBarReadsWithoutColour: under NO_COLOR the bar is glyphs only, no
// escape sequence, and says the split by itself.
func TestRowBarReadsWithoutColour(t *testing.T) {
	cl := smallClass(t)
	got := RowBar(noColor(), cl.Distribution("claim-modest-chips"))
	if got != "✓✓✓✗✗✗?? " {
		t.Fatalf("NO_COLOR bar %q, want %q", got, "✓✓✓✗✗✗?? ")
	}
	colour := theme.New(true, false)
	if c := RowBar(&colour, cl.Distribution("claim-modest-chips")); ansi.Strip(c) != got {
		t.Fatalf("the coloured bar says something else: %q", ansi.Strip(c))
	}
}

func TestSectionCountsSharesAndNotesByAuthor(t *testing.T) {
	cl := smallClass(t)
	sec := Section(cl, noColor(), "claim-r1-paper")
	lines := ansi.Strip(strings.Join(sec.Lines(60), "\n"))
	for _, want := range []string{
		"The class · 2 of 3 students annotated",
		"✓ agree", "1  33%", "· no stance", "Disagreement 0.67",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("section lines lack %q:\n%s", want, lines)
		}
	}
	if n := strings.Count(lines, "\n") + 1; n != 7 {
		t.Errorf("%d lines, want a head, 5 bars and the disagreement:\n%s", n, lines)
	}
	md := Section(cl, noColor(), "claim-market-shock").Markdown
	ana, ben := strings.Index(md, "**Ana Silva** · ✓ agree"), strings.Index(md, "**Ben Okoro** · ✗ disagree")
	if ana < 0 || ben < ana || !strings.Contains(md[ana:ben], "The **Nasdaq** fell 3.1% that day.") {
		t.Fatalf("notes not author by author:\n%s", md)
	}
	if !strings.Contains(Section(cl, noColor(), "claim-r1-paper").Markdown, "*Not annotated by:* Chloe Martin") {
		t.Fatal("who has not annotated the claim is not said")
	}
	none := Section(cl, noColor(), "claim-sputnik")
	if l := none.Lines(60); len(l) != 1 || ansi.Strip(l[0]) != "The class · 0 of 3 students annotated" || none.Markdown != "" {
		t.Fatalf("a node nobody annotated: %q, %q", l, none.Markdown)
	}
	if s := Section(cl, noColor(), "no-such-node"); s.Lines != nil || s.Markdown != "" {
		t.Fatal("a node the class does not have gets a section")
	}
}

func TestEscapeKeepsNamesLiteral(t *testing.T) {
	if got := escape("*bob* [x](y) #1"); got != `\*bob\* \[x\](y) \#1` {
		t.Fatalf("escape = %q", got)
	}
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

// TestOverviewMovesOverClaimsAndJumps: the cursor starts on the most
// disputed claim, j and k skip headings and students' names, enter asks
// the root to show the claim, esc to close.
func TestOverviewMovesOverClaimsAndJumps(t *testing.T) {
	cl := smallClass(t)
	m := New(cl, noColor())
	m.SetSize(90, 40)
	m.Focus()
	disputed := cl.Disputed()
	if len(disputed) != 3 {
		t.Fatalf("%d disputed claims, want 3", len(disputed))
	}
	if m.Selected() != disputed[0].Node.ID {
		t.Fatalf("cursor on %q, want the most disputed %q", m.Selected(), disputed[0].Node.ID)
	}
	for _, d := range disputed[1:] {
		m, _ = m.Update(press("j"))
		if m.Selected() != d.Node.ID {
			t.Fatalf("j: cursor on %q, want %q", m.Selected(), d.Node.ID)
		}
	}
	m, _ = m.Update(press("j")) // past the headings, onto the first claim Ana has not annotated
	if want := cl.Student("Ana Silva").Missing[0]; m.Selected() != want {
		t.Fatalf("j into coverage: cursor on %q, want %q", m.Selected(), want)
	}
	m, _ = m.Update(press("k"))
	m, _ = m.Update(press("enter"))
	if in, ok := m.Intent().(JumpMsg); !ok || in.Node != disputed[2].Node.ID {
		t.Fatalf("enter: intent %#v, want a jump to %q", in, disputed[2].Node.ID)
	}
	if m.Intent() != nil {
		t.Fatal("an intent is read once")
	}
	m, _ = m.Update(press("G")) // the last claim, and the view at the end
	if last := cl.Student("Chloe Martin").Missing; m.Selected() != last[len(last)-1] {
		t.Fatalf("G: cursor on %q", m.Selected())
	}
	if v := strings.Split(ansi.Strip(m.View()), "\n"); !strings.HasPrefix(v[len(v)-1], "▸") {
		t.Fatalf("G: the last line is not the cursor's:\n%s", strings.Join(v, "\n"))
	}
	m, _ = m.Update(press("g"))
	if m.Selected() != disputed[0].Node.ID || !strings.HasPrefix(ansi.Strip(m.View()), "3 students") {
		t.Fatal("g: not back at the top")
	}
	m, _ = m.Update(press("esc"))
	if _, ok := m.Intent().(CloseMsg); !ok {
		t.Fatal("esc does not ask to close")
	}
}

func TestOverviewViewFitsAndNamesSkippedFiles(t *testing.T) {
	cl := smallClass(t)
	m := New(cl, noColor())
	for _, size := range [][2]int{{156, 40}, {96, 25}, {76, 19}, {20, 5}} {
		m.SetSize(size[0], size[1])
		m.Focus()
		lines := strings.Split(m.View(), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Fatalf("%v: a line of %d cells: %q", size, w, l)
			}
		}
	}
	m.SetSize(100, 200)
	view := ansi.Strip(m.View())
	for _, want := range []string{
		"3 students · 3 files read · 1 skipped",
		"Where the class disagrees most",
		"▸✓✓✓✓✓✗✗✗ 0.67 ■ R1 sent shock waves",
		"Chloe Martin · 2 of 34 claims annotated · 1 note",
		"Not annotated yet",
		"skipped " + cl.Skipped[0].Path[:10],
	} {
		if !strings.Contains(view, want) {
			t.Errorf("overview lacks %q:\n%s", want, view)
		}
	}
	if !strings.Contains(strings.ReplaceAll(view, "\n ", ""), "zed.json:1:") {
		t.Errorf("the skipped file's line and column are not shown:\n%s", view)
	}
}
