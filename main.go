// Command crux is a terminal explorer for a news article and the claims,
// skeptic positions and counterpoints in it.
package main

import (
	"context"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/crux-news/crux/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(cli.Run(context.Background(), cli.Options{
		Args:       os.Args[1:],
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Version:    version,
		IsTerminal: func() bool { return term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd()) },
	}))
}
