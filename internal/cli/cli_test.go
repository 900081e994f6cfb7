package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crux-news/crux/export"
	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// result is what one crux invocation did.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// crux runs the command line through Run with buffers, as main would,
// failing the test when it does not finish in time (a FIFO read blocks).
func crux(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(context.Background(), Options{Args: args, Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Version: "test"})
	}()
	select {
	case code := <-done:
		return result{code, stdout.String(), stderr.String()}
	case <-time.After(20 * time.Second):
		t.Fatalf("crux %q did not finish in 20s (blocked on a read?)", args)
		return result{}
	}
}

// write creates a file under dir with content, making parent folders.
func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// bikes copies testdata/bikelanes into a fresh folder and returns it.
func bikes(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "set")
	write(t, filepath.Join(dir, "claims.json"), readFile(t, "../../testdata/bikelanes/claims.json"))
	write(t, filepath.Join(dir, "article.md"), readFile(t, "../../testdata/bikelanes/article.md"))
	return dir
}

func mkfifo(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	return path
}

// sparse makes a file larger than the loader's limit without writing it.
func sparse(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(`{"schemaVersion": 1, "nodes": [`); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(model.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	return path
}

// badContent builds a broken content set in dir and returns the argument
// to pass and words the one-line error must contain.
type badContent struct {
	name  string
	setup func(t *testing.T, dir string) string
	words []string
}

func badContents() []badContent {
	return []badContent{
		{"missing", func(t *testing.T, dir string) string { return filepath.Join(dir, "nope.json") },
			[]string{"nope.json", "no such file"}},
		{"directory as claims file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "claims.json")
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, []string{"claims.json", "no claims.json"}},
		{"folder whose claims.json is a folder", func(t *testing.T, dir string) string {
			if err := os.MkdirAll(filepath.Join(dir, "claims.json"), 0o755); err != nil {
				t.Fatal(err)
			}
			return dir
		}, []string{"claims.json", "not a regular file"}},
		{"fifo", func(t *testing.T, dir string) string { return mkfifo(t, filepath.Join(dir, "claims.json")) },
			[]string{"claims.json", "not a regular file"}},
		{"empty", func(t *testing.T, dir string) string { return write(t, filepath.Join(dir, "claims.json"), "") },
			[]string{"claims.json", "empty"}},
		{"binary", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "claims.json"), "\x7fELF\x02\x01\x01\x00\x00\x00\x1b]0;pwned\x07")
		}, []string{"claims.json:1:", "binary"}},
		{"truncated", func(t *testing.T, dir string) string {
			set := bikes(t)
			p := filepath.Join(set, "claims.json")
			data := readFile(t, p)
			return write(t, p, data[:len(data)/2])
		}, []string{"claims.json:", "syntax"}},
		{"wrong version", func(t *testing.T, dir string) string {
			set := bikes(t)
			p := filepath.Join(set, "claims.json")
			return write(t, p, strings.Replace(readFile(t, p), `"schemaVersion": 1`, `"schemaVersion": 99`, 1))
		}, []string{"claims.json:3:", "99"}},
		{"folder without claims.json", func(t *testing.T, dir string) string {
			write(t, filepath.Join(dir, "article.md"), "# hello\n")
			return dir
		}, []string{"no claims.json"}},
		{"article missing", func(t *testing.T, dir string) string {
			set := bikes(t)
			if err := os.Remove(filepath.Join(set, "article.md")); err != nil {
				t.Fatal(err)
			}
			return set
		}, []string{"claims.json:5:13", "article.md", "not found"}},
		{"article is a fifo", func(t *testing.T, dir string) string {
			set := bikes(t)
			if err := os.Remove(filepath.Join(set, "article.md")); err != nil {
				t.Fatal(err)
			}
			mkfifo(t, filepath.Join(set, "article.md"))
			return set
		}, []string{"article.md", "not a regular file"}},
		{"article path absolute", func(t *testing.T, dir string) string {
			set := bikes(t)
			p := filepath.Join(set, "claims.json")
			write(t, p, strings.Replace(readFile(t, p), `"path": "article.md"`, `"path": "/etc/passwd"`, 1))
			return set
		}, []string{"claims.json:5:13", "/etc/passwd", "leaves the content folder"}},
		{"article path escapes by ..", func(t *testing.T, dir string) string {
			set := bikes(t)
			p := filepath.Join(set, "claims.json")
			write(t, p, strings.Replace(readFile(t, p), `"path": "article.md"`, `"path": "../../../../etc/passwd"`, 1))
			return set
		}, []string{"claims.json:5:13", "leaves the content folder"}},
		{"article symlink to outside", func(t *testing.T, dir string) string {
			set := bikes(t)
			outside := write(t, filepath.Join(dir, "outside.md"), readFile(t, filepath.Join(set, "article.md")))
			if err := os.Remove(filepath.Join(set, "article.md")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(set, "article.md")); err != nil {
				t.Fatal(err)
			}
			return set
		}, []string{"claims.json:5:13", "leaves the content folder"}},
		{"article invalid UTF-8", func(t *testing.T, dir string) string {
			set := bikes(t)
			write(t, filepath.Join(set, "article.md"), "# Title\n\nSome text \xff\xfe here.\n")
			return set
		}, []string{"article.md:3:11", "UTF-8"}},
		{"symlink loop", func(t *testing.T, dir string) string {
			a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
			if err := os.Symlink(b, a); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(a, b); err != nil {
				t.Fatal(err)
			}
			return a
		}, []string{"a.json", "symlink loop"}},
		{"too large", func(t *testing.T, dir string) string { return sparse(t, filepath.Join(dir, "claims.json")) },
			[]string{"claims.json", "32 MiB"}},
		{"too deep", func(t *testing.T, dir string) string {
			deep := `{"schemaVersion": 1, "x": ` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}"
			return write(t, filepath.Join(dir, "claims.json"), deep)
		}, []string{"claims.json:1:", "deep"}},
		{"hostile file name", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "\x1b]0;pwned\x07.json")
		}, []string{`\x1b]0;pwned\a.json`, "no such file"}},
	}
}

