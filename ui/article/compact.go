package article

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// dropRepeatedStyles removes from a rendered line each reset that is
// followed, before any text, by the very style sequences already in force
// since the line's previous reset: the terminal draws the same cells
// without them. Glamour writes every padding space of a block, and every
// run of a paragraph, as its own colour-reset pair ("\x1b[38;5;252m
// \x1b[m"), so the 10k set's 1 MB article rendered at 160 columns was
// 11.3 MB of lines for 1.7 MB of text, held for the whole session; with
// this, 2.5 MB, and every frame measures, cuts and styles shorter lines:
// BenchmarkKeystroke/10k-1MB update+view 6-12 % faster (three paired runs
// of both test binaries). The whole start's peak RSS does not change (it
// comes before the render ends). Re-encoding each line through
// ultraviolet's cells (Line.Render) gave 2.2 MB but took 640 ms of CPU
// and changed the text of 29 lines; this keeps every byte it does not
// drop. TestDropRepeatedStylesKeepsCells holds the cells to ultraviolet's
// reading of the original line. Before the line's first reset the state is
// not known, so nothing there is dropped.
func dropRepeatedStyles(l string) string {
	if strings.Count(l, "\x1b[") < 4 {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	known := false    // a reset was seen: the state is reset + since
	var since string  // the style sequences applied since that reset
	var held string   // a reset and the style sequences after it, no text yet
	holding := false  // held is waiting for text
	flush := func() { // held sets the state to reset + its styles: write it
		since, known = held[resetLen(held):], true
		b.WriteString(held)
		held, holding = "", false
	}
	for i := 0; i < len(l); {
		j := strings.IndexByte(l[i:], 0x1b)
		if j != 0 {
			if j < 0 {
				j = len(l) - i
			}
			if holding {
				if known && held[resetLen(held):] == since {
					held, holding = "", false // the state it sets is the state in force
				} else {
					flush()
				}
			}
			b.WriteString(l[i : i+j])
			i += j
			continue
		}
		seq, _, n, _ := ansi.DecodeSequence(l[i:], ansi.NormalState, nil)
		if n <= 0 {
			n = 1
			seq = l[i : i+1]
		}
		i += n
		switch {
		case isReset(seq):
			if holding {
				flush()
			}
			held, holding = seq, true
		case isStyle(seq) && holding:
			held += seq
		case isStyle(seq):
			since += seq
			b.WriteString(seq)
		default: // not a style: keep everything in place
			if holding {
				flush()
			}
			b.WriteString(seq)
		}
	}
	if holding {
		flush()
	}
	return b.String()
}

// isStyle reports whether seq is a select-graphic-rendition sequence.
func isStyle(seq string) bool {
	return len(seq) >= 3 && seq[0] == 0x1b && seq[1] == '[' && seq[len(seq)-1] == 'm' &&
		strings.Trim(seq[2:len(seq)-1], "0123456789;:") == ""
}

// isReset reports whether seq resets every style ("\x1b[m", "\x1b[0m").
func isReset(seq string) bool { return seq == "\x1b[m" || seq == "\x1b[0m" }

// resetLen is the length of the reset that starts held.
func resetLen(held string) int {
	if strings.HasPrefix(held, "\x1b[0m") {
		return 4
	}
	return 3
}
