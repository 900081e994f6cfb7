package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crux-news/crux/export"
)

// runExport runs "export ARGS" on a fresh app and returns stdout, stderr
// and the error.
func runExport(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{opts: Options{Stdout: &stdout, Stderr: &stderr}}
	cmd := a.exportCmd()
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	err := cmd.Execute()
	return stdout.String(), stderr.String(), err
}

func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if err != nil {
		return -1
	}
	return ExitOK
}

func TestExportEmbeddedToStdout(t *testing.T) {
	for _, f := range export.Formats() {
		t.Run(f, func(t *testing.T) {
			out, _, err := runExport(t, "--format", f)
			if err != nil {
				t.Fatalf("export --format %s: %v", f, err)
			}
			if len(out) < 100 {
				t.Fatalf("export --format %s wrote %d bytes", f, len(out))
			}
			if f == export.FormatAIF || f == export.FormatClaimReview {
				if !json.Valid([]byte(out)) {
					t.Errorf("%s output is not JSON", f)
				}
			}
		})
	}
}

func TestExportOutFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.dot")
	if _, _, err := runExport(t, "--format", "dot", "--out", path); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(first), "digraph ") {
		t.Fatalf("--out file: %q, %v", first, err)
	}

	// A second export must not replace it without --force.
	_, _, err = runExport(t, "-f", "markdown", "-o", path)
	if exitCode(err) != ExitError || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("export over an existing file: %v (code %d)", err, exitCode(err))
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, first) {
		t.Fatal("the existing file changed without --force")
	}

	if _, _, err := runExport(t, "-f", "markdown", "-o", path, "--force"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !strings.HasPrefix(string(got), "# ") {
		t.Errorf("--force did not replace the file: %.40q", got)
	}
}

func TestExportUsageErrors(t *testing.T) {
	tests := map[string]struct {
		args []string
		want string
	}{
		"no format":      {nil, "--format is required"},
		"unknown format": {[]string{"--format", "pdf"}, `unknown --format "pdf"`},
		"two arguments":  {[]string{"--format", "dot", "a", "b"}, "accepts at most 1 arg"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := runExport(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
			if name != "two arguments" && exitCode(err) != ExitUsage {
				t.Errorf("exit code %d, want %d", exitCode(err), ExitUsage)
			}
			if name != "two arguments" && !strings.Contains(err.Error(), "argdown, aif, claimreview, dot, markdown") {
				t.Errorf("error %q does not list the formats", err)
			}
		})
	}
}

func TestExportBadContent(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "claims.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.json")
	_, _, err := runExport(t, "--format", "aif", "--out", out, dir)
	if exitCode(err) != ExitError || !strings.Contains(err.Error(), "claims.json") {
		t.Errorf("got %v (code %d), want exit 1 naming claims.json", err, exitCode(err))
	}
	if _, statErr := os.Stat(out); !errors.Is(statErr, os.ErrNotExist) {
		t.Error("a failed export left an --out file behind")
	}
}

func TestExportClaimReviewWarns(t *testing.T) {
	// The embedded content has no article.url, which Google requires.
	out, stderr, err := runExport(t, "--format", "claimreview")
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid([]byte(out)) {
		t.Fatal("claimreview export is not JSON")
	}
	if !strings.Contains(stderr, "claimreview export: article.url is not set") {
		t.Errorf("stderr %q does not warn about the missing article.url", stderr)
	}
	// Other formats have nothing to warn about.
	if _, stderr, err := runExport(t, "--format", "dot"); err != nil || strings.Contains(stderr, "export:") {
		t.Errorf("dot export: err %v, stderr %q", err, stderr)
	}
}
