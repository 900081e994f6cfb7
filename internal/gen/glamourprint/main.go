// Command glamourprint renders a Markdown file with glamour alone, without
// crux, for comparing crux --print with plain glamour on the same machine:
//
//	glamourprint content/article.md
package main

import (
	"fmt"
	"os"

	"charm.land/glamour/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: glamourprint FILE.md")
		os.Exit(2)
	}
	md, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "glamourprint: %v\n", err)
		os.Exit(1)
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("notty"), glamour.WithWordWrap(80))
	if err == nil {
		var out string
		if out, err = r.Render(string(md)); err == nil {
			_, err = os.Stdout.WriteString(out)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "glamourprint: %v\n", err)
		os.Exit(1)
	}
}
