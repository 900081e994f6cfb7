package theme

import (
	"reflect"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// NoColorMarkdown is Styles.Glamour under NO_COLOR: glamour's dark style
// without a colour. glamour's own no-colour style ("notty", the same
// config as "ascii" in glamour v2.0.1) writes the Markdown markers (# on
// the title, ** around bold, * around italics) instead of styling the
// text; this one keeps bold, italics and underlined links, as glow shows
// a document under NO_COLOR.
const NoColorMarkdown = "nocolor"

// Markdown is the glamour option for a Styles.Glamour name: a standard
// style, or NoColorMarkdown.
func Markdown(style string) glamour.TermRendererOption {
	if style == NoColorMarkdown {
		return glamour.WithStyles(noColorStyle())
	}
	return glamour.WithStandardStyle(style)
}

// noColorStyle is styles.DarkStyleConfig with every colour and the code
// highlighting removed. The copy shares only pointers it does not change
// (the fields set to nil here are the copy's own).
var noColorStyle = sync.OnceValue(func() ansi.StyleConfig {
	cfg := styles.DarkStyleConfig
	cfg.CodeBlock.Chroma, cfg.CodeBlock.Theme = nil, ""
	dropColours(reflect.ValueOf(&cfg).Elem())
	return cfg
})

// dropColours sets every Color and BackgroundColor in a style struct (and
// the structs in it) to nil.
func dropColours(v reflect.Value) {
	for i := range v.NumField() {
		f := v.Field(i)
		switch name := v.Type().Field(i).Name; {
		case f.Kind() == reflect.Struct:
			dropColours(f)
		case name == "Color" || name == "BackgroundColor":
			f.SetZero()
		}
	}
}
