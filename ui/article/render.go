package article

import (
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sync/errgroup"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
	"github.com/crux-news/crux/ui/theme"
)

// span is a passage's stretch on one rendered line, in cells.
type span struct {
	start, end int // cell columns [start, end)
	passage    int // index into the passages
}

// rendered is the article rendered for one width, with every passage mapped
// to the lines and columns it covers. A partial render holds only the
// article's first screenfuls; its passages and blocks further on are -1.
type rendered struct {
	width   int
	lines   []string // each exactly width cells
	spans   [][]span // per line, sorted by start
	first   []int    // first line of each passage (-1 when not found)
	blocks  []int    // first line of each article block (-1 when not found)
	err     error
	style   string
	partial bool

	// The text map, kept only for a pane that selects text (SetSelectable):
	// at[i] is where text rune i is in cells (a byte offset; -1 when the
	// rune is a space or was not matched), cells the rendered runes.
	at    []int32
	cells cellMap
}

// renderedMsg carries a finished render back to the pane that asked for it.
// When r is partial, rest renders the whole article.
type renderedMsg struct {
	id   int // pane instance
	gen  int // request generation; older ones are dropped
	r    *rendered
	rest tea.Cmd
}

// doc is what a render needs of the article.
type doc struct {
	md, text string
	passages []model.Passage
	blocks   []model.Block
	textMap  bool // keep the text map (for selecting text)
}

// renderCmd renders the article in the background at width: first what
// fills a screen of height lines, then, in the command the first message
// carries, the whole article, its parts rendered in parallel. Both map the
// passages and blocks of the reader text onto the rendered lines.
func renderCmd(d doc, id, gen, width, height int, style string) tea.Cmd {
	return func() tea.Msg { return d.first(id, gen, width, height, style) }
}

// first renders what fills a screen of height lines and returns it with
// the command that renders the whole article (or the whole article, when
// it is that short).
func (d doc) first(id, gen, width, height int, style string) renderedMsg {
	first := firstBytes(width, height)
	parts := d.split(first, max(runtime.GOMAXPROCS(0), (len(d.md)-first)/partBytes))
	if len(parts) == 1 {
		return renderedMsg{id: id, gen: gen, r: d.renderParts(parts, nil, width, style)}
	}
	head := d.renderParts(parts[:1], nil, width, style)
	head.partial = true
	rest := func() tea.Msg {
		return renderedMsg{id: id, gen: gen, r: d.renderParts(parts, head, width, style)}
	}
	return renderedMsg{id: id, gen: gen, r: head, rest: rest}
}

// partBytes is about how much Markdown one part of the background render
// takes. Glamour's buffers, the rendered string and its copies grow with the
// part, so with a core's worth of parts rendering at a time the heap holds
// what parts of this size need, not what half the article needs. A start of
// the 10k set held 6 s (internal/gen/ptytime, 5 paired rounds): halves
// 1634 CPU-ms and 101.1 MiB peak RSS, 64 kB parts 1380 CPU-ms and 99.4 MiB
// (fewer collections), 16 kB parts 1367 CPU-ms and 96.5 MiB.
const partBytes = 64 << 10

// firstBytes is how much Markdown the first, quick render takes: about two
// screenfuls at the wrap width, so that the first frame is full.
func firstBytes(width, height int) int {
	return max(height, 24) * max(width, 40) * 2
}

// onRendered takes a finished render. The first screenful of a new render
// shows at once when nothing (or only another first screenful) is on screen,
// or the view is at the article's top; otherwise the old render stays until
// the whole new one is ready. The whole render replaces its own first
// screenful without moving the view: its first lines are the same.
func (m Model) onRendered(msg renderedMsg) (Model, tea.Cmd) {
	r := msg.r
	if msg.id != m.id || r.style != m.styles.Glamour {
		return m, nil
	}
	if m.pending != nil {
		return m.onPendingRendered(msg)
	}
	if r.partial {
		if msg.gen != m.gen {
			return m, nil // superseded: the rest is not worth rendering
		}
		if r.width == m.width && (m.cur == nil || m.cur.partial || m.win.Offset == 0) {
			m.show(r)
		}
		return m, msg.rest
	}
	m.cache[r.width] = r
	// Keep the renders of the current width and the one on screen only: a
	// 1 MB article's render is megabytes, and resizing visits many widths.
	for w := range m.cache {
		if w != m.width && w != r.width && (m.cur == nil || w != m.cur.width) {
			delete(m.cache, w)
		}
	}
	if r.width == m.want {
		m.want = 0
	}
	switch {
	case m.cur == nil:
		m.show(r)
	case r.width != m.width:
		// A render for a width the pane has left: keep it for later.
	case m.cur.partial && m.cur.width == r.width:
		// The selected passage may lie beyond the first screenful.
		pending := m.sel != "" && m.PassageLine(m.sel) < 0
		m.cur = r
		if pending {
			m.scrollToNode(m.sel)
		}
		if m.toEnd {
			m.win.Offset = m.Lines() // G pressed on the first screenful
		}
		m.toEnd = false
		m.clamp()
	default:
		m.swap(r)
	}
	return m, nil
}

