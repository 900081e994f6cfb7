package ui

import (
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/crux-news/crux/author"
	"github.com/crux-news/crux/internal/watch"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/notes"
)

// TestNotesFollowTheSessionsContent: in crux edit, a note and a stance go
// on a node created in the session, and a renamed node keeps its notes,
// without restarting crux.
func TestNotesFollowTheSessionsContent(t *testing.T) {
	_, s, claim, _ := smallSet(t)
	path := filepath.Join(t.TempDir(), "notes.json")
	store := openStore(t, s.Content(), path)
	if _, err := store.SetNote(claim, "Open until when?"); err != nil {
		t.Fatal(err)
	}
	m := boot(t, New(s.Content(), Options{Theme: "dark", Session: s, Notes: store}), 160, 45)

	m = drive(t, m, runCmd(m.change(func(s *author.Session) (author.Result, error) {
		return s.AddNode(model.Node{ID: "skeptic-new", Kind: model.KindSkeptic, Summary: "Made just now"})
	}, "skeptic-new"))...)
	if m.selected != "skeptic-new" {
		t.Fatalf("selected %q after adding skeptic-new: %s", m.selected, m.ed.status)
	}
	m = drive(t, m, keys("2")...) // disagree
	if m.nt.failed {
		t.Fatalf("stance on the new node: %s", m.nt.status)
	}
	got := openStore(t, s.Content(), path).ForNode("skeptic-new")
	if len(got) != 1 || got[0].Stance() != notes.Disagree {
		t.Fatalf("notes on skeptic-new on disk = %+v, want a disagree stance", got)
	}

	// A rename: the note on the old id shows on the new one.
	m = drive(t, m, runCmd(m.change(func(s *author.Session) (author.Result, error) {
		return s.RenameNode(claim, "claim-kept")
	}, "claim-kept"))...)
	m = goNode(t, m, "claim-kept")
	mustContain(t, ansi.Strip(screen(m)), "Open until when?")
	if a, ok := m.myNote("claim-kept"); !ok || a.Note() != "Open until when?" {
		t.Fatalf("myNote(claim-kept) = %+v, %v", a, ok)
	}
}

// TestNotesFollowALiveReload: crux DIR (no session) reloads a set where
// another editor added a node; a stance goes on it at once.
func TestNotesFollowALiveReload(t *testing.T) {
	dir, s, _, _ := smallSet(t)
	store := openStore(t, s.Content(), filepath.Join(t.TempDir(), "notes.json"))
	m := boot(t, New(s.Content(), Options{Theme: "dark", Notes: store}), 120, 30)
	if _, err := s.AddNode(model.Node{ID: "skeptic-later", Kind: model.KindSkeptic, Summary: "Added in another editor"}); err != nil {
		t.Fatal(err)
	}
	c, fs := model.LoadFile(dir)
	if fs.Errors() > 0 {
		t.Fatal(fs)
	}
	m = drive(t, m, watch.Reloaded{Content: c})
	m = goNode(t, m, "skeptic-later")
	m.setFocus(focusDetail) // the node keys act on the detail's subject
	m = drive(t, m, keys("1")...)
	if m.nt.failed {
		t.Fatalf("stance on the reloaded node: %s", m.nt.status)
	}
	if got := store.ForNode("skeptic-later"); len(got) != 1 || got[0].Stance() != notes.Agree {
		t.Fatalf("notes on skeptic-later = %+v", got)
	}
}
