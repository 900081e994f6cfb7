// Command searchlines runs crux's finder over lines, for comparing it with
// fzf on the same input:
//
//	go run ./internal/gen/searchlines -dump DIR > lines.txt  # a content set's searchable lines
//	searchlines -q 'cost of tra' < lines.txt                 # like fzf --filter 'cost of tra'
//
// With -q it prints the matching lines, best first, as fzf --filter does.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/finder"
)

func main() {
	dump := flag.String("dump", "", "content folder or claims file whose searchable lines to print")
	q := flag.String("q", "", "fuzzy query to filter standard input with")
	flag.Parse()
	if err := run(*dump, *q); err != nil {
		fmt.Fprintf(os.Stderr, "searchlines: %v\n", err)
		os.Exit(1)
	}
}

func run(dump, q string) error {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if dump != "" {
		c, fs := model.LoadFile(dump)
		if c == nil || fs.Errors() > 0 {
			return fmt.Errorf("%s does not load: %v", dump, fs.Err())
		}
		for _, it := range finder.NewIndex(c).Items() {
			fmt.Fprintln(out, strings.ReplaceAll(it.Haystack, "\n", " "))
		}
		return nil
	}
	if q == "" {
		return fmt.Errorf("pass -dump DIR or -q QUERY")
	}
	data, err := readInput(os.Stdin)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	items := make([]finder.Item, len(lines))
	for i, l := range lines {
		items[i] = finder.Item{Block: i, Title: l, Haystack: l}
	}
	for _, r := range finder.NewIndexItems(items).Search(finder.Query{Pattern: q}) {
		fmt.Fprintln(out, lines[r.Item])
	}
	return nil
}

// readInput reads all of f: a file at once into a buffer of its size (a
// redirect from a file is the usual case; io.ReadAll's doubling from 512
// bytes cost about 300 ms on 18 MB), anything else through io.ReadAll.
func readInput(f *os.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() <= 0 {
		return io.ReadAll(bufio.NewReaderSize(f, 1<<20))
	}
	data := make([]byte, st.Size())
	n, err := io.ReadFull(f, data)
	if err == io.ErrUnexpectedEOF { // the file shrank meanwhile
		err = nil
	}
	return data[:n], err
}
