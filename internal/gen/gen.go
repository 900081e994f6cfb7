// Package gen writes large, valid content sets for benchmarks and load tests:
// a long Markdown article with headings, paragraphs, lists, quotes, code
// blocks and inline emphasis, and a claims graph whose anchors quote unique
// passages spread evenly through it, with links, sources and a tour.
//
// Generation is deterministic: the same Size always yields the same bytes.
// Large sets are meant to be written into a temporary directory (b.TempDir)
// and never committed.
package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/crux-news/crux/model"
)

// Size is the shape of a generated content set.
type Size struct {
	// Nodes is the number of claims, skeptic positions and counterpoints
	// together (at least 3).
	Nodes int
	// ArticleBytes is the article's approximate size in bytes. The article
	// grows past it when the anchors need more sentences.
	ArticleBytes int
	// Seed makes another, equally valid set of the same size.
	Seed uint64
}

// The sizes the benchmarks use.
var (
	// Small is a quick set for tests: 90 nodes over a 40 kB article.
	Small = Size{Nodes: 90, ArticleBytes: 40_000, Seed: 1}
	// Large is 10,000 nodes over a 1 MB article (about 150,000 words).
	Large = Size{Nodes: 10_000, ArticleBytes: 1 << 20, Seed: 1}
	// Huge is 100,000 nodes over a 5 MB article.
	Huge = Size{Nodes: 100_000, ArticleBytes: 5 << 20, Seed: 1}
)

// String names the size, e.g. "10k-1MB".
func (s Size) String() string {
	n := strconv.Itoa(s.Nodes)
	if s.Nodes >= 1000 && s.Nodes%1000 == 0 {
		n = strconv.Itoa(s.Nodes/1000) + "k"
	}
	b := strconv.Itoa(s.ArticleBytes/1000) + "kB"
	if s.ArticleBytes >= 1<<20 && s.ArticleBytes%(1<<20) == 0 {
		b = strconv.Itoa(s.ArticleBytes>>20) + "MB"
	}
	return n + "-" + b
}

// Set is a generated content set: claims.json and article.md.
type Set struct {
	Claims  []byte // claims.json
	Article []byte // article.md
	// Anchors is how many anchors the claims file holds.
	Anchors int
}

// ClaimsFile and ArticleFile are the file names Write uses.
const (
	ClaimsFile  = "claims.json"
	ArticleFile = "article.md"
)

// Write generates a set of size s into dir (which must exist) and returns
// the path of its claims file.
func Write(dir string, s Size) (string, error) {
	set, err := Generate(s)
	if err != nil {
		return "", err
	}
	claims := filepath.Join(dir, ClaimsFile)
	if err := os.WriteFile(filepath.Join(dir, ArticleFile), set.Article, 0o644); err != nil {
		return "", fmt.Errorf("writing the generated article: %w", err)
	}
	if err := os.WriteFile(claims, set.Claims, 0o644); err != nil {
		return "", fmt.Errorf("writing the generated claims: %w", err)
	}
	return claims, nil
}

// Generate builds a content set of size s in memory.
func Generate(s Size) (Set, error) {
	if s.Nodes < 3 {
		return Set{}, fmt.Errorf("gen: %d nodes is too few; ask for at least 3 (a claim, a skeptic position and a counterpoint)", s.Nodes)
	}
	if s.ArticleBytes < 1000 {
		return Set{}, fmt.Errorf("gen: an article of %d bytes is too small; ask for at least 1000", s.ArticleBytes)
	}
	g := &generator{rng: rand.New(rand.NewPCG(s.Seed, s.Seed^0x9e3779b97f4a7c15))}
	claims := max(s.Nodes*3/10, 1)
	skeptics := max(s.Nodes*4/10, 1)
	counters := s.Nodes - claims - skeptics
	// Every claim and every other skeptic position is anchored, but not
	// more than one sentence in three: about 15 words a sentence.
	sentences := s.ArticleBytes / 100
	anchors := min(claims+skeptics/2, max(sentences/3, claims))
	quotes := g.article(s.ArticleBytes, anchors)
	f := g.claims(claims, skeptics, counters, quotes)
	data, err := encode(f)
	if err != nil {
		return Set{}, fmt.Errorf("gen: encoding claims: %w", err)
	}
	return Set{Claims: data, Article: []byte(g.md.String()), Anchors: len(quotes)}, nil
}