// swap replaces the render on screen with one for another width or style
// and keeps the reading position: the block at the top of the view stays
// at the top, and a selected passage that was on screen stays on screen.
func (m *Model) swap(r *rendered) {
	if m.cur == nil {
		m.show(r)
		return
	}
	anchor := m.blockAt(m.win.Offset)
	selShown := false
	if line := m.PassageLine(m.sel); line >= m.win.Offset && line < m.win.Offset+m.height {
		selShown = true
	}
	m.cur = r
	if anchor >= 0 && anchor < len(r.blocks) && r.blocks[anchor] >= 0 {
		m.win.Offset = r.blocks[anchor]
	}
	m.clamp()
	if selShown {
		m.scrollToNode(m.sel)
	}
}

// glamourMargin is the left and right margin glamour's standard styles put
// around the document; the wrap width leaves room for it.
const glamourMargin = 2

// render renders the whole article in one piece.
func render(md, text string, passages []model.Passage, blocks []model.Block, width int, style string) *rendered {
	d := doc{md: md, text: text, passages: passages, blocks: blocks}
	return d.renderParts([]part{d.whole()}, nil, width, style)
}

// part is a stretch of the article that starts at a top-level paragraph
// (or the article's start) and ends before the next part: rendering parts
// one by one and joining them with a blank line draws what rendering the
// whole would. No passage crosses a part boundary.
type part struct {
	md0, md1     int // byte range in the Markdown
	text0, text1 int // byte range in the reader text
	rune0        int // rune offset of text0
	block0       int // first block of the part
	block1       int // first block of the next part
	pass0        int // first passage of the part (passages are sorted)
	pass1        int
}

func (d doc) whole() part {
	return part{md1: len(d.md), text1: len(d.text), block1: len(d.blocks), pass1: len(d.passages)}
}

// split cuts the article into a first part of at least first bytes of
// Markdown and up to n further parts of similar size. Cuts fall only before
// top-level paragraphs that no passage straddles; reference-style link
// definitions keep the whole article in one part, since a part would lose
// them.
func (d doc) split(first, n int) []part {
	if len(d.md) <= first || hasLinkDefinitions(d.md) {
		return []part{d.whole()}
	}
	lineStart := []int{0}
	for i := 0; i < len(d.md); i++ {
		if d.md[i] == '\n' {
			lineStart = append(lineStart, i+1)
		}
	}
	// Candidate cuts: block index, Markdown byte and rune offset in text.
	type cut struct{ block, md, runeOff int }
	var cuts []cut
	pi, reach := 0, 0 // passages are sorted by start; reach is the furthest end so far
	for bi, b := range d.blocks {
		for pi < len(d.passages) && d.passages[pi].Start < b.Start {
			reach = max(reach, d.passages[pi].End)
			pi++
		}
		if bi == 0 || b.Kind != "paragraph" || b.Line < 2 || b.Line > len(lineStart) || reach > b.Start {
			continue
		}
		cuts = append(cuts, cut{bi, lineStart[b.Line-1], b.Start})
	}
	// Pick the cuts: the first past first bytes, then evenly spaced.
	var picked []cut
	for _, c := range cuts {
		if c.md >= first {
			picked = append(picked, c)
			break
		}
	}
	if len(picked) == 0 {
		return []part{d.whole()}
	}
	step := max((len(d.md)-picked[0].md)/max(n, 1), 1)
	next := picked[0].md + step
	for _, c := range cuts {
		if c.md >= next && c.md > picked[len(picked)-1].md && len(d.md)-c.md > step/4 {
			picked = append(picked, c)
			next = c.md + step
		}
	}
	// Rune offsets to byte offsets in the reader text, in one pass.
	bytesAt := make([]int, len(picked))
	ri, k := 0, 0
	for bi := range d.text {
		for k < len(picked) && picked[k].runeOff == ri {
			bytesAt[k] = bi
			k++
		}
		ri++
	}
	for ; k < len(picked); k++ {
		bytesAt[k] = len(d.text)
	}
	parts := make([]part, 0, len(picked)+1)
	prev := part{}
	for i, c := range picked {
		p := prev
		p.md1, p.text1, p.block1 = c.md, bytesAt[i], c.block
		p.pass1 = p.pass0
		for p.pass1 < len(d.passages) && d.passages[p.pass1].Start < c.runeOff {
			p.pass1++
		}
		parts = append(parts, p)
		prev = part{md0: c.md, text0: bytesAt[i], rune0: c.runeOff, block0: c.block, pass0: p.pass1}
	}
	prev.md1, prev.text1, prev.block1, prev.pass1 = len(d.md), len(d.text), len(d.blocks), len(d.passages)
	return append(parts, prev)
}

