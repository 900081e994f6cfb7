package safe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unlink removes every OSC 8 hyperlink sequence from s, keeping the link
// text. Renderers such as glamour turn Markdown links into OSC 8 links to
// any target (file:, javascript:, a URL other than the text shows); crux
// makes links only of the http(s) URLs of its sources, so rendered Markdown
// goes through Unlink. Other escape sequences are kept.
func Unlink(s string) string {
	if !strings.Contains(s, "\x1b]8;") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "\x1b]8;")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		end := oscEnd(s)
		if end < 0 {
			// An unterminated link would swallow the rest: drop the opener.
			s = s[len("\x1b]8;"):]
			continue
		}
		s = s[end:]
	}
}

// oscEnd returns the offset just after the terminator (BEL or ESC \) of the
// OSC sequence at the start of s, or -1 when it is not terminated.
func oscEnd(s string) int {
	for i := 2; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return -1
		}
	}
	return -1
}

// Audit checks that s, something crux is about to write to a terminal,
// holds no escape sequence or control character other than crux's own:
// SGR styling (CSI … m), OSC 8 hyperlinks whose target link allows (link
// may be nil to allow none), newlines and tabs. It returns the first
// offending sequence and its byte offset, or nil. Tests use it on every
// screen and output that shows content.
func Audit(s string, link func(url string) bool) error {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, err := auditEscape(s[i:], link)
			if err != nil {
				return fmt.Errorf("byte %d: %w", i, err)
			}
			i += n
			continue
		case c == '\n' || c == '\t':
		case c < 0x20 || c == 0x7f:
			return fmt.Errorf("byte %d: raw control character 0x%02x in %q", i, c, around(s, i))
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return fmt.Errorf("byte %d: invalid UTF-8 in %q", i, around(s, i))
			}
			if _, bad := Placeholder(r); bad {
				return fmt.Errorf("byte %d: raw control or format character %U in %q", i, r, around(s, i))
			}
			i += size
			continue
		}
		i++
	}
	return nil
}

// auditEscape checks the escape sequence at the start of s and returns its
// length.
func auditEscape(s string, link func(string) bool) (int, error) {
	if len(s) < 2 {
		return 0, fmt.Errorf("lone ESC at the end")
	}
	switch s[1] {
	case '[':
		j := 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
			return 0, fmt.Errorf("malformed CSI %q", around(s, 0))
		}
		seq := s[:j+1]
		if s[j] != 'm' || strings.ContainsAny(seq[2:j], "<=>?") {
			return 0, fmt.Errorf("CSI %q is not SGR styling", seq)
		}
		return j + 1, nil
	case ']':
		end := oscEnd(s)
		if end < 0 {
			return 0, fmt.Errorf("unterminated OSC %q", around(s, 0))
		}
		seq := s[:end]
		body := strings.TrimSuffix(strings.TrimSuffix(seq[2:], "\x07"), "\x1b\\")
		if !strings.HasPrefix(body, "8;") {
			return 0, fmt.Errorf("OSC %q is not a hyperlink", seq)
		}
		parts := strings.SplitN(body, ";", 3)
		if len(parts) != 3 {
			return 0, fmt.Errorf("malformed OSC 8 %q", seq)
		}
		if url := parts[2]; url != "" && (link == nil || !link(url)) {
			return 0, fmt.Errorf("OSC 8 link to %q is not allowed", url)
		}
		return end, nil
	}
	return 0, fmt.Errorf("escape sequence %q is not crux's own", around(s, 0))
}

// around is a short excerpt of s from i, for messages.
func around(s string, i int) string {
	end := min(i+24, len(s))
	return s[i:end]
}

// Document makes a multi-line text output (Markdown, Argdown, DOT) safe to
// print: CRLF line ends become LF, and every other control character
// becomes its placeholder, as in Text.
func Document(s string) string {
	return Text(strings.ReplaceAll(s, "\r\n", "\n"))
}

// JSON makes encoded JSON safe to print without changing what it means:
// encoding/json already escapes C0 controls, so this escapes the rest that
// Placeholder flags (DEL, C1 controls, bidi overrides) as \uXXXX. Such
// runes can only occur inside JSON strings, where the escape is equivalent.
// Invalid UTF-8 bytes become U+FFFD, as encoding/json does when decoding.
func JSON(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		bad := r == utf8.RuneError && size <= 1
		if _, ctl := Placeholder(r); ctl && r >= 0x20 || bad {
			if out == nil {
				out = append(make([]byte, 0, len(b)+16), b[:i]...)
			}
			if bad {
				r = utf8.RuneError
			}
			out = fmt.Appendf(out, `\u%04x`, r)
		} else if out != nil {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return b
	}
	return out
}
