package export

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/crux-news/crux/internal/safe"
	"github.com/crux-news/crux/model"
)

// hostile loads testdata/hostile, where every string an author controls
// carries terminal escape sequences, bidi overrides and links to file: and
// javascript: targets.
func hostile(t *testing.T) *model.Content {
	t.Helper()
	c, fs := model.LoadFile("../testdata/hostile/claims.json")
	if c == nil || fs.Errors() > 0 {
		t.Fatalf("hostile set does not load: %v", fs)
	}
	return c
}

// jsonStrings returns every string in a decoded JSON value, keys included.
func jsonStrings(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			out = jsonStrings(e, out)
		}
	case map[string]any:
		for k, e := range v {
			out = jsonStrings(e, append(out, k))
		}
	}
	return out
}

// TestHostileExportsCarryNoControls checks every export of the hostile set:
// no control character survives, raw or as a JSON escape that decodes back
// to one, and no percent-encoded one hides in a URL.
func TestHostileExportsCarryNoControls(t *testing.T) {
	c := hostile(t)
	escaped := regexp.MustCompile(`\\u00[01][0-9a-fA-F]|\\u007[fF]|\\x1[bB]|\\033`)
	pctControl := regexp.MustCompile(`%(?i:[01][0-9a-f]|7f|c2%[89][0-9a-f]|e2%80%a[a-e]|e2%81%a[6-9])`)
	for _, f := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, f, c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := b.String()
		if err := safe.Audit(out, nil); err != nil {
			t.Errorf("%s export: %v", f, err)
		}
		if m := escaped.FindString(out); m != "" {
			t.Errorf("%s export: escaped control %s", f, m)
		}
		texts := []string{out}
		if f == FormatAIF || f == FormatClaimReview {
			var v any
			if err := json.Unmarshal(b.Bytes(), &v); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			texts = jsonStrings(v, nil)
		}
		for _, s := range texts {
			if err := safe.Audit(s, nil); err != nil {
				t.Errorf("%s export, decoded string %q: %v", f, s, err)
			}
			if m := pctControl.FindString(s); m != "" {
				t.Errorf("%s export: percent-encoded control %s in %q", f, m, s)
			}
		}
		if !strings.Contains(out, "pwned-title") {
			t.Errorf("%s export lost the text around the escapes; the check proves nothing", f)
		}
	}
}
