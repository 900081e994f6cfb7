package ui

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
	"github.com/crux-news/crux/ui/noteedit"
	"github.com/crux-news/crux/ui/theme"
)

func openStore(t *testing.T, c *model.Content, path string) *notes.Store {
	t.Helper()
	st, err := notes.Open(path, notes.WithReader("Ana"), notes.WithContent(c))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func startWithNotes(t *testing.T, path string) (Model, *model.Content) {
	t.Helper()
	c := loadBikes(t)
	m := New(c, Options{Theme: "dark", Notes: openStore(t, c, path)})
	return boot(t, m, 160, 45), c
}

func TestNoteStanceAndTagsAreSavedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("j", "a")...) // claim-cheapest
	m = drive(t, m, tea.PasteMsg{Content: "Cheapest compared with what?"})
	m = drive(t, m, keys(" Buses.", "esc")...)
	m = drive(t, m, keys("2", "t", "cost evidence", "enter")...)

	// A second store on the same file sees everything: it was saved at once.
	other := openStore(t, c, path)
	got := other.ForNode("claim-cheapest")
	if len(got) != 1 {
		t.Fatalf("want 1 annotation on claim-cheapest, got %d", len(got))
	}
	a := got[0]
	if a.Note() != "Cheapest compared with what? Buses." || a.Stance() != notes.Disagree || strings.Join(a.Tags(), ",") != "cost,evidence" {
		t.Fatalf("saved note %q stance %q tags %v", a.Note(), a.Stance(), a.Tags())
	}
	if a.Creator.Name != "Ana" {
		t.Fatalf("creator %q", a.Creator.Name)
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "✎✗")                     // badge in the claims pane
	mustContain(t, scr, "Your note · ✗ disagree") // detail pane
	mustContain(t, scr, "Cheapest compared with what? Buses.")

	// Removing a tag and clearing the stance.
	m = drive(t, m, keys("t")...)
	m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace}) // "evidence" → "evidenc"
	for range len("evidenc") {
		m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	drive(t, m, keys("enter", "0")...)
	other = openStore(t, c, path)
	a = other.ForNode("claim-cheapest")[0]
	if strings.Join(a.Tags(), ",") != "cost" || a.Stance() != "" {
		t.Fatalf("after edit: tags %v stance %q", a.Tags(), a.Stance())
	}
}

func TestPassageNoteStoresQuote(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("G", "A", "a", "Which studies?", "ctrl+s")...) // claim-halve's passage
	other := openStore(t, c, path)
	var found bool
	for _, a := range other.All() {
		q, ok := a.Quote()
		if !ok {
			continue
		}
		found = true
		if q.Exact != "Protected lanes halve the injury rate wherever they are built" || a.Note() != "Which studies?" {
			t.Fatalf("passage note quote %q note %q", q.Exact, a.Note())
		}
		if !strings.HasSuffix(strings.TrimSpace(q.Prefix), "\"") && !strings.Contains(q.Prefix, "Keller") && q.Prefix == "" {
			t.Fatalf("no prefix stored: %q", q.Prefix)
		}
	}
	if !found {
		t.Fatal("no passage annotation saved")
	}
	if !strings.Contains(screen(m), "✎") {
		t.Fatal("the annotated passage has no margin mark")
	}
}

func TestCtrlCWhileEditingKeepsTheNote(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("a", "half-typed thought")...)
	// ctrl+c saves before quitting.
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	runSeq(cmd)
	if got := openStore(t, c, path).ForNode("claim-vote"); len(got) != 1 || got[0].Note() != "half-typed thought" {
		t.Fatalf("note lost on ctrl+c: %v", got)
	}
}

// runSeq runs a command, including the commands of a sequence, in order.
func runSeq(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if seq, ok := msg.(tea.BatchMsg); ok {
		for _, c := range seq {
			runSeq(c)
		}
		return
	}
	// tea.Sequence returns an unexported sequenceMsg, a []Cmd.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice {
		for i := range v.Len() {
			if c, ok := v.Index(i).Interface().(tea.Cmd); ok {
				runSeq(c)
			}
		}
	}
}