// contentCommands are the commands that load a content set, with the
// content argument last.
var contentCommands = [][]string{
	{},
	{"--print"},
	{"validate"},
	{"export", "--format", "dot"},
	{"export", "--format", "markdown"},
	{"present"},
	{"present", "--notes"},
	{"notes", "export"},
	{"notes", "export", "--format", "json"},
}

// checkFailure asserts a failed run: non-zero exit, no stack trace, nothing
// raw from the file, and a message naming the file and the problem — on
// one line of stderr, or (validate) as findings and a summary on stdout.
func checkFailure(t *testing.T, r result, validate bool, words ...string) {
	t.Helper()
	if r.code == ExitOK {
		t.Fatalf("exit 0, want non-zero\n%s", r)
	}
	all := r.stdout + r.stderr
	for _, bad := range []string{"goroutine ", "panic:", "runtime error"} {
		if strings.Contains(all, bad) {
			t.Fatalf("output holds %q:\n%s", bad, r)
		}
	}
	if err := safe.Audit(all, nil); err != nil {
		t.Fatalf("output is not safe for a terminal: %v\n%s", err, r)
	}
	msg := strings.TrimRight(r.stderr, "\n")
	if validate {
		msg = r.stdout
		if !strings.Contains(r.stdout, "error[") {
			t.Fatalf("validate printed no error finding\n%s", r)
		}
	} else if msg == "" || strings.Contains(msg, "\n") {
		t.Fatalf("want a one-line message on stderr\n%s", r)
	}
	for _, w := range words {
		if !strings.Contains(msg, w) {
			t.Fatalf("message does not contain %q\n%s", w, r)
		}
	}
}