// encode writes claims.json with one source, node, link or tour per line,
// as large hand-kept files often are; fully indented, 100,000 nodes would
// pass the loader's 32 MiB limit.
func encode(f *model.File) ([]byte, error) {
	var b bytes.Buffer
	field := func(name string, v any, last bool) error {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "  %q: %s", name, data)
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		return nil
	}
	list := func(name string, n int, at func(int) any) error {
		fmt.Fprintf(&b, "  %q: [\n", name)
		for i := range n {
			data, err := json.Marshal(at(i))
			if err != nil {
				return err
			}
			b.WriteString("    ")
			b.Write(data)
			if i < n-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("  ]")
		return nil
	}
	b.WriteString("{\n")
	if err := field("schemaVersion", f.SchemaVersion, false); err != nil {
		return nil, err
	}
	if err := field("article", f.Article, false); err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		n    int
		at   func(int) any
	}{
		{"sources", len(f.Sources), func(i int) any { return f.Sources[i] }},
		{"nodes", len(f.Nodes), func(i int) any { return f.Nodes[i] }},
		{"links", len(f.Links), func(i int) any { return f.Links[i] }},
		{"tours", len(f.Tours), func(i int) any { return f.Tours[i] }},
	}
	for i, st := range steps {
		if err := list(st.name, st.n, st.at); err != nil {
			return nil, err
		}
		if i < len(steps)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

type generator struct {
	rng *rand.Rand
	md  strings.Builder
}

// words are the article's vocabulary; a few carry accents so that rune and
// byte offsets differ, as they do in real articles. None is "case": the
// anchored sentences use "case N" as their unique marker.
var words = strings.Fields(`the a of and to in that is for on with as by at from
it this be are was were has have had not but or its their which more than also
model models training cost costs chip chips compute data lab labs company
companies researchers engineers market markets price prices export controls
open weights reasoning benchmark benchmarks paper report reports claim claims
figure figures million billion dollars hours run runs cluster clusters power
energy policy policies government investors shares fell rose week month year
analysts estimate estimates suggest suggests argue argues evidence source
sources method methods result results team teams release released efficient
efficiency scale scaling inference distillation hardware software supply
demand growth risk risks question questions answer answers early late new old
large small fast slow cheap expensive public private global local naïve café
résumé über coöperation façade déjà vu`)

var codeSnippets = []string{
	"```go\nfunc cost(hours, rate float64) float64 {\n\treturn hours * rate\n}\n```",
	"```python\ndef flops(params, tokens):\n    return 6 * params * tokens\n```",
	"```sh\n$ curl -s https://example.org/report.json | jq '.runs[] | .hours'\n```",
	"```json\n{\"model\": \"example\", \"params\": 671, \"active\": 37}\n```",
	"    indented code: total = sum(hours) * price\n    print(total)",
}

func (g *generator) word() string { return words[g.rng.IntN(len(words))] }

// plainWords returns n random words joined by spaces.
func (g *generator) plainWords(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.word()
	}
	return out
}

// decorate wraps some words of a sentence in inline Markdown; the reader
// text (and so the anchors) sees only the words.
func (g *generator) decorate(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		switch g.rng.IntN(40) {
		case 0:
			out[i] = "*" + w + "*"
		case 1:
			out[i] = "**" + w + "**"
		case 2:
			out[i] = "`" + w + "`"
		case 3:
			out[i] = "[" + w + "](https://example.org/" + w + ")"
		default:
			out[i] = w
		}
	}
	return strings.Join(out, " ")
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// anchorPlan spreads anchors evenly over the article's bytes.
type anchorPlan struct {
	total, target int
	quotes        []string
}

// due reports whether the next anchor should go at byte offset at.
func (p *anchorPlan) due(at int) bool {
	k := len(p.quotes)
	return k < p.total && at >= k*p.target/p.total
}

