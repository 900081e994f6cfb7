package model

import (
	"container/heap"
	"fmt"
)

// MaxFindings is the most findings one load keeps: the first ones by
// position. The rest are only counted, in one last finding of code
// "too-many-findings", so a file with millions of mistakes costs neither
// millions of messages in memory nor a terminal flooded with them.
const MaxFindings = 1000

// codeTooMany is the code of the finding that counts the ones left out.
const codeTooMany = "too-many-findings"

// capped keeps the MaxFindings findings that come first in the order of
// Findings.Sort, keyed by file and byte offset: a max-heap whose top is the
// finding that would be dropped next.
type capped struct {
	items                   []keptFinding
	omittedErr, omittedWarn int
}

type keptFinding struct {
	f   Finding
	off int // byte offset in f.Path, -1 when the finding has no position
}

func (c *capped) Len() int { return len(c.items) }
func (c *capped) Less(i, j int) bool {
	return after(c.items[i].f.Path, c.items[i].off, c.items[j].f.Path, c.items[j].off)
}
func (c *capped) Swap(i, j int) { c.items[i], c.items[j] = c.items[j], c.items[i] }
func (c *capped) Push(x any)    { c.items = append(c.items, x.(keptFinding)) }
func (c *capped) Pop() any {
	x := c.items[len(c.items)-1]
	c.items = c.items[:len(c.items)-1]
	return x
}

// after reports whether position (pa, a) sorts after (pb, b).
func after(pa string, a int, pb string, b int) bool {
	if pa != pb {
		return pa > pb
	}
	return a > b
}

// room reports whether a finding at (path, off) would be kept. When it
// would not, it is counted as omitted and the caller need not format it.
func (c *capped) room(path string, off int, sev Severity) bool {
	if len(c.items) < MaxFindings {
		return true
	}
	top := c.items[0]
	if after(path, off, top.f.Path, top.off) || path == top.f.Path && off == top.off {
		c.omit(sev)
		return false
	}
	return true
}

func (c *capped) omit(sev Severity) {
	if sev == SevError {
		c.omittedErr++
	} else {
		c.omittedWarn++
	}
}

// add keeps f, dropping the last-placed kept finding when full. Call room
// first.
func (c *capped) add(f Finding, off int) {
	heap.Push(c, keptFinding{f: f, off: off})
	if len(c.items) > MaxFindings {
		c.omit(heap.Pop(c).(keptFinding).f.Severity)
	}
}

// findings returns the kept findings, sorted, with lineCol filling in the
// position of those that have an offset, then the too-many-findings
// finding when some were left out.
func (c *capped) findings(claims string, lineCol func(int) (int, int)) Findings {
	out := make(Findings, 0, len(c.items)+1)
	for _, k := range c.items {
		if k.off >= 0 && lineCol != nil && k.f.Line == 0 {
			k.f.Line, k.f.Col = lineCol(k.off)
		}
		out = append(out, k.f)
	}
	out.Sort()
	if n := c.omittedErr + c.omittedWarn; n > 0 {
		sev := SevWarning
		if c.omittedErr > 0 {
			sev = SevError
		}
		out = append(out, Finding{Path: claims, Severity: sev, Code: codeTooMany,
			OmittedErrors: c.omittedErr, OmittedWarnings: c.omittedWarn,
			Message: fmt.Sprintf("%d more findings (%s, %s) are not listed: only the first %d are kept; fix these and validate again",
				n, plural(c.omittedErr, "error"), plural(c.omittedWarn, "warning"), MaxFindings)})
	}
	return out
}

// merge adds the findings kept and counted by o.
func (c *capped) merge(o *capped) {
	for _, k := range o.items {
		if c.room(k.f.Path, k.off, k.f.Severity) {
			c.add(k.f, k.off)
		}
	}
	c.omittedErr += o.omittedErr
	c.omittedWarn += o.omittedWarn
}
