package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPresentNotesGivenAFile checks the hint for a notes file passed to the
// speaker-notes flag of crux present, as an argument or as --notes=FILE.
func TestPresentNotesGivenAFile(t *testing.T) {
	nf := write(t, filepath.Join(t.TempDir(), "n.json"), readFile(t, "../../notes/testdata/import-sample.json"))
	arrayType := write(t, filepath.Join(t.TempDir(), "a.json"),
		strings.Replace(readFile(t, nf), `"type": "AnnotationCollection"`, `"type": ["AnnotationCollection"]`, 1))
	if readFile(t, arrayType) == readFile(t, nf) {
		t.Fatal("the sample notes no longer hold a top-level type")
	}
	for _, args := range [][]string{
		{"present", "--notes", nf},
		{"present", "--notes", arrayType},
		{"present", "--notes=" + nf},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := crux(t, args...)
			checkFailure(t, r, false, "starts the speaker-notes view and takes no file", "crux --notes FILE")
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d", r.code, ExitUsage)
			}
			if strings.Contains(r.stderr, "schemaVersion") {
				t.Errorf("the claims-file error is still shown\n%s", r)
			}
		})
	}
	// A notes file not made yet (as README's `--notes FILE` suggests) is a
	// usage error too, that leads with the hint, not with a read error on a
	// content path.
	gone := filepath.Join(t.TempDir(), "gone.json")
	r := crux(t, "present", "--notes", gone)
	checkFailure(t, r, false, "gone.json", "starts the speaker-notes view and takes no file")
	if r.code != ExitUsage || !strings.HasPrefix(r.stderr, "crux: --notes in crux present") {
		t.Errorf("present --notes %s: want a usage error (exit %d)\n%s", gone, ExitUsage, r)
	}
	// Anything else keeps its own error: a JSON file whose "type" is
	// nested, not top-level.
	nested := write(t, filepath.Join(t.TempDir(), "nested.json"), `{"x": {"type": "AnnotationCollection"}}`)
	r = crux(t, "present", "--notes", nested)
	if r.code != ExitError || strings.Contains(r.stderr, "speaker-notes") {
		t.Errorf("present --notes %s: want exit 1 without the hint\n%s", nested, r)
	}
}