// sentence writes one sentence of prose; when an anchor is due it carries
// the unique marker "case N" and its reader text is recorded as a quote.
func (g *generator) sentence(b *strings.Builder, p *anchorPlan) {
	if p.due(g.md.Len() + b.Len()) {
		k := len(p.quotes) + 1
		pre, post := g.plainWords(3), g.plainWords(4)
		quote := strings.Join(pre, " ") + " in case " + strconv.Itoa(k) + " " + strings.Join(post, " ")
		p.quotes = append(p.quotes, quote)
		lead := capitalize(strings.Join(g.plainWords(2+g.rng.IntN(4)), " "))
		// Emphasis and a soft line break inside the quote: anchors match
		// the reader text, so neither may stop a match.
		mid := "in *case " + strconv.Itoa(k) + "*"
		if k%2 == 0 {
			mid = "in case " + strconv.Itoa(k)
		}
		sep := " "
		if k%3 == 0 {
			sep = "\n"
		}
		fmt.Fprintf(b, "%s %s %s%s%s %s.", lead, strings.Join(pre, " "), mid, sep, strings.Join(post, " "), g.decorate(g.plainWords(2+g.rng.IntN(5))))
		return
	}
	b.WriteString(capitalize(g.decorate(g.plainWords(8 + g.rng.IntN(13)))))
	b.WriteByte('.')
}

// para writes n sentences, wrapping lines at about 80 bytes like hand-written
// Markdown.
func (g *generator) para(n int, p *anchorPlan) string {
	var b strings.Builder
	lineStart := 0
	for i := range n {
		if i > 0 {
			if b.Len()-lineStart > 70 {
				b.WriteByte('\n')
				lineStart = b.Len()
			} else {
				b.WriteByte(' ')
			}
		}
		g.sentence(&b, p)
	}
	return b.String()
}

// article writes Markdown of about target bytes holding anchors unique
// passages and returns their quotes in order.
func (g *generator) article(target, anchors int) []string {
	p := &anchorPlan{total: anchors, target: target}
	g.md.WriteString("# A long report on the cost of training large models\n\n")
	g.md.WriteString("*A generated article for crux's performance benchmarks.*\n\n")
	section := 0
	for blocks := 0; g.md.Len() < target || len(p.quotes) < anchors; blocks++ {
		if blocks%14 == 0 {
			section++
			fmt.Fprintf(&g.md, "## %d. %s\n\n", section, capitalize(strings.Join(g.plainWords(3+g.rng.IntN(4)), " ")))
		} else if blocks%7 == 0 {
			fmt.Fprintf(&g.md, "### %s\n\n", capitalize(strings.Join(g.plainWords(2+g.rng.IntN(4)), " ")))
		}
		switch r := g.rng.IntN(100); {
		case r < 70:
			g.md.WriteString(g.para(3+g.rng.IntN(6), p))
		case r < 80:
			for i := range 3 + g.rng.IntN(3) {
				if i > 0 {
					g.md.WriteByte('\n')
				}
				g.md.WriteString("- " + g.para(1+g.rng.IntN(2), p))
			}
		case r < 85:
			for i := range 3 + g.rng.IntN(3) {
				if i > 0 {
					g.md.WriteByte('\n')
				}
				fmt.Fprintf(&g.md, "%d. %s", i+1, g.para(1, p))
			}
		case r < 92:
			g.md.WriteString("> " + strings.ReplaceAll(g.para(2+g.rng.IntN(3), p), "\n", "\n> "))
		default:
			g.md.WriteString(codeSnippets[g.rng.IntN(len(codeSnippets))])
		}
		g.md.WriteString("\n\n")
	}
	return p.quotes
}

var (
	speakers = []string{"An industry analyst", "A chip designer", "A former lab researcher", "An economist", "A policy adviser", "A hedge fund manager"}
	labels   = []string{"Supported", "Partly supported", "Disputed", "Unsupported", "Unverifiable"}
	tags     = []string{"cost", "hardware", "policy", "markets", "openness", "method", "energy"}
)

