package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/crux-news/crux/class"
	"github.com/crux-news/crux/internal/gen"
	"github.com/crux-news/crux/ui/classview"
)

// smallClass loads gen.SmallClass: three students on the embedded content.
func smallClass(t *testing.T) *class.Class {
	t.Helper()
	c := loadEmbedded(t)
	return class.Load(c, gen.WriteClass(t, c, t.TempDir(), gen.SmallClass))
}

func classExplorer(t *testing.T, cl *class.Class, noColor bool, w, h int) Model {
	t.Helper()
	return boot(t, New(cl.Content, Options{Theme: "dark", NoColor: noColor, Class: cl}), w, h)
}

// TestClassBarsInListsAndDetail: every claim row carries the class's bar,
// readable without colour, and the detail the class's distribution and
// everyone's notes, author by author.
func TestClassBarsInListsAndDetail(t *testing.T) {
	cl := smallClass(t)
	m := classExplorer(t, cl, true, 160, 45)
	scr := screen(m)
	if code, ok := colourSGR(scr); ok { // italics (\x1b[3m) are not a colour
		t.Fatalf("NO_COLOR screen has the colour code %q", code)
	}
	plain := ansi.Strip(scr)
	mustContain(t, plain, "▸ ✓✓✓✓✓✗✗✗ ■ R1 sent shock waves") // 2 agree, 1 disagrees
	mustContain(t, plain, "  ✓✓✓✗✗✗·· ■ A 22-page paper")     // 1, 1 and Chloe took none
	mustContain(t, plain, "  ········ ■ DeepSeek used smart engineering")
	mustContain(t, plain, "The class · 3 of 3 students annotated")
	mustContain(t, plain, "class of 3 · C overview")
	mustContain(t, plain, "✓ agree          ")
	mustContain(t, plain, "   2  67%")

	// The detail, scrolled, has everyone's notes in rendered Markdown
	// (in colour: glamour's NO_COLOR style keeps the ** marks).
	m = classExplorer(t, cl, false, 160, 45)
	m = drive(t, m, keys("shift+tab", "shift+tab")...)
	if m.Focus() != "Detail" {
		t.Fatalf("focus %s", m.Focus())
	}
	m = drive(t, m, keys("j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j")...)
	plain = ansi.Strip(screen(m))
	mustContain(t, plain, "Ana Silva · ✓ agree")
	mustContain(t, plain, "The Nasdaq fell 3.1% that day.") // ** rendered away
	mustContain(t, plain, "Ben Okoro · ✗ disagree")
	if strings.Index(plain, "Ana Silva · ✓") > strings.Index(plain, "Ben Okoro · ✗") {
		t.Fatal("notes not in author order")
	}
}

// TestClassIsReadOnly: the stance and note keys are off in the class view.
func TestClassIsReadOnly(t *testing.T) {
	cl := smallClass(t)
	m := classExplorer(t, cl, true, 120, 40)
	before := screen(m)
	m = drive(t, m, keys("1", "a")...)
	if m.stack.has(layerEditor) || screen(m) != before {
		t.Fatal("a stance or note key did something in the class view")
	}
	m = drive(t, m, keys("?")...)
	help := screen(m)
	mustContain(t, help, "class: disputed claims, coverage")
	if strings.Contains(help, "agree/disagree/unsure") {
		t.Fatal("the help lists stance keys the class view does not have")
	}
}

