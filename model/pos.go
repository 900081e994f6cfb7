package model

import (
	"bytes"
	"sort"
)

// posIndex turns byte offsets of a UTF-8 text into 1-based line and column
// numbers, columns counted in characters.
//
// Every lookup costs at most one checkpoint's worth of bytes, however long
// the line: a file of a million nodes on one line has millions of findings,
// and counting each column from the start of its line was quadratic.
type posIndex struct {
	data  []byte
	lines []int // byte offset of the start of each line
	// runes[k] is the number of characters in data[:k*checkpoint]; built
	// on the first lineCol.
	runes []int
}

// checkpoint is the distance in bytes between two rune-count checkpoints.
const checkpoint = 1024

func newPosIndex(data []byte) *posIndex {
	lines := make([]int, 1, 64)
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, i)
	}
	return &posIndex{data: data, lines: lines}
}

// runesBefore counts the characters before byte offset off. In valid UTF-8
// a character starts at every byte that is not a continuation byte
// (10xxxxxx), so counts add up across checkpoints that split a character.
func (p *posIndex) runesBefore(off int) int {
	if p.runes == nil {
		p.runes = make([]int, len(p.data)/checkpoint+1)
		n := 0
		for k := 1; k < len(p.runes); k++ {
			n += countStarts(p.data[(k-1)*checkpoint : k*checkpoint])
			p.runes[k] = n
		}
	}
	k := off / checkpoint
	return p.runes[k] + countStarts(p.data[k*checkpoint:off])
}

func countStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xc0 != 0x80 {
			n++
		}
	}
	return n
}

// lineCol returns the 1-based line and column of byte offset off.
func (p *posIndex) lineCol(off int) (line, col int) {
	off = min(max(off, 0), len(p.data))
	l := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	return l + 1, p.runesBefore(off) - p.runesBefore(p.lines[l]) + 1
}
