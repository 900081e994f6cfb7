//go:build unix

package gen

import (
	"syscall"
	"time"
)

// CPUTime is the processor time (user and system) the process has used so
// far, for benchmarks that report CPU time beside wall time: on a shared
// machine the wall time counts waiting for other processes, the CPU time
// does not. ok is false where it cannot be read.
func CPUTime() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
