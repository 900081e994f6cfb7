package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/crux-news/crux/model"
)

func copySet(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range []string{"claims.json", "article.md"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/bikelanes", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// next runs the watcher's command with a deadline.
func next(t *testing.T, w *Watcher) tea.Msg {
	t.Helper()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- w.Next()() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no reload within 5s")
		return nil
	}
}

// replace writes a file the way many editors save: a new file, renamed over.
func replace(t *testing.T, p, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(p), ".tmp-"+filepath.Base(p))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReloadsOnRenameAndInPlaceWrites(t *testing.T) {
	dir := copySet(t)
	w, err := Start(dir, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	claims := filepath.Join(dir, "claims.json")
	orig := read(t, claims)

	// An editor that saves by rename.
	replace(t, claims, strings.Replace(orig, "Riverside votes", "Riverside (edited) votes", 1))
	m, ok := next(t, w).(Reloaded)
	if !ok || !strings.Contains(m.Content.Article.Title, "(edited)") || string(m.Claims) != read(t, claims) {
		t.Fatalf("got %#v", m)
	}

	// Several quick in-place writes: one reload, of the last state.
	for i := range 5 {
		if err := os.WriteFile(claims, []byte(strings.Replace(orig, "Riverside votes", "Riverside v"+string(rune('0'+i))+" votes", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, ok = next(t, w).(Reloaded)
	if !ok || !strings.Contains(m.Content.Article.Title, "v4") {
		t.Fatalf("got %#v", m)
	}
	select {
	case extra := <-w.out:
		t.Fatalf("a burst of writes gave a second reload: %#v", extra)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestArticleEditThatBreaksAQuoteIsAFinding(t *testing.T) {
	dir := copySet(t)
	w, err := Start(filepath.Join(dir, "claims.json"), 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	article := filepath.Join(dir, "article.md")
	orig := read(t, article)
	replace(t, article, strings.Replace(orig, "voted **6 to 3** on Tuesday", "voted **7 to 2** on Tuesday", 1))
	f, ok := next(t, w).(Failed)
	if !ok || f.Findings.Errors() == 0 || !strings.Contains(f.Findings.Err().Error(), "quote-not-found") {
		t.Fatalf("got %#v", f)
	}
	// Fixing it reloads clean; an unrelated file in the folder does not count.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	replace(t, article, orig)
	if m, ok := next(t, w).(Reloaded); !ok || m.Content.Node("claim-vote") == nil {
		t.Fatalf("got %#v", m)
	}
}

func TestCloseEndsNext(t *testing.T) {
	w, err := Start(copySet(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	cmd := w.Next()
	w.Close()
	if m := cmd(); m != nil {
		t.Fatalf("after Close, Next gave %#v", m)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestStartLoadedWatchesTheArticle: given the content its caller loaded,
// the watcher follows that content's article without loading it again.
func TestStartLoadedWatchesTheArticle(t *testing.T) {
	dir := copySet(t)
	c, fs := model.LoadFile(dir)
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("load: %v", fs.Err())
	}
	w, err := StartLoaded(dir, c, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	article := filepath.Join(dir, "article.md")
	replace(t, article, strings.Replace(read(t, article), "voted **6 to 3** on Tuesday", "voted **7 to 2** on Tuesday", 1))
	if f, ok := next(t, w).(Failed); !ok || !strings.Contains(f.Findings.Err().Error(), "quote-not-found") {
		t.Fatalf("an article edit gave %#v", f)
	}
}

// TestUnchangedRewriteDoesNotReload: an editor that saves a file without
// changing it (in place or by rename) causes no reload; a change after it
// does, and delivers the bytes read for it.
func TestUnchangedRewriteDoesNotReload(t *testing.T) {
	dir := copySet(t)
	w, err := Start(dir, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	claims, article := filepath.Join(dir, "claims.json"), filepath.Join(dir, "article.md")
	orig := read(t, claims)
	if err := os.WriteFile(claims, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	replace(t, article, read(t, article))
	select {
	case extra := <-w.out:
		t.Fatalf("an unchanged rewrite gave a %T", extra)
	case <-time.After(300 * time.Millisecond):
	}
	changed := strings.Replace(orig, "Riverside votes", "Riverside (again) votes", 1)
	replace(t, claims, changed)
	if m, ok := next(t, w).(Reloaded); !ok || string(m.Claims) != changed {
		t.Fatalf("a change gave %T, with the claims as read: %v", m, string(m.Claims) == changed)
	}
}
