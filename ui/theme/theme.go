// Package theme holds crux's semantic styles. One Styles value is built from
// the terminal's background (dark or light) and NO_COLOR, and passed to every
// pane; no other package picks colours.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"github.com/crux-news/crux/model"
)

// Styles are the semantic styles of every crux screen.
type Styles struct {
	IsDark  bool
	NoColor bool
	// Glamour is the glamour standard style name for Markdown: "dark",
	// "light", or NoColorMarkdown (Markdown reads these with Markdown).
	Glamour string

	Title       lipgloss.Style // content title in the status line
	Muted       lipgloss.Style // secondary text
	Faint       lipgloss.Style // hints, separators
	Bold        lipgloss.Style
	Error       lipgloss.Style
	Pane        lipgloss.Style // a pane's border, blurred
	PaneFocused lipgloss.Style // a pane's border, focused
	PaneTitle   lipgloss.Style
	PaneTitleOn lipgloss.Style // title of the focused pane
	Tab         lipgloss.Style
	TabActive   lipgloss.Style

	Claim        lipgloss.Style
	Skeptic      lipgloss.Style
	Counterpoint lipgloss.Style
	Attacks      lipgloss.Style
	Supports     lipgloss.Style

	Cursor        lipgloss.Style // list row under the cursor, focused pane
	CursorBlurred lipgloss.Style // list row under the cursor, blurred pane
	Match         lipgloss.Style // fuzzy-matched characters

	Mark         lipgloss.Style // an anchored passage in the article
	MarkSelected lipgloss.Style // the selected node's passage
	Selection    lipgloss.Style // text being selected for a new passage (crux edit)

	RatingGood  lipgloss.Style
	RatingMixed lipgloss.Style
	RatingBad   lipgloss.Style

	Link       lipgloss.Style
	StatusBar  lipgloss.Style
	StatusKey  lipgloss.Style
	Breadcrumb lipgloss.Style
}

// palette is a pair of colours for dark and light backgrounds.
type palette struct{ dark, light string }

func (p palette) pick(isDark bool) color.Color {
	if isDark {
		return lipgloss.Color(p.dark)
	}
	return lipgloss.Color(p.light)
}

// New builds the styles for a dark or light background; noColor drops every
// colour and keeps only bold, underline, italics and reverse video, so that the
// screen still reads under NO_COLOR.
func New(isDark, noColor bool) Styles {
	s := Styles{IsDark: isDark, NoColor: noColor}
	base := lipgloss.NewStyle()
	if noColor {
		s.Glamour = NoColorMarkdown
		s.Title = base.Bold(true)
		s.Muted = base
		s.Faint = base
		s.Bold = base.Bold(true)
		s.Error = base.Bold(true)
		s.Pane = base.Border(lipgloss.NormalBorder())
		s.PaneFocused = base.Border(lipgloss.ThickBorder())
		s.PaneTitle = base
		s.PaneTitleOn = base.Bold(true).Reverse(true)
		s.Tab = base
		s.TabActive = base.Bold(true).Reverse(true)
		s.Claim, s.Skeptic, s.Counterpoint = base.Bold(true), base.Bold(true), base.Bold(true)
		s.Attacks, s.Supports = base, base
		s.Cursor = base.Reverse(true)
		s.CursorBlurred = base.Underline(true)
		s.Match = base.Underline(true).Bold(true)
		s.Mark = base.Underline(true)
		s.MarkSelected = base.Reverse(true)
		s.Selection = base.Reverse(true).Underline(true)
		s.RatingGood, s.RatingMixed, s.RatingBad = base, base, base
		s.Link = base.Underline(true)
		s.StatusBar = base.Reverse(true)
		s.StatusKey = base.Reverse(true).Bold(true)
		s.Breadcrumb = base.Reverse(true)
		return s
	}
	c := func(dark, light string) color.Color { return palette{dark, light}.pick(isDark) }
	s.Glamour = "light"
	if isDark {
		s.Glamour = "dark"
	}
	accent := c("#B48EFF", "#6B3FC4")
	muted := c("#A0A0A8", "#5F5F6A")
	faint := c("#6A6A74", "#9A9AA4")
	border := c("#4A4A55", "#B8B8C4")
	s.Title = base.Bold(true).Foreground(accent)
	s.Muted = base.Foreground(muted)
	s.Faint = base.Foreground(faint)
	s.Bold = base.Bold(true)
	s.Error = base.Bold(true).Foreground(c("#FF6B6B", "#C0282D"))
	s.Pane = base.Border(lipgloss.RoundedBorder()).BorderForeground(border)
	s.PaneFocused = base.Border(lipgloss.RoundedBorder()).BorderForeground(accent)
	s.PaneTitle = base.Foreground(muted)
	s.PaneTitleOn = base.Bold(true).Foreground(accent)
	s.Tab = base.Foreground(muted).Padding(0, 1)
	s.TabActive = base.Bold(true).Foreground(c("#1A1A1A", "#FFFFFF")).Background(accent).Padding(0, 1)
	s.Claim = base.Bold(true).Foreground(c("#6CB6FF", "#0B5CAD"))
	s.Skeptic = base.Bold(true).Foreground(c("#FFB86C", "#A8570A"))
	s.Counterpoint = base.Bold(true).Foreground(c("#7EE0A1", "#1E7B3F"))
	s.Attacks = base.Foreground(c("#FF8A8A", "#B3262B"))
	s.Supports = base.Foreground(c("#7EE0A1", "#1E7B3F"))
	s.Cursor = base.Bold(true).Foreground(c("#FFFFFF", "#000000")).Background(c("#3B3B52", "#DCD3F5"))
	s.CursorBlurred = base.Background(c("#2A2A36", "#ECECF2"))
	s.Match = base.Bold(true).Underline(true).Foreground(c("#FFD866", "#8A5A00"))
	s.Mark = base.Underline(true).Foreground(c("#BFD7FF", "#1F3F7A"))
	s.MarkSelected = base.Bold(true).Foreground(c("#101010", "#FFFFFF")).Background(c("#FFD866", "#6B3FC4"))
	s.Selection = base.Foreground(c("#000000", "#FFFFFF")).Background(c("#7EE0A1", "#1E7B3F")).Underline(true)
	s.RatingGood = base.Foreground(c("#7EE0A1", "#1E7B3F"))
	s.RatingMixed = base.Foreground(c("#FFD866", "#8A5A00"))
	s.RatingBad = base.Foreground(c("#FF8A8A", "#B3262B"))
	s.Link = base.Underline(true).Foreground(c("#6CB6FF", "#0B5CAD"))
	s.StatusBar = base.Foreground(c("#D0D0D8", "#2A2A2A")).Background(c("#26262F", "#E4E4EC"))
	s.StatusKey = base.Bold(true).Foreground(c("#1A1A1A", "#FFFFFF")).Background(accent)
	s.Breadcrumb = base.Foreground(c("#D0D0D8", "#2A2A2A")).Background(c("#26262F", "#E4E4EC"))
	return s
}

