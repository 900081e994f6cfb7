package serve

import "github.com/crux-news/crux/ui"

// ptr is the explorer as Bubble Tea runs it: its methods take a pointer.
func ptr(m ui.Model) *ui.Model { return &m }
