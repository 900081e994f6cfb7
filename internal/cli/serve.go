package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/poll"
	"github.com/crux-news/crux/present"
	"github.com/crux-news/crux/serve"
	"github.com/crux-news/crux/ui"
)

// endWait bounds how long the server waits, once the presenter has quit,
// for the viewers' explorers to show the end and quit (serve.DefaultEndGrace).
const endWait = serve.DefaultEndGrace + 3*time.Second

func (a *app) serveCmd() *cobra.Command {
	var (
		f       presentFlags
		listen  string
		maxView int
		idle    time.Duration
		keys    string
		hostKey string
		logPath string
		pollLog string
	)
	cmd := &cobra.Command{
		Use:   "serve [DIR | CLAIMS.json]",
		Short: "Present here and let an audience follow over SSH",
		Long: "serve runs the presenter in this terminal and an SSH server for the audience.\n" +
			"Each `ssh -p PORT HOST` gets the explorer following the presenter's step and\n" +
			"reveals (f browses freely, c catches up). Viewers are read-only: no shell, exec,\n" +
			"SFTP or port forwarding. Access is by --authorized-keys, or else by a random\n" +
			"passphrase printed at start and shown in the presenter's footer.\n" +
			"It listens on loopback unless --listen says otherwise. See docs/presenting.md.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if maxView < 1 {
				return usageErr("--max-viewers %d: give at least 1", maxView)
			}
			if idle < 0 {
				return usageErr("--idle-timeout %v: give a positive duration, or 0 for none", idle)
			}
			ps, err := a.openPresent(args, f)
			if err != nil {
				return err
			}
			pass := ""
			if keys == "" {
				if pass, err = serve.NewPassphrase(); err != nil {
					return &exitError{code: ExitError, err: err}
				}
			}
			logf, closeLog, logPath, err := openServeLog(logPath)
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			defer closeLog()
			plog, err := openPollLog(pollLog, ps.tour.ID, time.Now())
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			defer plog.Close()
			ps.poll = poll.New(plog)
			srv, err := serve.New(serve.Config{
				Logf:           logf,
				Listen:         listen,
				MaxViewers:     maxView,
				IdleTimeout:    idle,
				AuthorizedKeys: keys,
				Passphrase:     pass,
				HostKey:        hostKey,
				Content:        ps.c,
				Hub:            ps.hub,
				Poll:           ps.poll,
				NewViewer: func(c *model.Content, env serve.ViewerEnv) tea.Model {
					// Each viewer's terminal picks its own theme (auto asks it)
					// and colour; the presenter's NO_COLOR is not theirs.
					opts := ps.uiOpt
					opts.Follow = true
					opts.Remote = true // o shows links: the viewer's machine is not ours
					opts.NoColor = env.NoColor
					explorer := ui.New(c, opts)
					return ui.NewVoting(&explorer, env.Vote, env.NoColor)
				},
				Follow: func(s present.State) tea.Msg { return followMsg(ps.c, ps.tour, s) },
			})
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("listen on %s: %w", listen, err)}
			}
			host, port, _ := net.SplitHostPort(ln.Addr().String())
			w := a.opts.Stderr
			for _, warning := range srv.Warnings() {
				fmt.Fprintf(w, "crux: WARNING: %s\n", warning)
			}
			if !serve.IsLoopback(listen) {
				fmt.Fprintf(w, "crux: WARNING: listening on %s, not loopback: anyone who can reach this\n"+
					"crux: WARNING: address and has the passphrase or an authorized key can watch.\n", ln.Addr())
			}
			fmt.Fprintf(w, "crux serve: viewers connect with: ssh -p %s %s\n", port, host)
			fmt.Fprintf(w, "crux serve: connections and refusals are logged to %s\n", logPath)
			fmt.Fprintf(w, "crux serve: poll answers are logged to %s (crux poll report summarises it)\n", plog.Path())
			access := "authorized keys in " + keys
			if pass != "" {
				access = "passphrase " + pass
				fmt.Fprintf(w, "crux serve: passphrase: %s\n", pass)
			}
			ps.viewers = srv.Viewers
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			status := func() string {
				return fmt.Sprintf("%d/%d viewers · ssh -p %s %s · %s", srv.Viewers(), maxView, port, host, access)
			}
			perr := a.present(cmd.Context(), ps, f, status)
			if err := ps.poll.CloseAll(); err != nil {
				fmt.Fprintf(w, "crux: warning: %v\n", err)
			}
			// Viewers see that the talk has ended, then their explorers quit
			// and leave their terminals as they were.
			ctx, cancel := context.WithTimeout(context.Background(), endWait)
			_ = srv.Shutdown(ctx)
			cancel()
			_ = srv.Close()
			if err := <-errc; err != nil && perr == nil {
				perr = &exitError{code: ExitError, err: fmt.Errorf("ssh server: %w", err)}
			}
			return perr
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&listen, "listen", serve.DefaultListen, "address to listen on; anything but loopback is announced with a warning")
	fl.IntVar(&maxView, "max-viewers", serve.DefaultMaxViewers, "most viewers at once; one more is turned away with a message")
	fl.DurationVar(&idle, "idle-timeout", serve.DefaultIdleTimeout, "hang up on a viewer after this long without traffic either way; 0 for never")
	fl.StringVar(&keys, "authorized-keys", "", "authorized_keys file of the viewers allowed in (default: a passphrase printed at start)")
	fl.StringVar(&pollLog, "poll-log", "", "JSON Lines file to append the audience's votes to (default: a new file per talk in $XDG_DATA_HOME/crux/polls)")
	fl.StringVar(&logPath, "log", "", "file to append connections and refusals to (default: $XDG_STATE_HOME/crux/serve.log)")
	fl.StringVar(&hostKey, "host-key", "", "SSH host key, generated on first use (default: $XDG_DATA_HOME/crux/ssh_host_ed25519)")
	return cmd
}

// openServeLog opens the server's log for appending: path, or
// $XDG_STATE_HOME/crux/serve.log when empty. The presenter owns the
// terminal, so connections and refusals go to a file, one timestamped line
// each.
func openServeLog(path string) (logf func(string, ...any), closeLog func(), where string, err error) {
	if path == "" {
		if path, err = xdg.StateFile("crux/serve.log"); err != nil {
			return nil, nil, "", fmt.Errorf("log location: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, "", fmt.Errorf("log: %w", err)
	}
	var mu sync.Mutex
	logf = func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(f, "%s %s\n", time.Now().Format(time.RFC3339), fmt.Sprintf(format, args...))
	}
	return logf, func() { _ = f.Close() }, path, nil
}