// TestClassOverviewJumpsToAClaim: C opens the overview on the most disputed
// claim; j, enter close it and show the next one in the explorer.
func TestClassOverviewJumpsToAClaim(t *testing.T) {
	cl := smallClass(t)
	m := classExplorer(t, cl, false, 100, 30)
	m = drive(t, m, keys("C")...)
	if !m.stack.has(layerClass) {
		t.Fatal("C does not open the overview")
	}
	plain := ansi.Strip(screen(m))
	mustContain(t, plain, "Where the class disagrees most")
	mustContain(t, plain, "3 students · 3 files read · 0 skipped")
	want := cl.Disputed()[1].Node.ID
	m = drive(t, m, keys("j", "enter")...)
	if m.stack.has(layerClass) {
		t.Fatal("enter left the overview open")
	}
	if m.Selected() != want || m.Current() != want {
		t.Fatalf("enter: selected %q current %q, want %q", m.Selected(), m.Current(), want)
	}
	if n := m.claims.Selected(); n == nil || n.ID != want {
		t.Fatal("the claims list's cursor is not on the claim")
	}
	// The heading wraps in the narrow side column: "… students" / "annotated".
	mustContain(t, ansi.Strip(screen(m)), "The class · "+strings.TrimSuffix(classview.Annotated(cl.Distribution(want)), " annotated"))
	// C toggles it, esc closes it.
	m = drive(t, m, keys("C", "C")...)
	if m.stack.has(layerClass) {
		t.Fatal("C does not close the overview")
	}
	m = drive(t, m, keys("C", "esc")...)
	if m.stack.has(layerClass) {
		t.Fatal("esc does not close the overview")
	}
}

// TestClassProgram runs "crux class" on three students' files as a
// program, reads the distribution on a claim, and jumps from the overview.
func TestClassProgram(t *testing.T) {
	cl := smallClass(t)
	tm := teatest.NewTestModel(t, ptr(New(cl.Content, Options{Theme: "dark", Class: cl})),
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	scr := newScreenTerm(120, 40)
	scr.waitText(t, tm, "The class · 3 of 3 students annotated")
	scr.waitText(t, tm, "▸ ✓✓✓✓✓✗✗✗ ■ R1 sent shock waves")
	send(tm, "j", "j")
	scr.waitText(t, tm, "■ claim  claim-modest-chips")
	// The detail pane shows the claim's bars once scrolled to them.
	send(tm, "shift+tab", "shift+tab", "j", "j", "j", "j", "j", "j")
	scr.wait(t, tm, func(s string) bool {
		return strings.Contains(s, "? unsure         ██") && strings.Contains(s, "✗ disagree       ██") &&
			strings.Contains(s, "· no stance      ···")
	})
	send(tm, "C")
	scr.waitText(t, tm, "Where the class disagrees most")
	send(tm, "j", "enter")
	scr.waitText(t, tm, "The class · 2 of 3 students annotated") // claim-r1-paper
	send(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*Model)
	if fm.Selected() != "claim-r1-paper" {
		t.Fatalf("selected %q after the jump", fm.Selected())
	}
}

// TestClassOverviewRowsTakeClicks: a click on a claim's row in the
// overview moves the cursor there; a click on that row again goes to the
// claim, as enter does. A click on a heading does nothing.
func TestClassOverviewRowsTakeClicks(t *testing.T) {
	cl := smallClass(t)
	m := classExplorer(t, cl, false, 100, 30)
	m = drive(t, m, keys("C")...)
	want := cl.Disputed()[1].Node
	rowOf := func(text string) int {
		for y, l := range strings.Split(ansi.Strip(screen(m)), "\n") {
			if strings.Contains(l, text) {
				return y
			}
		}
		t.Fatalf("no row shows %q:\n%s", text, ansi.Strip(screen(m)))
		return -1
	}
	click := func(y int) Model {
		return drive(t, m, tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
	}
	m = click(rowOf("Where the class disagrees most"))
	if !m.stack.has(layerClass) || m.classv.Selected() != cl.Disputed()[0].Node.ID {
		t.Fatal("a click on a heading moved the cursor or closed the overview")
	}
	summary := ansi.Truncate(want.Summary, 30, "")
	m = click(rowOf(summary))
	if !m.stack.has(layerClass) || m.classv.Selected() != want.ID {
		t.Fatalf("a click on %s's row: the cursor is on %q", want.ID, m.classv.Selected())
	}
	m = click(rowOf(summary))
	if m.stack.has(layerClass) {
		t.Fatal("a click on the row under the cursor left the overview open")
	}
	if m.Selected() != want.ID || m.Current() != want.ID {
		t.Fatalf("click: selected %q current %q, want %q", m.Selected(), m.Current(), want.ID)
	}
}