// KindStyle is the style of a node kind.
func (s Styles) KindStyle(k model.Kind) lipgloss.Style {
	switch k {
	case model.KindSkeptic:
		return s.Skeptic
	case model.KindCounterpoint:
		return s.Counterpoint
	default:
		return s.Claim
	}
}

// Glyph is a node kind's glyph; glyphs differ in shape so that kinds are told
// apart without colour.
func Glyph(k model.Kind) string { return k.Glyph() }

// StanceGlyph is the one-cell sign of a stance, by its name as notes and
// polls spell it ("agree", "needs-evidence"): ✓ agree, ✗ disagree, ? unsure,
// § needs-evidence (the sign of a citation; not …, which marks cut text),
// a space for none. § is in Latin-1, so every terminal font has it, one
// cell wide.
func StanceGlyph(name string) string {
	switch name {
	case "agree":
		return "✓"
	case "disagree":
		return "✗"
	case "unsure":
		return "?"
	case "needs-evidence":
		return "§"
	}
	return " "
}

// KindWord is a short word for a node kind.
func KindWord(k model.Kind) string {
	switch k {
	case model.KindSkeptic:
		return "skeptic"
	case model.KindCounterpoint:
		return "counter"
	default:
		return "claim"
	}
}

// KindLabel is the glyph and word of a kind, styled: "■ claim".
func (s Styles) KindLabel(k model.Kind) string {
	return s.KindStyle(k).Render(Glyph(k) + " " + KindWord(k))
}

// RelationGlyph is a link type's glyph: ⊖ attacks, ⊕ supports.
func RelationGlyph(t model.LinkType) string { return t.Glyph() }

// RelationStyle is the style of a link type.
func (s Styles) RelationStyle(t model.LinkType) lipgloss.Style {
	if t == model.Attacks {
		return s.Attacks
	}
	return s.Supports
}

// RatingStyle picks a style for a rating label by its wording.
func (s Styles) RatingStyle(label string) lipgloss.Style {
	switch ratingTone(label) {
	case 1:
		return s.RatingGood
	case -1:
		return s.RatingBad
	default:
		return s.RatingMixed
	}
}

// ratingTone is +1 for supported verdicts, -1 for false or misleading ones
// and 0 for the rest.
func ratingTone(label string) int {
	switch lower(label) {
	case "supported", "true", "accurate", "confirmed", "correct", "mostly true", "mostly supported":
		return 1
	case "false", "misleading", "unsupported", "wrong", "incorrect", "mostly false", "not supported":
		return -1
	}
	return 0
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
