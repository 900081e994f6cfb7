package export

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/crux-news/crux/model"
)

func TestDOTGolden(t *testing.T) {
	checkGolden(t, "dot", render(t, FormatDOT))
}

// dotStatement splits one DOT statement line into its quoted ids and its
// attribute list, checking that every string is properly quoted.
var (
	dotNodeRE    = regexp.MustCompile(`^  ("(?:[^"\\]|\\.)*") \[(.*)\];$`)
	dotClusterRE = regexp.MustCompile(`^  subgraph "(cluster_[0-9]+)" \{$`)
	dotEdgeRE    = regexp.MustCompile(`^  ("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \[(.*)\];$`)
	dotAttrRE    = regexp.MustCompile(`^([a-z]+)=("(?:[^"\\]|\\.)*"|[A-Za-z0-9.#]+)$`)
)

// dotAttrs parses `k=v, k="v", ...`, failing on anything else.
func dotAttrs(s string) (map[string]string, error) {
	attrs := map[string]string{}
	for s != "" {
		// Take one attribute: up to the next ", " outside quotes.
		in, end := false, len(s)
		for i := 0; i < len(s); i++ {
			switch {
			case in && s[i] == '\\':
				i++
			case s[i] == '"':
				in = !in
			case !in && strings.HasPrefix(s[i:], ", "):
				end = i
			}
			if end != len(s) {
				break
			}
		}
		if in {
			return nil, fmt.Errorf("unterminated string in %q", s)
		}
		m := dotAttrRE.FindStringSubmatch(s[:end])
		if m == nil {
			return nil, fmt.Errorf("malformed attribute %q", s[:end])
		}
		attrs[m[1]] = m[2]
		s = strings.TrimPrefix(s[end:], ", ")
	}
	return attrs, nil
}

func TestDOTStructure(t *testing.T) {
	c := fixture(t)
	out := render(t, FormatDOT)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "digraph crux {" || lines[len(lines)-1] != "}" {
		t.Fatalf("not one digraph: first %q, last %q", lines[0], lines[len(lines)-1])
	}
	nodes := map[string]map[string]string{}
	edges := map[string]map[string]string{}
	cluster := map[string]string{} // node -> cluster it is declared in
	in := ""
	for i, line := range lines[1 : len(lines)-1] {
		ln := i + 2
		if in != "" && strings.HasPrefix(line, "    ") {
			line = line[2:]
		}
		switch {
		case line == "", strings.HasPrefix(line, "  graph ["), strings.HasPrefix(line, "  node ["), strings.HasPrefix(line, "  edge ["):
		case in == "" && dotClusterRE.MatchString(line):
			in = dotClusterRE.FindStringSubmatch(line)[1]
		case in != "" && line == "  }":
			in = ""
		case dotEdgeRE.MatchString(line):
			m := dotEdgeRE.FindStringSubmatch(line)
			a, err := dotAttrs(m[3])
			if err != nil {
				t.Fatalf("line %d: %v", ln, err)
			}
			edges[m[1]+" -> "+m[2]] = a
		case dotNodeRE.MatchString(line):
			m := dotNodeRE.FindStringSubmatch(line)
			a, err := dotAttrs(m[2])
			if err != nil {
				t.Fatalf("line %d: %v", ln, err)
			}
			nodes[m[1]] = a
			cluster[m[1]] = in
		default:
			t.Fatalf("line %d is not a DOT statement crux writes: %q", ln, line)
		}
	}
	shapes := map[model.Kind]string{model.KindClaim: "box", model.KindSkeptic: "octagon", model.KindCounterpoint: "ellipse"}
	for _, n := range c.Nodes() {
		a := nodes[`"`+n.ID+`"`]
		if a == nil {
			t.Errorf("no DOT node for %s", n.ID)
			continue
		}
		if a["shape"] != shapes[n.Kind] {
			t.Errorf("%s: shape %s, want %s", n.ID, a["shape"], shapes[n.Kind])
		}
		prefix := `"` + glyph(n.Kind) + " " + string(n.Kind) + ": "
		if !strings.HasPrefix(a["label"], prefix) {
			t.Errorf("%s: label %s does not start with %s", n.ID, a["label"], prefix)
		}
		if got := strings.ReplaceAll(a["label"], `\n`, " "); !strings.Contains(got, dotEscape(nodeSummary(n))) {
			t.Errorf("%s: label %s lacks the summary", n.ID, a["label"])
		}
	}
	// One cluster per claim, holding the positions that lead to it.
	want := map[string]string{
		"c-cost": "cluster_1", "s-final-run": "cluster_1", "s-chips": "cluster_1", "p-report": "cluster_1", "p-efficiency": "cluster_1",
		"c-charts": "cluster_2",
	}
	for id, cl := range want {
		if got := cluster[`"`+id+`"`]; got != cl {
			t.Errorf("%s is in cluster %q, want %q", id, got, cl)
		}
	}
	if in != "" {
		t.Errorf("cluster %s is not closed", in)
	}
	if len(nodes) != len(c.Nodes()) {
		t.Errorf("%d DOT nodes, want %d", len(nodes), len(c.Nodes()))
	}
	for _, l := range c.File.Links {
		key := fmt.Sprintf("%q -> %q", l.From, c.Node(l.To).ID)
		a := edges[key]
		if a == nil {
			t.Errorf("no edge %s", key)
			continue
		}
		want := map[model.LinkType][2]string{model.Attacks: {"dashed", "tee"}, model.Supports: {"solid", "normal"}}[l.Type]
		if a["style"] != want[0] || a["arrowhead"] != want[1] || a["label"] != `"`+string(l.Type)+`"` {
			t.Errorf("%s: style %s arrowhead %s label %s, want %v", key, a["style"], a["arrowhead"], a["label"], want)
		}
	}
	if len(edges) != len(c.File.Links) {
		t.Errorf("%d edges, want %d", len(edges), len(c.File.Links))
	}
}