// hasLinkDefinitions reports whether the Markdown defines reference links
// ("[name]: url" at the start of a line).
func hasLinkDefinitions(md string) bool {
	for line := range strings.Lines(md) {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") {
			continue
		}
		if i := strings.Index(t, "]:"); i > 1 {
			return true
		}
	}
	return false
}

// renderParts renders the parts (in parallel) and joins them into one
// render whose passages and blocks count over the whole article. When head
// is not nil it is parts[0], rendered already.
func (d doc) renderParts(parts []part, head *rendered, width int, style string) *rendered {
	rs := make([]*rendered, len(parts))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0)) // one part at a time per core, in order
	for i, p := range parts {
		if i == 0 && head != nil {
			rs[0] = head
			continue
		}
		g.Go(func() error { rs[i] = d.renderPart(p, width, style); return nil })
	}
	_ = g.Wait() // renderPart returns no error: a failed part shows its Markdown
	if len(rs) == 1 && head == nil && parts[0] == d.whole() {
		return rs[0]
	}
	out := &rendered{width: width, style: style}
	out.first = make([]int, len(d.passages))
	out.blocks = make([]int, len(d.blocks))
	for i := range out.first {
		out.first[i] = -1
	}
	for i := range out.blocks {
		out.blocks[i] = -1
	}
	n := 0
	for _, r := range rs {
		n += len(r.lines) + 1
	}
	out.lines = make([]string, 0, n)
	out.spans = make([][]span, 0, n)
	var flat []byte    // the text map's stripped lines (textMap)
	var starts []int32 // and where each line starts in them
	for i, r := range rs {
		p := parts[i]
		if i > 0 {
			out.lines = append(out.lines, strings.Repeat(" ", width))
			out.spans = append(out.spans, nil)
		}
		base := len(out.lines)
		out.lines = append(out.lines, r.lines...)
		for _, ss := range r.spans {
			if len(ss) > 0 {
				moved := make([]span, len(ss))
				for j, s := range ss {
					moved[j] = span{s.start, s.end, s.passage + p.pass0}
				}
				ss = moved
			}
			out.spans = append(out.spans, ss)
		}
		for j, l := range r.first {
			if l >= 0 {
				out.first[p.pass0+j] = base + l
			}
		}
		for j, l := range r.blocks {
			if l >= 0 {
				out.blocks[p.block0+j] = base + l
			}
		}
		if d.textMap {
			cell0 := int32(len(flat))
			if i > 0 {
				starts = append(starts, cell0) // the blank line between parts
			}
			for _, s := range r.cells.lines {
				starts = append(starts, s+cell0)
			}
			flat = append(flat, r.cells.flat...)
			for _, x := range r.at {
				if x >= 0 {
					x += cell0
				}
				out.at = append(out.at, x)
			}
		}
		if r.err != nil && out.err == nil {
			out.err = r.err
		}
	}
	if d.textMap {
		out.cells = cellMap{flat: string(flat), lines: starts}
	}
	return out
}

// renderPart renders one part with glamour and maps its passages and
// blocks, counted from the part's start, onto its lines.
func (d doc) renderPart(p part, width int, style string) *rendered {
	r := &rendered{width: width, style: style}
	md := d.md[p.md0:p.md1]
	wrap := max(width-2*glamourMargin, 10)
	tr, err := glamour.NewTermRenderer(theme.Markdown(style), glamour.WithWordWrap(wrap))
	var out string
	if err == nil {
		out, err = tr.Render(md)
	}
	if err != nil {
		// Show the Markdown as plain text rather than nothing.
		r.err = err
		out = md
	}
	// glamour links Markdown links to any target; only sources get links.
	r.lines = trimBlank(strings.Split(strings.Trim(safe.Unlink(out), "\n"), "\n"))
	// Every line exactly width cells, measured once here in the background,
	// so that drawing a frame never measures the article again.
	for i, l := range r.lines {
		l = dropRepeatedStyles(l)
		r.lines[i] = l
		switch w := ansi.StringWidth(l); {
		case w > width:
			r.lines[i] = ansi.Truncate(l, width, "")
		case w < width:
			r.lines[i] = l + strings.Repeat(" ", width-w)
		}
	}
	passages := make([]model.Passage, p.pass1-p.pass0)
	for i, ps := range d.passages[p.pass0:p.pass1] {
		ps.Start -= p.rune0
		ps.End -= p.rune0
		passages[i] = ps
	}
	blocks := make([]model.Block, p.block1-p.block0)
	for i, b := range d.blocks[p.block0:p.block1] {
		b.Start -= p.rune0
		b.End -= p.rune0
		blocks[i] = b
	}
	r.mapText(d.text[p.text0:p.text1], passages, blocks, d.textMap)
	return r
}

// trimBlank drops the lines at both ends that show nothing (glamour pads
// some blocks with a line of spaces).
func trimBlank(lines []string) []string {
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 1 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 1 && blank(lines[0]) {
		lines = lines[1:]
	}
	return lines
}