func TestReadingCoverageAndNotesView(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("j", "j", "1", "v")...)
	read := openStore(t, c, path).Read()
	for _, id := range []string{"claim-vote", "claim-cheapest", "claim-grant"} {
		if !read[id] {
			t.Fatalf("%s opened but not recorded as read (%v)", id, read)
		}
	}
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "read · 4 claims without stance")
	mustContain(t, scr, "A regional grant covers at least 80% of the cost ✓ agree")
	// f cycles filters; the last one lists claims without a note or stance.
	for range noteedit.Unannotated {
		m = drive(t, m, keys("f")...)
	}
	scr = ansi.Strip(screen(m))
	mustContain(t, scr, "filter: claims without a note or stance")
	if box := scr[:strings.LastIndex(scr, "\n")]; strings.Contains(box, "■ A regional grant covers at least") { // not the status line
		t.Fatalf("an annotated claim is listed as unannotated:\n%s", scr)
	}
	mustContain(t, scr, "Protected lanes halve the injury rate")
	m = drive(t, m, keys("G", "enter")...)
	if m.stack.has(layerNotes) || m.Current() != "claim-halve" {
		t.Fatalf("enter in notes view: showView %v current %q", m.stack.has(layerNotes), m.Current())
	}
}

func TestCorruptNotesFileIsNeverOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	bad := []byte(`{"type": "AnnotationCollection", "items": [`)
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadBikes(t)
	st, err := notes.OpenReadOnly(path, notes.WithReader("Ana"), notes.WithContent(c))
	if err == nil {
		t.Fatal("a truncated notes file opened without error")
	}
	m := drive(t, New(c, Options{Theme: "dark", Notes: st}), tea.WindowSizeMsg{Width: 160, Height: 45})
	mustContain(t, ansi.Strip(screen(m)), "notes read-only")
	m = drive(t, m, keys("a")...)
	if m.stack.has(layerEditor) {
		t.Fatal("the note editor opened on a read-only notes file: typed text would be lost")
	}
	mustContain(t, ansi.Strip(screen(m)), "notes are read-only: v shows why")
	m = drive(t, m, keys("1", "v")...)
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "Read-only:")
	mustContain(t, scr, path) // the notes view says which file and why
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, bad) {
		t.Fatalf("corrupt notes file was changed:\n%s", after)
	}
}

func TestNotesOffForViewers(t *testing.T) {
	m := start(t, loadBikes(t), 160, 45)
	m = drive(t, m, keys("a")...)
	if m.stack.has(layerEditor) {
		t.Fatal("a opened an editor without a notes store")
	}
}

func TestParseTags(t *testing.T) {
	got := noteedit.ParseTags("markets #Evidence-Needed  weird,tag, ##x markets")
	want := []string{"markets", "Evidence-Needed", "weird", "tag", "x"}
	if !slices.Equal(got, want) {
		t.Fatalf("parseTags = %q, want %q", got, want)
	}
}

// TestOpeningAndClosingTheEditorSavesNothing: a and esc without typing must
// not create an empty passage note nor rewrite a node note.
func TestOpeningAndClosingTheEditorSavesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("A", "a", "esc", "tab", "a", "esc")...)
	if all := openStore(t, c, path).All(); len(all) != 0 {
		t.Fatalf("a, esc saved %d annotations: %+v", len(all), all)
	}
	// An emptied passage note is removed, not kept as an empty record.
	m = drive(t, m, keys("A", "a", "keep this", "esc")...)
	if n := len(openStore(t, c, path).All()); n != 1 {
		t.Fatalf("passage note not saved: %d annotations", n)
	}
	m = drive(t, m, keys("a")...)
	for range len("keep this") {
		m = drive(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	drive(t, m, keys("esc")...)
	if n := len(openStore(t, c, path).All()); n != 0 {
		t.Fatalf("emptied passage note kept: %d annotations", n)
	}
}

// TestBadgesFollowTheThemeSwitch: when the terminal reports a light
// background, the note badges are drawn in the light theme's colours, not
// the dark ones they had before the switch.
func TestBadgesFollowTheThemeSwitch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	c := loadBikes(t)
	m := boot(t, New(c, Options{Theme: "auto", Notes: openStore(t, c, path)}), 160, 45)
	m = drive(t, m, tea.BackgroundColorMsg{Color: color.Black})
	m = drive(t, m, keys("j", "2")...) // disagree with claim-cheapest
	dark, light := theme.New(true, false), theme.New(false, false)
	badge := func(m Model) string {
		for _, it := range m.claims.Items() {
			if it.Node.ID == "claim-cheapest" {
				return it.Badge
			}
		}
		t.Fatal("claim-cheapest not listed")
		return ""
	}
	if got, want := badge(m), dark.Title.Render(" ✗"); got != want {
		t.Fatalf("dark badge %q, want %q", got, want)
	}
	m = drive(t, m, tea.BackgroundColorMsg{Color: color.White})
	if got, want := badge(m), light.Title.Render(" ✗"); got != want {
		t.Fatalf("after the switch to light the badge is %q, want the light %q", got, want)
	}
	// A later change re-badges the rows: still light.
	m = drive(t, m, keys("1")...)
	if got, want := badge(m), light.Title.Render(" ✓"); got != want {
		t.Fatalf("after a stance change in the light theme the badge is %q, want %q", got, want)
	}
}

