package authoring

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/model"
)

// settle runs a command and what it returns, as a program would, dropping
// commands that wait (cursor blinks).
func settle(f Form, cmd tea.Cmd) Form {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(50 * time.Millisecond):
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			// tea.Sequence's message: the runtime runs its commands in order.
			for i := range v.Len() {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		switch msg := msg.(type) {
		case nil:
		default:
			var next tea.Cmd
			f, next = f.Update(msg)
			queue = append(queue, next)
		}
	}
	return f
}

func typeIn(f Form, ks ...string) Form {
	for _, k := range ks {
		var msgs []tea.Msg
		switch k {
		case "enter":
			msgs = []tea.Msg{tea.KeyPressMsg{Code: tea.KeyEnter}}
		case "esc":
			msgs = []tea.Msg{tea.KeyPressMsg{Code: tea.KeyEscape}}
		case "down":
			msgs = []tea.Msg{tea.KeyPressMsg{Code: tea.KeyDown}}
		default:
			for _, r := range k {
				msgs = append(msgs, tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
		for _, m := range msgs {
			var cmd tea.Cmd
			f, cmd = f.Update(m)
			f = settle(f, cmd)
		}
	}
	return f
}

// TestNodeFormMakesANode fills the form of a new node from a selection:
// kind, summary, text, speaker, rating and why, tags, a picked source.
func TestNodeFormMakesANode(t *testing.T) {
	a := &model.Anchor{Exact: "open until ten"}
	srcs := []model.Source{{ID: "src-ledger", Title: "The Valley Ledger"}}
	f := NodeForm(nil, a, "open until ten", srcs, nil, true)
	f.SetSize(100, 40)
	f = settle(f, f.Init())
	if v := ansi.Strip(f.View()); !strings.Contains(v, "“open until ten”") || !strings.Contains(v, "Kind") {
		t.Fatalf("the form does not show the passage and the kind:\n%s", v)
	}
	f = typeIn(f, "enter", "The library stays open", "enter", "It *does*", "enter", "Helen Okafor", "enter",
		"Mixed", "enter", "Cost known", "enter", "budget, youth", "enter", "x", "enter", "enter")
	in, ok := f.Intent().(NodeDoneMsg)
	if !ok {
		t.Fatalf("no NodeDoneMsg; the form shows:\n%s", ansi.Strip(f.View()))
	}
	n := in.V.Node()
	want := model.Node{Kind: model.KindClaim, Summary: "The library stays open", Text: "It *does*", Speaker: "Helen Okafor",
		Tags: []string{"budget", "youth"}, Sources: []string{"src-ledger"}, Rating: &model.Rating{Label: "Mixed", Explanation: "Cost known"}}
	if n.Kind != want.Kind || n.Summary != want.Summary || n.Text != want.Text || n.Speaker != want.Speaker ||
		strings.Join(n.Tags, ",") != "budget,youth" || strings.Join(n.Sources, ",") != "src-ledger" ||
		n.Rating == nil || *n.Rating != *want.Rating || in.Anchor != a {
		t.Fatalf("node %+v (rating %+v), want %+v", n, n.Rating, want)
	}
}

// TestNodeFormNeedsASummaryAndEscCancels: enter on an empty summary stays
// there; esc cancels with no change.
func TestNodeFormNeedsASummaryAndEscCancels(t *testing.T) {
	f := NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(100, 40)
	f = settle(f, f.Init())
	f = typeIn(f, "enter", "enter")
	if !strings.Contains(ansi.Strip(f.View()), "a summary is required") {
		t.Fatalf("an empty summary passed:\n%s", ansi.Strip(f.View()))
	}
	f = typeIn(f, "esc")
	if _, ok := f.Intent().(CancelMsg); !ok || f.Open() {
		t.Fatal("esc did not cancel the form")
	}
}

// TestEditFormKeepsTheNodeAndRenames: the edit form starts from the node;
// a new id is a rename.
func TestEditFormKeepsTheNodeAndRenames(t *testing.T) {
	n := &model.Node{ID: "skeptic-guess", Kind: model.KindSkeptic, Summary: "A guess", Tags: []string{"method"}}
	f := NodeForm(n, nil, "", nil, nil, true)
	f.SetSize(100, 40)
	f = settle(f, f.Init())
	f = typeIn(f, "-2", "enter", "enter", "enter", "enter", "enter", "enter")
	in, ok := f.Intent().(NodeDoneMsg)
	if !ok {
		t.Fatalf("no NodeDoneMsg:\n%s", ansi.Strip(f.View()))
	}
	if in.Edit != "skeptic-guess" || in.V.ID != "skeptic-guess-2" || in.V.Summary != "A guess" || in.V.Tags != "method" {
		t.Fatalf("%+v", in)
	}
}

// TestFormHoldsKeysTypedBeforeTheNextField: keys typed right after enter,
// before huh's move to the next field arrives, go to the next field.
func TestFormHoldsKeysTypedBeforeTheNextField(t *testing.T) {
	f := NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(100, 40)
	f = settle(f, f.Init())
	var pending []tea.Cmd
	fast := func(ks ...tea.KeyPressMsg) {
		for _, k := range ks {
			var cmd tea.Cmd
			f, cmd = f.Update(k)
			pending = append(pending, cmd)
		}
	}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	fast(enter) // the kind
	for _, r := range "Quick" {
		fast(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	fast(enter)
	for _, r := range "Text" {
		fast(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	for _, c := range pending {
		f = settle(f, c)
	}
	f = typeIn(f, "enter", "enter", "enter", "enter", "enter", "enter")
	in, ok := f.Intent().(NodeDoneMsg)
	if !ok {
		t.Fatalf("no NodeDoneMsg:\n%s", ansi.Strip(f.View()))
	}
	if in.V.Summary != "Quick" || in.V.Text != "Text" {
		t.Fatalf("summary %q, text %q: keys typed fast went astray", in.V.Summary, in.V.Text)
	}
}

func shiftTab(f Form) Form {
	f, cmd := f.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	return settle(f, cmd)
}

// TestNodeFormShiftTabLeavesTheSourcePage: shift+tab on the empty "Source
// title" goes back to the previous page, and keys still work (they were
// held for good when huh refused to go back).
func TestNodeFormShiftTabLeavesTheSourcePage(t *testing.T) {
	f := NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(100, 26)
	f = settle(f, f.Init())
	f = typeIn(f, "enter", "S", "enter", "enter", "enter", "enter", "y")
	if v := ansi.Strip(f.View()); !strings.Contains(v, "Source title") {
		t.Fatalf("not on the source page:\n%s", v)
	}
	f = shiftTab(f)
	if v := ansi.Strip(f.View()); !strings.Contains(v, "Add a new source?") || f.hold {
		t.Fatalf("shift+tab did not go back (hold %v):\n%s", f.hold, v)
	}
	f = typeIn(f, "esc")
	if !f.Asking() {
		t.Fatal("esc on a changed form did not ask")
	}
}

// TestNodeFormEscAsksWhenChanged: an untouched form closes at once; a
// changed one asks, any other key goes on editing, y discards.
func TestNodeFormEscAsksWhenChanged(t *testing.T) {
	f := NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(100, 26)
	f = settle(f, f.Init())
	if f = typeIn(f, "esc"); f.Open() {
		t.Fatal("esc did not close an untouched form")
	}
	f = NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(100, 26)
	f = settle(f, f.Init())
	f = typeIn(f, "enter", "Half", "esc")
	if !f.Open() || !f.Asking() || !strings.Contains(ansi.Strip(f.View()), "Discard this form?") {
		t.Fatalf("esc threw away a changed form:\n%s", ansi.Strip(f.View()))
	}
	f = typeIn(f, "!")
	if f.Asking() || !f.Open() {
		t.Fatal("another key did not go on editing")
	}
	f = typeIn(f, "esc", "y")
	if _, ok := f.Intent().(CancelMsg); !ok || f.Open() {
		t.Fatal("y did not discard")
	}
}

// TestNodeFormShowsSourcesAndErrors: the set's sources are listed in the
// picker, and a bad URL or date says what is expected.
func TestNodeFormShowsSourcesAndErrors(t *testing.T) {
	srcs := []model.Source{{ID: "src-council-budget", Title: "Council budget"}}
	f := NodeForm(nil, nil, "", srcs, nil, true)
	f.SetSize(110, 26)
	f = settle(f, f.Init())
	f = typeIn(f, "enter", "S", "enter", "enter", "enter", "enter")
	if v := ansi.Strip(f.View()); !strings.Contains(v, "Council budget (src-council-budget)") {
		t.Fatalf("the source is not offered:\n%s", v)
	}
	f = typeIn(f, "enter", "y", "T", "enter", "enter", "not a url", "enter")
	if v := ansi.Strip(f.View()); !strings.Contains(v, "expected an http(s) URL") || strings.Count(v, "\n") >= 26 {
		t.Fatalf("a bad URL says nothing in the form's 26 lines:\n%s", v)
	}
}

// TestNodeFormKindAndLabels: with no passage the kind starts as a skeptic
// position; the rating suggests the set's own labels.
func TestNodeFormKindAndLabels(t *testing.T) {
	f := NodeForm(nil, nil, "", nil, nil, true)
	f.SetSize(110, 26)
	f = settle(f, f.Init())
	f = typeIn(f, "enter", "S", "enter", "enter", "enter", "enter", "enter")
	in, ok := f.Intent().(NodeDoneMsg)
	if !ok || in.V.Kind != string(model.KindSkeptic) {
		t.Fatalf("kind %+v", in)
	}
	file := &model.File{Nodes: []*model.Node{
		{Rating: &model.Rating{Label: "Disputed"}}, {Rating: &model.Rating{Label: "Supported"}}, {Rating: &model.Rating{Label: "Supported"}}}}
	if got := strings.Join(RatingLabels(file), ","); got != "Supported,Disputed" {
		t.Fatalf("labels %q", got)
	}
	if got := RatingLabels(&model.File{}); !reflect.DeepEqual(got, DefaultRatingLabels) {
		t.Fatalf("default labels %q", got)
	}
}
