package authoring

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
)

// TestToursAWithNoTourStartsOne: a before any tour asks for a new tour
// that starts at the selected node, instead of doing nothing.
func TestToursAWithNoTourStartsOne(t *testing.T) {
	tr := NewTours(nil)
	tr.SetFile(&model.File{}, "skeptic-guess")
	tr, _ = tr.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	in, ok := tr.Intent().(StepOpMsg)
	if !ok || !in.NewTour || in.Node != "skeptic-guess" {
		t.Fatalf("a with no tour: %+v", tr.Intent())
	}
}