// The note keys act on the row under the cursor of the focused list, not on
// the selected node: moving focus selects nothing (the detail keeps its
// subject), so the two can differ, and the reader means the row they see.
func TestStanceGoesToTheRowUnderTheCursor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	m = drive(t, m, keys("j")...) // claim-cheapest, which has skeptic positions
	sel := m.Selected()
	m = drive(t, m, keys("tab")...) // Claims → Skeptic positions
	row := m.skeptics.Selected()
	if row == nil || row.ID == sel {
		t.Fatalf("want a skeptic row other than the selection %q, got %v", sel, row)
	}
	m = drive(t, m, keys("1")...)
	if m.Selected() != sel {
		t.Fatalf("a stance moved the selection to %q", m.Selected())
	}
	other := openStore(t, c, path)
	if got := other.ForNode(row.ID); len(got) != 1 || got[0].Stance() != notes.Agree {
		t.Fatalf("stance on the row under the cursor %q: %v", row.ID, got)
	}
	if got := other.ForNode(sel); len(got) != 0 {
		t.Fatalf("the selected node %q got the stance: %v", sel, got)
	}
	mustContain(t, ansi.Strip(screen(m)), "agree · ▲ ")

	// In the detail, its subject.
	m = drive(t, m, keys("tab", "tab", "3")...)
	if m.Focus() != "Detail" {
		t.Fatalf("focus %q", m.Focus())
	}
	other = openStore(t, c, path)
	if got := other.ForNode(sel); len(got) != 1 || got[0].Stance() != notes.Unsure {
		t.Fatalf("stance in the detail on its subject %q: %v", sel, got)
	}
}

// The help's legend shows each stance with the sign the rows use.
func TestHelpLegendShowsTheStanceGlyphs(t *testing.T) {
	for _, s := range notes.Stances() {
		want := theme.StanceGlyph(string(s)) + " " + string(s)
		if !strings.Contains(legend, want) {
			t.Errorf("the help legend lacks %q:\n%s", want, legend)
		}
	}
}

// ✎ marks a row with a written note; a stance alone shows only its sign.
func TestNoteMarkOnlyForWrittenNotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, _ := startWithNotes(t, path)
	m = drive(t, m, keys("j", "1")...) // claim-cheapest: a stance, no note
	badge := ansi.Strip(m.badges()("claim-cheapest"))
	if badge != " ✓" {
		t.Fatalf("badge of a stance alone = %q, want %q", badge, " ✓")
	}
	m = drive(t, m, keys("a", "Why?", "esc")...)
	if badge := ansi.Strip(m.badges()("claim-cheapest")); badge != "✎✓" {
		t.Fatalf("badge with a note = %q, want %q", badge, "✎✓")
	}
	if badge := m.badges()("claim-vote"); badge != "" {
		t.Fatalf("badge of an unannotated row = %q", badge)
	}
}

// The progress line's counts agree with their number: "1 claim".
func TestCoverageLineSingular(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	m, c := startWithNotes(t, path)
	for i := range len(c.Claims()) - 1 {
		if i > 0 {
			m = drive(t, m, keys("j")...)
		}
		m = drive(t, m, keys("1")...)
	}
	if got := m.computeCoverage(); !strings.HasSuffix(got, "· 1 claim without stance") {
		t.Fatalf("coverage = %q, want it to end \"· 1 claim without stance\"", got)
	}
}

// TestNotesListRowsArePlainText: a note written in Markdown shows in its
// row of the notes list as text, without ** or list dashes.
func TestNotesListRowsArePlainText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.json")
	c := loadBikes(t)
	st := openStore(t, c, path)
	if _, err := st.SetNote("claim-vote", "The **vote** was close:\n\n- six for\n- three against"); err != nil {
		t.Fatal(err)
	}
	m := boot(t, New(c, Options{Theme: "dark", Notes: st}), 160, 45)
	m = drive(t, m, keys("v")...)
	scr := ansi.Strip(screen(m))
	mustContain(t, scr, "— The vote was close: six for three against")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "— The") && (strings.Contains(l, "**") || strings.Contains(l, "- six")) {
			t.Fatalf("the row shows the note's Markdown: %q", l)
		}
	}
}
