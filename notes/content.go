package notes

import "github.com/crux-news/crux/model"

// SetContent makes c the content the notes are about from now on: the
// content the explorer shows after an author's change or a live reload.
// Nothing is rewritten: annotations keep their targets, and every query and
// helper re-resolves them against c (a renamed node's notes follow its
// formerIds, an edited passage is re-anchored or reported edited, a node or
// passage no longer there makes an orphan, kept as written). Notes can then
// be added to nodes c has and the old content had not.
//
// It waits for a mutation in progress, so a mutation runs wholly against
// one content. To keep a UI's changes in order (a note made on the old
// content saved against it), give it to the same Queue as the mutations.
func (s *Store) SetContent(c *model.Content) {
	s.ioMu.Lock()
	defer s.ioMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.content = c
}

// content returns the content the notes are about, or nil.
func (s *Store) content() *model.Content {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg.content
}
