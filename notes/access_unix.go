//go:build unix

package notes

import "golang.org/x/sys/unix"

// canWrite reports whether this process may write path, as the kernel
// decides (owner, group, ACLs, a read-only mount).
func canWrite(path string) bool { return unix.Access(path, unix.W_OK) == nil }
