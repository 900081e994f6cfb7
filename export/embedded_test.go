package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/crux-news/crux/content"
	"github.com/crux-news/crux/model"
)

// TestEmbeddedContent runs every export over the content crux ships and
// applies the same checks as the fixture's: real texts carry quotes,
// dashes and typography the fixture may not.
func TestEmbeddedContent(t *testing.T) {
	c, fs := model.LoadFS(content.FS, content.ClaimsFile)
	if err := fs.Err(); err != nil {
		t.Fatalf("embedded content does not load: %v", err)
	}
	out := map[string]string{}
	for _, f := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, f, c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = b.String()
	}

	_, els, err := parseArgdown(out[FormatArgdown])
	if err != nil {
		t.Fatalf("argdown: %v", err)
	}
	defined := map[string]bool{}
	rels := 0
	for _, el := range els {
		defined[el.id] = true
		rels += len(el.rels)
	}
	for _, el := range els {
		for _, r := range el.rels {
			if !defined[r.to] {
				t.Errorf("argdown: %s relates to undefined %s", el.id, r.to)
			}
		}
	}
	if len(els) != len(c.Nodes()) || rels != len(c.File.Links) {
		t.Errorf("argdown: %d elements and %d relations, want %d and %d", len(els), rels, len(c.Nodes()), len(c.File.Links))
	}

	var aif aifRead
	if err := json.Unmarshal([]byte(out[FormatAIF]), &aif); err != nil {
		t.Fatalf("aif: %v", err)
	}
	if len(aif.Nodes) != len(c.Nodes())+len(c.File.Links) || len(aif.Edges) != 2*len(c.File.Links) {
		t.Errorf("aif: %d nodes and %d edges", len(aif.Nodes), len(aif.Edges))
	}

	var reviews []crRead
	if err := json.Unmarshal([]byte(out[FormatClaimReview]), &reviews); err != nil {
		t.Fatalf("claimreview: %v", err)
	}
	rated := 0
	for _, n := range c.Claims() {
		if n.Rating != nil {
			rated++
		}
	}
	if len(reviews) != rated {
		t.Errorf("claimreview: %d reviews for %d rated claims", len(reviews), rated)
	}
	// With a URL, every fragment must decode to its anchor and match.
	c.Article.URL = "https://example.org/article"
	var b bytes.Buffer
	if err := WriteClaimReview(&b, c); err != nil {
		t.Fatal(err)
	}
	reviews = nil
	if err := json.Unmarshal(b.Bytes(), &reviews); err != nil {
		t.Fatal(err)
	}
	folded := fold(c.Article.Text)
	i := 0
	for _, n := range c.Claims() {
		if n.Rating == nil {
			continue
		}
		app := reviews[i].ItemReviewed.Appearance
		i++
		_, frag, ok := strings.Cut(app.URL, "#:~:text=")
		if !ok {
			t.Errorf("%s: no text fragment in %q", n.ID, app.URL)
			continue
		}
		prefix, exact, suffix := parseDirective(t, frag)
		if a, _ := firstAnchor(n); exact != a.Exact {
			t.Errorf("%s: fragment quote %q, want %q", n.ID, exact, a.Exact)
		}
		if run := strings.TrimSpace(prefix + " " + exact); !strings.Contains(folded, run) {
			t.Errorf("%s: prefix and quote %q not in the article", n.ID, run)
		}
		if run := strings.TrimSpace(exact + " " + suffix); suffix != "" && !strings.Contains(folded, run) &&
			!strings.Contains(folded, exact+suffix) {
			t.Errorf("%s: quote and suffix %q not in the article", n.ID, run)
		}
	}

	if dot, err := exec.LookPath("dot"); err == nil {
		checkMapSize(t, dot, out[FormatDOT])
	}

	for _, n := range c.Claims() {
		if !strings.Contains(out[FormatMarkdown], mdEscape(nodeSummary(n))) {
			t.Errorf("markdown handout lacks claim %s", n.ID)
		}
	}
}

// The embedded map as "dot -Tpng" draws it (96 dpi) must fit a screen's
// width, so that it reads by scrolling down, cluster by cluster, like a
// page; docs/exports.md gives its size. Each cluster must be one claim.
const (
	mapMaxWidth  = 1400 // px
	mapMaxHeight = 7000 // px
)

func checkMapSize(t *testing.T, dot, src string) {
	t.Helper()
	cmd := exec.Command(dot, "-Tplain")
	cmd.Stdin = strings.NewReader(src)
	var plain, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &plain, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tplain on the embedded content: %v\n%s", err, stderr.String())
	}
	// The first line is "graph SCALE WIDTH HEIGHT", in inches.
	var scale, w, h float64
	if _, err := fmt.Sscanf(plain.String(), "graph %g %g %g", &scale, &w, &h); err != nil {
		t.Fatalf("dot -Tplain: %v in %.60q", err, plain.String())
	}
	wpx, hpx := int(w*96+0.5), int(h*96+0.5)
	t.Logf("embedded map: %d × %d px at 96 dpi (dot -Tpng)", wpx, hpx)
	if wpx > mapMaxWidth || hpx > mapMaxHeight {
		t.Errorf("embedded map is %d × %d px, over %d × %d: it no longer reads on a screen", wpx, hpx, mapMaxWidth, mapMaxHeight)
	}
}
