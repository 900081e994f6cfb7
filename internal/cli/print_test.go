package cli

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), Options{Args: args, Stdout: &out, Stderr: &errb, Stdin: strings.NewReader("")})
	return out.String(), errb.String(), code
}

func TestPrintMarksPassagesAndIndexesNodes(t *testing.T) {
	out, errs, code := run(t, "--print", "../../testdata/bikelanes")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Riverside votes to build protected bike lanes\n=============================================",
		"The Riverside city council [■1 voted 6 to 3 on Tuesday ]■1 to build",
		"They say [▲4 parking spaces will be lost and customers will stay away ]▲4.",
		"■ claim claim-vote [■1]\n  The council voted 6 to 3 for the lanes\n  rating: Supported\n  ⊕ supports claim-cheapest",
		"● counter counter-phased\n  Building in phases keeps one lane open\n  ⊖ attacks skeptic-summer",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--print output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("--print wrote an escape sequence")
	}
}

func TestPrintWhenNotATerminal(t *testing.T) {
	// Options.IsTerminal is unset: stdout is not a terminal, so crux prints
	// instead of starting the UI.
	out, _, code := run(t)
	if code != 0 || !strings.Contains(out, "Index\n-----") || !strings.Contains(out, "DeepSeek") {
		t.Fatalf("exit %d, output starts %q", code, out[:min(len(out), 200)])
	}
}

func TestValidateExitCodes(t *testing.T) {
	cases := map[string]struct {
		args []string
		code int
		want string
	}{
		"embedded content is clean": {[]string{"validate"}, 0, "embedded claims.json: ok, 0 errors, 0 warnings"},
		"second set is clean":       {[]string{"validate", "../../testdata/bikelanes"}, 0, "ok, 0 errors"},
		"missing file":              {[]string{"validate", "no/such/claims.json"}, 1, "error[read-error]"},
		"too many arguments":        {[]string{"validate", "a", "b"}, 2, ""},
		"unknown flag":              {[]string{"validate", "--bogus"}, 2, ""},
		"bad theme":                 {[]string{"--theme", "pink", "--print"}, 2, ""},
		"unknown subcommand":        {[]string{"notes", "bogus"}, 2, "unknown command"},
		"too few arguments":         {[]string{"notes", "import"}, 2, "accepts between 1 and 2 arg(s)"},
		"unknown shorthand flag":    {[]string{"export", "-Z"}, 2, "unknown shorthand flag"},
		"invalid flag value":        {[]string{"export", "--force=maybe"}, 2, "invalid argument"},
		"bad content is not usage":  {[]string{"--print", "no/such/claims.json"}, 1, "no such file"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			out, errs, code := run(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Fatalf("output lacks %q:\n%s%s", tc.want, out, errs)
			}
			if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic:") {
				t.Fatalf("stack trace on stderr:\n%s", errs)
			}
		})
	}
}

// TestPrintWraps: --width wraps every line to that many columns, like
// glow's, and loses or changes no word; 0 does not wrap.
func TestPrintWraps(t *testing.T) {
	flat, _, code := run(t, "--print", "--width", "0", "../../testdata/bikelanes")
	if code != 0 {
		t.Fatalf("--width 0: exit %d", code)
	}
	long := 0
	for l := range strings.SplitSeq(flat, "\n") {
		long = max(long, ansi.StringWidth(l))
	}
	if long <= 40 {
		t.Fatalf("the longest unwrapped line is %d columns: nothing to wrap", long)
	}
	for _, w := range []int{40, 80} {
		out, errs, code := run(t, "--print", "--width", strconv.Itoa(w), "../../testdata/bikelanes")
		if code != 0 {
			t.Fatalf("--width %d: exit %d: %s", w, code, errs)
		}
		for l := range strings.SplitSeq(out, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("--width %d: line of %d columns: %q", w, ansi.StringWidth(l), l)
			}
		}
		// The same words in the same order, the title's rule aside.
		words := func(s string) string {
			return strings.Join(slices.DeleteFunc(strings.Fields(s), func(f string) bool { return strings.Trim(f, "=") == "" }), " ")
		}
		if words(out) != words(flat) {
			t.Fatalf("--width %d changed the words", w)
		}
	}
}
