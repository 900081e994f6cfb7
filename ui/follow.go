package ui

import "github.com/crux-news/crux/poll"

// FollowMsg moves an explorer in follow mode to where a presenter is: the
// tour step's node becomes current and selected, the article scrolls to its
// passage, and only the first Revealed linked nodes are listed (Revealed < 0
// reveals all). An explorer that is browsing freely keeps the message and
// applies it when the viewer catches up.
type FollowMsg struct {
	Tour     string // tour title
	Step     int    // 0-based step index
	Steps    int    // number of steps
	Node     string // node id of the step
	Revealed int    // linked nodes revealed so far; -1 for all
	Blank    bool   // the presenter blanked the screen
	Ended    bool   // the presenter has quit
	// Poll is the step's poll: whether voting is open, and the results
	// only when the presenter shows them.
	Poll poll.Snapshot
}
