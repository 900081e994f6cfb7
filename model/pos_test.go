package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLineCol compares lineCol with counting characters from the start of
// the line, at every offset of a text with long lines and multi-byte
// characters that straddle the checkpoints.
func TestLineCol(t *testing.T) {
	text := strings.Repeat("aé€𝄞 ", 700) + "\n\nx\n" + strings.Repeat("é", 3000) + "\n"
	data := []byte(text)
	p := newPosIndex(data)
	line, start := 1, 0
	for off := 0; off <= len(data); off++ {
		if off > 0 && data[off-1] == '\n' {
			line, start = line+1, off
		}
		if off < len(data) && !utf8.RuneStart(data[off]) {
			continue
		}
		l, c := p.lineCol(off)
		if want := utf8.RuneCount(data[start:off]) + 1; l != line || c != want {
			t.Fatalf("lineCol(%d) = %d:%d, want %d:%d", off, l, c, line, want)
		}
	}
}
