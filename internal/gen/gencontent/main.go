// Command gencontent writes a large generated content set for trying crux at
// scale:
//
//	go run ./internal/gen/gencontent -nodes 10000 -bytes 1048576 -out /tmp/big
//	crux /tmp/big
//
// The same flags always write the same files; -seed picks another set.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crux-news/crux/internal/gen"
)

func main() {
	nodes := flag.Int("nodes", gen.Large.Nodes, "number of claims, skeptic positions and counterpoints")
	size := flag.Int("bytes", gen.Large.ArticleBytes, "approximate article size in bytes")
	seed := flag.Uint64("seed", 1, "seed; the same seed writes the same set")
	out := flag.String("out", "", "folder to write claims.json and article.md into (created if missing)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencontent -out DIR [-nodes N] [-bytes B] [-seed S]")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "gencontent: %v\n", err)
		os.Exit(1)
	}
	s := gen.Size{Nodes: *nodes, ArticleBytes: *size, Seed: *seed}
	claims, err := gen.Write(*out, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gencontent: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s (%s); open it with: crux %s\n", claims, s, *out)
}