func TestBadContentThroughEveryCommand(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	for _, bc := range badContents() {
		for _, cmd := range contentCommands {
			name := bc.name + "/" + strings.Join(append([]string{"crux"}, cmd...), " ")
			t.Run(name, func(t *testing.T) {
				arg := bc.setup(t, t.TempDir())
				r := crux(t, append(append([]string(nil), cmd...), arg)...)
				checkFailure(t, r, len(cmd) > 0 && cmd[0] == "validate", bc.words...)
			})
		}
		t.Run(bc.name+"/crux notes import", func(t *testing.T) {
			arg := bc.setup(t, t.TempDir())
			mine := filepath.Join(t.TempDir(), "mine.json")
			other := write(t, filepath.Join(t.TempDir(), "other.json"), readFile(t, "../../notes/testdata/import-sample.json"))
			r := crux(t, "notes", "import", other, arg)
			checkFailure(t, r, false, bc.words...)
			if _, err := os.Stat(mine); err == nil {
				t.Fatal("a failed import created a notes file")
			}
		})
	}
}

// badNotes are broken notes files: each returns the path and words the
// one-line error must contain.
func badNotes() []badContent {
	sample := func(t *testing.T) string { return readFile(t, "../../notes/testdata/import-sample.json") }
	return []badContent{
		{"directory", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "notes.json")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, []string{"notes.json", "directory"}},
		{"fifo", func(t *testing.T, dir string) string { return mkfifo(t, filepath.Join(dir, "notes.json")) },
			[]string{"notes.json", "not a regular file"}},
		{"binary", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "notes.json"), "\x00\x01\x02\x1b]0;pwned\x07")
		}, []string{"notes.json:1:1", "invalid"}},
		{"truncated", func(t *testing.T, dir string) string {
			s := sample(t)
			return write(t, filepath.Join(dir, "notes.json"), s[:len(s)/2])
		}, []string{"notes.json:", "ends in the middle"}},
		{"wrong version", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "notes.json"), strings.Replace(sample(t), `"crux:version": 1`, `"crux:version": 99`, 1))
		}, []string{"notes.json", "99"}},
		{"not a notes file", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "notes.json"), readFile(t, "../../testdata/bikelanes/claims.json"))
		}, []string{"notes.json", "no crux notes collection found"}},
		{"symlink loop", func(t *testing.T, dir string) string {
			a, b := filepath.Join(dir, "notes.json"), filepath.Join(dir, "b.json")
			if err := os.Symlink(b, a); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(a, b); err != nil {
				t.Fatal(err)
			}
			return a
		}, []string{"notes.json", "symbolic links"}},
		{"too large", func(t *testing.T, dir string) string { return sparse(t, filepath.Join(dir, "notes.json")) },
			[]string{"notes.json", "32 MiB"}},
		{"too deep", func(t *testing.T, dir string) string {
			return write(t, filepath.Join(dir, "notes.json"), `{"items": `+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"}")
		}, []string{"notes.json", "depth"}},
		{"hostile id", func(t *testing.T, dir string) string {
			s := strings.Replace(sample(t), `"type": "Annotation"`, `"type": "Annotation\u001b]0;pwned\u0007"`, 1)
			s = strings.Replace(s, `"id": "urn:uuid:7d1c3a52-6a7e-4c55-9f0e-2c8e6f1b2a01"`, `"id": "urn:\u001b]52;c;aGk=\u0007"`, 1)
			return write(t, filepath.Join(dir, "notes.json"), s)
		}, []string{"notes.json", "/items/0"}},
	}
}