func TestDOTEscape(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":     {"plain", "plain"},
		"quote":     {`say "hi"`, `say \"hi\"`},
		"backslash": {`a\nb \N`, `a\\nb \\N`},
		"newline":   {"a\nb", "a b"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := dotEscape(tc.in); got != tc.want {
				t.Errorf("dotEscape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestDOTParses runs the export through Graphviz. CI installs graphviz and
// sets CRUX_REQUIRE_DOT=1, so a missing dot fails there; elsewhere the test
// reports that it could not run.
func TestDOTParses(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CRUX_REQUIRE_DOT") == "1" {
			t.Fatal("CRUX_REQUIRE_DOT=1 but dot is not on PATH: apt-get install -y graphviz")
		}
		t.Log("dot is not on PATH; Graphviz parse check not run (install graphviz)")
		return
	}
	c := fixture(t)
	// Add the worst label text we can think of.
	c.File.Nodes = append(c.File.Nodes, &model.Node{
		ID: "s-nasty", Kind: model.KindSkeptic,
		Summary: `Quote " backslash \ escapes \n \l \N <html> {rec|ord} & -> ;`,
		Text:    "trailing backslash \\",
	})
	c.File.Links = append(c.File.Links, model.Link{From: "s-nasty", To: "c-charts", Type: model.Attacks, Note: `note "\`})
	c = model.NewContent(c.Path, c.File, c.Article)
	var src bytes.Buffer
	if err := WriteDOT(&src, c); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = &src
	var svg, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &svg, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s\n--- input ---\n%s", err, stderr.String(), src.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("dot -Tsvg warned:\n%s", stderr.String())
	}
	out := svg.String()
	if n := strings.Count(out, `class="node"`); n != len(c.Nodes()) {
		t.Errorf("SVG has %d nodes, want %d", n, len(c.Nodes()))
	}
	if n := strings.Count(out, `class="edge"`); n != len(c.File.Links) {
		t.Errorf("SVG has %d edges, want %d", n, len(c.File.Links))
	}
	// Label escapes stay literal text; the label is wrapped, so check words.
	for _, want := range []string{"Efficiency", "Quote &quot;", `\n`, `\l`, `\N`, "&lt;html&gt;", "{rec|ord}"} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}
