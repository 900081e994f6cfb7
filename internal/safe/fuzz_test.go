package safe

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText checks that whatever a file holds, Text makes it inert without
// moving rune offsets, Line makes it one line, and JSON keeps its meaning.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;pwned\x07", "\x1b[2J\x1b[?1049l", "\u009b2J\u009d0;t\u009c",
		"\u202eevil\u2066", "\xff\xfe", "a\r\nb\tc\x7f", "\x1b]8;;https://evil.example/\x1b\\x\x1b]8;;\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		txt := Text(s)
		if err := Audit(txt, nil); err != nil {
			t.Fatalf("Text(%q) = %q is not inert: %v", s, txt, err)
		}
		if utf8.RuneCountInString(txt) != utf8.RuneCountInString(s) {
			t.Fatalf("Text(%q) changed the rune count", s)
		}
		if l := Line(s); strings.ContainsAny(l, "\n\t") || Audit(l, nil) != nil {
			t.Fatalf("Line(%q) = %q", s, l)
		}
		if err := Audit(Document(s), nil); err != nil {
			t.Fatalf("Document(%q): %v", s, err)
		}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		out := JSON(enc)
		if err := Audit(string(out), nil); err != nil {
			t.Fatalf("JSON(%s) = %s: %v", enc, out, err)
		}
		var back, want string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("JSON(%s) = %s is not JSON: %v", enc, out, err)
		}
		_ = json.Unmarshal(enc, &want)
		if back != want {
			t.Fatalf("JSON changed %q to %q", want, back)
		}
		_ = Unlink(s)
	})
}