func TestBadNotesFilesThroughEveryCommand(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	set := bikes(t)
	for _, bn := range badNotes() {
		for _, cmd := range [][]string{
			{"notes", "export"},
			{"notes", "export", "--format", "json"},
		} {
			t.Run(bn.name+"/crux "+strings.Join(cmd, " "), func(t *testing.T) {
				p := bn.setup(t, t.TempDir())
				r := crux(t, append(append([]string(nil), cmd...), "--notes", p, set)...)
				checkFailure(t, r, false, bn.words...)
			})
		}
		t.Run(bn.name+"/crux notes import BAD", func(t *testing.T) {
			p := bn.setup(t, t.TempDir())
			mine := filepath.Join(t.TempDir(), "mine.json")
			r := crux(t, "notes", "import", "--notes", mine, p, set)
			checkFailure(t, r, false, bn.words...)
			if _, err := os.Stat(mine); err == nil {
				t.Fatal("a failed import created the notes file")
			}
		})
		t.Run(bn.name+"/crux notes import into BAD", func(t *testing.T) {
			p := bn.setup(t, t.TempDir())
			other := write(t, filepath.Join(t.TempDir(), "other.json"), readFile(t, "../../notes/testdata/import-sample.json"))
			r := crux(t, "notes", "import", "--notes", p, other, set)
			checkFailure(t, r, false, bn.words...)
		})
	}
	t.Run("missing/crux notes import", func(t *testing.T) {
		r := crux(t, "notes", "import", "--notes", filepath.Join(t.TempDir(), "mine.json"), filepath.Join(t.TempDir(), "gone.json"), set)
		checkFailure(t, r, false, "gone.json", "no such file")
	})
}

// payloads are escape sequences a hostile file may carry; none may reach
// the terminal raw.
var payloads = []string{
	"\x1b]0;pwned-title\x07", "\x1b]52;c;cHduZWQ=\x07", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"\x1b[2J", "\x1b[?1049l", "\u009b2J", "\u009d0;c1\u009c", "\u202eevil\u202c", "bell\x07cr\rdel\x7f",
}

// hostileNotes writes a notes file whose every string carries payloads.
func hostileNotes(t *testing.T, dir string) string {
	t.Helper()
	s := readFile(t, "../../notes/testdata/import-sample.json")
	for _, f := range []struct{ old, field string }{
		{`"name": "Ms. Ortiz"`, `"name": "Ms. Ortiz %s"`},
		{`"value": "Good question. Look at table 2."`, `"value": "Good %s question"`},
		{`"value": "base-rate"`, `"value": "tag %s"`},
		{`"value": "Which year?"`, `"value": "Which %s year?"`},
		{`"exact": "2020 had a spike"`, `"exact": "2020 %s spike"`},
		{`"source": "claims.json#c-drop"`, `"source": "claims.json#c-%s"`},
		{`"crux:article": "https://news.example/crime-down"`, `"crux:article": "https://news.example/%s"`},
	} {
		if !strings.Contains(s, f.old) {
			t.Fatalf("sample notes no longer hold %s", f.old)
		}
		var all strings.Builder
		for _, p := range payloads {
			all.WriteString(p)
		}
		enc, _ := json.Marshal(all.String())
		s = strings.ReplaceAll(s, f.old, fmt.Sprintf(f.field, strings.Trim(string(enc), `"`)))
	}
	return write(t, filepath.Join(dir, "hostile-notes.json"), s)
}

// checkInert fails when output holds anything but text, newlines and tabs.
func checkInert(t *testing.T, what, out string) {
	t.Helper()
	if err := safe.Audit(out, nil); err != nil {
		t.Fatalf("%s is not safe for a terminal: %v\n%s", what, err, out)
	}
}

