package cli

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
)

func TestIsCobraUsage(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{errors.New(`unknown command "bogus" for "crux notes"`), true},
		{errors.New("accepts at most 1 arg(s), received 2"), true},
		{errors.New("accepts between 1 and 2 arg(s), received 0"), true},
		{errors.New("accepts 1 arg(s), received 3"), true},
		{errors.New("requires at least 1 arg(s), only received 0"), true},
		{fmt.Errorf("terminal: %w", &os.PathError{Op: "read", Path: "/dev/tty", Err: syscall.EINVAL}), false},
		{&os.PathError{Op: "ioctl", Path: "/dev/tty", Err: syscall.EINVAL}, false},
		{errors.New("notes.json:3:4: invalid argument in the file"), false},
		{errors.New("terminal: unknown flag in the reply"), false},
		{errors.New(`claims.json: the tour "unknown command" accepts no steps`), false},
		{errors.New("save notes: lock n.json.lock: requires at least a file"), false},
	}
	for _, tc := range cases {
		if got := isCobraUsage(tc.err); got != tc.want {
			t.Errorf("isCobraUsage(%q) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
