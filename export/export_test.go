package export

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

// render runs one exporter over the fixture.
func render(t *testing.T, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, fixture(t)); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return b.String()
}

// checkGolden compares got with testdata/<name>.golden. UPDATE_GOLDEN=1
// rewrites the file instead; review the diff before committing it.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (run UPDATE_GOLDEN=1 go test ./export/ to create it)", path, err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the export; run UPDATE_GOLDEN=1 go test ./export/ and review the diff.\n--- got ---\n%s", path, got)
	}
}

func TestWriteDispatch(t *testing.T) {
	c := fixture(t)
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			var viaWrite, direct bytes.Buffer
			if err := Write(&viaWrite, strings.ToUpper(f), c); err != nil {
				t.Fatalf("Write(%q): %v", strings.ToUpper(f), err)
			}
			writers := map[string]func(*bytes.Buffer) error{
				FormatArgdown:     func(b *bytes.Buffer) error { return WriteArgdown(b, c) },
				FormatAIF:         func(b *bytes.Buffer) error { return WriteAIF(b, c) },
				FormatClaimReview: func(b *bytes.Buffer) error { return WriteClaimReview(b, c) },
				FormatDOT:         func(b *bytes.Buffer) error { return WriteDOT(b, c) },
				FormatMarkdown:    func(b *bytes.Buffer) error { return WriteMarkdown(b, c) },
			}
			w, ok := writers[f]
			if !ok {
				t.Fatalf("format %q has no writer in this test", f)
			}
			if err := w(&direct); err != nil {
				t.Fatal(err)
			}
			if viaWrite.String() != direct.String() || direct.Len() == 0 {
				t.Errorf("Write(%q) and its writer disagree or wrote nothing (%d bytes)", f, direct.Len())
			}
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "pdf", fixture(t))
	if err == nil {
		t.Fatal("Write(pdf) succeeded")
	}
	for _, want := range append([]string{`"pdf"`}, Formats()...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestFormatsIsACopy(t *testing.T) {
	f := Formats()
	f[0] = "changed"
	if Formats()[0] != FormatArgdown {
		t.Error("changing the slice Formats returned changed the next result")
	}
}

// failWriter fails every write.
type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrors(t *testing.T) {
	for _, f := range Formats() {
		t.Run(f+"/write", func(t *testing.T) {
			err := Write(failWriter{}, f, fixture(t))
			if !errors.Is(err, errDiskFull) {
				t.Errorf("got %v, want the writer's error wrapped", err)
			}
		})
		t.Run(f+"/dangling", func(t *testing.T) {
			c := fixture(t)
			c.File.Links = append(c.File.Links, model.Link{From: "p-report", To: "c-nowhere", Type: model.Attacks})
			c = model.NewContent(c.Path, c.File, c.Article)
			err := Write(&bytes.Buffer{}, f, c)
			if f == FormatClaimReview {
				// ClaimReview carries no links, so a dangling one does not matter.
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "c-nowhere") {
				t.Errorf("got %v, want an error naming c-nowhere", err)
			}
		})
		t.Run(f+"/nil", func(t *testing.T) {
			if err := Write(&bytes.Buffer{}, f, nil); err == nil {
				t.Error("nil content exported without error")
			}
		})
	}
}

func TestEmptyContent(t *testing.T) {
	f := &model.File{SchemaVersion: model.SchemaVersion, Article: model.ArticleMeta{Path: "a.md"}}
	c := model.NewContent("claims.json", f, model.Article{ArticleMeta: f.Article})
	for _, format := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, format, c); err != nil {
			t.Errorf("%s: %v", format, err)
		}
		if b.Len() == 0 {
			t.Errorf("%s wrote nothing for an empty content set", format)
		}
	}
	var b bytes.Buffer
	if err := WriteClaimReview(&b, c); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("claimreview of no claims = %q, %v; want []", b.String(), err)
	}
}

func TestWrap(t *testing.T) {
	tests := map[string]struct {
		in    string
		width int
		want  []string
	}{
		"short":    {"a b c", 10, []string{"a b c"}},
		"breaks":   {"one two three four", 9, []string{"one two", "three", "four"}},
		"longword": {"a supercalifragilistic b", 5, []string{"a", "supercalifragilistic", "b"}},
		"empty":    {"", 5, []string{""}},
		"runes":    {"ééé ééé", 3, []string{"ééé", "ééé"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := wrap(tc.in, tc.width)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
			}
		})
	}
}

// mustWrite runs one writer and returns its output.
func mustWrite(t *testing.T, w func(io.Writer, *model.Content) error, c *model.Content) string {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestControlCharactersDropped(t *testing.T) {
	c := fixture(t)
	c.File.Nodes[0].Summary = "evil\x1b[2J summary\u202e"
	c.File.Nodes[0].Text = "text\x1b]0;title\x07 with\r\nbreaks\x9b"
	for _, f := range []string{FormatArgdown, FormatDOT, FormatMarkdown} {
		var b bytes.Buffer
		if err := Write(&b, f, c); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(b.String(), "\x1b\x07\r\u202e\u009b") {
			t.Errorf("%s export keeps control characters", f)
		}
	}
}