func TestHostileContentOutputsAreInert(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	const set = "../../testdata/hostile"
	cases := [][]string{{"--print", set}, {set}, {"validate", set}}
	for _, f := range export.Formats() {
		cases = append(cases, []string{"export", "--format", f, set})
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := crux(t, args...)
			if r.code != ExitOK {
				t.Fatalf("want exit 0\n%s", r)
			}
			checkInert(t, "stdout", r.stdout)
			checkInert(t, "stderr", r.stderr)
			if args[0] != "validate" && !strings.Contains(r.stdout, "␛") && !strings.Contains(r.stdout, "Summary 0") {
				t.Fatalf("the hostile content is not in the output\n%s", r)
			}
		})
	}
	t.Run("print shows placeholders", func(t *testing.T) {
		r := crux(t, "--print", set)
		for _, want := range []string{"␛]0;pwned-title␇", "␛]52;c;", "␛[2J", "␛[?1049l", "�txt.exe�"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("--print does not show %q", want)
			}
		}
	})

	notesFile := hostileNotes(t, t.TempDir())
	for _, format := range []string{"md", "json"} {
		t.Run("notes export "+format, func(t *testing.T) {
			r := crux(t, "notes", "export", "--format", format, "--notes", notesFile, set)
			if r.code != ExitOK {
				t.Fatalf("want exit 0\n%s", r)
			}
			checkInert(t, "stdout", r.stdout)
			checkInert(t, "stderr", r.stderr)
			if !strings.Contains(r.stdout, "Good") {
				t.Fatalf("the note is not in the export\n%s", r)
			}
			out := filepath.Join(t.TempDir(), "out."+format)
			if r := crux(t, "notes", "export", "--format", format, "--notes", notesFile, "--out", out, set); r.code != ExitOK {
				t.Fatalf("--out: %s", r)
			}
			checkInert(t, "the --out file", readFile(t, out))
		})
	}
	t.Run("notes import", func(t *testing.T) {
		mine := filepath.Join(t.TempDir(), "mine.json")
		r := crux(t, "notes", "import", "--notes", mine, notesFile, set)
		if r.code != ExitOK {
			t.Fatalf("want exit 0\n%s", r)
		}
		checkInert(t, "stdout", r.stdout)
		checkInert(t, "stderr", r.stderr)
		if !strings.Contains(r.stdout, "Notes by: Ms. Ortiz ␛]0;pwned-title␇") {
			t.Fatalf("import does not name the creator with placeholders\n%s", r)
		}
		r = crux(t, "notes", "export", "--notes", mine, set)
		checkInert(t, "export of imported notes", r.stdout)
	})
	t.Run("validate hostile findings", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "claims.json"), `{"schemaVersion": 1, "\u001b]0;pwned\u0007": 1,
 "article": {"path": "\u001b[2J.md", "title": "\u009b2J"},
 "nodes": [{"id": "\u001b]52;c;aGk=\u0007", "kind": "\u202eclaim", "summary": "s\u001b[?1049l"}],
 "links": [{"from": "x\u001bc", "to": "y", "type": "\u001b]8;;https://evil.example/\u001b\\"}]}`)
		r := crux(t, "validate", dir)
		if r.code != ExitError {
			t.Fatalf("want exit 1\n%s", r)
		}
		checkInert(t, "validate output", r.stdout+r.stderr)
		for _, args := range [][]string{{dir}, {"export", "--format", "dot", dir}, {"notes", "export", dir}} {
			r := crux(t, args...)
			checkFailure(t, r, false, "claims.json")
		}
	})
}

// TestMegabyteLines loads content whose article and claims are each one
// line of megabytes: it must load (with a warning for the long summary) and
// print in reasonable time.
func TestMegabyteLines(t *testing.T) {
	dir := bikes(t)
	long := strings.Repeat("word ", 600_000) // 3 MB
	art := readFile(t, filepath.Join(dir, "article.md"))
	write(t, filepath.Join(dir, "article.md"), art+"\n\n"+long+"\n")
	claims := readFile(t, filepath.Join(dir, "claims.json"))
	claims = strings.Replace(claims, `"summary": "The council voted 6 to 3 for the lanes"`, `"summary": "`+long+`"`, 1)
	write(t, filepath.Join(dir, "claims.json"), strings.Join(strings.Fields(claims), " "))

	start := time.Now()
	r := crux(t, "validate", dir)
	if r.code != ExitOK || !strings.Contains(r.stdout, "warning[summary-too-long]") {
		t.Fatalf("validate: want exit 0 and a summary-too-long warning\n%.2000s", r)
	}
	if !strings.Contains(r.stdout, "claims.json:1:") {
		t.Fatalf("the warning does not say where\n%.2000s", r.stdout)
	}
	r = crux(t, "--print", dir)
	if r.code != ExitOK || len(r.stdout) < 3_000_000 {
		t.Fatalf("--print: exit %d, %d bytes", r.code, len(r.stdout))
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("validate and print of megabyte lines took %v", d)
	}
	t.Logf("validate and print of 3 MB lines: %v", time.Since(start))
}
