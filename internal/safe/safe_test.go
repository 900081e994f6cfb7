package safe

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

func TestTextReplacesEveryControl(t *testing.T) {
	in := "a\x1b]0;t\x07b\u009b2J\u202ex\x7f\r\n\tz\xff"
	got := Text(in)
	if err := Audit(got, nil); err != nil {
		t.Fatalf("Text(%q) = %q: %v", in, got, err)
	}
	if want := "a␛]0;t␇b�2J�x␡␍\n\tz�"; got != want {
		t.Fatalf("Text(%q) = %q, want %q", in, got, want)
	}
	if len([]rune(got)) != len([]rune(in)) {
		t.Fatalf("Text changed the rune count: %d → %d", len([]rune(in)), len([]rune(got)))
	}
}

func TestLineIsOneLine(t *testing.T) {
	if got := Line("a\nb\tc\rd\x1b"); got != "a b c␍d␛" {
		t.Fatalf("Line = %q", got)
	}
}

func TestUnlink(t *testing.T) {
	cases := map[string]string{
		"plain": "plain",
		"\x1b]8;id=1;file:///etc/passwd\x1b\\text\x1b]8;;\x1b\\ after": "text after",
		"\x1b[1m\x1b]8;;javascript:x\x07bold\x1b]8;;\x07\x1b[0m":       "\x1b[1mbold\x1b[0m",
		"open \x1b]8;;https://x":                                       "open ;https://x",
	}
	for in, want := range cases {
		if got := Unlink(in); got != want {
			t.Errorf("Unlink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAudit(t *testing.T) {
	allow := func(u string) bool { return u == "https://ok.example/" }
	good := []string{
		"",
		"plain text\nand a tab\t",
		"\x1b[1;38;2;1;2;3mstyled\x1b[m",
		"\x1b]8;;https://ok.example/\x1b\\link\x1b]8;;\x1b\\",
		"\x1b]8;id=3;https://ok.example/\x07link\x1b]8;;\x07",
		"␛]0;shown as placeholders␇",
	}
	for _, s := range good {
		if err := Audit(s, allow); err != nil {
			t.Errorf("Audit(%q) = %v, want nil", s, err)
		}
	}
	bad := map[string]string{
		"title":     "x\x1b]0;pwned\x07",
		"clipboard": "\x1b]52;c;aGk=\x07",
		"link":      "\x1b]8;;https://evil.example/\x1b\\t\x1b]8;;\x1b\\",
		"clear":     "\x1b[2J",
		"altscreen": "\x1b[?1049l",
		"ris":       "\x1bc",
		"dcs":       "\x1bP+q\x1b\\",
		"apc":       "\x1b_G\x1b\\",
		"c1 csi":    "\u009b2J",
		"c1 osc":    "\u009d0;t\u009c",
		"bidi":      "\u202eevil",
		"bel":       "ding\x07",
		"cr":        "over\rwrite",
		"del":       "\x7f",
		"badutf8":   "\xff",
		"lone esc":  "\x1b",
		"open osc":  "\x1b]8;;https://ok.example/",
	}
	for name, s := range bad {
		if err := Audit(s, allow); err == nil {
			t.Errorf("%s: Audit(%q) = nil, want an error", name, s)
		} else if !strings.Contains(err.Error(), "byte") {
			t.Errorf("%s: error %q does not say where", name, err)
		}
	}
}

func TestJSONEscapesWhatEncodingJSONLeaves(t *testing.T) {
	in := map[string]string{"s": "a\x1b]0;t\x07 \u009b2J \u202eevil \x7f ok é"}
	enc, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := JSON(enc)
	if err := Audit(string(got), nil); err != nil {
		t.Fatalf("JSON(%s) = %s: %v", enc, got, err)
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("JSON output is not JSON: %v\n%s", err, got)
	}
	if back["s"] != in["s"] {
		t.Fatalf("JSON changed the meaning: %q, want %q", back["s"], in["s"])
	}
	if plain := []byte(`{"a":"b"}`); &JSON(plain)[0] != &plain[0] {
		t.Fatal("JSON copied clean input")
	}
}

func TestDocument(t *testing.T) {
	if got := Document("a\r\nb\rc\x1b[2J\n"); got != "a\nb␍c␛[2J\n" {
		t.Fatalf("Document = %q", got)
	}
}

func TestStripRemovesEveryControl(t *testing.T) {
	in := "a\x1b]0;t\x07b\u009b2J\u202ex\x7f\r\n\tz\xff"
	if got, want := Strip(in), "a]0;tb2Jx\n\tz\ufffd"; got != want {
		t.Fatalf("Strip(%q) = %q, want %q", in, got, want)
	}
	if got, want := StripLine("a\nb\x1b[2J\tc"), "a b[2J c"; got != want {
		t.Fatalf("StripLine = %q, want %q", got, want)
	}
	if s := "plain ✓ text"; Strip(s) != s {
		t.Fatalf("Strip changed clean text")
	}
}

func hostileContent(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFile("../../testdata/hostile/claims.json")
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("hostile set does not load: %v", fs)
	}
	return c
}

func TestStripFileCoversEveryString(t *testing.T) {
	c := hostileContent(t)
	data, err := json.Marshal(StripFile(c.File))
	if err != nil {
		t.Fatal(err)
	}
	// encoding/json writes C0 controls as \u00XX and the rest raw; neither
	// may be left.
	if m := regexp.MustCompile(`\\u00[01][0-9a-f]`).Find(data); m != nil {
		t.Fatalf("stripped file still has an escaped control: %s", m)
	}
	if err := Audit(string(data), nil); err != nil {
		t.Fatal(err)
	}
	if c.File.Nodes[0].Summary == StripFile(c.File).Nodes[0].Summary {
		t.Fatal("StripFile changed nothing in the hostile set; the test proves nothing")
	}
}

// TestContentCopiesOnlyWhatChanges: content with nothing to replace comes
// back as it is; hostile content comes back as a copy with every string
// made safe, the loaded content left as it was, and the nodes that had
// nothing to replace shared.
func TestContentCopiesOnlyWhatChanges(t *testing.T) {
	clean, fs := model.LoadFile("../../testdata/bikelanes/claims.json")
	if clean == nil || fs.Errors() > 0 {
		t.Fatalf("bikelanes does not load: %v", fs)
	}
	if got := Content(clean); got != clean {
		t.Error("content with nothing to replace was copied")
	}

	c := hostileContent(t)
	before, err := json.Marshal(c.File)
	if err != nil {
		t.Fatal(err)
	}
	got := Content(c)
	if got == c {
		t.Fatal("hostile content came back as it was")
	}
	after, err := json.Marshal(c.File)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("making the content safe changed the loaded content")
	}
	data, err := json.Marshal(got.File)
	if err != nil {
		t.Fatal(err)
	}
	// Text keeps newlines and tabs, which encoding/json escapes; any other
	// escaped control is left over.
	if m := regexp.MustCompile(`\\u00[01][0-9a-f]`).Find(data); m != nil {
		t.Fatalf("safe content still has a control: %s", m)
	}
	if err := Audit(got.Article.Text+got.Article.Markdown+got.Article.Title, nil); err != nil {
		t.Fatal(err)
	}

	// One hostile summary: that node is copied, the others are shared.
	f := *clean.File
	f.Nodes = slices.Clone(f.Nodes)
	evil := *f.Nodes[1]
	evil.Summary = "clears \x1b[2J the screen"
	f.Nodes[1] = &evil
	one := Content(model.NewContent(clean.Path, &f, clean.Article))
	for i, n := range one.File.Nodes {
		if (n == f.Nodes[i]) != (i != 1) {
			t.Errorf("node %d (%s) shared: %v", i, n.ID, n == f.Nodes[i])
		}
	}
	if s := one.File.Nodes[1].Summary; s != "clears ␛[2J the screen" || evil.Summary == s {
		t.Errorf("the hostile summary became %q, and the loaded one %q", s, evil.Summary)
	}
}
