//go:build !unix

package gen

import "time"

// CPUTime is not available on this platform; ok is false.
func CPUTime() (d time.Duration, ok bool) { return 0, false }
