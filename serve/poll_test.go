package serve

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/ui"
	"github.com/crux-news/crux/ui/presenter"
	"github.com/crux-news/crux/ui/theme"
)

// room is a server with a poll, whose viewers run the real explorer with
// its poll keys, and the real presenter running on no terminal.
type room struct {
	s         *Server
	addr      string
	hub       *present.Hub
	poll      *poll.Poll
	logPath   string
	presenter *tea.Program
	tour      model.Tour
}

func startRoom(t testing.TB, edit func(*Config)) *room {
	t.Helper()
	c, tour := bikes(t)
	r := &room{hub: present.NewHub(), tour: tour, logPath: filepath.Join(t.TempDir(), "poll.jsonl")}
	lg, err := poll.OpenLog(r.logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lg.Close() })
	r.poll = poll.New(lg)
	r.s, r.addr, _ = guarded(t, r.hub, func(cfg *Config) {
		cfg.Poll = r.poll
		cfg.MaxViewers = 200
		cfg.MaxUnauthenticated = 200
		cfg.MaxUnauthenticatedPerAddr = 200
		cfg.NewViewer = func(c *model.Content, env ViewerEnv) tea.Model {
			return ui.NewVoting(ptr(ui.New(c, ui.Options{Follow: true, Theme: "dark", NoColor: env.NoColor})), env.Vote, env.NoColor)
		}
		cfg.Follow = func(st present.State) tea.Msg {
			f := ui.FollowMsg{Tour: tour.Title, Step: st.Step, Steps: len(tour.Steps), Node: stepID(tour, st.Step),
				Revealed: st.Revealed, Blank: st.Blank, Ended: st.Ended}
			if st.Poll != nil {
				f.Poll = *st.Poll
				if !f.Poll.Shown {
					f.Poll.Counts, f.Poll.Moved, f.Poll.Answered = poll.Counts{}, poll.Counts{}, 0
				}
			}
			return f
		}
		if edit != nil {
			edit(cfg)
		}
	})
	m := presenter.New(c, presenter.Options{Styles: theme.New(true, true), TourID: "main", Hub: r.hub, Poll: r.poll, Viewers: r.s.Viewers})
	r.presenter = tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithWindowSize(120, 40))
	done := make(chan struct{})
	go func() { _, _ = r.presenter.Run(); close(done) }()
	t.Cleanup(func() { r.presenter.Kill(); <-done })
	return r
}

// press sends the presenter a key.
func (r *room) press(k rune) { r.presenter.Send(tea.KeyPressMsg{Code: k, Text: string(k)}) }

// waitState waits until the presenter has published a state that ok
// accepts, for at most d, and returns it.
func (r *room) waitState(t testing.TB, ok func(present.State) bool, d time.Duration) present.State {
	t.Helper()
	states, stop := r.hub.Subscribe()
	defer stop()
	timeout := time.After(d)
	for {
		select {
		case st := <-states:
			if ok(st) {
				return st
			}
		case <-timeout:
			st, _ := r.hub.Latest()
			t.Fatalf("the presenter did not get there within %v; last state %+v, poll %+v", d, st, st.Poll)
		}
	}
}

func pollIs(want poll.Counts, answered int) func(present.State) bool {
	return func(st present.State) bool {
		return st.Poll != nil && st.Poll.Counts == want && st.Poll.Answered == answered
	}
}

// keyClient logs in with signer.
func keyClient(t testing.TB, addr string, signer gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "viewer", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("dial with key: %v", err)
	}
	return c
}

