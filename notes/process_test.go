package notes

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as a child process that saves notes: TestMain
// runs the child instead of the tests when childModeEnv is set.
const (
	childModeEnv = "CRUX_NOTES_TEST_CHILD" // "loop" (until killed) or a count
	childFileEnv = "CRUX_NOTES_TEST_FILE"
	childNameEnv = "CRUX_NOTES_TEST_NAME"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(childModeEnv); mode != "" {
		if err := runChild(mode, os.Getenv(childFileEnv), os.Getenv(childNameEnv), os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runChild saves notes to path and prints each id once Put has returned.
func runChild(mode, path, name string, out io.Writer) error {
	n := 1 << 30
	if mode != "loop" {
		v, err := strconv.Atoi(mode)
		if err != nil {
			return err
		}
		n = v
	}
	s, err := Open(path, WithReader(name))
	if err != nil {
		return err
	}
	for i := range n {
		a := Annotation{Creator: s.Creator(), Target: Target{Source: fmt.Sprintf("claims.json#n-%d", i%7)}}
		a.setBody(Commenting, fmt.Sprintf("note %d by %s: %s", i, name, strings.Repeat("x", i%50)))
		a.ID = NewID()
		if err := s.Put(a); err != nil {
			return err
		}
		if i%5 == 0 {
			if err := s.MarkRead(fmt.Sprintf("n-%d", i)); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintln(out, a.ID); err != nil {
			return err
		}
	}
	return nil
}

// child is a running child process and the ids it reported.
type child struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	ids  []string
	done chan struct{}
	err  strings.Builder
}

func startChild(t *testing.T, mode, path, name string) *child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &child{done: make(chan struct{})}
	c.cmd = exec.Command(exe, "-test.run=^$")
	c.cmd.Env = append(os.Environ(), childModeEnv+"="+mode, childFileEnv+"="+path, childNameEnv+"="+name)
	c.cmd.Stderr = &c.err
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return // a partial last line was never fully reported
			}
			c.mu.Lock()
			c.ids = append(c.ids, strings.TrimSuffix(line, "\n"))
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *child) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}

// wait waits for the child and its output; it returns the exit error.
func (c *child) wait() error {
	<-c.done
	return c.cmd.Wait()
}

// readIDs decodes the notes file strictly and returns its ids.
func readIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	coll, err := Decode(path, data)
	if err != nil {
		t.Fatalf("notes file is not valid: %v", err)
	}
	ids := make(map[string]bool, len(coll.Items))
	for _, a := range coll.Items {
		ids[a.ID] = true
	}
	return ids
}

func TestSIGKILLNeverLosesASavedNote(t *testing.T) {
	const rounds = 30
	path := filepath.Join(t.TempDir(), "notes.json")
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	var reported []string
	killedMidRun := 0
	for round := range rounds {
		c := startChild(t, "loop", path, "crash")
		// Let some rounds die before their first save, most after a few.
		if round%5 != 0 {
			deadline := time.Now().Add(10 * time.Second)
			for c.count() == 0 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
		}
		time.Sleep(time.Duration(rng.IntN(100_000)) * time.Microsecond)
		if err := c.cmd.Process.Kill(); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		err := c.wait()
		if err == nil {
			t.Fatalf("round %d: child exited before it was killed; stderr: %s", round, c.err.String())
		}
		if c.count() > 0 {
			killedMidRun++
		}
		reported = append(reported, c.ids...)
		if _, statErr := os.Stat(path); os.IsNotExist(statErr) && len(reported) == 0 {
			continue // killed before the first save ever: nothing to check yet
		}
		ids := readIDs(t, path)
		for _, id := range reported {
			if !ids[id] {
				t.Fatalf("round %d: note %s was saved (Put returned) but is not in the file", round, id)
			}
		}
	}
	if killedMidRun < rounds/2 || len(reported) == 0 {
		t.Errorf("only %d of %d rounds were killed after saving (%d notes): the test did not exercise saving", killedMidRun, rounds, len(reported))
	}
	// The file still opens for writing after all this.
	s, err := Open(path, WithReader("after"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.All()); got < len(reported) {
		t.Errorf("store holds %d notes, %d were reported", got, len(reported))
	}
	// The next save sweeps the temporary files of killed saves.
	if err := s.MarkRead("after"); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"notes.json", "notes.json.lock"}) {
		t.Errorf("files left next to the notes: %q", names)
	}
	t.Logf("%d rounds, %d notes reported saved, %d in the file", rounds, len(reported), len(s.All()))
}

func TestTwoProcessesKeepAllNotes(t *testing.T) {
	const each = 100
	path := filepath.Join(t.TempDir(), "notes.json")
	a := startChild(t, strconv.Itoa(each), path, "ana")
	b := startChild(t, strconv.Itoa(each), path, "ben")
	for _, c := range []*child{a, b} {
		if err := c.wait(); err != nil {
			t.Fatalf("child failed: %v; stderr: %s", err, c.err.String())
		}
		if len(c.ids) != each {
			t.Fatalf("child reported %d notes, want %d", len(c.ids), each)
		}
	}
	ids := readIDs(t, path)
	if len(ids) != 2*each {
		t.Errorf("file holds %d notes, want %d", len(ids), 2*each)
	}
	for _, id := range append(a.ids, b.ids...) {
		if !ids[id] {
			t.Errorf("note %s missing", id)
		}
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Each child marked every fifth of its notes' ids as read (n-0, n-5, …).
	if got := len(s.Read()); got != each/5 {
		t.Errorf("read ids = %d, want %d", got, each/5)
	}
}
