package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crux-news/crux/model"
)

// WriteArgdown writes c as an Argdown document: a YAML front matter with the
// article's metadata, sources and tours; claims as statements
// ("[id]: text #tag {data}") in article order; skeptic positions and
// counterpoints as arguments ("<id>: text {data}") in file order. Each link is
// a "+>" (supports) or "->" (attacks) relation under its From node, and the
// link's note goes into that node's YAML data, since Argdown relations carry
// none. Node ids become titles unchanged, so they must be slugs.
func WriteArgdown(w io.Writer, c *model.Content) error {
	if err := checkContent(c); err != nil {
		return err
	}
	var b bytes.Buffer
	writeArgdownFrontMatter(&b, c)

	var claims, others []*model.Node
	claims = append(claims, c.Claims()...)
	for _, n := range c.Nodes() {
		if n != nil && n.Kind != model.KindClaim {
			others = append(others, n)
		}
	}
	sections := []struct {
		heading string
		nodes   []*model.Node
	}{
		{"Claims", claims},
		{"Skeptic positions and counterpoints", others},
	}
	for _, s := range sections {
		if len(s.nodes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n# %s\n", s.heading)
		for _, n := range s.nodes {
			b.WriteString("\n")
			if err := writeArgdownNode(&b, c, n); err != nil {
				return err
			}
		}
	}
	return flush(w, FormatArgdown, &b)
}

// writeArgdownFrontMatter writes the "===" block. Argdown reads title,
// author and date itself; everything else goes under "crux".
func writeArgdownFrontMatter(b *bytes.Buffer, c *model.Content) {
	m := c.Article.ArticleMeta
	b.WriteString("===\n")
	fmt.Fprintf(b, "title: %s\n", yamlString(c.Title()))
	if m.Author != "" {
		fmt.Fprintf(b, "author: %s\n", yamlString(m.Author))
	}
	if m.Published != "" {
		fmt.Fprintf(b, "date: %s\n", yamlString(m.Published))
	}
	b.WriteString("crux:\n")
	fmt.Fprintf(b, "  schemaVersion: %d\n", c.File.SchemaVersion)
	b.WriteString("  article: ")
	writeFlowMap(b, []kv{
		{"path", m.Path}, {"title", m.Title}, {"author", m.Author},
		{"publisher", m.Publisher}, {"published", m.Published}, {"url", m.URL},
	})
	b.WriteString("\n")
	if r := c.File.Reviewer; r != nil {
		b.WriteString("  reviewer: ")
		writeFlowMap(b, []kv{{"name", r.Name}, {"url", r.URL}})
		b.WriteString("\n")
	}
	if len(c.File.Sources) > 0 {
		b.WriteString("  sources:\n")
		for _, s := range c.File.Sources {
			b.WriteString("    - ")
			writeFlowMap(b, []kv{
				{"id", s.ID}, {"title", s.Title}, {"publisher", s.Publisher},
				{"published", s.Published}, {"url", s.URL},
			})
			b.WriteString("\n")
		}
	}
	if len(c.File.Tours) > 0 {
		b.WriteString("  tours:\n")
		for _, t := range c.File.Tours {
			fmt.Fprintf(b, "    - id: %s\n", yamlString(t.ID))
			fmt.Fprintf(b, "      title: %s\n", yamlString(t.Title))
			b.WriteString("      steps:\n")
			for _, s := range t.Steps {
				b.WriteString("        - ")
				writeFlowMap(b, []kv{{"node", s.Node}, {"title", s.Title}, {"notes", s.Notes}})
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("===\n")
}

// writeArgdownNode writes one statement or argument with its data and its
// outgoing relations.
func writeArgdownNode(b *bytes.Buffer, c *model.Content, n *model.Node) error {
	ref, err := argdownRef(n)
	if err != nil {
		return err
	}
	b.WriteString(ref)
	b.WriteString(": ")
	b.WriteString(argdownText(nodeText(n)))
	for _, t := range n.Tags {
		b.WriteString(" ")
		b.WriteString(argdownTag(t))
	}
	b.WriteString(" ")
	// Resolve targets first: a link may name a node by a former id.
	links := c.LinksFrom(n.ID)
	tos := make([]*model.Node, len(links))
	for i, l := range links {
		to, err := target(c, l.To, l)
		if err != nil {
			return err
		}
		tos[i] = to
	}
	writeArgdownData(b, n, links, tos)
	b.WriteString("\n")
	for i, l := range links {
		toRef, err := argdownRef(tos[i])
		if err != nil {
			return err
		}
		var sym string
		switch l.Type {
		case model.Supports:
			sym = "+>"
		case model.Attacks:
			sym = "->"
		default:
			return fmt.Errorf("export argdown: link %s -> %s: unknown type %q (want supports or attacks)", l.From, l.To, l.Type)
		}
		fmt.Fprintf(b, "    %s %s\n", sym, toRef)
	}
	return nil
}

// writeArgdownData writes the node's YAML data as one inline flow mapping.
// It stays on one line: Argdown reads "{" followed by a line break as block
// YAML.
func writeArgdownData(b *bytes.Buffer, n *model.Node, links []model.Link, tos []*model.Node) {
	b.WriteString("{kind: ")
	b.WriteString(yamlString(string(n.Kind)))
	if n.Summary != "" {
		b.WriteString(", summary: ")
		b.WriteString(yamlString(n.Summary))
	}
	if n.Text != "" && n.Text != fold(n.Text) {
		// The statement text is folded to one line; keep the Markdown.
		b.WriteString(", text: ")
		b.WriteString(yamlString(n.Text))
	}
	if n.Speaker != "" {
		b.WriteString(", speaker: ")
		b.WriteString(yamlString(n.Speaker))
	}
	if n.Rating != nil {
		b.WriteString(", rating: ")
		writeFlowMap(b, []kv{{"label", n.Rating.Label}, {"explanation", n.Rating.Explanation}})
	}
	if len(n.Anchors) > 0 {
		b.WriteString(", anchors: [")
		for i, a := range n.Anchors {
			if i > 0 {
				b.WriteString(", ")
			}
			writeFlowMap(b, []kv{{"exact", a.Exact}, {"prefix", a.Prefix}, {"suffix", a.Suffix}})
		}
		b.WriteString("]")
	}
	writeFlowList(b, "sources", n.Sources)
	writeFlowList(b, "formerIds", n.FormerIDs)
	first := true
	for i, l := range links {
		if l.Note == "" {
			continue
		}
		if first {
			b.WriteString(", links: [")
			first = false
		} else {
			b.WriteString(", ")
		}
		writeFlowMap(b, []kv{{"to", tos[i].ID}, {"type", string(l.Type)}, {"note", l.Note}})
	}
	if !first {
		b.WriteString("]")
	}
	b.WriteString("}")
}

// kv is one key and string value of a YAML flow mapping.
type kv struct{ k, v string }

// writeFlowMap writes {k: "v", ...}, leaving out empty values.
func writeFlowMap(b *bytes.Buffer, kvs []kv) {
	b.WriteString("{")
	first := true
	for _, p := range kvs {
		if p.v == "" {
			continue
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.WriteString(p.k)
		b.WriteString(": ")
		b.WriteString(yamlString(p.v))
	}
	b.WriteString("}")
}

// writeFlowList writes `, key: ["a", "b"]` when vs is not empty.
func writeFlowList(b *bytes.Buffer, key string, vs []string) {
	if len(vs) == 0 {
		return
	}
	fmt.Fprintf(b, ", %s: [", key)
	for i, v := range vs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlString(v))
	}
	b.WriteString("]")
}

// yamlString quotes s, without control characters, as a YAML double-quoted
// scalar. JSON string syntax is valid YAML; on top of it, braces and "=" are
// written as \u escapes, because Argdown's lexer finds the end of a data
// block at the first "}" followed by a space and the end of the front matter
// at "===", quotes or not.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// Encoding a string cannot fail.
	_ = enc.Encode(clean(s))
	q := strings.TrimSuffix(b.String(), "\n")
	return strings.NewReplacer("{", `\u007b`, "}", `\u007d`, "=", `\u003d`).Replace(q)
}

// argdownRef is the node's title in brackets: [id] for a claim (a statement),
// <id> for any other kind (an argument).
func argdownRef(n *model.Node) (string, error) {
	if n.ID == "" || strings.ContainsAny(n.ID, "[]<>{}#@\\\n\r\t ") {
		return "", fmt.Errorf("export argdown: node id %q cannot be an Argdown title: use a slug such as \"c-rate-drop\"", n.ID)
	}
	if n.Kind == model.KindClaim {
		return "[" + n.ID + "]", nil
	}
	return "<" + n.ID + ">", nil
}

// argdownText escapes the characters that start Argdown syntax inside a
// statement's text: titles and references, tags, mentions, data, emphasis,
// front matter ("===") and comments ("//"). The text is already one line.
func argdownText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '\\', '[', ']', '<', '>', '{', '}', '#', '@', '*', '_', '=':
			b.WriteRune('\\')
		case '/':
			if i+1 < len(rs) && rs[i+1] == '/' { // "//" starts a comment; "*" is escaped anyway
				b.WriteRune('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// argdownTag writes a tag as #tag when Argdown's plain tag pattern takes it
// whole, else as #(tag text).
func argdownTag(t string) string {
	plain := t != ""
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			plain = false
			break
		}
	}
	if plain {
		return "#" + t
	}
	t = strings.NewReplacer("(", "", ")", "").Replace(fold(t))
	return "#(" + t + ")"
}