// TestPoll50Viewers: 50 viewers, logged in with their own keys, vote and
// change their votes while the presenter's poll is open; the tally is
// exact, a viewer who reconnects keeps one vote, the log names nobody and
// the presenter still moves on at once.
func TestPoll50Viewers(t *testing.T) {
	const n = 50
	signers := make([]gossh.Signer, n)
	var file strings.Builder
	for i := range signers {
		var line string
		signers[i], line = newKey(t)
		file.WriteString(line + "\n")
	}
	keys := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(keys, []byte(file.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := startRoom(t, func(c *Config) { c.AuthorizedKeys, c.Passphrase = keys, "" })
	node := stepID(r.tour, 0)

	vs := make([]*viewer, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := range vs {
		wg.Go(func() {
			v := open(t, keyClient(t, r.addr, signers[i]), 80+i%3*20, 24+i%4)
			mu.Lock()
			vs[i] = v
			mu.Unlock()
		})
	}
	wg.Wait()
	for i, v := range vs {
		if !v.waitFor(shows(node), 60*time.Second) {
			t.Fatalf("viewer %d not served:\n%s", i, v.screen())
		}
	}
	waitViewers(t, r.s, n, 10*time.Second)

	// Before voting opens, the poll keys do nothing.
	vs[0].press(t, "1")
	r.press('v')
	r.waitState(t, func(st present.State) bool { return st.Poll != nil && st.Poll.Open }, 10*time.Second)
	for i, v := range vs {
		if !v.waitFor(shows("Vote (yours"), 20*time.Second) {
			t.Fatalf("viewer %d was not asked to vote:\n%s", i, v.screen())
		}
	}

	// Everyone votes at once; every fifth changes their mind, every
	// seventh withdraws, viewer 3 holds a key down.
	var want poll.Counts
	answered := 0
	final := make([]poll.Stance, n)
	for i := range vs {
		final[i] = poll.Stances[i%4]
		if i%5 == 0 {
			final[i] = poll.Stances[(i+1)%4]
		}
		if i%7 == 0 {
			final[i] = poll.None
		}
		if final[i] != poll.None {
			want[final[i]]++
			answered++
		}
	}
	for i, v := range vs {
		wg.Go(func() {
			v.press(t, fmt.Sprint(int(poll.Stances[i%4])))
			if i == 3 {
				for range 100 {
					v.press(t, fmt.Sprint(int(poll.Stances[i%4])))
				}
			}
			time.Sleep(20 * time.Millisecond)
			if final[i] != poll.Stances[i%4] {
				v.press(t, fmt.Sprint(int(final[i])))
			}
		})
	}
	wg.Wait()
	start := time.Now()
	t.Cleanup(func() {
		if t.Failed() {
			data, _ := os.ReadFile(r.logPath)
			t.Logf("log:\n%s", data)
		}
	})
	r.waitState(t, pollIs(want, answered), 20*time.Second)
	t.Logf("the tally was exact %v after the last key", time.Since(start))

	// Viewer 1 leaves and comes back with the same key: still one vote,
	// now changed.
	_ = vs[1].client.Close()
	waitViewers(t, r.s, n-1, 10*time.Second)
	back := open(t, keyClient(t, r.addr, signers[1]), 90, 26)
	if !back.waitFor(shows("Vote (yours"), 20*time.Second) {
		t.Fatalf("the returning viewer was not asked to vote:\n%s", back.screen())
	}
	back.press(t, "4")
	want[final[1]]--
	want[poll.NeedsEvidence]++
	r.waitState(t, pollIs(want, answered), 10*time.Second)

	// Results are hidden from viewers until the presenter shows them.
	if scr := vs[2].screen(); strings.Contains(scr, "viewers answered") {
		t.Fatalf("a viewer saw results before they were shown:\n%s", scr)
	}
	r.press('s')
	wantLine := fmt.Sprintf("%d of %d viewers answered", answered, n)
	for _, i := range []int{0, 2, n - 1} {
		if !vs[i].waitFor(shows(wantLine), 10*time.Second) {
			t.Fatalf("viewer %d did not see the results %q:\n%s", i, wantLine, vs[i].screen())
		}
	}

	// The presenter moves on at once, and closes voting.
	start = time.Now()
	r.press('n')
	r.waitState(t, func(st present.State) bool { return st.Step == 1 }, 10*time.Second)
	t.Logf("the presenter's next step was published %v after the key", time.Since(start))

	data, err := os.ReadFile(r.logPath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "SHA256:") || strings.Contains(string(data), "key:") {
		t.Fatal("an identity reached the poll log")
	}
	events, err := poll.ReadLog(strings.NewReader(string(data)), r.logPath)
	if err != nil {
		t.Fatal(err)
	}
	rep := poll.Report(events)
	if len(rep) != 1 || rep[0].Answered != answered || rep[0].Counts["needs-evidence"] != want[poll.NeedsEvidence] || rep[0].Counts["agree"] != want[poll.Agree] {
		t.Fatalf("report %+v, want %v answered %d", rep, want, answered)
	}
	// The held key was rate-limited: at most one vote per VoteInterval.
	votes3 := 0
	for _, e := range events {
		if e.Kind == "vote" {
			votes3++
		}
	}
	if votes3 > 2*n+10 {
		t.Fatalf("%d vote events for %d viewers: a held key was not rate-limited", votes3, n)
	}
}

// BenchmarkVoteTo100Viewers measures how long a viewer's vote takes to
// reach the presenter with 100 viewers connected over SSH on loopback:
// from the key written to the viewer's ssh session until the presenter
// has the new tally (its state published to the hub, which its screen
// draws at the next frame). Viewers take turns; each vote changes the
// tally.
func BenchmarkVoteTo100Viewers(b *testing.B) {
	r := startRoom(b, nil)
	const n = 100
	vs := make([]*viewer, n)
	for i := range vs {
		vs[i] = connect(b, r.addr, 80+i%3*20, 24+i%4)
	}
	for i, v := range vs {
		if !v.waitFor(shows(stepID(r.tour, 0)), 60*time.Second) {
			b.Fatalf("viewer %d not served:\n%s", i, v.screen())
		}
	}
	r.press('v')
	for i, v := range vs {
		if !v.waitFor(shows("Vote (yours"), 60*time.Second) {
			b.Fatalf("viewer %d was not asked to vote:\n%s", i, v.screen())
		}
	}
	settle(b, vs, 300*time.Millisecond, 60*time.Second)
	states, stop := r.hub.Subscribe()
	defer stop()
	mine := make([]poll.Stance, n)
	var took []time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		v := vs[i%n]
		s := poll.Stances[(int(mine[i%n])+i/n)%4]
		if s == mine[i%n] {
			s = poll.Stances[(int(s))%4]
		}
		mine[i%n] = s
		var want poll.Counts
		answered := 0
		for _, m := range mine {
			if m != poll.None {
				want[m]++
				answered++
			}
		}
		start := time.Now()
		v.press(b, fmt.Sprint(int(s)))
		for {
			st := <-states
			if pollIs(want, answered)(st) {
				break
			}
		}
		took = append(took, time.Since(start))
		i++
		time.Sleep(VoteInterval) // the next vote of this viewer is not held back
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
}
