package ui

import "testing"

// BenchmarkReplaceContent is what every change in crux edit and every
// reload costs in Update on the embedded content (78 nodes): the panes,
// the finder's index and the map are rebuilt for the new content; the
// article re-renders in a command, not here.
func BenchmarkReplaceContent(b *testing.B) {
	c := loadEmbedded(b)
	m := start(b, c, 160, 45)
	b.ResetTimer()
	for b.Loop() {
		m.replaceContent(c)
	}
}