// claims builds the claims graph: claims anchored in order, skeptic
// positions attacking claims (every other one anchored too), counterpoints
// attacking skeptic positions and some supporting claims, sources and a tour.
func (g *generator) claims(nc, ns, np int, quotes []string) *model.File {
	f := &model.File{
		SchemaVersion: model.SchemaVersion,
		Article: model.ArticleMeta{Path: ArticleFile, Title: "A long report on the cost of training large models",
			Author: "crux gen", Publisher: "crux benchmarks", Published: "2025-01-28"},
	}
	for i := range 20 {
		f.Sources = append(f.Sources, model.Source{
			ID: fmt.Sprintf("src-%02d", i), Title: capitalize(strings.Join(g.plainWords(5), " ")),
			Publisher: "Example Press", Published: "2025-01-20", URL: fmt.Sprintf("https://example.org/sources/%d", i),
		})
	}
	q := 0
	anchor := func() []model.Anchor {
		if q >= len(quotes) {
			return nil
		}
		q++
		return []model.Anchor{{Exact: quotes[q-1]}}
	}
	// Node texts are short, and one skeptic position or counterpoint in
	// three has one, so that 100,000 nodes fit the loader's 32 MiB limit on
	// claims files; one claim in three gets a second paragraph.
	text := func(i int, claim bool) string {
		if !claim && i%3 != 0 {
			return ""
		}
		long := claim && i%3 == 0
		t := capitalize(g.decorate(g.plainWords(8+g.rng.IntN(10)))) + "."
		if long {
			t += "\n\n" + capitalize(g.decorate(g.plainWords(8+g.rng.IntN(12)))) + "."
		}
		return t
	}
	summary := func(prefix string, i int) string {
		s := fmt.Sprintf("%s %d:", prefix, i)
		for range 3 + g.rng.IntN(5) {
			w := g.word()
			if len([]rune(s))+1+len([]rune(w)) > model.MaxSummary {
				break
			}
			s += " " + w
		}
		return s
	}
	claimID := func(i int) string { return fmt.Sprintf("claim-%06d", i) }
	skepticID := func(i int) string { return fmt.Sprintf("skeptic-%06d", i) }
	for i := range nc {
		f.Nodes = append(f.Nodes, &model.Node{
			ID: claimID(i), Kind: model.KindClaim, Summary: summary("Claim", i), Text: text(i, true),
			Anchors: anchor(), Sources: []string{f.Sources[i%len(f.Sources)].ID},
			Tags:   []string{tags[i%len(tags)]},
			Rating: &model.Rating{Label: labels[i%len(labels)], Explanation: capitalize(strings.Join(g.plainWords(10), " ")) + "."},
		})
	}
	for i := range ns {
		n := &model.Node{ID: skepticID(i), Kind: model.KindSkeptic, Summary: summary("Skeptic", i), Text: text(i, false),
			Speaker: speakers[i%len(speakers)], Tags: []string{tags[(i+3)%len(tags)]}}
		if i%2 == 0 {
			n.Anchors = anchor()
		}
		f.Nodes = append(f.Nodes, n)
		f.Links = append(f.Links, model.Link{From: n.ID, To: claimID(i % nc), Type: model.Attacks})
	}
	for i := range np {
		id := fmt.Sprintf("counter-%06d", i)
		f.Nodes = append(f.Nodes, &model.Node{ID: id, Kind: model.KindCounterpoint, Summary: summary("Counterpoint", i),
			Text: text(i, false), Sources: []string{f.Sources[(i+7)%len(f.Sources)].ID}})
		sk := i % ns
		f.Links = append(f.Links, model.Link{From: id, To: skepticID(sk), Type: model.Attacks})
		if i%7 == 0 {
			f.Links = append(f.Links, model.Link{From: id, To: claimID(sk % nc), Type: model.Supports, Note: "restates the claim's evidence"})
		}
	}
	tour := model.Tour{ID: "main", Title: "The main claims"}
	step := max(nc/25, 1)
	for i := 0; i < nc && len(tour.Steps) < 25; i += step {
		tour.Steps = append(tour.Steps, model.TourStep{Node: claimID(i), Notes: "Read the passage aloud, then ask the room."})
	}
	f.Tours = []model.Tour{tour}
	return f
}

// Meter reports a benchmark's processor time per operation as the
// "cpu-ms/op" metric: call it before the loop, and the function it returns
// after the loop with the number of iterations. With work spread over
// cores, CPU time exceeds wall time on an idle machine.
func Meter(b interface{ ReportMetric(float64, string) }) func(n int) {
	start, ok := CPUTime()
	return func(n int) {
		end, ok2 := CPUTime()
		if ok && ok2 && n > 0 {
			b.ReportMetric(float64(end-start)/float64(n)/1e6, "cpu-ms/op")
		}
	}
}
